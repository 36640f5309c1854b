"""The rétroplanning's timeline, painted: one column per period (quarters grouped under their
year, or years), the post-its stacked in each column in their order.

``TimelineCanvas`` is the room's page (black, a heading naming the thread). ``TimelineEditor``
is the control window's: light, and the post-its move by drag and drop or by keyboard —
arrows choose a post-it, Ctrl+Gauche / Droite move it a period earlier or later, Ctrl+Haut /
Bas move it within its period, F2 (or a double click) rewords it, Suppr removes it.

Signals (editor):
    chosen(str): a post-it was selected.
    moved(str, object, int): a post-it dropped in a period (a ``Period``) at an index.
    edit_requested(str), remove_requested(str): F2 / Suppr on a post-it.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.backcast import Backcast, Period
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import POST_IT, Canvas

YEAR_BANDS = ("#37474F", "#263238")
DROP_LINE = "#1A73E8"


class Layout(NamedTuple):
    """Where the columns and post-its are on the page."""

    columns: list[tuple[Period, QRect]]  # the whole column, under its label
    notes: dict[str, QRect]


class TimelineCanvas(Canvas):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Rétroplanning projeté"), projected=projected, parent=parent)
        self.backcast = Backcast()
        self.thread_title = ""
        self.selected = ""
        self.note_pixels = 0

    def show_backcast(self, thread: str, backcast: Backcast) -> None:
        """Draw ``backcast`` made for the thread titled ``thread``."""
        self.thread_title, self.backcast = thread, backcast
        self.update()

    def _heading_height(self) -> int:
        return self.px(150) if self.projected else 0

    def placement(self) -> Layout:
        """Compute where everything goes at the current size."""
        m = self.px(24)
        top = m + self._heading_height()
        periods = self.backcast.periods()
        bands = self.px(54) * (2 if self.backcast.granularity == "quarters" else 1)
        area = QRect(m, top + bands, self.width() - 2 * m, self.height() - top - bands - m)
        width = area.width() / max(1, len(periods))
        gap = self.px(8)
        columns: list[tuple[Period, QRect]] = []
        notes: dict[str, QRect] = {}
        for index, period in enumerate(periods):
            column = QRect(int(area.left() + index * width), area.top(), int(width), area.height())
            columns.append((period, column))
            stacked = self.backcast.in_period(period)
            if not stacked:
                continue
            height = min(self.px(150), (column.height() - gap) / len(stacked) - gap)
            for position, note in enumerate(stacked):
                notes[note.id] = QRect(
                    column.left() + gap // 2,
                    int(column.top() + gap + position * (height + gap)),
                    column.width() - gap,
                    int(height),
                )
        return Layout(columns, notes)

    def paint(self, painter: QPainter) -> None:
        m = self.px(24)
        if self.projected:
            heading = _("Comment en est-on arrivé là\u00a0?")
            self.text(
                painter, QRect(m, m, self.width() - 2 * m, self.px(80)), heading, 60, 26, bold=True
            )
            self.text(
                painter,
                QRect(m, m + self.px(80), self.width() - 2 * m, self.px(56)),
                self.thread_title,
                40,
                20,
                colour=current_theme().secondary,
            )
        layout = self.placement()
        self._bands(painter, layout)
        self.note_pixels = self._shared_size(layout)
        for note in self.backcast.notes:
            box = layout.notes.get(note.id)
            if box is not None and note.id != self.dragging():
                self.post_it(
                    painter,
                    box,
                    note.text,
                    selected=note.id == self.selected,
                    pixels=self.note_pixels,
                )

    def _shared_size(self, layout: Layout) -> int:
        """One type size for every post-it: the largest at which they all fit."""
        sizes = [
            self.fitted_pixels(note.text, self.note_text_box(layout.notes[note.id]), 34, 13)
            for note in self.backcast.notes
            if note.id in layout.notes
        ]
        return min(sizes, default=self.px(34))

    def dragging(self) -> str:
        """The post-it being dragged, "" when none (the editor draws it under the pointer)."""
        return ""

    def _bands(self, painter: QPainter, layout: Layout) -> None:
        band = self.px(54)
        quarters = self.backcast.granularity == "quarters"
        years: dict[int, QRect] = {}
        for period, column in layout.columns:
            years[period.year] = years.get(period.year, column).united(column)
        for index, (year, span) in enumerate(sorted(years.items())):
            shade = QColor(YEAR_BANDS[index % 2])
            if not self.projected:
                palette = self.palette()
                shade = (palette.alternateBase() if index % 2 else palette.base()).color()
            painter.fillRect(span.adjusted(0, -band * (2 if quarters else 1), 0, 0), shade)
            top = span.top() - band * (2 if quarters else 1)
            self.text(
                painter, QRect(span.left(), top, span.width(), band), str(year), 36, 16, bold=True
            )
        if quarters:
            for period, column in layout.columns:
                label = QRect(column.left(), column.top() - band, column.width(), band)
                self.text(
                    painter,
                    label,
                    f"T{period.quarter}",
                    30,
                    13,
                    colour=current_theme().secondary if self.projected else None,
                )
        painter.setPen(QPen(QColor(128, 128, 128, 90), 1))
        for _period, column in layout.columns[1:]:
            painter.drawLine(column.topLeft(), column.bottomLeft())


class TimelineEditor(TimelineCanvas):
    """See module docstring."""

    chosen = Signal(str)
    moved = Signal(str, object, int)
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(projected=False, parent=parent)
        self.setAccessibleName(_("Frise du rétroplanning"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._press: QPoint | None = None
        self._drag_at: QPoint | None = None

    def dragging(self) -> str:
        return self.selected if self._drag_at is not None else ""

    def select(self, note_id: str) -> None:
        """Make ``note_id`` the selected post-it."""
        if note_id != self.selected:
            self.selected = note_id
            self.chosen.emit(note_id)
            self.update()

    def note_at(self, point: QPoint) -> str:
        """The post-it under ``point``, "" when none."""
        return next((i for i, box in self.placement().notes.items() if box.contains(point)), "")

    def drop_place(self, point: QPoint) -> tuple[Period, int] | None:
        """The period and the index in it where a post-it dropped at ``point`` goes."""
        layout = self.placement()
        for period, column in layout.columns:
            if column.left() <= point.x() <= column.right():
                above = [
                    n
                    for n in self.backcast.in_period(period)
                    if n.id != self.selected and layout.notes[n.id].center().y() < point.y()
                ]
                return period, len(above)
        return None

    def paint(self, painter: QPainter) -> None:
        super().paint(painter)
        if self._drag_at is None or not self.selected:
            return
        layout = self.placement()
        box = layout.notes.get(self.selected)
        note = next((n for n in self.backcast.notes if n.id == self.selected), None)
        place = self.drop_place(self._drag_at)
        if box is None or note is None:
            return
        if place is not None:
            column = dict(layout.columns)[place[0]]
            stacked = [n for n in self.backcast.in_period(place[0]) if n.id != note.id]
            y = (
                layout.notes[stacked[place[1] - 1].id].bottom() + self.px(4)
                if place[1]
                else column.top() + self.px(2)
            )
            painter.setPen(QPen(QColor(DROP_LINE), max(3, self.px(6))))
            painter.drawLine(column.left() + 4, y, column.right() - 4, y)
        painter.setOpacity(0.8)
        moved = QRect(box)
        moved.moveCenter(self._drag_at)
        self.post_it(
            painter, moved, note.text, fill=POST_IT, selected=True, pixels=self.note_pixels
        )
        painter.setOpacity(1.0)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            found = self.note_at(point)
            self.select(found)
            self._press = point if found else None
        self.setFocus()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        point = event.position().toPoint()
        if self._press is not None and (
            self._drag_at is not None
            or (point - self._press).manhattanLength() >= QApplication.startDragDistance()
        ):
            self._drag_at = point
            self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        dropped = self._drag_at is not None
        self._press, self._drag_at = None, None
        if dropped and self.selected:
            place = self.drop_place(event.position().toPoint())
            if place is not None:
                self.moved.emit(self.selected, place[0], place[1])
        self.update()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        found = self.note_at(event.position().toPoint())
        if found:
            self.select(found)
            self.edit_requested.emit(found)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key, control = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        notes = self.backcast.notes
        if not notes:
            super().keyPressEvent(event)
            return
        current = next((n for n in notes if n.id == self.selected), None)
        if current is None:
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.select(notes[0].id)
                return
            super().keyPressEvent(event)
            return
        periods = list(self.backcast.periods())
        column = list(self.backcast.in_period(current.period))
        here, index = periods.index(current.period), column.index(current)
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(current.id)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(current.id)
        elif control and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            target = periods[max(0, min(here + step, len(periods) - 1))]
            if target != current.period:
                self.moved.emit(current.id, target, len(self.backcast.in_period(target)))
        elif control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if 0 <= index + step < len(column):
                self.moved.emit(current.id, current.period, index + step)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if 0 <= index + step < len(column):
                self.select(column[index + step].id)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            ordered = list(notes)
            position = ordered.index(current) + step
            if 0 <= position < len(ordered):
                self.select(ordered[position].id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def note_box(editor: TimelineEditor, note_id: str) -> QRectF:
    """Where a post-it is drawn (for tests and tooltips)."""
    return QRectF(editor.placement().notes[note_id])
