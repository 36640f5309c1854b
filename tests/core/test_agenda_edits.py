"""Agenda edits as pure functions, and SetAgenda on a real store (apply, revert, apply)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from capadesk.core.domain import agenda_edits as edits
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
