"""The workshop list as a table model, and the accent-blind filter over it."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from capadesk.core.domain.workshop import WorkshopSummary, folded
from capadesk.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class WorkshopListModel(QAbstractTableModel):
    """Rows of WorkshopSummary; columns Titre, Lieu, Date, Programme."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[WorkshopSummary] = []
        self._headers = [_("Titre"), _("Lieu"), _("Date"), _("Programme")]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        workshop = self._rows[index.row()]
        if role == ID_ROLE:
            return workshop.public_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(workshop, index.column())
        return None

    @staticmethod
    def _text(workshop: WorkshopSummary, column: int) -> str:
        if column == 0:
            return workshop.title
        if column == 1:
            return workshop.place
        if column == 2:
            return workshop.day.strftime("%d/%m/%Y") if workshop.day else ""
        return workshop.programme_title or ""

    def workshop_at(self, row: int) -> WorkshopSummary:
        """The workshop shown on ``row``."""
        return self._rows[row]

    def row_of(self, public_id: uuid.UUID) -> int | None:
        """The row showing ``public_id``, if listed."""
        for row, workshop in enumerate(self._rows):
            if workshop.public_id == public_id:
                return row
        return None

    def replace(self, workshops: list[WorkshopSummary]) -> None:
        """Show ``workshops``: only changed rows repaint when the order is unchanged."""
        same_order = [w.public_id for w in workshops] == [w.public_id for w in self._rows]
        if not same_order:
            self.beginResetModel()
            self._rows = list(workshops)
            self.endResetModel()
            return
        for row, (old, new) in enumerate(zip(self._rows, workshops, strict=True)):
            if old != new:
                self._rows[row] = new
                last = self.index(row, self.columnCount() - 1)
                self.dataChanged.emit(self.index(row, 0), last)


class WorkshopFilter(QSortFilterProxyModel):
    """Keeps rows where every typed word appears in some column, ignoring case and accents."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        """Filter on ``text`` (empty shows everything)."""
        self.beginFilterChange()
        self._words = folded(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = folded(
            " ".join(
                str(model.data(model.index(source_row, column, source_parent)) or "")
                for column in range(model.columnCount())
            )
        )
        return all(word in haystack for word in self._words)
