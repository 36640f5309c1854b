"""Undoable workshop commands: apply, revert, apply again — the same rows, the same UUIDs."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.workshop_commands import (
    CreateWorkshop,
    DeleteWorkshop,
    DuplicateWorkshop,
    EditWorkshop,
)
from capadesk.core.services.workshops import create_workshop, get_workshop, list_workshops
from capadesk.core.storage.models import Step, Workshop
from capadesk.core.storage.store import Store


def _rows(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Workshop)) or 0


def _listed(store: Store) -> list[uuid.UUID]:
    return [w.public_id for w in list_workshops(store)]


def test_create_apply_revert_apply_keeps_the_same_uuid(store: Store) -> None:
    command = CreateWorkshop("Atelier «\u00a0test\u00a0»", place="Lyon", day=dt.date(2024, 6, 1))
    assert command.text == "Créer l'atelier «\u00a0Atelier «\u00a0test\u00a0»\u00a0»"

    assert command.apply(store) == Changes.of_workshop(command.public_id, listing=True)
    created = get_workshop(store, command.public_id)
    assert _listed(store) == [command.public_id]

    assert command.revert(store) == Changes.of_workshop(command.public_id, listing=True)
    assert _listed(store) == []

    assert command.apply(store) == Changes.of_workshop(command.public_id, listing=True)
    assert _listed(store) == [command.public_id]
    again = get_workshop(store, command.public_id)
    assert (again.title, again.place, again.day) == (created.title, created.place, created.day)
    assert _rows(store) == 1  # the same row came back, no second one was made


def test_create_with_an_invalid_title_creates_nothing_and_can_be_retried(store: Store) -> None:
    command = CreateWorkshop("   ")

    with pytest.raises(ValidationError):
        command.apply(store)

    assert _rows(store) == 0
    command.title_text = "Corrigé"
    command.apply(store)
    assert get_workshop(store, command.public_id).title == "Corrigé"


def test_edit_revert_restores_every_field(store: Store) -> None:
    before, _changes = create_workshop(
        store, "Avant", place="Lyon", day=dt.date(2024, 1, 1), programme="CAPACities 2024"
    )
    command = EditWorkshop(
        before, title_text="Après", place="Écully", day=None, programme="Autre programme"
    )
    assert command.text == "Modifier l'atelier «\u00a0Avant\u00a0»"

    assert command.apply(store) == Changes.of_workshop(before.public_id, listing=True)
    after = get_workshop(store, before.public_id)
    assert (after.title, after.place, after.day, after.programme_title) == (
        "Après",
        "Écully",
        None,
        "Autre programme",
    )

    assert command.revert(store) == Changes.of_workshop(before.public_id, listing=True)
    reverted = get_workshop(store, before.public_id)
    assert (reverted.title, reverted.place, reverted.day, reverted.programme_title) == (
        before.title,
        before.place,
        before.day,
        before.programme_title,
    )

    command.apply(store)
    assert get_workshop(store, before.public_id).title == "Après"


def test_edit_revert_restores_a_missing_programme(store: Store) -> None:
    before, _changes = create_workshop(store, "Sans programme")
    command = EditWorkshop(before, title_text="Sans programme", place="", day=None, programme="P")

    command.apply(store)
    command.revert(store)

    assert get_workshop(store, before.public_id).programme_title is None


def test_duplicate_apply_revert_apply_keeps_the_same_uuid(store: Store) -> None:
    source, _changes = create_workshop(store, "Source")
    with store.write() as session:
        workshop = session.scalars(select(Workshop)).one()
        session.add(
            Step(
                workshop=workshop,
                position=0,
                title="Accueil",
                activity_kind="welcome",
                format="debout-ensemble",
                duration_min=30,
            )
        )
    command = DuplicateWorkshop(source)
    assert command.text == "Dupliquer l'atelier «\u00a0Source\u00a0»"

    command.apply(store)
    assert get_workshop(store, command.copy_id).title == "Source (copie)"
    command.revert(store)
    assert set(_listed(store)) == {source.public_id}
    command.apply(store)

    assert set(_listed(store)) == {source.public_id, command.copy_id}
    assert _rows(store) == 2
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Step)) == 2  # not copied twice


def test_delete_and_undo(store: Store) -> None:
    target, _changes = create_workshop(store, "À supprimer")
    command = DeleteWorkshop(target)
    assert command.text == "Supprimer l'atelier «\u00a0À supprimer\u00a0»"

    assert command.apply(store) == Changes.of_workshop(target.public_id, listing=True)
    assert _listed(store) == []
    assert command.revert(store) == Changes.of_workshop(target.public_id, listing=True)
    assert _listed(store) == [target.public_id]
    assert get_workshop(store, target.public_id).title == "À supprimer"


def test_a_stack_of_commands_undoes_back_to_the_start(store: Store) -> None:
    kept, _changes = create_workshop(store, "Gardé")
    create = CreateWorkshop("Nouveau")
    done: list[Command] = [create]
    create.apply(store)
    then: list[Command] = [
        EditWorkshop(
            get_workshop(store, create.public_id),
            title_text="Renommé",
            place="",
            day=None,
            programme=None,
        ),
        DuplicateWorkshop(get_workshop(store, kept.public_id)),
        DeleteWorkshop(get_workshop(store, kept.public_id)),
    ]
    for command in then:
        command.apply(store)
        done.append(command)
    assert kept.public_id not in _listed(store)

    for command in reversed(done):
        command.revert(store)

    assert _listed(store) == [kept.public_id]
    for command in done:
        command.apply(store)
    titles = sorted(w.title for w in list_workshops(store))
    assert titles == ["Gardé (copie)", "Renommé"]
