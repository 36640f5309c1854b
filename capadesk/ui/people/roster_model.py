"""The roster as a table model: one row per participant, the store's order (by name).

The model never changes the store: an edit emits ``edit_requested`` or ``arrival_requested``
and the presenter runs the command; the rows come back through ``fill`` once it is stored.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from capadesk.core.domain.people import ParticipantFields, ParticipantView, fields_of
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.i18n import N_, _
from capadesk.ui.people.colours import family_icon

ARRIVED, NAME, ORGANISATION, TYPE, TERRITORY, KM, CONSENT = range(7)
HEADERS = (
    N_("Arrivé"),
    N_("Nom"),
    N_("Organisation"),
    N_("Type"),
    N_("Territoire"),
    N_("Km"),
    N_("Nommé"),
)
TOOLTIPS = {
    ARRIVED: N_("Cocher à l'arrivée (émargement)"),
    CONSENT: N_("D'accord pour être nommé dans les résultats partagés"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def km_text(km: float | None) -> str:
    """« 12,5 » (French decimal comma), or nothing."""
    return "" if km is None else f"{km:g}".replace(".", ",")


class RosterModel(QAbstractTableModel):
    """See module docstring.

    Signals:
        edit_requested(ParticipantView, ParticipantFields): a cell was edited.
        arrival_requested(ParticipantView, bool): the arrival box was ticked or unticked.
        km_refused(str): the typed km is not a number (the text typed).
    """

    edit_requested = Signal(object, object)
    arrival_requested = Signal(object, bool)
    km_refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people: list[ParticipantView] = []

    def fill(self, people: list[ParticipantView]) -> None:
        """Show ``people``; rows keep their place (and the selection) when only values changed."""
        if [p.public_id for p in people] == [p.public_id for p in self.people]:
            self.people = people
            if people:
                last = self.index(len(people) - 1, len(HEADERS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.people = people
        self.endResetModel()

    def person(self, row: int) -> ParticipantView:
        """The participant shown on ``row``."""
        return self.people[row]

    def row_of(self, participant_id: uuid.UUID) -> int | None:
        """The row of a participant, or None."""
        return next((r for r, p in enumerate(self.people) if p.public_id == participant_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in TOOLTIPS:
            return _(TOOLTIPS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (ARRIVED, CONSENT):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person, column = self.people[index.row()], index.column()
        if role == ID_ROLE:
            return person.public_id
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == ARRIVED:
                return _check(person.arrived_at is not None)
            if column == CONSENT:
                return _check(person.consent_named)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == TYPE:
            return family_icon(person.type)
        if role == Qt.ItemDataRole.ToolTipRole and column == ARRIVED and person.arrived_at:
            moment = person.arrived_at.astimezone().strftime("%H:%M")
            return _("Arrivé à {time}").format(time=moment)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(person, column, role)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(person, column, Qt.ItemDataRole.DisplayRole)
        return None

    @staticmethod
    def _text(person: ParticipantView, column: int, role: int) -> Any:
        if column == ARRIVED:
            return person.arrived_at.astimezone().strftime("%H:%M") if person.arrived_at else ""
        if column == TYPE:
            return person.type.value if role == Qt.ItemDataRole.EditRole else person.type.label
        values = {
            NAME: person.name,
            ORGANISATION: person.organisation,
            TERRITORY: person.territory,
            KM: km_text(person.km_travelled),
            CONSENT: "",
        }
        return values[column]

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        if not index.isValid():
            return False
        person, column = self.people[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == ARRIVED:
            self.arrival_requested.emit(person, _checked(value))
            return True
        fields = fields_of(person)
        if role == Qt.ItemDataRole.CheckStateRole and column == CONSENT:
            changed = fields._replace(consent_named=_checked(value))
        elif role == Qt.ItemDataRole.EditRole:
            edited = self._edited(fields, column, value)
            if edited is None:
                return False
            changed = edited
        else:
            return False
        if changed != fields:
            self.edit_requested.emit(person, changed)
        return True

    def _edited(
        self, fields: ParticipantFields, column: int, value: Any
    ) -> ParticipantFields | None:
        text = str(value) if value is not None else ""
        if column == NAME:
            return fields._replace(name=text)
        if column == ORGANISATION:
            return fields._replace(organisation=text)
        if column == TERRITORY:
            return fields._replace(territory=text)
        if column == TYPE:
            return fields._replace(type=ParticipantType(text))
        if column == KM:
            cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").lower()
            cleaned = cleaned.removesuffix("km")
            if not cleaned:
                return fields._replace(km_travelled=None)
            try:
                return fields._replace(km_travelled=float(cleaned))
            except ValueError:
                self.km_refused.emit(text)
                return None
        return None


def _check(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


class RosterFilter(QSortFilterProxyModel):
    """Rows where every typed word is in the name, organisation or territory (accents and case
    aside)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        """Filter on ``text`` (empty: every row)."""
        self.beginFilterChange()
        self._words = folded(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt API)
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, RosterModel)
        person = model.person(source_row)
        haystack = folded(f"{person.name} {person.organisation} {person.territory}")
        return all(word in haystack for word in self._words)
