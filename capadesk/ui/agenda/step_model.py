"""The builder's tree of steps: one line a step; under a parallel step, one line a track, and
under each track its own steps, every line with its clock time.

Each line's first cell holds its Place (``PLACE_ROLE``). Dragging a line and dropping it among
its siblings does not move the item: the model emits ``move_requested(place, destination)``
and the presenter turns it into one undoable edit, after which the model is filled again from
the stored agenda. A line dropped outside its own list (a track's step onto the day) is refused.

Signals:
    move_requested(object, int): the line at a Place dropped so that it ends up at index
        ``destination`` among its siblings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import ProtocolStep, ProtocolTrack, minutes_label
from capadesk.core.domain.schedule import ScheduledStep, schedule, track_overrun
from capadesk.i18n import _

MIME_TYPE = "application/x-capadesk-step-row"
COLUMNS = ("Heure", "Durée", "Format", "Activité", "Titre")
TITLE_COLUMN = 4
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
OVERRUN_COLOUR = QColor("#b3261e")  # dark red: readable on the light and the alternate rows

_Index = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    """The translated column headers."""
    return [_("Heure"), _("Durée"), _("Format"), _("Activité"), _("Titre")]


def _items(cells: list[str], place: Place) -> list[QStandardItem]:
    items = []
    for text in cells:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setDragEnabled(True)
        item.setDropEnabled(True)
        items.append(item)
    items[0].setData(place, PLACE_ROLE)
    return items


def _clock(time: dt.time) -> str:
    return time.strftime("%H:%M")


def _step_line(planned: ScheduledStep, place: Place) -> list[QStandardItem]:
    step = planned.step
    cells = [
        _clock(planned.start),
        step.duration.label(),
        step.format.label,
        step.activity.label,
        step.title,
    ]
    items = _items(cells, place)
    items[0].setToolTip(
        _("De {start} à {end}").format(start=_clock(planned.start), end=_clock(planned.end))
    )
    return items


def overrun_text(step: ProtocolStep, track: ProtocolTrack) -> str:
    """« Les étapes de « ACB » durent 1 h 10, 10 min de plus que l'étape (1 h). » or ""."""
    over = track_overrun(step, track)
    if not over:
        return ""
    return _(
        "Les étapes de «\u00a0{track}\u00a0» durent {length}, {over} de plus que l'étape ({step})."
    ).format(
        track=track.title,
        length=minutes_label(track.planned_minutes),
        over=minutes_label(over),
        step=minutes_label(step.duration.planned),
    )


def _track_line(planned: ScheduledStep, track: ProtocolTrack, place: Place) -> list[QStandardItem]:
    over = track_overrun(planned.step, track)
    cells = [
        _clock(planned.start),
        minutes_label(track.planned_minutes),
        _("Atelier en parallèle"),
        _("{count} étape(s)").format(count=len(track.steps)),
        track.title,
    ]
    if over:
        cells[TITLE_COLUMN] += "  " + _("(dépasse de {over})").format(over=minutes_label(over))
    items = _items(cells, place)
    if over:
        for item in items[1], items[TITLE_COLUMN]:
            item.setForeground(QBrush(OVERRUN_COLOUR))
            item.setToolTip(overrun_text(planned.step, track))
    return items


class StepModel(QStandardItemModel):
    """See module docstring."""

    move_requested = Signal(object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(column_titles())

    def fill(self, steps: tuple[ProtocolStep, ...], start: dt.time) -> None:
        """Show ``steps`` with their clock times from ``start`` (tracks from their step's)."""
        self.removeRows(0, self.rowCount())
        for index, planned in enumerate(schedule(steps, start)):
            items = _step_line(planned, Place(index))
            for track_index, track in enumerate(planned.step.tracks):
                track_items = _track_line(planned, track, Place(index, track_index))
                for inner_index, inner in enumerate(schedule(track.steps, planned.start)):
                    track_items[0].appendRow(
                        _step_line(inner, Place(index, track_index, inner_index))
                    )
                items[0].appendRow(track_items)
            self.appendRow(items)

    def place_of(self, index: _Index) -> Place | None:
        """The Place of the line of ``index`` (None for no line)."""
        if not index.isValid():
            return None
        place = self.index(index.row(), 0, index.parent()).data(PLACE_ROLE)
        return place if isinstance(place, Place) else None

    def index_of(self, place: Place) -> QModelIndex:
        """The first cell of ``place``'s line, each level clamped to the lines there are."""
        index = QModelIndex()
        for row in (place.step, place.track, place.inner):
            count = self.rowCount(index)
            if row is None or not count:
                break
            index = self.index(max(0, min(row, count - 1)), 0, index)
        return index

    # --- drag and drop: among siblings only, turned into move_requested ---------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt API)
        data = QMimeData()
        places = [place for place in map(self.place_of, indexes) if place is not None]
        if places:
            place = places[0]
            text = ",".join(
                str(-1 if n is None else n) for n in (place.step, place.track, place.inner)
            )
            data.setData(MIME_TYPE, QByteArray(text.encode("ascii")))
        return data

    @staticmethod
    def _source(data: QMimeData) -> Place | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            step, track, inner = (int(n) for n in bytes(data.data(MIME_TYPE).data()).split(b","))
        except ValueError:
            return None
        return Place(step, None if track < 0 else track, None if inner < 0 else inner)

    @staticmethod
    def _container(place: Place) -> Place | None:
        """The line whose children ``place``'s siblings are (None: the day)."""
        if place.is_inner:
            return Place(place.step, place.track)
        return Place(place.step) if place.is_track else None

    def _destination(self, source: Place, row: int, parent: _Index) -> int | None:
        """Where a drop of ``source`` ends up among its siblings; None if not among them."""
        container = self._container(source)
        parent_index = self.index_of(container) if container is not None else QModelIndex()
        if container is not None and self.place_of(parent_index) != container:
            return None  # the source's line is no longer there
        count = self.rowCount(parent_index)
        if not 0 <= source.index < count:
            return None
        target = self.place_of(parent)
        if row < 0 and target is not None and self._container(target) == container:
            return target.index  # dropped onto a sibling: take its place
        if target != container:
            return None
        row = count if row < 0 else row  # onto the list's own line, or below its last line
        destination = row if row <= source.index else row - 1  # row counts the source's line
        return max(0, min(destination, count - 1))

    def canDropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        source = self._source(data)
        return source is not None and self._destination(source, row, parent) is not None

    def dropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        source = self._source(data)
        destination = None if source is None else self._destination(source, row, parent)
        if source is not None and destination is not None and destination != source.index:
            self.move_requested.emit(source, destination)
        return False  # the presenter moves the line; the model is filled again from the store


def total_label(minutes: int) -> str:
    """« Durée prévue : 3 h 05 »."""
    return _("Durée prévue\u00a0: {duration}").format(duration=minutes_label(minutes))
