"""Agenda edits as pure functions (the day's steps, parallel tracks and their steps, the
builder's places), and SetAgenda on a real store (apply, revert, apply)."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import Duration
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.errors import ValidationError
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.agenda_commands import SetAgenda
from capadesk.core.services.protocols import (
    builtin_protocols,
    find_protocol,
    library,
    read_protocol_file,
    template_id,
    user_protocols_dir,
    write_protocol_file,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import RunnerState, Workshop, utc_now
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths

TOULON = find_protocol("capacities-1-toulon")


def titles(protocol: object) -> list[str]:
    return [step.title for step in protocol.steps]  # type: ignore[attr-defined]


def test_insert_remove_duplicate_move_and_replace_build_new_protocols() -> None:
    first, second = TOULON.steps[0].title, TOULON.steps[1].title
    added = edits.insert_step(TOULON, 1, edits.blank_step())
    assert titles(added)[:3] == [first, "Nouvelle étape", second]
    assert len(TOULON.steps) == 6  # the original is untouched
    assert titles(edits.insert_step(TOULON, 6, edits.break_step(20)))[-1] == "Pause"
    assert titles(edits.remove_step(TOULON, 0))[0] == second
    assert titles(edits.duplicate_step(TOULON, 0))[:3] == [first, first, second]
    moved = edits.move_step(TOULON, 0, 2)
    assert titles(moved)[:3] == [second, TOULON.steps[2].title, first]
    assert edits.move_step(moved, 2, 0) == TOULON
    renamed = dataclasses.replace(TOULON.steps[3], title="Dessin", duration=Duration(40, 50))
    replaced = edits.replace_step(TOULON, 3, renamed)
    assert replaced.steps[3].title == "Dessin" and replaced.planned_minutes == 175
    with pytest.raises(IndexError):
        edits.remove_step(TOULON, 6)
    with pytest.raises(IndexError):
        edits.move_step(TOULON, 0, 6)


def test_blank_and_break_steps() -> None:
    blank = edits.blank_step()
    assert (blank.title, blank.duration, blank.format, blank.activity) == (
        "Nouvelle étape",
        Duration(15, 15),
        StepFormat.PLENARY,
        ActivityKind.FREE,
    )
    pause = edits.break_step(10)
    assert (pause.title, pause.duration.planned, pause.activity) == (
        "Pause",
        10,
        ActivityKind.BREAK,
    )


def test_set_agenda_applies_reverts_and_applies_again(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    apply_protocol(store, workshop.public_id, TOULON)
    before = read_agenda(store, workshop.public_id).protocol
    command = SetAgenda(workshop.public_id, edits.remove_step(before, 0), "Supprimer une étape")
    assert command.text == "Supprimer une étape"

    changes = command.apply(store)
    assert workshop.public_id in changes.agendas
    assert titles(read_agenda(store, workshop.public_id).protocol) == titles(before)[1:]
    command.revert(store)
    assert read_agenda(store, workshop.public_id).protocol == before
    command.apply(store)
    assert len(read_agenda(store, workshop.public_id).protocol.steps) == 5


def test_set_agenda_is_refused_once_the_day_has_started(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    apply_protocol(store, workshop.public_id, TOULON)
    with store.write() as session:
        row = session.scalars(select(Workshop)).one()
        session.add(RunnerState(workshop_id=row.id, status="running", updated_at=utc_now()))
    before = read_agenda(store, workshop.public_id).protocol

    with pytest.raises(ValidationError, match="la journée a commencé"):
        SetAgenda(workshop.public_id, edits.remove_step(before, 0)).apply(store)
    assert read_agenda(store, workshop.public_id).protocol == before


def test_personal_templates_follow_the_built_ins_in_the_library(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = user_protocols_dir(app_paths)
    assert folder == app_paths.config_dir / "protocols"
    assert library(folder) == builtin_protocols()  # no folder yet
    assert template_id("Mon Atelier d'Été !") == "perso-mon-atelier-d-ete"
    mine = dataclasses.replace(TOULON, id=template_id("Toulon court"), title="Toulon court")
    write_protocol_file(mine, folder / f"{mine.id}.json")
    write_protocol_file(TOULON, folder / "copie.json")  # a built-in id: left out
    (folder / "casse.json").write_text("{", encoding="utf-8")  # broken: left out

    listed = library(folder)

    assert [p.id for p in listed] == [p.id for p in builtin_protocols()] + ["perso-toulon-court"]
    assert read_protocol_file(folder / f"{mine.id}.json") == mine


# --- parallel tracks and the builder's places --------------------------------------------------

CHAMONIX = find_protocol("capacities-3-chamonix")
PARALLEL = next(i for i, step in enumerate(CHAMONIX.steps) if step.tracks)


def track_titles(protocol: object, step: int = PARALLEL) -> list[str]:
    return [t.title for t in protocol.steps[step].tracks]  # type: ignore[attr-defined]


def test_track_edits_build_new_protocols() -> None:
    first, second, third = track_titles(CHAMONIX)
    assert track_titles(edits.move_track(CHAMONIX, PARALLEL, 0, 2)) == [second, third, first]
    assert track_titles(edits.remove_track(CHAMONIX, PARALLEL, 1)) == [first, third]
    assert track_titles(edits.rename_track(CHAMONIX, PARALLEL, 2, "Droit")) == [
        first,
        second,
        "Droit",
    ]
    copied = edits.duplicate_track(CHAMONIX, PARALLEL, 0)
    assert track_titles(copied) == [first, first, second, third]
    assert copied.steps[PARALLEL].tracks[1] == CHAMONIX.steps[PARALLEL].tracks[0]
    assert track_titles(CHAMONIX) == [first, second, third]  # the original is untouched
    with pytest.raises(IndexError):
        edits.remove_track(CHAMONIX, PARALLEL, 3)


def test_step_edits_inside_a_track() -> None:
    where = (PARALLEL, 1)
    inner = CHAMONIX.steps[PARALLEL].tracks[1].steps
    added = edits.insert_step(CHAMONIX, 0, edits.break_step(5), track=where)
    assert [s.title for s in added.steps[PARALLEL].tracks[1].steps] == [
        "Pause",
        *[s.title for s in inner],
    ]
    assert added.steps[PARALLEL].duration == CHAMONIX.steps[PARALLEL].duration
    assert added.planned_minutes == CHAMONIX.planned_minutes  # the step's slot is the day's
    assert titles(added) == titles(CHAMONIX)
    moved = edits.move_step(added, 0, len(inner), track=where)
    assert moved.steps[PARALLEL].tracks[1].steps[-1].title == "Pause"
    renamed = dataclasses.replace(inner[0], title="Pourquoi ×3")
    replaced = edits.replace_step(CHAMONIX, 0, renamed, track=where)
    assert replaced.steps[PARALLEL].tracks[1].steps[0].title == "Pourquoi ×3"
    removed = edits.remove_step(added, 0, track=where)
    assert removed == CHAMONIX


def test_copies_have_no_store_ids_and_edits_keep_them() -> None:
    marked = dataclasses.replace(TOULON.steps[0], store_id=uuid.uuid4(), title="Accueil")
    protocol = edits.replace_step(TOULON, 0, marked)
    assert edits.move_step(protocol, 0, 3).steps[3].store_id == marked.store_id
    assert edits.duplicate_step(protocol, 0).steps[1].store_id is None
    track = dataclasses.replace(
        edits.blank_track(1),
        store_id=uuid.uuid4(),
        steps=(dataclasses.replace(edits.blank_step(), store_id=uuid.uuid4()),),
    )
    fresh = edits.fresh_track(track)
    assert fresh == track and fresh.store_id is None and fresh.steps[0].store_id is None


def test_places_say_what_can_be_done_where() -> None:
    tracks = CHAMONIX.steps[PARALLEL].tracks
    day, track, inner = Place(PARALLEL), Place(PARALLEL, 0), Place(PARALLEL, 0, 0)
    assert (track.is_track, inner.is_inner, day.is_track, day.is_inner) == (
        True,
        True,
        False,
        False,
    )
    assert edits.count_at(CHAMONIX, day) == len(CHAMONIX.steps)
    assert edits.count_at(CHAMONIX, track) == len(tracks) == 3
    assert edits.can_add_track(CHAMONIX, inner) and not edits.can_add_track(CHAMONIX, Place(0))
    assert edits.can_remove(CHAMONIX, track)  # three tracks: one can go
    two = edits.remove_track(CHAMONIX, PARALLEL, 0)
    assert not edits.can_remove(two, track)  # a parallel step keeps two
    single = Place(PARALLEL, 0, 0)
    assert len(tracks[0].steps) == 1 and not edits.can_remove(CHAMONIX, single)
    assert not edits.can_remove(CHAMONIX, None) and edits.can_insert(CHAMONIX, None)


def test_edits_at_a_place_return_the_place_to_select() -> None:
    first = CHAMONIX.steps[PARALLEL].tracks[0]
    protocol, at = edits.insert_after(CHAMONIX, Place(PARALLEL, 0), edits.blank_step())
    assert at == Place(PARALLEL, 0, len(first.steps))  # at the end of the selected track
    assert protocol.steps[PARALLEL].tracks[0].steps[-1].title == "Nouvelle étape"
    protocol, at = edits.duplicate_at(protocol, at)
    assert at == Place(PARALLEL, 0, len(first.steps) + 1)
    protocol, at = edits.move_at(protocol, at, 0)
    assert at == Place(PARALLEL, 0, 0)
    protocol, after = edits.remove_at(protocol, Place(PARALLEL, 2))
    assert after == Place(PARALLEL, 1) and len(protocol.steps[PARALLEL].tracks) == 2
    protocol, at = edits.add_track(protocol, Place(PARALLEL, 0, 1))
    assert at == Place(PARALLEL, 1)
    assert protocol.steps[PARALLEL].tracks[1].title == "Atelier 3"
    _, at = edits.insert_after(CHAMONIX, None, edits.break_step())
    assert at == Place(len(CHAMONIX.steps))


def test_a_parallel_step_without_tracks_gets_two() -> None:
    step = dataclasses.replace(edits.blank_step(), format=StepFormat.PARALLEL)
    protocol = edits.insert_step(TOULON, 0, step)
    assert edits.can_add_track(protocol, Place(0))
    protocol, at = edits.add_track(protocol, Place(0))
    assert at == Place(0, 0)
    assert track_titles(protocol, 0) == ["Atelier 1", "Atelier 2"]
    assert all(len(t.steps) == 1 for t in protocol.steps[0].tracks)
