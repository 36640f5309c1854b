"""The workshop list as a table model, and the accent-blind filter over it.

The list is on screen in the first frame, so this module stays off PySide6's ``Qt`` namespace:
its first use builds about a hundred Python enums (≈ 60 ms, see bench/README.md). Items are
stored by Qt (QStandardItemModel), so painting never calls back into Python with an enum.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel

from capadesk.core.domain.workshop import WorkshopSummary, folded
from capadesk.i18n import _

# Qt.ItemDataRole.UserRole + 1, as a number for the reason in the module docstring.
ID_ROLE = 0x0100 + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def _cells(workshop: WorkshopSummary) -> tuple[str, str, str, str]:
    day = workshop.day.strftime("%d/%m/%Y") if workshop.day else ""
    return (workshop.title, workshop.place, day, workshop.programme_title or "")


class WorkshopListModel(QStandardItemModel):
    """Rows of WorkshopSummary; columns Titre, Lieu, Date, Programme."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels([_("Titre"), _("Lieu"), _("Date"), _("Programme")])
        self._rows: list[WorkshopSummary] = []

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
        """Show ``workshops``; when the order is unchanged only the changed rows repaint."""
        same_order = [w.public_id for w in workshops] == [w.public_id for w in self._rows]
        if same_order:
            for row, (old, new) in enumerate(zip(self._rows, workshops, strict=True)):
                if old != new:
                    self._rows[row] = new
                    self._fill(row, new)
            return
        self.beginResetModel()
        self.blockSignals(True)  # one reset instead of a signal per cell
        try:
            self._rows = list(workshops)
            self.setRowCount(len(workshops))
            for row, workshop in enumerate(workshops):
                self._fill(row, workshop)
        finally:
            self.blockSignals(False)
            self.endResetModel()

    def _fill(self, row: int, workshop: WorkshopSummary) -> None:
        for column, text in enumerate(_cells(workshop)):
            item = QStandardItem(text)
            item.setEditable(False)
            item.setToolTip(text)
            if column == 0:
                item.setData(workshop.public_id, ID_ROLE)
            self.setItem(row, column, item)


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
