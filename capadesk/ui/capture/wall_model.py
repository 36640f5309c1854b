"""The wall's cards as a list model, changed card by card (never reset for one new card).

Rows hold CaptureView in the services' order (sort order, then creation). ``apply`` takes what
``get_captures`` returned for the ids a ``Changes`` named and inserts, updates or removes just
those rows. The use cases and the threads the cards refer to live in ``context``: the delegate
names a card's use case with it, and the view groups by it.

Signals:
    context_changed(): the use cases or the threads changed (the view lays the cards out again).
"""

from __future__ import annotations

import bisect
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from capadesk.core.domain.capture import CaptureView, ThreadView, UseCaseView

CAPTURE_MIME = "application/x-capadesk-capture-ids"
CAPTURE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_Key = tuple[int, dt.datetime, str]


def capture_mime(ids: Sequence[uuid.UUID]) -> QMimeData:
    """Drag data carrying capture ids, one per line."""
    data = QMimeData()
    data.setData(CAPTURE_MIME, QByteArray("\n".join(str(i) for i in ids).encode("ascii")))
    return data


def capture_ids(data: QMimeData) -> list[uuid.UUID]:
    """The capture ids carried by ``data``; empty when it carries none or garbage."""
    if not data.hasFormat(CAPTURE_MIME):
        return []
    try:
        text = bytes(data.data(CAPTURE_MIME).data()).decode("ascii")
        return [uuid.UUID(line) for line in text.split("\n") if line]
    except ValueError:  # UnicodeDecodeError included: another program's bytes
        return []


@dataclass
class WallContext:
    """What cards refer to: use cases and threads, with each card's thread."""

    use_cases: dict[uuid.UUID, UseCaseView] = field(default_factory=dict)
    threads: dict[uuid.UUID, ThreadView] = field(default_factory=dict)
    thread_of: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # capture → thread

    def use_case_title(self, use_case_id: uuid.UUID | None) -> str:
        found = self.use_cases.get(use_case_id) if use_case_id else None
        return found.title if found else ""


def _key(capture: CaptureView) -> _Key:
    return (capture.sort_order, capture.created_at, str(capture.public_id))


class WallModel(QAbstractListModel):
    """See module docstring."""

    context_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaptureView] = []
        self._keys: list[_Key] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self.context = WallContext()

    # --- reading -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        capture = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{capture.kind.label}\u00a0: {capture.text[:500]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return capture.text[:2000]
        if role == CAPTURE_ROLE:
            return capture
        if role == ID_ROLE:
            return capture.public_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    @property
    def captures(self) -> Sequence[CaptureView]:
        """Every card, in row order (read-only)."""
        return self._rows

    def capture(self, row: int) -> CaptureView:
        """The card at ``row``."""
        return self._rows[row]

    def row_of(self, capture_id: uuid.UUID) -> int | None:
        """The row of the card ``capture_id``, None when it is not on the wall."""
        return self._row_of.get(capture_id)

    def thread_of(self, capture_id: uuid.UUID) -> uuid.UUID | None:
        """The thread the card sits in, from the threads last read."""
        return self.context.thread_of.get(capture_id)

    # --- changing -----------------------------------------------------------------------------

    def reset(self, captures: Iterable[CaptureView]) -> None:
        """Show exactly ``captures`` (opening the page)."""
        self.beginResetModel()
        self._rows = sorted(captures, key=_key)
        self._keys = [_key(c) for c in self._rows]
        self._reindex(0)
        self.endResetModel()

    def apply(self, found: Mapping[uuid.UUID, CaptureView | None]) -> list[uuid.UUID]:
        """Insert, update or remove the cards named in ``found`` (None: deleted); returns the
        ids of the cards added."""
        added: list[uuid.UUID] = []
        for capture_id, capture in found.items():
            row = self._row_of.get(capture_id)
            if capture is None:
                if row is not None:
                    self._remove(row)
            elif row is None:
                self._insert(capture)
                added.append(capture_id)
            elif _key(capture) == self._keys[row]:
                self._rows[row] = capture
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
            else:  # its place changed: out, then in where it now belongs
                self._remove(row)
                self._insert(capture)
        return added

    def set_context(
        self, use_cases: Iterable[UseCaseView] | None, threads: Iterable[ThreadView] | None
    ) -> None:
        """Replace the use cases and/or the threads (None keeps the current ones)."""
        if use_cases is not None:
            self.context.use_cases = {u.public_id: u for u in use_cases}
        if threads is not None:
            listed = list(threads)
            self.context.threads = {t.public_id: t for t in listed}
            self.context.thread_of = {c: t.public_id for t in listed for c in t.capture_ids}
        self.context_changed.emit()
        if self._rows:  # the cards' use-case names may have changed
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def _insert(self, capture: CaptureView) -> None:
        key = _key(capture)
        row = bisect.bisect_right(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, capture)
        self._keys.insert(row, key)
        self._reindex(row)
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._row_of[self._rows[row].public_id]
        del self._rows[row]
        del self._keys[row]
        self._reindex(row)
        self.endRemoveRows()

    def _reindex(self, start: int) -> None:
        rows = self._rows
        row_of = self._row_of
        for row in range(start, len(rows)):
            row_of[rows[row].public_id] = row

    # --- dragging cards out -------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [CAPTURE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt API)
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return capture_mime([self._rows[row].public_id for row in rows])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        # Copy, not Move: a view would otherwise try to remove the dragged rows itself.
        return Qt.DropAction.CopyAction
