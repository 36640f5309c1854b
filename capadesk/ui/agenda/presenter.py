"""Drives the agenda builder: every edit builds a new Protocol and runs one SetAgenda command.

The tree and the forms always show the stored agenda: after an edit, an undo or a redo (the
``changes_made`` of Operations) the builder reads it again. Steps and tracks read from the
store carry their row's id, so an edit keeps the rows of what is still there. The actions work
where the selection is: on the day's steps, on a parallel step's tracks, or on a track's steps.
The start time is saved (one SetDayStart) when the field is left or Entrée pressed; until then
the clock times follow what is typed. Refused edits (the day has started, a field out of
bounds) show a French message and change nothing.
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import Protocol, ProtocolStep
from capadesk.core.domain.protocol_format import ProtocolError
from capadesk.core.domain.schedule import DEFAULT_DAY_START
from capadesk.core.domain.vocabulary import StepFormat
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.agenda_commands import SetAgenda, SetDayStart
from capadesk.core.services.changes import Changes
from capadesk.core.services.protocols import read_protocol_file, template_id, write_protocol_file
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.agenda.builder_view import AgendaBuilder
from capadesk.ui.agenda.checks import check_step, check_track_title
from capadesk.ui.agenda.dialogs import AgendaDialogs
from capadesk.ui.agenda.notes import remove_tip, step_note
from capadesk.ui.agenda.step_model import total_label
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations


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
        self.day_start = DEFAULT_DAY_START
        self._select_after: Place | None = None
        self._form_place: Place | None = None
        view = self.view
        view.add_action.triggered.connect(self.add_step)
        view.add_break_action.triggered.connect(self.add_break)
        view.duplicate_action.triggered.connect(self.duplicate)
        view.remove_action.triggered.connect(self.remove)
        view.up_action.triggered.connect(self.move_up)
        view.down_action.triggered.connect(self.move_down)
        view.add_track_action.triggered.connect(self.add_track)
        view.import_action.triggered.connect(self.import_file)
        view.export_action.triggered.connect(self.export_file)
        view.template_action.triggered.connect(self.save_template)
        view.model.move_requested.connect(self.move)
        view.form.apply_requested.connect(self.apply_form)
        view.track_form.apply_requested.connect(self.apply_track_form)
        view.start_edit.timeChanged.connect(self._show)  # clock times follow what is typed
        view.start_edit.editingFinished.connect(self.save_start)
        view.table.selectionModel().currentChanged.connect(self._current_changed)
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    # --- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored agenda again and show it."""
        agenda = read_agenda(self.store, self.workshop_id)
        self.protocol, self.day_start = agenda.protocol, agenda.start
        self.view.set_start_time(agenda.start)
        self._show()

    @Slot()
    def _show(self) -> None:
        view = self.view
        place = self._select_after if self._select_after is not None else view.selected_place()
        self._select_after = None
        view.model.fill(self.protocol.steps, view.start_edit_time())
        view.table.expandAll()
        minutes = self.protocol.planned_minutes
        view.total_label.setText(total_label(minutes))
        end = view.end_time(minutes)
        view.end_label.setText(_("Fin prévue\u00a0: {end}").format(end=end))
        view.select_place(place)
        self._current_changed(view.table.currentIndex())
        count = len(self.protocol.steps)
        view.export_action.setEnabled(count > 0)
        view.template_action.setEnabled(count > 0 and self.templates_dir is not None)

    def _step_at(self, place: Place) -> ProtocolStep:
        step = self.protocol.steps[place.step]
        if place.is_inner and place.track is not None and place.inner is not None:
            return step.tracks[place.track].steps[place.inner]
        return step

    @Slot(QModelIndex)
    def _current_changed(self, _index: QModelIndex) -> None:
        view, protocol = self.view, self.protocol
        place = view.selected_place()
        self._form_place = place
        view.show_track_form(place is not None and place.is_track)
        if place is None:
            view.form.show_step(None)
        elif place.is_track and place.track is not None:
            step = protocol.steps[place.step]
            view.track_form.show_track(step.tracks[place.track], step)
        else:
            view.form.show_step(self._step_at(place), step_note(protocol, place))
        count = edits.count_at(protocol, place) if place is not None else 0
        view.add_action.setEnabled(edits.can_insert(protocol, place))
        view.add_break_action.setEnabled(edits.can_insert(protocol, place))
        view.duplicate_action.setEnabled(edits.can_duplicate(protocol, place))
        view.remove_action.setEnabled(edits.can_remove(protocol, place))
        view.remove_action.setToolTip(remove_tip(protocol, place))
        view.up_action.setEnabled(place is not None and place.index > 0)
        view.down_action.setEnabled(place is not None and place.index < count - 1)
        view.add_track_action.setEnabled(edits.can_add_track(protocol, place))

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.agendas:
            self.reload()

    # --- edits -------------------------------------------------------------------------------

    def edit(self, protocol: Protocol, label: str, select: Place | int | None = None) -> bool:
        """Make ``protocol`` the workshop's agenda (one undoable command)."""
        self._select_after = Place(select) if isinstance(select, int) else select
        done = self._operations.execute(SetAgenda(self.workshop_id, protocol, label))
        if not done:
            self._select_after = None
            self.reload()  # put the form back as stored
        return done

    def _insert(self, step: ProtocolStep, label: str) -> None:
        place = self.view.selected_place()
        if edits.can_insert(self.protocol, place):
            protocol, at = edits.insert_after(self.protocol, place, step)
            self.edit(protocol, label, at)

    @Slot()
    def add_step(self) -> None:
        """« Ajouter » a blank step after the selected one (in its track if it is in one; at
        the end of a selected track; at the end of the day when nothing is selected)."""
        self._insert(edits.blank_step(), _("Ajouter une étape"))

    @Slot()
    def add_break(self) -> None:
        """« Ajouter une pause » where « Ajouter » would add a step."""
        self._insert(edits.break_step(), _("Ajouter une pause"))

    @Slot()
    def duplicate(self) -> None:
        """« Dupliquer » the selected step or track (a copy with new rows)."""
        place = self.view.selected_place()
        if place is not None and edits.can_duplicate(self.protocol, place):
            protocol, at = edits.duplicate_at(self.protocol, place)
            label = _("Dupliquer un atelier") if place.is_track else _("Dupliquer une étape")
            self.edit(protocol, label, at)

    @Slot()
    def remove(self) -> None:
        """« Supprimer » the selected step or track (Ctrl+Z brings it back)."""
        place = self.view.selected_place()
        if place is not None and edits.can_remove(self.protocol, place):
            protocol, at = edits.remove_at(self.protocol, place)
            label = _("Supprimer un atelier") if place.is_track else _("Supprimer une étape")
            self.edit(protocol, label, at if at is not None else self._parent(place))

    @staticmethod
    def _parent(place: Place) -> Place | None:
        if place.is_inner:
            return Place(place.step, place.track)
        return Place(place.step) if place.is_track else None

    @Slot(object, int)
    def move(self, place: Place | int, destination: int) -> None:
        """Move the line at ``place`` (a day's step index, or a Place) to ``destination``
        among its siblings (buttons, keys, drag and drop)."""
        place = Place(place) if isinstance(place, int) else place
        count = edits.count_at(self.protocol, place)
        if place.index != destination and 0 <= place.index < count and 0 <= destination < count:
            protocol, at = edits.move_at(self.protocol, place, destination)
            label = _("Déplacer un atelier") if place.is_track else _("Déplacer une étape")
            self.edit(protocol, label, at)

    @Slot()
    def move_up(self) -> None:
        place = self.view.selected_place()
        if place is not None:
            self.move(place, place.index - 1)

    @Slot()
    def move_down(self) -> None:
        place = self.view.selected_place()
        if place is not None:
            self.move(place, place.index + 1)

    @Slot()
    def add_track(self) -> None:
        """« Ajouter un atelier en parallèle » to the selected parallel step (two when it has
        none yet, the fewest a parallel step holds)."""
        place = self.view.selected_place()
        if place is not None and edits.can_add_track(self.protocol, place):
            protocol, at = edits.add_track(self.protocol, place)
            self.edit(protocol, _("Ajouter un atelier en parallèle"), at)

    @Slot()
    def apply_form(self) -> None:
        """« Appliquer »: the form's values replace the step it shows."""
        place, step = self._form_place, self.view.form.edited_step()
        if place is None or place.is_track or step is None or step == self._step_at(place):
            return
        if step.tracks and step.format is not StepFormat.PARALLEL:
            if not self._dialogs.confirm_drop_tracks(self.view, step.title, len(step.tracks)):
                self.reload()
                return
            step = dataclasses.replace(step, tracks=())
        try:
            check_step(step)
        except ProtocolError as error:
            self._prompts.show_error(self.view, error.message)
            self.reload()
            return
        protocol = edits.replace_step(self.protocol, place.index, step, track=place.track_ref)
        self.edit(protocol, _("Modifier une étape"), place)

    @Slot()
    def apply_track_form(self) -> None:
        """« Appliquer » on a track: its new title."""
        place, title = self._form_place, self.view.track_form.edited_title()
        if place is None or not place.is_track or place.track is None or title is None:
            return
        if title == self.protocol.steps[place.step].tracks[place.track].title:
            return
        try:
            check_track_title(title)
        except ProtocolError as error:
            self._prompts.show_error(self.view, error.message)
            self.reload()
            return
        protocol = edits.rename_track(self.protocol, place.step, place.track, title)
        self.edit(protocol, _("Renommer un atelier"), place)

    @Slot()
    def save_start(self) -> None:
        """The start time typed becomes the day's (one undoable command)."""
        start = self.view.start_edit_time()
        if start != self.day_start and not self._operations.execute(
            SetDayStart(self.workshop_id, start)
        ):
            self.reload()

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
