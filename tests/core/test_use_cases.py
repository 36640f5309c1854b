"""Use cases: rename, territory, delete and restore (cards, groups and photos pointing at them
again), and their undoable commands."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased

from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.captures import add_capture, delete_capture, restore_capture
from capadesk.core.services.changes import Changes
from capadesk.core.services.use_case_commands import (
    AddUseCase,
    DeleteUseCase,
    RenameUseCase,
    SetUseCaseTerritory,
)
from capadesk.core.services.use_cases import (
    add_use_case,
    delete_use_case,
    get_use_case,
    list_use_cases,
    rename_use_case,
    restore_use_case,
    set_use_case_territory,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Capture, UseCase, WorkGroup
from capadesk.core.storage.store import Store
from tests.core.runner_support import assert_french_typography
from tests.core.test_captures import add_group


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    return create_workshop(store, "Atelier de Toulon")[0].public_id


def raw_state(store: Store, *, edited: bool = False) -> tuple[Any, ...]:
    """Every use case row (but its row id) and what each card and group points at; a use
    case's ``updated_at`` left out when ``edited`` (an undone rename is an edit too)."""
    pointed = aliased(UseCase)
    with store.read() as session:
        use_cases = sorted(
            (u.public_id, u.title, u.territory, u.colour, u.position, u.created_at)
            + (() if edited else (u.updated_at,))
            for u in session.scalars(select(UseCase))
        )
        links = sorted(
            (str(row[0]), str(row[1]), row[2])
            for model in (Capture, WorkGroup)
            for row in session.execute(
                select(model.public_id, pointed.public_id, model.updated_at).outerjoin(
                    pointed, pointed.id == model.use_case_id
                )
            )
        )
    return use_cases, links


def test_rename_and_territory_are_checked_and_written(store: Store, workshop: uuid.UUID) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")

    assert rename_use_case(store, mobility.public_id, "  Mobilité   douce ") == Changes(
        use_cases=frozenset({workshop})
    )
    assert set_use_case_territory(store, mobility.public_id, " Métropole  Toulon ").use_cases == {
        workshop
    }
    assert get_use_case(store, mobility.public_id) == mobility._replace(
        title="Mobilité douce", territory="Métropole Toulon"
    )
    with pytest.raises(ValidationError) as empty:
        rename_use_case(store, mobility.public_id, "\t ")
    assert empty.value.message == "Le titre du cas d'usage ne peut pas être vide."
    with pytest.raises(ValidationError) as long:
        set_use_case_territory(store, mobility.public_id, "x" * 201)
    assert long.value.message == "Le territoire est trop long (201 caractères, 200 au plus)."
    with pytest.raises(NotFoundError) as unknown:
        rename_use_case(store, uuid.uuid4(), "Eau")
    assert unknown.value.message == "Ce cas d'usage n'existe pas ou plus."
    assert_french_typography(unknown.value.message)
    set_use_case_territory(store, mobility.public_id, "")
    assert list_use_cases(store, workshop)[0].territory == ""


def test_delete_leaves_the_cards_and_restore_points_them_back(
    store: Store, workshop: uuid.UUID
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    air, _changes = add_use_case(store, workshop, "Air")
    kept, _changes = add_capture(
        store, workshop, CaptureKind.IRRITANT, "Horaires en PDF", use_case_id=mobility.public_id
    )
    gone, _changes = add_capture(
        store, workshop, CaptureKind.WISH, "Portail unique", use_case_id=mobility.public_id
    )
    other, _changes = add_capture(
        store, workshop, CaptureKind.IDEA, "Capteurs", use_case_id=air.public_id
    )
    delete_capture(store, gone.public_id)  # a deleted card keeps its use case for its undo
    group = add_group(store, workshop)
    with store.write() as session:
        row = session.scalars(select(WorkGroup).where(WorkGroup.public_id == group)).one()
        row.use_case_id = session.scalars(
            select(UseCase.id).where(UseCase.public_id == mobility.public_id)
        ).one()
    before = raw_state(store)

    removed, changes = delete_use_case(store, mobility.public_id)

    assert changes == Changes(
        captures=frozenset({kept.public_id, gone.public_id}),
        use_cases=frozenset({workshop}),
        groups=frozenset({workshop}),
    )
    assert list_use_cases(store, workshop) == [air]
    assert set(removed.capture_ids) == {kept.public_id, gone.public_id}
    assert removed.group_ids == (group,)
    with store.read() as session:
        pointing = dict(session.execute(select(Capture.public_id, Capture.use_case_id)).all())
    assert pointing[kept.public_id] is None and pointing[other.public_id] is not None

    assert restore_use_case(store, removed) == changes
    assert raw_state(store) == before
    assert list_use_cases(store, workshop) == [mobility, air]
    restore_capture(store, gone.public_id)
    assert get_use_case(store, mobility.public_id) == mobility
    with pytest.raises(NotFoundError):
        delete_use_case(store, uuid.uuid4())


def assert_undo_redo_exact(store: Store, command: Any, *, edited: bool = False) -> None:
    before = raw_state(store, edited=edited)
    command.apply(store)
    after = raw_state(store, edited=edited)
    assert after != before
    for _round in range(2):
        command.revert(store)
        assert raw_state(store, edited=edited) == before
        command.apply(store)
        assert raw_state(store, edited=edited) == after


def test_commands_undo_and_redo_exactly(store: Store, workshop: uuid.UUID) -> None:
    add = AddUseCase(workshop, "Déchets", "Toulon")
    assert add.text == "Ajouter le cas d'usage «\u00a0Déchets\u00a0»"
    assert_french_typography(add.text)
    assert_undo_redo_exact(store, add)
    assert add.view is not None and add.view.public_id == add.public_id  # the same id on redo
    assert list_use_cases(store, workshop) == [add.view]

    waste = add.view
    card, _changes = add_capture(
        store, workshop, CaptureKind.IRRITANT, "Tournées", use_case_id=waste.public_id
    )
    rename = RenameUseCase(waste, "Collecte des déchets")
    territory = SetUseCaseTerritory(waste, "La Seyne")
    delete = DeleteUseCase(waste)
    assert (rename.text, territory.text, delete.text) == (
        "Renommer le cas d'usage «\u00a0Déchets\u00a0»",
        "Modifier le territoire de «\u00a0Déchets\u00a0»",
        "Supprimer le cas d'usage «\u00a0Déchets\u00a0»",
    )
    for command in (rename, territory, delete):
        assert_undo_redo_exact(store, command, edited=command is not delete)
        command.revert(store)
    assert list_use_cases(store, workshop) == [waste]
    with store.read() as session:
        assert (
            session.scalars(
                select(UseCase.public_id)
                .join(Capture, Capture.use_case_id == UseCase.id)
                .where(Capture.public_id == card.public_id)
            ).one()
            == waste.public_id
        )
    assert DeleteUseCase(waste).revert(store) == Changes()  # never applied: nothing to undo


def test_a_refused_command_changes_nothing(store: Store, workshop: uuid.UUID) -> None:
    before = raw_state(store)
    with pytest.raises(ValidationError):
        AddUseCase(workshop, "  ").apply(store)
    assert raw_state(store) == before
