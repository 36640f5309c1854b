"""Drives the roster editor: every change is one undoable command through Operations; the
table re-reads the roster when Changes say it changed (an edit, an undo, another view)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.people import ParticipantFields, ParticipantView, mix_label
from capadesk.core.domain.roster_format import accepted
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import KnownError
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.services import participants
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.participant_commands import (
    AddParticipant,
    AddParticipants,
    DeleteParticipants,
    SetArrival,
    UpdateParticipant,
    copy_roster_command,
)
from capadesk.core.services.people_sheets import sign_in_sheet_pdf
from capadesk.core.services.roster_csv import export_roster, preview_roster
from capadesk.core.services.workshops import get_workshop
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations
from capadesk.ui.people.dialogs import PeopleDialogs
from capadesk.ui.people.roster_model import ID_ROLE
from capadesk.ui.people.roster_view import RosterEditor

SIGN_IN_BLANK_LINES = 6  # for those who come without registering


class RosterPresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        workshop_id: uuid.UUID,
        operations: Operations,
        prompts: Prompts,
        dialogs: PeopleDialogs,
        parent: QWidget,
        *,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = RosterEditor()  # the page puts it in its own layout
        self.store, self.workshop_id = store, workshop_id
        self._operations, self._prompts, self._dialogs = operations, prompts, dialogs
        self._clock = clock or SystemClock()
        view = self.view
        view.add_button.clicked.connect(self.add)
        view.name_edit.returnPressed.connect(self.add)
        view.delete_action.triggered.connect(self.delete_selected)
        view.import_action.triggered.connect(self.import_csv)
        view.export_action.triggered.connect(self.export_csv)
        view.sheet_action.triggered.connect(self.print_sign_in_sheet)
        view.copy_action.triggered.connect(self.copy_from_workshop)
        view.search_edit.textChanged.connect(view.proxy.set_search)
        view.model.edit_requested.connect(self.update)
        view.model.arrival_requested.connect(self.set_arrival)
        view.model.km_refused.connect(self._refuse_km)
        view.table.selectionModel().selectionChanged.connect(self._update_actions)
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    # --- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the roster again and show it, keeping the selection."""
        view = self.view
        selected = {view.model.person(row).public_id for row in view.selected_rows()}
        people = participants.list_participants(self.store, self.workshop_id)
        view.model.fill(people)
        self._select(selected)
        arrived = sum(p.arrived_at is not None for p in people)
        mix = mix_label(p.type for p in people) if people else ""
        count = _("{count} participant(s), {arrived} arrivé(s)").format(
            count=len(people), arrived=arrived
        )
        view.count_label.setText(f"{count} — {mix}" if mix else count)
        view.export_action.setEnabled(bool(people))
        self._update_actions()

    def _select(self, ids: set[uuid.UUID]) -> None:
        view = self.view
        selection = view.table.selectionModel()
        selection.clearSelection()
        for row in range(view.proxy.rowCount()):
            index = view.proxy.index(row, 0)
            if index.data(ID_ROLE) in ids:
                flags = (
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.select(index, flags)

    @Slot()
    def _update_actions(self) -> None:
        self.view.delete_action.setEnabled(bool(self.view.selected_rows()))

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.participants:
            self.reload()

    def _run(self, command: Command) -> bool:
        done = self._operations.execute(command)
        if not done:
            self.reload()  # put the edited cell back as stored
        return done

    # --- edits -------------------------------------------------------------------------------

    @Slot()
    def add(self) -> None:
        """« Ajouter » the person typed on the quick-add line, then clear it for the next."""
        view = self.view
        name = view.name_edit.text()
        if not name.strip():
            view.name_edit.setFocus()
            return
        kind = ParticipantType(view.type_choice.currentData())
        fields = ParticipantFields(name, view.organisation_edit.text(), kind)
        if self._run(AddParticipant(self.workshop_id, fields)):
            view.name_edit.clear()
            view.organisation_edit.clear()
            view.name_edit.setFocus()

    @Slot(object, object)
    def update(self, before: ParticipantView, after: ParticipantFields) -> None:
        """One edited cell."""
        self._run(UpdateParticipant(before, after))

    @Slot(object, bool)
    def set_arrival(self, person: ParticipantView, arrived: bool) -> None:
        """Tick or untick an arrival (the moment is the clock's)."""
        if (person.arrived_at is not None) != arrived:
            self._run(SetArrival(person, self._clock.now() if arrived else None))

    @Slot(str)
    def _refuse_km(self, text: str) -> None:
        message = _("Km parcourus\u00a0: «\u00a0{text}\u00a0» n'est pas un nombre.").format(
            text=text
        )
        self._prompts.show_error(self.view, message)

    @Slot()
    def delete_selected(self) -> None:
        """« Supprimer » the selected people (Ctrl+Z brings them back, seats and dots included)."""
        people = [self.view.model.person(row) for row in self.view.selected_rows()]
        if people:
            self._run(DeleteParticipants(people))

    # --- files -------------------------------------------------------------------------------

    def _title(self) -> str:
        return get_workshop(self.store, self.workshop_id).title

    @Slot()
    def import_csv(self) -> None:
        """« Importer un CSV… »: preview with per-line errors, then one undoable import."""
        path = self._dialogs.open_csv_path(self.view)
        if path is None:
            return
        try:
            preview = preview_roster(self.store, self.workshop_id, path, self._clock)
        except KnownError as error:
            self._prompts.show_error(
                self.view, _("Rien n'a été importé\u00a0: {error}").format(error=error.message)
            )
            return
        skip = self._dialogs.confirm_import(self.view, preview)
        if skip is None:
            return
        try:
            lines = accepted(preview, skip_invalid=skip)
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        if not lines:
            return
        entries = [(line.fields, line.arrived_at) for line in lines]
        label = _("Importer {count} participant(s)").format(count=len(entries))
        if self._run(AddParticipants(self.workshop_id, entries, label)):
            self._status(
                _("{count} participant(s) importé(s) depuis {name}.").format(
                    count=len(entries), name=path.name
                )
            )

    @Slot()
    def export_csv(self) -> None:
        """« Exporter en CSV… » (UTF-8 with BOM, « ; »: opens as is in French Excel)."""
        path = self._dialogs.save_path(
            self.view, _("Exporter la liste"), _("participants.csv"), ".csv"
        )
        if path is None:
            return
        try:
            count = export_roster(self.store, self.workshop_id, path)
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        self._status(
            _("{count} participant(s) exporté(s) dans {name}.").format(count=count, name=path.name)
        )

    @Slot()
    def print_sign_in_sheet(self) -> None:
        """« Feuille d'émargement (PDF)… »: sorted by name, a few blank lines at the end."""
        path = self._dialogs.save_path(
            self.view, _("Enregistrer la feuille d'émargement"), _("emargement.pdf"), ".pdf"
        )
        if path is None:
            return
        try:
            sign_in_sheet_pdf(self.store, self.workshop_id, path, blank_lines=SIGN_IN_BLANK_LINES)
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        self._status(_("Feuille d'émargement enregistrée\u00a0: {name}.").format(name=path.name))

    @Slot()
    def copy_from_workshop(self) -> None:
        """« Reprendre la liste d'un autre atelier… » of the same programme (undoable)."""
        siblings = participants.sibling_workshops(self.store, self.workshop_id)
        if not siblings:
            self._prompts.show_error(
                self.view,
                _(
                    "Aucun autre atelier du même programme\u00a0: rattachez d'abord cet "
                    "atelier à un programme."
                ),
            )
            return
        source = self._dialogs.choose_workshop(self.view, siblings)
        if source is None:
            return
        try:
            command = copy_roster_command(
                self.store, source.public_id, source.title, self.workshop_id
            )
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        if not command.entries:
            self._status(_("Tout le monde est déjà dans la liste."))
            return
        if self._run(command):
            self._status(
                _("{count} participant(s) repris de «\u00a0{title}\u00a0».").format(
                    count=len(command.entries), title=source.title
                )
            )

    def _status(self, message: str) -> None:
        self.view.status_label.setText(message)
