"""A workshop's agenda built from a protocol, stored as steps and tracks, and read back."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from capadesk.app import main
from capadesk.core.domain.protocol import Protocol, ProtocolStep
from capadesk.core.errors import ValidationError
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage.models import RunnerState, Step, Track, Workshop, utc_now
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
