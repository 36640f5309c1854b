"""The agenda builder: clock times and the saved start time, edits, moves, undo/redo, the
settings of a vote, files and personal templates. Parallel tracks: test_agenda_tracks.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import deque
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QModelIndex, Qt, QTime
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.schedule import schedule
from capadesk.core.services.agenda import Agenda, apply_protocol, read_agenda
from capadesk.core.services.protocols import find_protocol, library, user_protocols_dir
from capadesk.core.storage.models import RunnerState, Workshop, utc_now
from capadesk.core.storage.store import Store
from capadesk.ui.agenda import AgendaDialogs, AgendaPresenter
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import click, is_active, press, seed

TOULON = find_protocol("capacities-1-toulon")


class FakeDialogs(AgendaDialogs):
    """Queued paths, template titles and confirmations instead of modal dialogs."""

    def __init__(self) -> None:
        self.answers: deque[Path | str | bool | None] = deque()

    def _next(self) -> Path | str | bool | None:
        assert self.answers, "the builder asked a question the test did not expect"
        return self.answers.popleft()

    def open_protocol_path(self, parent: QWidget) -> Path | None:
        answer = self._next()
        assert answer is None or isinstance(answer, Path)
        return answer

    def save_protocol_path(self, parent: QWidget, suggested: str) -> Path | None:
        return self.open_protocol_path(parent)

    def template_title(self, parent: QWidget, suggested: str) -> str | None:
        answer = self._next()
        assert answer is None or isinstance(answer, str)
        return answer

    def confirm_drop_tracks(self, parent: QWidget, title: str, count: int) -> bool:
        answer = self._next()
        assert isinstance(answer, bool)
        return answer


class Builder:
    def __init__(self, presenter: AgendaPresenter, store: Store, workshop_id: uuid.UUID) -> None:
        self.presenter, self.store, self.workshop_id = presenter, store, workshop_id
        self.view = presenter.view
        self.dialogs = FakeDialogs()
        presenter._dialogs = self.dialogs

    def stored(self) -> Protocol:
        return read_agenda(self.store, self.workshop_id).protocol

    def agenda(self) -> Agenda:
        return read_agenda(self.store, self.workshop_id)

    def cell(self, row: int, column: int, parent: QModelIndex | None = None) -> str:
        return str(self.view.model.index(row, column, parent or QModelIndex()).data())

    def line(self, place: Place, column: int) -> str:
        """The text of a cell of the line at ``place``."""
        index = self.view.model.index_of(place)
        assert self.view.model.place_of(index) == place, f"no line at {place}"
        return str(index.siblingAtColumn(column).data())


def open_builder(
    qtbot: QtBot, window: MainWindow, store: Store, protocol: Protocol = TOULON
) -> Builder:
    """A workshop whose agenda is ``protocol``, open in the builder (set-up, not under test)."""
    workshop = seed(store, "Atelier")
    apply_protocol(store, workshop.public_id, protocol)
    presenter = AgendaPresenter(
        store,
        workshop.public_id,
        window.operations,
        window.prompts,
        AgendaDialogs(),
        window,
        templates_dir=user_protocols_dir(window.app_paths),
    )
    qtbot.addWidget(presenter.view)
    presenter.view.resize(1200, 640)
    return Builder(presenter, store, workshop.public_id)


def screenshot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """Grab ``widget`` into $CAPADESK_SCREENSHOTS (kept out of git), or a temporary folder."""
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    QApplication.sendPostedEvents()  # pending relayouts first: a label's new text fits
    assert widget.grab().save(str(path))
    return path


def focus(qtbot: QtBot, widget: QWidget) -> None:
    """Show ``widget``'s window and wait until it has the keyboard (shortcuts then work)."""
    window = widget.window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: is_active(window))


@pytest.fixture
def builder(qtbot: QtBot, ready: MainWindow, store: Store) -> Builder:
    return open_builder(qtbot, ready, store)


def test_clock_times_from_nine_match_the_schedule(builder: Builder) -> None:
    view = builder.view
    planned = schedule(TOULON.steps, view.start_edit_time())
    assert [builder.cell(row, 0) for row in range(6)] == [
        p.start.strftime("%H:%M") for p in planned
    ]
    assert builder.cell(0, 0) == "09:00"
    assert builder.cell(3, 1) == "45–60\u00a0min"
    assert view.total_label.text() == "Durée prévue\u00a0: 3\u00a0h\u00a005"
    assert view.end_label.text() == "Fin prévue\u00a0: 12:05"
    view.start_edit.setTime(view.start_edit.time().addSecs(30 * 60))
    assert builder.cell(1, 0) == "10:00"
    assert view.end_label.text() == "Fin prévue\u00a0: 12:35"
    assert builder.agenda().day_start is None  # shown while typed, saved when the field is left


def test_the_start_time_is_saved_on_enter_and_undone(
    builder: Builder, ready: MainWindow, qtbot: QtBot
) -> None:
    view = builder.view
    focus(qtbot, view)
    view.start_edit.setFocus()
    view.start_edit.setTime(QTime(8, 15))
    press(qtbot, view.start_edit, Qt.Key.Key_Return)
    assert builder.agenda().day_start == dt.time(8, 15)
    assert ready.undo_action.text().endswith("Début de la journée à 08:15")
    assert (builder.cell(0, 0), builder.cell(5, 0)) == ("08:15", "11:10")
    assert view.end_label.text() == "Fin prévue\u00a0: 11:20"

    ready.undo_action.trigger()
    assert builder.agenda().day_start is None
    assert view.start_edit_time() == dt.time(9, 0)  # the field follows the store
    assert builder.cell(0, 0) == "09:00"
    ready.redo_action.trigger()
    assert view.start_edit_time() == dt.time(8, 15)

    again = open_builder(qtbot, ready, builder.store)  # another workshop: its own start
    assert again.view.start_edit_time() == dt.time(9, 0)
    builder.presenter.reload()
    assert builder.cell(0, 0) == "08:15"


def test_the_vote_s_settings_are_in_the_form(builder: Builder, ready: MainWindow) -> None:
    form = builder.view.form
    dots, kept = form.setting_boxes["dots_per_participant"], form.setting_boxes["kept_threads"]
    builder.view.select_row(0)
    assert not dots.isVisibleTo(form) and not kept.isVisibleTo(form)
    builder.view.select_row(5)  # « Vote aux gommettes »: 4 dots each, 8 threads kept
    assert dots.isVisibleTo(form) and kept.isVisibleTo(form)
    assert (dots.value(), kept.value()) == (4, 8)
    dots.setValue(3)
    builder.presenter.apply_form()
    assert builder.stored().steps[5].settings == (("dots_per_participant", 3), ("kept_threads", 8))
    assert (dots.value(), kept.value()) == (3, 8)

    form.activity_choice.setCurrentIndex(form.activity_choice.findData("free"))
    assert not dots.isVisibleTo(form)  # a free step has no settings
    builder.presenter.apply_form()
    assert builder.stored().steps[5].settings == ()
    ready.undo_action.trigger()
    ready.undo_action.trigger()
    assert builder.stored().steps[5].settings == TOULON.steps[5].settings


def test_moves_by_action_and_by_drop_change_the_stored_agenda(builder: Builder) -> None:
    titles = [step.title for step in TOULON.steps]
    builder.view.select_row(0)
    builder.view.down_action.trigger()
    assert [s.title for s in builder.stored().steps][:2] == [titles[1], titles[0]]
    assert builder.view.selected_row() == 1  # the moved step stays selected

    model = builder.view.model
    data = model.mimeData([model.index(5, 0)])  # the vote, dropped before the first line
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [s.title for s in builder.stored().steps][:3] == [titles[5], titles[1], titles[0]]


def test_form_edits_pause_delete_then_undo_and_redo(
    builder: Builder, ready: MainWindow, qtbot: QtBot
) -> None:
    view, form = builder.view, builder.view.form
    original = builder.stored()
    view.select_row(1)
    form.title_edit.setText("Introduction courte")
    form.maximum_box.setValue(12)
    form.minimum_box.setValue(8)
    click(qtbot, form.apply_button)
    step = builder.stored().steps[1]
    assert (step.title, step.duration.label()) == ("Introduction courte", "8–12\u00a0min")
    assert builder.cell(1, 1) == "8–12\u00a0min"
    edited = builder.stored()

    view.add_break_action.trigger()
    assert builder.stored().steps[2].title == "Pause"
    assert view.selected_row() == 2
    view.select_row(0)
    view.remove_action.trigger()
    assert len(builder.stored().steps) == 6
    final = builder.stored()

    ready.undo_action.trigger()
    ready.undo_action.trigger()
    assert builder.stored() == edited
    ready.undo_action.trigger()
    assert builder.stored() == original
    assert builder.cell(1, 4) == original.steps[1].title  # the table follows
    ready.redo_action.trigger()
    ready.redo_action.trigger()
    ready.redo_action.trigger()
    assert builder.stored() == final


def test_an_empty_title_is_refused_in_french(builder: Builder, prompts: FakePrompts) -> None:
    builder.view.select_row(0)
    builder.view.form.title_edit.setText("  ")
    builder.presenter.apply_form()
    assert prompts.errors == ["Titre\u00a0: ne peut pas être vide"]
    assert builder.stored() == read_agenda(builder.store, builder.workshop_id).protocol
    assert builder.view.form.title_edit.text() == TOULON.steps[0].title


def test_edits_are_refused_once_the_day_has_started(
    builder: Builder, store: Store, prompts: FakePrompts
) -> None:
    with store.write() as session:
        row = session.scalars(select(Workshop)).one()
        session.add(RunnerState(workshop_id=row.id, status="running", updated_at=utc_now()))
    before = builder.stored()
    builder.view.add_action.trigger()
    assert prompts.errors == ["Le déroulé ne peut plus être remplacé\u00a0: la journée a commencé."]
    assert builder.stored() == before


def test_a_broken_file_is_refused_and_changes_nothing(
    builder: Builder, prompts: FakePrompts, tmp_path: Path
) -> None:
    broken = tmp_path / "casse.json"
    broken.write_text('{"format": "capadesk-protocol", "steps": [', encoding="utf-8")
    before = builder.stored()
    builder.dialogs.answers.append(broken)
    builder.view.import_action.trigger()
    assert len(prompts.errors) == 1
    assert prompts.errors[0].startswith("Le fichier n'a pas été importé\u00a0: ")
    assert "JSON invalide" in prompts.errors[0]
    assert builder.stored() == before


def test_export_then_import_gives_the_same_protocol(builder: Builder, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    builder.view.select_row(0)
    builder.view.remove_action.trigger()
    shortened = builder.stored()
    builder.dialogs.answers.append(exported)
    builder.view.export_action.trigger()
    text = exported.read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "capadesk-protocol"') and "Synthèse" in text
    assert json.loads(text)["id"] == TOULON.id

    builder.presenter.edit(TOULON, "retour au protocole")
    builder.dialogs.answers.append(exported)
    builder.view.import_action.trigger()
    assert builder.stored() == shortened


def test_a_saved_template_joins_the_library(builder: Builder, ready: MainWindow) -> None:
    builder.view.select_row(5)
    builder.view.duplicate_action.trigger()
    builder.dialogs.answers.append("Toulon, deux votes")
    builder.view.template_action.trigger()
    folder = user_protocols_dir(ready.app_paths)
    listed = library(folder)[-1]
    assert (listed.id, listed.title) == ("perso-toulon-deux-votes", "Toulon, deux votes")
    assert listed.steps == builder.stored().steps
    builder.dialogs.answers.append(None)  # cancelled: nothing written
    builder.view.template_action.trigger()
    assert len(list(folder.glob("*.json"))) == 1


def test_keys_and_focus_out(builder: Builder, qtbot: QtBot) -> None:
    view = builder.view
    focus(qtbot, view)
    view.select_row(0)
    view.table.setFocus()
    press(qtbot, view.table, Qt.Key.Key_Insert)
    assert builder.stored().steps[1].title == "Nouvelle étape"
    press(qtbot, view.table, Qt.Key.Key_Delete)
    assert len(builder.stored().steps) == 6
    press(
        qtbot,
        view.table,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    copied = builder.stored().steps
    assert len(copied) == 7 and copied[1] == copied[2]
    view.select_row(3)
    press(qtbot, view.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert builder.stored().steps[2] == copied[3]
    assert view.selected_row() == 2

    view.select_row(0)
    view.form.title_edit.setFocus()
    view.form.title_edit.setText("Accueil café")
    view.table.setFocus()  # leaving the form applies it
    assert builder.stored().steps[0].title == "Accueil café"


def test_a_screenshot_of_the_builder(builder: Builder, tmp_path: Path) -> None:
    builder.presenter.edit(find_protocol("capacities-3-chamonix"), "Chamonix")
    model, view = builder.view.model, builder.view
    parallel = next(r for r in range(model.rowCount()) if model.hasChildren(model.index(r, 0)))
    view.select_row(parallel)
    assert model.rowCount(model.index(parallel, 0)) == 3
    assert view.form.tracks_note.isVisibleTo(view.form)
    assert view.add_track_action.isEnabled()
    view.select_row(0)
    assert screenshot(view, "agenda-builder.png", tmp_path).stat().st_size > 0
