"""Drives the agenda builder: every edit builds a new Protocol and runs one SetAgenda command.

The table and the form always show the stored agenda: after an edit, an undo or a redo (the
``changes_made`` of Operations) the builder reads it again. Refused edits (the day has started,
a field out of bounds) show a French message and change nothing.
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.protocol import Protocol, ProtocolStep
from capadesk.core.domain.protocol_format import (
    MAX_STEPS,
    ProtocolError,
    parse_protocol,
    protocol_data,
)
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.agenda_commands import SetAgenda
from capadesk.core.services.changes import Changes
from capadesk.core.services.protocols import read_protocol_file, template_id, write_protocol_file
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.agenda.builder_view import AgendaBuilder
from capadesk.ui.agenda.dialogs import AgendaDialogs
from capadesk.ui.agenda.step_model import total_label
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations

_FIELDS = {"title": "Titre", "instructions": "Consignes", "materials": "Matériel"}


def check_step(step: ProtocolStep) -> None:
    """Raise ProtocolError, naming the form's field in French, if a file could not hold ``step``."""
    try:
        parse_protocol(protocol_data(Protocol(id="check", title="check", steps=(step,))))
    except ProtocolError as error:
        field = error.path.removeprefix("steps[0].").split("[")[0].split(".")[0]
        raise ProtocolError(_(_FIELDS.get(field, "Étape")), error.problem) from error


class AgendaPresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        workshop_id: uuid.UUID,
        operations: Operations,
        prompts: Prompts,
        file_dialogs: AgendaDialogs,
        parent: QWidget,
        *,
        templates_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = AgendaBuilder()  # the page puts it in its own layout
        self.store, self.workshop_id = store, workshop_id
        self.templates_dir = templates_dir
        self._operations, self._prompts, self._dialogs = operations, prompts, file_dialogs
        self.protocol = Protocol(id="atelier", title="", steps=())
        self._select_after: int | None = None
        self._form_row: int | None = None
        view = self.view
        view.add_action.triggered.connect(self.add_step)
        view.add_break_action.triggered.connect(self.add_break)
        view.duplicate_action.triggered.connect(self.duplicate)
        view.remove_action.triggered.connect(self.remove)
        view.up_action.triggered.connect(self.move_up)
        view.down_action.triggered.connect(self.move_down)
        view.import_action.triggered.connect(self.import_file)
        view.export_action.triggered.connect(self.export_file)
        view.template_action.triggered.connect(self.save_template)
        view.model.move_requested.connect(self.move)
        view.form.apply_requested.connect(self.apply_form)
        view.start_edit.timeChanged.connect(self._show)
        view.table.selectionModel().currentChanged.connect(self._current_changed)
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    # --- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored agenda again and show it."""
        self.protocol = read_agenda(self.store, self.workshop_id).protocol
        self._show()

    @Slot()
    def _show(self) -> None:
        view = self.view
        row = self._select_after if self._select_after is not None else view.selected_row()
        self._select_after = None
        view.model.fill(self.protocol.steps, view.start_edit_time())
        view.table.expandAll()
        minutes = self.protocol.planned_minutes
        view.total_label.setText(total_label(minutes))
        end = view.end_time(minutes)
        view.end_label.setText(_("Fin prévue\u00a0: {end}").format(end=end))
        view.select_row(row)
        self._current_changed(view.table.currentIndex())
        count = len(self.protocol.steps)
        for action in (view.add_action, view.add_break_action):
            action.setEnabled(count < MAX_STEPS)
        view.export_action.setEnabled(count > 0)
        view.template_action.setEnabled(count > 0 and self.templates_dir is not None)

    @Slot(QModelIndex)
    def _current_changed(self, _index: QModelIndex) -> None:
        view = self.view
        row = view.selected_row()
        self._form_row = row
        view.form.show_step(self.protocol.steps[row] if row is not None else None)
        count = len(self.protocol.steps)
        view.duplicate_action.setEnabled(row is not None and count < MAX_STEPS)
        view.remove_action.setEnabled(row is not None)
        view.up_action.setEnabled(row is not None and row > 0)
        view.down_action.setEnabled(row is not None and row < count - 1)

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.agendas:
            self.reload()

    # --- edits -------------------------------------------------------------------------------

    def edit(self, protocol: Protocol, label: str, select: int | None = None) -> bool:
        """Make ``protocol`` the workshop's agenda (one undoable command)."""
        self._select_after = select
        done = self._operations.execute(SetAgenda(self.workshop_id, protocol, label))
        if not done:
            self._select_after = None
            self.reload()  # put the form back as stored
        return done

    def _insert(self, step: ProtocolStep, label: str) -> None:
        row = self.view.selected_row()
        at = len(self.protocol.steps) if row is None else row + 1
        self.edit(edits.insert_step(self.protocol, at, step), label, at)

    @Slot()
    def add_step(self) -> None:
        """« Ajouter » a blank step after the selected one (at the end when none is)."""
        self._insert(edits.blank_step(), _("Ajouter une étape"))

    @Slot()
    def add_break(self) -> None:
        """« Ajouter une pause » after the selected step."""
        self._insert(edits.break_step(), _("Ajouter une pause"))

    @Slot()
    def duplicate(self) -> None:
        """« Dupliquer » the selected step."""
        row = self.view.selected_row()
        if row is not None:
            protocol = edits.duplicate_step(self.protocol, row)
            self.edit(protocol, _("Dupliquer une étape"), row + 1)

    @Slot()
    def remove(self) -> None:
        """« Supprimer » the selected step (Ctrl+Z brings it back)."""
        row = self.view.selected_row()
        if row is not None:
            self.edit(edits.remove_step(self.protocol, row), _("Supprimer une étape"), row)

    @Slot(int, int)
    def move(self, source: int, destination: int) -> None:
        """Move the step at ``source`` to ``destination`` (buttons, keys, drag and drop)."""
        count = len(self.protocol.steps)
        if source != destination and 0 <= source < count and 0 <= destination < count:
            protocol = edits.move_step(self.protocol, source, destination)
            self.edit(protocol, _("Déplacer une étape"), destination)

    @Slot()
    def move_up(self) -> None:
        row = self.view.selected_row()
        if row is not None:
            self.move(row, row - 1)

    @Slot()
    def move_down(self) -> None:
        row = self.view.selected_row()
        if row is not None:
            self.move(row, row + 1)

    @Slot()
    def apply_form(self) -> None:
        """« Appliquer »: the form's values replace the step it shows."""
        row, step = self._form_row, self.view.form.edited_step()
        if row is None or step is None or step == self.protocol.steps[row]:
            return
        try:
            check_step(step)
        except ProtocolError as error:
            self._prompts.show_error(self.view, error.message)
            self.reload()
            return
        self.edit(edits.replace_step(self.protocol, row, step), _("Modifier une étape"), row)

    # --- files -------------------------------------------------------------------------------

    @Slot()
    def import_file(self) -> None:
        """« Importer… »: the agenda becomes a protocol file's steps."""
        path = self._dialogs.open_protocol_path(self.view)
        if path is None:
            return
        try:
            protocol = read_protocol_file(path)
        except ProtocolError as error:
            message = _("Le fichier n'a pas été importé\u00a0: {error}").format(error=error.message)
            self._prompts.show_error(self.view, message)
            return
        label = _("Importer «\u00a0{title}\u00a0»").format(title=protocol.title)
        self.edit(protocol, label, 0)

    @Slot()
    def export_file(self) -> None:
        """« Exporter… »: write the agenda as a protocol file."""
        path = self._dialogs.save_protocol_path(self.view, f"{self.protocol.id}.json")
        if path is not None:
            self._write(self.protocol, path)

    @Slot()
    def save_template(self) -> None:
        """« Enregistrer comme modèle »: a personal protocol the library lists from now on."""
        if self.templates_dir is None:
            return
        title = self._dialogs.template_title(self.view, self.protocol.title)
        if title is None:
            return
        template = dataclasses.replace(self.protocol, id=template_id(title), title=title)
        self._write(template, self.templates_dir / f"{template.id}.json")

    def _write(self, protocol: Protocol, path: Path) -> None:
        try:
            write_protocol_file(protocol, path)
        except ProtocolError as error:
            self._prompts.show_error(self.view, error.message)
