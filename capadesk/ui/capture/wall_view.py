"""The wall: cards on a grid under section headings (by use case, by thread, or none).

A custom item view because QListView lays every item out again, one delegate call each, when a
row is inserted, and has no section headings. Here the layout is plain arithmetic over the
model's rows (capadesk.ui.capture.wall_layout) and only the visible cards are painted, so one
more card on a wall of 2,000 shows within a frame. Selection, keyboard moves, rubber-band
selection and dragging cards out come from QAbstractItemView.

Grouped by use case, a use case with photos gets a strip of thumbnails under its heading (and
shows even before its first card); image files dropped on a use case's heading or strip are
offered for attaching, and a double click on a thumbnail asks for the larger view.

Signals:
    laid_out(int, int): the cards were laid out again; how many show, of how many.
    captures_dropped(object, list): cards dropped on a thread's section (grouped by thread);
        the thread id, or None for « Hors des fils », and the capture ids.
    files_dropped(object, list): files dropped on a use case's heading or photo strip: the use
        case id and the local paths (Path).
    photo_activated(object, int): a double click on a use case's photo: the use case id and the
        photo's number in its strip.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from capadesk.core.domain.capture import PhotoView
from capadesk.ui.capture.card_delegate import CardDelegate, CardStyle
from capadesk.ui.capture.palette import shown_text
from capadesk.ui.capture.photo_strip import ThumbnailCache, paint_strip
from capadesk.ui.capture.wall_layout import (
    Grid,
    Grouping,
    Placed,
    WallFilter,
    WallGeometry,
    section_key,
    sections,
)
from capadesk.ui.capture.wall_model import WallModel, capture_ids

_Index = QModelIndex | QPersistentModelIndex
_Move = QAbstractItemView.CursorAction


class WallView(QAbstractItemView):
    """See module docstring."""

    captures_dropped = Signal(object, list)
    laid_out = Signal(int, int)
    files_dropped = Signal(object, list)
    photo_activated = Signal(object, int)

    def __init__(
        self,
        model: WallModel,
        style: CardStyle | None = None,
        parent: QWidget | None = None,
        *,
        background: str = "#F3F4F6",
        heading: str = "#202124",
    ) -> None:
        super().__init__(parent)
        self.wall_model = model
        self.delegate = CardDelegate(model, style or CardStyle(), self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.grouping = Grouping.USE_CASE
        self.wall_filter = WallFilter()
        self.heading_colour = QColor(heading)
        self.heading_font = QFont()
        self.photos: dict[uuid.UUID, list[PhotoView]] = {}  # use case → its photos
        self.thumbnails: ThumbnailCache | None = None
        self._dirty = True
        self._geometry = WallGeometry([], self._grid(), 1)
        self.viewport().setStyleSheet(f"background: {background};")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        model.context_changed.connect(self.relayout)
        # After the rows are gone (rowsAboutToBeRemoved comes before: a layout computed in
        # between would still hold them).
        model.rowsRemoved.connect(self.relayout)
        self._set_heading_font()

    # --- settings -------------------------------------------------------------------------------

    def set_grouping(self, grouping: Grouping) -> None:
        """Gather the cards by ``grouping``."""
        self.grouping = grouping
        self.relayout()

    def set_filter(self, wall_filter: WallFilter) -> None:
        """Show only the cards ``wall_filter`` accepts."""
        self.wall_filter = wall_filter
        self.relayout()

    def set_photos(
        self,
        photos: Mapping[uuid.UUID, Sequence[PhotoView]],
        thumbnails: ThumbnailCache | None,
    ) -> None:
        """Show these photos in strips under their use cases' headings."""
        if thumbnails is not self.thumbnails:
            if self.thumbnails is not None:
                self.thumbnails.loaded.disconnect(self.viewport().update)
            if thumbnails is not None:
                thumbnails.loaded.connect(self.viewport().update)
            self.thumbnails = thumbnails
        self.photos = {key: list(found) for key, found in photos.items() if found}
        self.relayout()

    def set_card_style(self, style: CardStyle) -> None:
        """Draw cards with ``style`` (sizes and colours)."""
        self.delegate.set_style(style)
        self._set_heading_font()
        self.relayout()

    def _set_heading_font(self) -> None:
        self.heading_font.setPixelSize(round(self.delegate.style.text_pixels * 1.25))
        self.heading_font.setBold(True)

    def _grid(self) -> Grid:
        style = self.delegate.style
        header = round(style.text_pixels * 2.4)
        grouped = self.grouping is not Grouping.NONE
        return Grid(
            style.width,
            style.height,
            max(6, style.padding),
            style.padding * 2,
            header if grouped else 0,
            round(style.height * 0.75),
        )

    # --- layout -----------------------------------------------------------------------------

    def relayout(self) -> None:
        """Lay the cards out again at the next event-loop turn (or when next needed)."""
        self._dirty = True
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    def geometry_now(self) -> WallGeometry:
        """The layout of the cards, computed now if it is out of date."""
        if self._dirty:
            self._dirty = False
            strips: frozenset[uuid.UUID] = frozenset()
            if self.grouping is Grouping.USE_CASE:
                strips = frozenset(self.photos).intersection(self.wall_model.context.use_cases)
            found = sections(
                self.wall_model.captures,
                self.grouping,
                self.wall_filter,
                self.wall_model.context,
                () if self.wall_filter.active else strips,
            )
            self._geometry = WallGeometry(found, self._grid(), self.viewport().width(), strips)
            self.updateGeometries()
            self.laid_out.emit(len(self._geometry.order), self.wall_model.rowCount())
        return self._geometry

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt API)
        self.geometry_now()
        super().doItemsLayout()

    def shown_rows(self) -> list[int]:
        """The rows on the wall in reading order (filters applied)."""
        return list(self.geometry_now().order)

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:  # noqa: N802 (Qt API)
        super().rowsInserted(parent, start, end)
        model = self.wall_model
        if self._dirty or start != end or end != model.rowCount() - 1:
            self.relayout()  # rows moved: every place changes
            return
        # The usual case, one card typed: it goes at the end of its section, nothing else moves
        # but what lies below it, and only that is painted again.
        capture, old = model.capture(end), self._geometry
        if not self.wall_filter.accepts(capture):
            self.laid_out.emit(len(old.order), model.rowCount())
            return
        new = old.appended(end, section_key(capture, self.grouping, model.context))
        if new is None:
            self.relayout()
            return
        self._geometry = new
        self.updateGeometries()
        self.viewport().update(self._changed_region(old, new, end))
        self.laid_out.emit(len(new.order), model.rowCount())

    def _changed_region(self, old: WallGeometry, new: WallGeometry, row: int) -> QRegion:
        offset, size = self.verticalOffset(), self.viewport().size()
        placed = new.placed[new.where[row][0]]
        region = QRegion(0, placed.top - offset, size.width(), placed.cards_top - placed.top)
        found = new.rect(row)
        assert found is not None
        x, y, w, h = found
        if new.height == old.height:  # the line had room: just the card (and the count)
            return region.united(QRect(x, y - offset, w, h))
        return region.united(QRect(0, y - offset, size.width(), size.height()))

    def rowsAboutToBeRemoved(self, parent: _Index, start: int, end: int) -> None:  # noqa: N802
        super().rowsAboutToBeRemoved(parent, start, end)
        self.relayout()

    def dataChanged(  # noqa: N802 (Qt API)
        self, top_left: _Index, bottom_right: _Index, roles: Sequence[int] = ()
    ) -> None:
        super().dataChanged(top_left, bottom_right, list(roles))
        self.relayout()  # a card's kind, stage or use case may move it

    def reset(self) -> None:
        super().reset()
        self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        grid = self._grid()
        columns = max(
            1,
            (self.viewport().width() - 2 * grid.margin + grid.gap) // (grid.card_width + grid.gap),
        )
        if columns != self._geometry.columns:
            self.relayout()
        else:
            self.updateGeometries()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setRange(0, max(0, self._geometry.height - page))
        bar.setPageStep(page)
        bar.setSingleStep(max(20, self.delegate.style.height // 3))
        super().updateGeometries()

    # --- geometry for QAbstractItemView ---------------------------------------------------------

    def horizontalOffset(self) -> int:  # noqa: N802 (Qt API)
        return 0

    def verticalOffset(self) -> int:  # noqa: N802 (Qt API)
        return self.verticalScrollBar().value()

    def visualRect(self, index: _Index) -> QRect:  # noqa: N802 (Qt API)
        if not index.isValid():
            return QRect()
        found = self.geometry_now().rect(index.row())
        if found is None:
            return QRect()
        x, y, w, h = found
        return QRect(x, y - self.verticalOffset(), w, h)

    def indexAt(self, point: QPoint) -> QModelIndex:  # noqa: N802 (Qt API)
        row = self.geometry_now().row_at(point.x(), point.y() + self.verticalOffset())
        return self.wall_model.index(row, 0) if row is not None else QModelIndex()

    def isIndexHidden(self, index: _Index) -> bool:  # noqa: N802 (Qt API)
        return index.row() not in self.geometry_now().where

    def scrollTo(  # noqa: N802 (Qt API)
        self,
        index: _Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        found = self.geometry_now().rect(index.row()) if index.isValid() else None
        if found is None:
            return
        _x, y, _w, h = found
        bar = self.verticalScrollBar()
        top, page = bar.value(), self.viewport().height()
        margin = self._geometry.grid.gap
        if hint == QAbstractItemView.ScrollHint.PositionAtTop or y < top:
            bar.setValue(y - margin)
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom or y + h > top + page:
            bar.setValue(y + h + margin - page)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(y + h // 2 - page // 2)

    def setSelection(  # noqa: N802 (Qt API)
        self, rect: QRect, command: QItemSelectionModel.SelectionFlag
    ) -> None:
        area = rect.normalized().translated(0, self.verticalOffset())
        geometry = self.geometry_now()
        selection = QItemSelection()
        for row in geometry.rows_between(area.top(), area.bottom()):
            found = geometry.rect(row)
            if found is not None and QRect(*found).intersects(area):
                index = self.wall_model.index(row, 0)
                selection.select(index, index)
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:  # noqa: N802
        region = QRegion()
        for index in selection.indexes():
            rect = self.visualRect(index)
            if rect.isValid():
                region = region.united(rect)
        return region

    def moveCursor(  # noqa: N802 (Qt API)
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        geometry = self.geometry_now()
        order = geometry.order
        if not order:
            return QModelIndex()
        current = self.currentIndex()
        row = current.row() if current.isValid() and current.row() in geometry.where else None
        if row is None:
            return self.wall_model.index(order[0], 0)
        target = _neighbour(
            geometry,
            row,
            action,
            max(1, self.viewport().height() // (geometry.grid.card_height + geometry.grid.gap)),
        )
        return self.wall_model.index(target, 0)

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        geometry = self.geometry_now()
        painter = QPainter(self.viewport())
        offset = self.verticalOffset()
        area = event.rect()
        top, bottom = area.top() + offset, area.bottom() + offset
        heading = QFontMetrics(self.heading_font)
        width = self.viewport().width() - 2 * geometry.grid.margin
        for placed in geometry.placed:
            if placed.section.title and placed.top <= bottom and placed.cards_top >= top:
                painter.setFont(self.heading_font)
                painter.setPen(self.heading_colour)
                title = f"{shown_text(placed.section.title)} ({len(placed.section.rows)})"
                shown = heading.elidedText(title, Qt.TextElideMode.ElideRight, width)
                under = placed.strip_top if placed.strip_top is not None else placed.cards_top
                baseline = under - geometry.grid.gap - heading.descent() - offset
                painter.drawText(geometry.grid.margin, baseline, shown)
        self._paint_strips(painter, geometry, top, bottom, offset)
        selected = {index.row() for index in self.selectionModel().selectedIndexes()}
        current = self.currentIndex().row() if self.hasFocus() else -1
        model, paint = self.wall_model, self.delegate.paint_card
        for row in geometry.rows_between(top, bottom):
            found = geometry.rect(row)
            if found is None:
                continue
            x, y, w, h = found
            paint(
                painter,
                QRect(x, y - offset, w, h),
                model.capture(row),
                selected=row in selected,
                focused=row == current,
            )
        painter.end()

    # --- photo strips ---------------------------------------------------------------------------

    def _strip_boxes(self, geometry: WallGeometry, placed: Placed, offset: int) -> list[QRect]:
        assert placed.strip_top is not None and placed.section.key is not None
        height = geometry.grid.strip_height
        width = geometry.thumb_width()
        count = len(self.photos.get(placed.section.key, ()))
        y = placed.strip_top - offset
        return [QRect(x, y, width, height) for x in geometry.strip_boxes(count)]

    def _paint_strips(
        self, painter: QPainter, geometry: WallGeometry, top: int, bottom: int, offset: int
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for placed in geometry.placed:
            strip_top = placed.strip_top
            if strip_top is None or placed.section.key is None:
                continue
            if strip_top > bottom or strip_top + geometry.grid.strip_height < top:
                continue
            paint_strip(
                painter,
                self.thumbnails,
                self.photos.get(placed.section.key, ()),
                self._strip_boxes(geometry, placed, offset),
                dark=self.delegate.style.projected,
            )

    def photo_at(self, point: QPoint) -> tuple[uuid.UUID, int] | None:
        """The use case and the number of its photo under ``point`` (viewport coordinates); the
        « +N » box gives the first photo it stands for."""
        found = self.geometry_now().strip_at(point.x(), point.y() + self.verticalOffset())
        if found is None:
            return None
        placed, box = found
        key = placed.section.key
        assert key is not None
        shown = len(self.geometry_now().strip_boxes(len(self.photos.get(key, ()))))
        return (key, box) if box < shown else None

    def use_case_at(self, point: QPoint) -> uuid.UUID | None:
        """The use case whose heading or photo strip is under ``point`` (grouped by use case)."""
        if self.grouping is not Grouping.USE_CASE:
            return None
        placed = self.geometry_now().heading_at(point.y() + self.verticalOffset())
        key = placed.section.key if placed is not None else None
        return key if key in self.wall_model.context.use_cases else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        found = self.photo_at(event.position().toPoint())
        if found is not None and event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.photo_activated.emit(*found)
            return
        super().mouseDoubleClickEvent(event)

    # --- dropping cards on a thread's section, image files on a use case ----------------------

    def _drop_section(self, event: QDropEvent | QDragMoveEvent) -> object:
        if self.grouping is not Grouping.THREAD or not capture_ids(event.mimeData()):
            return False
        placed = self.geometry_now().section_at(
            event.position().toPoint().y() + self.verticalOffset()
        )
        return placed.section.key if placed is not None else False

    def _drop_use_case(self, event: QDropEvent | QDragMoveEvent) -> uuid.UUID | None:
        if not dropped_files(event.mimeData()):
            return None
        return self.use_case_at(event.position().toPoint())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        data = event.mimeData()
        cards = self.grouping is Grouping.THREAD and bool(capture_ids(data))
        files = self.grouping is Grouping.USE_CASE and bool(dropped_files(data))
        event.setAccepted(cards or files)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt API)
        if self._drop_section(event) is not False or self._drop_use_case(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        key = self._drop_section(event)
        use_case = self._drop_use_case(event) if key is False else None
        if key is False and use_case is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if use_case is not None:
            self.files_dropped.emit(use_case, dropped_files(event.mimeData()))
        else:
            self.captures_dropped.emit(key, capture_ids(event.mimeData()))


def dropped_files(data: QMimeData) -> list[Path]:
    """The local files a drag carries (from a file manager); empty for anything else."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def _neighbour(
    geometry: WallGeometry, row: int, action: QAbstractItemView.CursorAction, page_lines: int
) -> int:
    """The row a cursor key leads to from ``row``, following the grid."""
    order = geometry.order
    number, position = geometry.where[row]
    columns = geometry.columns
    at = order.index(row)
    if action in (_Move.MoveRight, _Move.MoveNext):
        return order[min(at + 1, len(order) - 1)]
    if action in (_Move.MoveLeft, _Move.MovePrevious):
        return order[max(at - 1, 0)]
    if action == _Move.MoveHome:
        return order[0]
    if action == _Move.MoveEnd:
        return order[-1]
    lines = page_lines if action in (_Move.MovePageDown, _Move.MovePageUp) else 1
    down = action in (_Move.MoveDown, _Move.MovePageDown)
    placed = geometry.placed
    for _step in range(lines):
        rows = placed[number].section.rows
        column = position % columns
        if down:
            if position + columns < len(rows):
                position += columns
            elif position // columns < (len(rows) - 1) // columns:
                position = len(rows) - 1
            elif number + 1 < len(placed):
                number += 1
                position = min(column, len(placed[number].section.rows) - 1)
        elif position >= columns:
            position -= columns
        elif number > 0:
            number -= 1
            count = len(placed[number].section.rows)
            position = min(((count - 1) // columns) * columns + column, count - 1)
    return placed[number].section.rows[position]
