"""Parallel tracks in the agenda builder: add, rename, move, duplicate and remove tracks; add,
edit, move and remove the steps inside a track; their clock times; undo; the keyboard."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QModelIndex, Qt

from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import ProtocolStep
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.services.protocols import find_protocol
from capadesk.core.storage.models import Capture, Step
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow

from .helpers import press, type_text
from .test_agenda_builder import TOULON, Builder, focus, open_builder, screenshot

CHAMONIX = find_protocol("capacities-3-chamonix")
PARALLEL = 5  # « Trois ateliers en parallèle », 12:00–13:30 from 09:00
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def chamonix(qtbot: QtBot, ready: MainWindow, store: Store) -> Builder:
    return open_builder(qtbot, ready, store, CHAMONIX)


def inner_steps(builder: Builder, track: int, step: int = PARALLEL) -> tuple[ProtocolStep, ...]:
    return builder.stored().steps[step].tracks[track].steps


def track_titles(builder: Builder, step: int = PARALLEL) -> list[str]:
    return [track.title for track in builder.stored().steps[step].tracks]


def test_add_a_track_add_a_step_in_it_edit_it_then_undo(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    builder = open_builder(qtbot, ready, store)  # Toulon: no parallel step yet
    view, form, table = builder.view, builder.view.form, builder.view.table
    focus(qtbot, view)
    view.select_row(4)  # « Synthèse des groupes », 10:55–11:55
    assert not view.add_track_action.isEnabled()
    form.format_choice.setCurrentIndex(form.format_choice.findData(StepFormat.PARALLEL.value))
    form.format_choice.setFocus()
    with qtbot.waitSignal(form.apply_requested):  # the button's shortcut animates a click
        press(qtbot, form.format_choice, Qt.Key.Key_Return, CTRL)
    assert builder.stored().steps[4].format is StepFormat.PARALLEL
    assert "Ajouter un atelier en parallèle" in form.tracks_note.text()

    table.setFocus()
    press(qtbot, table, Qt.Key.Key_A, CTRL | SHIFT)  # « Ajouter un atelier en parallèle »
    assert track_titles(builder, 4) == ["Atelier 1", "Atelier 2"]
    assert view.selected_place() == Place(4, 0)
    assert view.forms.currentWidget() is view.track_form
    assert builder.line(Place(4, 0), 0) == "10:55"  # a track starts with its step

    press(qtbot, table, Qt.Key.Key_Insert)  # a step at the end of the selected track
    assert [s.title for s in inner_steps(builder, 0, 4)] == ["Nouvelle étape"] * 2
    assert view.selected_place() == Place(4, 0, 1)
    assert view.forms.currentWidget() is form
    assert builder.line(Place(4, 0, 1), 0) == "11:10"  # after the track's first 15 min

    form.title_edit.setFocus()
    form.title_edit.selectAll()
    type_text(qtbot, form.title_edit, "Vote sur les irritants")
    form.maximum_box.setValue(20)
    form.minimum_box.setValue(20)
    form.activity_choice.setCurrentIndex(form.activity_choice.findData("dot-vote"))
    form.setting_boxes["dots_per_participant"].setValue(2)
    with qtbot.waitSignal(form.apply_requested):
        press(qtbot, form.title_edit, Qt.Key.Key_Return, CTRL)
    edited = inner_steps(builder, 0, 4)[1]
    assert (edited.title, edited.duration.planned, edited.activity) == (
        "Vote sur les irritants",
        20,
        ActivityKind.DOT_VOTE,
    )
    assert edited.settings == (("dots_per_participant", 2),)
    assert builder.line(Place(4, 0, 1), 4) == "Vote sur les irritants"
    assert builder.stored().planned_minutes == TOULON.planned_minutes  # the slot is the step's
    assert builder.line(Place(4, 0), 1) == "35\u00a0min"

    ready.undo_action.trigger()  # the edit
    assert inner_steps(builder, 0, 4)[1].title == "Nouvelle étape"
    ready.undo_action.trigger()  # the inner step
    ready.undo_action.trigger()  # the two tracks
    ready.undo_action.trigger()  # the format
    assert builder.stored().steps == TOULON.steps
    assert not builder.view.model.hasChildren(builder.view.model.index(4, 0))
    for _ in range(4):
        ready.redo_action.trigger()
    assert inner_steps(builder, 0, 4)[1] == edited
    assert inner_steps(builder, 0, 4)[1].store_id == edited.store_id  # redo keeps its row


def test_tracks_are_renamed_moved_duplicated_and_removed_by_keys(
    chamonix: Builder, qtbot: QtBot, ready: MainWindow
) -> None:
    view, table, track_form = chamonix.view, chamonix.view.table, chamonix.view.track_form
    first, second, third = track_titles(chamonix)
    ids = [track.store_id for track in chamonix.stored().steps[PARALLEL].tracks]
    focus(qtbot, view)
    view.select_place(Place(PARALLEL, 0))
    table.setFocus()
    press(qtbot, table, Qt.Key.Key_Down, ALT)
    assert track_titles(chamonix) == [second, first, third]
    assert view.selected_place() == Place(PARALLEL, 1)
    assert ready.undo_action.text().endswith("Déplacer un atelier")

    track_form.title_edit.setFocus()
    track_form.title_edit.selectAll()
    type_text(qtbot, track_form.title_edit, "Économie")
    table.setFocus()  # leaving the form applies it
    assert track_titles(chamonix) == [second, "Économie", third]
    assert [t.store_id for t in chamonix.stored().steps[PARALLEL].tracks] == [
        ids[1],
        ids[0],
        ids[2],
    ]

    press(qtbot, table, Qt.Key.Key_D, CTRL | SHIFT)
    tracks = chamonix.stored().steps[PARALLEL].tracks
    assert [t.title for t in tracks] == [second, "Économie", "Économie", third]
    assert tracks[2].steps == tracks[1].steps and tracks[2].store_id not in ids
    assert tracks[2].steps[0].store_id != tracks[1].steps[0].store_id  # a copy: new rows

    press(qtbot, table, Qt.Key.Key_Delete)
    press(qtbot, table, Qt.Key.Key_Delete)
    assert track_titles(chamonix) == [second, "Économie"]
    assert not view.remove_action.isEnabled()  # a parallel step keeps two tracks
    assert "au moins 2 ateliers" in view.remove_action.toolTip()
    press(qtbot, table, Qt.Key.Key_Delete)
    assert len(track_titles(chamonix)) == 2

    ready.undo_action.trigger()
    ready.undo_action.trigger()
    assert [t.store_id for t in chamonix.stored().steps[PARALLEL].tracks][-1] == ids[2]


def test_steps_inside_a_track_are_duplicated_moved_and_removed(
    chamonix: Builder, qtbot: QtBot
) -> None:
    view, table = chamonix.view, chamonix.view.table
    listing, sheets = (s.title for s in inner_steps(chamonix, 2))
    focus(qtbot, view)
    view.select_place(Place(PARALLEL, 2, 1))
    table.setFocus()
    press(qtbot, table, Qt.Key.Key_Up, ALT)
    assert [s.title for s in inner_steps(chamonix, 2)] == [sheets, listing]
    assert chamonix.line(Place(PARALLEL, 2, 1), 0) == "13:20"  # 12:00 + the sheets' 80 min
    assert view.selected_place() == Place(PARALLEL, 2, 0)  # the moved step stays selected
    press(qtbot, table, Qt.Key.Key_D, CTRL | SHIFT)
    assert [s.title for s in inner_steps(chamonix, 2)] == [sheets, sheets, listing]
    assert view.selected_place() == Place(PARALLEL, 2, 1)  # the copy
    press(qtbot, table, Qt.Key.Key_Delete)
    assert [s.title for s in inner_steps(chamonix, 2)] == [sheets, listing]

    view.select_place(Place(PARALLEL, 0, 0))  # the only step of its track
    assert not view.remove_action.isEnabled()
    assert view.remove_action.toolTip() == "Un atelier en parallèle garde au moins une étape"

    model = view.model  # drag and drop, among the same track's steps only
    data = model.mimeData([model.index_of(Place(PARALLEL, 2, 1))])
    track_line = model.index_of(Place(PARALLEL, 2))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.canDropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, model.index_of(Place(PARALLEL, 0))
    )
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, track_line)
    assert [s.title for s in inner_steps(chamonix, 2)] == [listing, sheets]
    assert [s.title for s in chamonix.stored().steps][:2] == [s.title for s in CHAMONIX.steps][:2]


def test_clock_times_of_tracks_follow_the_day_start_and_overruns_show(
    chamonix: Builder, qtbot: QtBot, tmp_path: Path
) -> None:
    view = chamonix.view
    focus(qtbot, view)
    view.start_edit.setFocus()
    view.start_edit.setTime(view.start_edit.time().addSecs(-30 * 60))  # 08:30
    view.select_place(Place(PARALLEL, 2, 1))
    view.table.setFocus()  # leaving the field saves the start
    assert chamonix.agenda().start.strftime("%H:%M") == "08:30"
    assert chamonix.line(Place(PARALLEL, 2, 1), 0) == "11:40"
    assert chamonix.line(Place(PARALLEL, 2), 0) == "11:30"

    form = view.form
    form.maximum_box.setValue(95)
    form.minimum_box.setValue(95)
    chamonix.presenter.apply_form()
    title = chamonix.line(Place(PARALLEL, 2), 4)
    assert title == "Besoins réglementaires  (dépasse de 15\u00a0min)"
    index = view.model.index_of(Place(PARALLEL, 2))
    assert "15\u00a0min de plus que l'étape" in str(
        index.siblingAtColumn(4).data(Qt.ItemDataRole.ToolTipRole)
    )
    assert chamonix.stored().planned_minutes == CHAMONIX.planned_minutes  # the day is unmoved
    assert view.end_label.text() == "Fin prévue\u00a0: 13:00"
    view.select_row(PARALLEL)
    assert "dépasse" not in form.tracks_note.text()
    assert "15\u00a0min de plus que l'étape (1\u00a0h\u00a030)" in form.tracks_note.text()
    view.select_place(Place(PARALLEL, 2))
    assert (
        "1\u00a0h\u00a045 sur les 1\u00a0h\u00a030 de l'étape"
        in view.track_form.summary_label.text()
    )
    assert screenshot(view, "agenda-tracks.png", tmp_path).stat().st_size > 0


def test_leaving_the_parallel_format_asks_before_dropping_the_tracks(
    chamonix: Builder, ready: MainWindow
) -> None:
    form, before = chamonix.view.form, chamonix.stored()
    chamonix.view.select_row(PARALLEL)
    form.format_choice.setCurrentIndex(form.format_choice.findData(StepFormat.GROUPS.value))
    chamonix.dialogs.answers.append(False)
    chamonix.presenter.apply_form()
    assert chamonix.stored() == before
    assert form.format_choice.currentData() == StepFormat.PARALLEL.value  # the form as stored

    form.format_choice.setCurrentIndex(form.format_choice.findData(StepFormat.GROUPS.value))
    chamonix.dialogs.answers.append(True)
    chamonix.presenter.apply_form()
    step = chamonix.stored().steps[PARALLEL]
    assert (step.format, step.tracks) == (StepFormat.GROUPS, ())
    assert not chamonix.dialogs.answers
    ready.undo_action.trigger()
    assert chamonix.stored() == before
    restored = chamonix.stored().steps[PARALLEL].tracks[2].steps[0]
    assert restored.store_id == before.steps[PARALLEL].tracks[2].steps[0].store_id


def test_a_capture_keeps_its_track_step_through_builder_edits(
    chamonix: Builder, store: Store
) -> None:
    inner = inner_steps(chamonix, 2)[1]
    with store.write() as session:
        row = session.scalars(select(Step).where(Step.public_id == inner.store_id)).one()
        session.add(Capture(workshop_id=row.workshop_id, step_id=row.id, kind="idee", text="x"))
    chamonix.view.select_place(Place(PARALLEL, 2))
    chamonix.presenter.move_up()
    renamed = dataclasses.replace(inner, title="Fiches-actions")
    chamonix.view.select_place(Place(PARALLEL, 1, 1))
    chamonix.view.form.title_edit.setText(renamed.title)
    chamonix.presenter.apply_form()
    assert inner_steps(chamonix, 1)[1] == renamed
    with store.read() as session:
        capture = session.scalars(select(Capture)).one()
        assert capture.step_id is not None
        assert session.get_one(Step, capture.step_id).public_id == inner.store_id
