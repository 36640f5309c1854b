"""The builder's table of steps: one line a step, its parallel tracks as read-only child lines.

Dragging a step and dropping it elsewhere does not move the item: the model emits
``move_requested(source, destination)`` and the presenter turns it into one undoable edit, after
which the model is filled again from the stored agenda.

Signals:
    move_requested(int, int): a step dropped so that it ends up at index ``destination``.
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
from PySide6.QtGui import QStandardItem, QStandardItemModel

from capadesk.core.domain.protocol import Duration, ProtocolStep, ProtocolTrack, minutes_label
from capadesk.core.domain.schedule import schedule
from capadesk.i18n import _

MIME_TYPE = "application/x-capadesk-step-row"
COLUMNS = ("Heure", "Durée", "Format", "Activité", "Titre")
TITLE_COLUMN = 4

_Index = QModelIndex | QPersistentModelIndex


def column_titles() -> list[str]:
    """The translated column headers."""
    return [_("Heure"), _("Durée"), _("Format"), _("Activité"), _("Titre")]


def _item(text: str, *, draggable: bool) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setDragEnabled(draggable)
    item.setDropEnabled(draggable)
    return item


def _track_line(track: ProtocolTrack) -> list[QStandardItem]:
    minutes = sum(step.duration.planned for step in track.steps)
    cells = [
        "",
        Duration(minutes, minutes).label(),
        _("En parallèle"),
        _("{count} étape(s)").format(count=len(track.steps)),
        f"{track.title} — " + " · ".join(step.title for step in track.steps),
    ]
    items = [_item(text, draggable=False) for text in cells]
    items[TITLE_COLUMN].setToolTip(
        "\n".join(f"{step.title} ({step.duration.label()})" for step in track.steps)
    )
    return items


class StepModel(QStandardItemModel):
    """See module docstring."""

    move_requested = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(column_titles())

    def fill(self, steps: tuple[ProtocolStep, ...], start: dt.time) -> None:
        """Show ``steps`` with their clock times from ``start``."""
        self.removeRows(0, self.rowCount())
        for planned in schedule(steps, start):
            step = planned.step
            cells = [
                planned.start.strftime("%H:%M"),
                step.duration.label(),
                step.format.label,
                step.activity.label,
                step.title,
            ]
            items = [_item(text, draggable=True) for text in cells]
            items[0].setToolTip(
                _("De {start} à {end}").format(
                    start=planned.start.strftime("%H:%M"), end=planned.end.strftime("%H:%M")
                )
            )
            for track in step.tracks:
                items[0].appendRow(_track_line(track))
            self.appendRow(items)

    # --- drag and drop: top-level lines only, turned into move_requested --------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt API)
        rows = sorted({index.row() for index in indexes if not index.parent().isValid()})
        data = QMimeData()
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def canDropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and not parent.parent().isValid()

    def dropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        except ValueError:
            return False
        count = self.rowCount()
        if parent.isValid():  # dropped onto a step: take its place
            destination = parent.row()
        else:
            row = count if row < 0 else row  # below the last line: at the end
            destination = row if row <= source else row - 1  # row counts the source's line
        destination = max(0, min(destination, count - 1))
        if 0 <= source < count and destination != source:
            self.move_requested.emit(source, destination)
        return False  # the presenter moves the step; the model is refilled from the store


def total_label(minutes: int) -> str:
    """« Durée prévue : 3 h 05 »."""
    return _("Durée prévue\u00a0: {duration}").format(duration=minutes_label(minutes))
