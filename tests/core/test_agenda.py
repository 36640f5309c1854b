"""A workshop's agenda built from a protocol, stored as steps and tracks, and read back; edits
that keep the rows of what is still there; the day's start time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from capadesk.app import main
from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.protocol import Protocol, ProtocolStep
from capadesk.core.errors import ValidationError
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.agenda_commands import SetAgenda, SetDayStart
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage.models import Capture, RunnerState, Step, Track, Workshop, utc_now
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths


def without_groups(steps: tuple[ProtocolStep, ...]) -> tuple[ProtocolStep, ...]:
    """Track groups are suggestions of the library, not stored with the agenda."""
    return tuple(
        dataclasses.replace(
            step, tracks=tuple(dataclasses.replace(t, groups=()) for t in step.tracks)
        )
        for step in steps
    )


@pytest.mark.parametrize("protocol_id", ["capacities-1-toulon", "capacities-3-chamonix"])
def test_a_protocol_becomes_the_agenda_and_reads_back_the_same(
    store: Store, protocol_id: str
) -> None:
    protocol = find_protocol(protocol_id)
    workshop, _changes = create_workshop(store, "Atelier")

    changes = apply_protocol(store, workshop.public_id, protocol)
    agenda = read_agenda(store, workshop.public_id)

    assert changes.agendas == {workshop.public_id}
    assert agenda.protocol.steps == without_groups(protocol.steps)
    assert agenda.protocol.id == protocol_id
    assert len(agenda.step_ids) == len(protocol.steps)
    assert len(set(agenda.step_ids)) == len(protocol.steps)


def test_applying_again_replaces_the_steps(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Atelier")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-3-chamonix"))
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))

    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Step)) == 6
        assert session.scalar(select(func.count()).select_from(Track)) == 0
    assert read_agenda(store, workshop.public_id).protocol.planned_minutes == 185


def test_the_agenda_cannot_be_replaced_once_the_day_has_started(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Atelier")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    with store.write() as session:
        row = session.scalars(select(Workshop)).one()
        session.add(RunnerState(workshop_id=row.id, status="running", updated_at=utc_now()))

    with pytest.raises(ValidationError, match="la journée a commencé"):
        apply_protocol(store, workshop.public_id, find_protocol("debat-mouvant"))
    assert read_agenda(store, workshop.public_id).protocol.planned_minutes == 185


def test_a_workshop_without_steps_has_an_empty_agenda(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Vide")
    agenda = read_agenda(store, workshop.public_id)
    assert agenda.protocol == Protocol(id="atelier", title="Vide", steps=())
    assert agenda.step_ids == ()


def test_cli_creates_a_workshop_from_a_protocol(app_paths: AppPaths) -> None:
    home = str(app_paths.data_dir.parent)
    assert (
        main(["--home", home, "workshops", "create", "Toulon", "--protocol", "capacities-1-toulon"])
        == 0
    )
    from capadesk.core.storage.migrate import open_store

    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        (workshop,) = list_workshops(store)
        assert read_agenda(store, workshop.public_id).protocol.planned_minutes == 185
    finally:
        store.close()


def test_cli_refuses_an_unknown_protocol_and_creates_nothing(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(app_paths.data_dir.parent)
    assert main(["--home", home, "workshops", "create", "X", "--protocol", "toulon"]) == 1
    assert "Aucun protocole" in capsys.readouterr().err
    assert main(["--home", home, "workshops", "list"]) == 0
    assert capsys.readouterr().out == ""


# --- edits keep the rows of the steps and tracks still there --------------------------------


def _capture_on(store: Store, step_id: uuid.UUID, text: str) -> uuid.UUID:
    """A capture typed during the step with this public id (set-up, not under test)."""
    with store.write() as session:
        step = session.scalars(select(Step).where(Step.public_id == step_id)).one()
        capture = Capture(workshop_id=step.workshop_id, step_id=step.id, kind="irritant", text=text)
        session.add(capture)
        session.flush()
        return capture.public_id


def _step_of_capture(store: Store, capture_id: uuid.UUID) -> uuid.UUID | None:
    with store.read() as session:
        capture = session.scalars(select(Capture).where(Capture.public_id == capture_id)).one()
        if capture.step_id is None:
            return None
        return session.get_one(Step, capture.step_id).public_id


def test_an_edit_keeps_the_rows_of_the_steps_still_there(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    before = read_agenda(store, workshop.public_id)
    drawing, vote = before.step_ids[3], before.step_ids[5]
    on_drawing = _capture_on(store, drawing, "Les données ne se croisent pas")
    on_welcome = _capture_on(store, before.step_ids[0], "Café froid")
    with store.read() as session:
        rows_before = {row.public_id: row.id for row in session.scalars(select(Step))}

    protocol = edits.move_step(before.protocol, 5, 1)  # the vote right after the welcome
    renamed = dataclasses.replace(protocol.steps[4], title="Dessin des cas (renommé)")
    protocol = edits.replace_step(protocol, 4, renamed)
    protocol = edits.remove_step(protocol, 0)  # the welcome goes
    apply_protocol(store, workshop.public_id, protocol)

    after = read_agenda(store, workshop.public_id)
    assert after.step_ids[0] == vote
    assert after.step_ids[3] == drawing
    assert after.protocol.steps[3].title == "Dessin des cas (renommé)"
    assert _step_of_capture(store, on_drawing) == drawing  # the capture follows its step
    assert _step_of_capture(store, on_welcome) is None  # ON DELETE SET NULL
    with store.read() as session:
        rows_after = {row.public_id: row.id for row in session.scalars(select(Step))}
    assert set(rows_after) == set(rows_before) - {before.step_ids[0]}
    assert all(rows_after[key] == rows_before[key] for key in rows_after)  # same rows, not copies


def test_track_and_inner_step_rows_are_kept_and_new_ones_added(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Chamonix")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-3-chamonix"))
    before = read_agenda(store, workshop.public_id).protocol
    index = next(i for i, s in enumerate(before.steps) if s.tracks)
    tracks = before.steps[index].tracks
    inner = tracks[1].steps[0]
    on_inner = _capture_on(store, _id(inner.store_id), "Coût caché")

    protocol = edits.move_track(before, index, 1, 0)
    protocol = edits.rename_track(protocol, index, 0, "ACB")
    protocol = edits.insert_step(protocol, 1, edits.blank_step(), track=(index, 0))
    protocol = edits.remove_track(protocol, index, 2)
    apply_protocol(store, workshop.public_id, protocol)

    after = read_agenda(store, workshop.public_id).protocol.steps[index].tracks
    assert [t.title for t in after] == ["ACB", tracks[0].title]
    assert [t.store_id for t in after] == [tracks[1].store_id, tracks[0].store_id]
    assert after[0].steps[0].store_id == inner.store_id
    assert after[0].steps[1].title == "Nouvelle étape" and after[0].steps[1].store_id is not None
    assert _step_of_capture(store, on_inner) == inner.store_id
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Track)) == 2
        removed = [s.store_id for s in tracks[2].steps]
        assert not session.scalars(select(Step).where(Step.public_id.in_(removed))).all()


def _id(value: uuid.UUID | None) -> uuid.UUID:
    assert value is not None
    return value


def test_undo_brings_a_removed_step_back_with_its_id_and_redo_keeps_new_ids(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    before = read_agenda(store, workshop.public_id)
    command = SetAgenda(workshop.public_id, edits.remove_step(before.protocol, 2))
    command.apply(store)
    assert before.step_ids[2] not in read_agenda(store, workshop.public_id).step_ids
    command.revert(store)
    assert read_agenda(store, workshop.public_id).step_ids == before.step_ids

    added = SetAgenda(workshop.public_id, edits.insert_step(before.protocol, 0, edits.blank_step()))
    added.apply(store)
    new_id = read_agenda(store, workshop.public_id).step_ids[0]
    added.revert(store)
    added.apply(store)  # redo
    assert read_agenda(store, workshop.public_id).step_ids == (new_id, *before.step_ids)


def test_a_step_id_taken_by_another_workshop_is_not_reused(store: Store) -> None:
    first, _changes = create_workshop(store, "Un")
    second, _changes = create_workshop(store, "Deux")
    apply_protocol(store, first.public_id, find_protocol("capacities-1-toulon"))
    theirs = read_agenda(store, first.public_id).protocol  # carries the first's step ids

    apply_protocol(store, second.public_id, theirs)

    assert read_agenda(store, second.public_id).protocol.steps == theirs.steps
    assert set(read_agenda(store, second.public_id).step_ids).isdisjoint(
        read_agenda(store, first.public_id).step_ids
    )


# --- the day's start time -----------------------------------------------------------------------


def test_the_day_start_is_saved_read_back_and_undone(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    assert read_agenda(store, workshop.public_id).day_start is None
    assert read_agenda(store, workshop.public_id).start == dt.time(9, 0)

    command = SetDayStart(workshop.public_id, dt.time(8, 45))
    changes = command.apply(store)

    assert changes.agendas == {workshop.public_id}
    assert command.text == "Début de la journée à 08:45"
    agenda = read_agenda(store, workshop.public_id)
    assert (agenda.day_start, agenda.start) == (dt.time(8, 45), dt.time(8, 45))
    with store.read() as session:
        assert session.scalars(select(Workshop.day_start)).one() == "08:45"
    command.revert(store)
    with store.read() as session:
        assert session.scalars(select(Workshop.day_start)).one() is None  # as it was: never set
    command.apply(store)
    assert read_agenda(store, workshop.public_id).start == dt.time(8, 45)


def test_a_garbled_day_start_reads_as_nine(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    with store.write() as session:
        session.scalars(select(Workshop)).one().day_start = "25:99"
    assert read_agenda(store, workshop.public_id).start == dt.time(9, 0)
