"""Workshop use cases: list, create, edit, duplicate, delete, restore — and what they report."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, clean_title
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.workshops import (
    create_workshop,
    delete_workshop,
    duplicate_workshop,
    edit_workshop,
    get_workshop,
    list_programmes,
    list_workshops,
    restore_workshop,
)
from capadesk.core.storage.models import (
    Capture,
    Draft,
    Participant,
    Photo,
    Programme,
    RunnerEvent,
    RunnerState,
    Step,
    Thread,
    Track,
    UseCase,
    Vote,
    WorkGroup,
    Workshop,
)
from capadesk.core.storage.store import Store
from tests.fixtures.rows import fixed_id, populate

LYON = fixed_id("workshop-lyon")
LYON_TITLE = "Atelier de Lyon — cas d'usage"
DAY_PRODUCTS = (
    Participant,
    WorkGroup,
    Capture,
    Thread,
    Vote,
    Photo,
    Draft,
    RunnerState,
    RunnerEvent,
)


def _workshop_id(session: Session, public_id: uuid.UUID) -> int:
    return session.scalars(select(Workshop.id).where(Workshop.public_id == public_id)).one()


def _count(session: Session, model: Any, workshop_id: int) -> int:
    query = select(func.count()).select_from(model).where(model.workshop_id == workshop_id)
    return session.scalar(query) or 0


def _agenda(session: Session, public_id: uuid.UUID) -> list[tuple[Any, ...]]:
    """The agenda as plain data: steps in order, each with its tracks and their inner steps."""
    workshop_id = _workshop_id(session, public_id)

    def step_data(step: Step) -> tuple[Any, ...]:
        return (
            step.position,
            step.title,
            step.activity_kind,
            step.format,
            step.duration_min,
            step.duration_max,
            step.instructions,
            step.materials,
            step.settings,
        )

    steps = session.scalars(
        select(Step)
        .where(Step.workshop_id == workshop_id, Step.track_id.is_(None))
        .order_by(Step.position)
    )
    return [
        (
            step_data(step),
            [
                (track.position, track.title, [step_data(inner) for inner in track.steps])
                for track in step.tracks
            ],
        )
        for step in steps
    ]


def _use_cases(session: Session, public_id: uuid.UUID) -> list[tuple[Any, ...]]:
    workshop_id = _workshop_id(session, public_id)
    return [
        (u.title, u.territory, u.description, u.colour, u.position)
        for u in session.scalars(
            select(UseCase).where(UseCase.workshop_id == workshop_id).order_by(UseCase.position)
        )
    ]


@pytest.fixture
def prepared(store: Store) -> Store:
    """A store holding the fixture's programme: Lyon (full agenda and day) and Écully."""
    with store.write() as session:
        populate(session)
    return store


# --- list and create ------------------------------------------------------------------------


def test_a_new_store_lists_no_workshop(store: Store) -> None:
    assert list_workshops(store) == []


def test_create_and_list(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    summary, changes = create_workshop(
        store,
        "  Atelier   de  Grenoble ",
        place=" Maison  de la  création ",
        day=dt.date(2024, 5, 2),
        programme="  CAPACities  2024 ",
    )

    assert summary.title == "Atelier de Grenoble"
    assert summary.place == "Maison de la création"
    assert summary.day == dt.date(2024, 5, 2)
    assert summary.programme_title == "CAPACities 2024"
    assert before <= summary.updated_at <= dt.datetime.now(dt.UTC)
    assert changes == Changes(workshops=frozenset({summary.public_id}), workshop_list=True)
    assert list_workshops(store) == [summary]
    assert get_workshop(store, summary.public_id) == summary


def test_create_with_a_given_id_and_without_programme(store: Store) -> None:
    wanted = uuid.uuid4()
    summary, _changes = create_workshop(store, "Sans programme", programme="   ", public_id=wanted)

    assert summary.public_id == wanted
    assert summary.programme_title is None
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 0


def test_workshops_of_one_programme_share_it(store: Store) -> None:
    create_workshop(store, "Un", programme="CAPACities 2024")
    create_workshop(store, "Deux", programme="capacities 2024")

    with store.read() as session:
        assert list(session.scalars(select(Programme.title))) == ["CAPACities 2024"]
    assert {w.programme_title for w in list_workshops(store)} == {"CAPACities 2024"}


def test_a_programme_with_accented_capitals_is_not_duplicated(store: Store) -> None:
    summary, _changes = create_workshop(store, "Un", programme="Été Écully")
    edit_workshop(store, summary.public_id, title="Un", place="", day=None, programme="Été Écully")

    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 1


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "ne peut pas être vide"),
        (" \t\n\u00a0 ", "ne peut pas être vide"),
        ("x" * (TITLE_MAX_LENGTH + 1), "trop long (201 caractères, 200 au plus)"),
    ],
)
def test_an_invalid_title_changes_nothing(store: Store, title: str, message: str) -> None:
    existing, _changes = create_workshop(store, "Existant")

    with pytest.raises(ValidationError, match=re.escape(message)):
        create_workshop(store, title)
    with pytest.raises(ValidationError, match=re.escape(message)):
        edit_workshop(
            store, existing.public_id, title=title, place="Ailleurs", day=None, programme="P"
        )

    assert list_workshops(store) == [existing]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 0


def test_the_longest_title_is_accepted(store: Store) -> None:
    summary, _changes = create_workshop(store, "é" * TITLE_MAX_LENGTH)
    assert len(summary.title) == TITLE_MAX_LENGTH


# --- edit -----------------------------------------------------------------------------------


def test_edit_changes_every_field(store: Store) -> None:
    original, _changes = create_workshop(
        store, "Avant", place="Lyon", day=dt.date(2024, 1, 1), programme="P1"
    )

    edited, changes = edit_workshop(
        store,
        original.public_id,
        title=" Après ",
        place="Écully",
        day=dt.date(2024, 2, 2),
        programme="P2",
    )

    assert (edited.title, edited.place, edited.day, edited.programme_title) == (
        "Après",
        "Écully",
        dt.date(2024, 2, 2),
        "P2",
    )
    assert edited.public_id == original.public_id
    assert edited.updated_at > original.updated_at
    assert changes == Changes.of_workshop(original.public_id, listing=True)
    assert list_workshops(store) == [edited]


def test_edit_can_clear_day_and_programme(store: Store) -> None:
    original, _changes = create_workshop(store, "A", day=dt.date(2024, 1, 1), programme="P")

    edited, _changes = edit_workshop(
        store, original.public_id, title="A", place="", day=None, programme=None
    )

    assert (edited.day, edited.programme_title) == (None, None)


def test_edit_of_an_unknown_or_deleted_workshop(store: Store) -> None:
    summary, _changes = create_workshop(store, "A")
    delete_workshop(store, summary.public_id)

    for public_id in (uuid.uuid4(), summary.public_id):
        with pytest.raises(NotFoundError, match="n'existe pas"):
            edit_workshop(store, public_id, title="B", place="", day=None, programme=None)
    assert _title_including_deleted(store, summary.public_id) == "A"


def _title_including_deleted(store: Store, public_id: uuid.UUID) -> str:
    with store.read() as session:
        return session.scalars(select(Workshop.title).where(Workshop.public_id == public_id)).one()


# --- duplicate ------------------------------------------------------------------------------


def test_duplicate_copies_the_preparation(prepared: Store) -> None:
    copy, changes = duplicate_workshop(prepared, LYON)

    assert copy.title == f"{LYON_TITLE} (copie)"
    assert copy.public_id != LYON
    assert changes == Changes.of_workshop(copy.public_id, listing=True)
    source = get_workshop(prepared, LYON)
    assert (copy.place, copy.day, copy.programme_title) == (
        source.place,
        source.day,
        source.programme_title,
    )
    with prepared.read() as session:
        agenda = _agenda(session, copy.public_id)
        assert agenda == _agenda(session, LYON)
        assert len(agenda) == 4
        parallel_tracks = agenda[2][1]
        assert [(p, t, len(inner)) for p, t, inner in parallel_tracks] == [
            (0, "Modèle économique", 1),
            (1, "Analyse coût-bénéfice", 2),
        ]
        assert _use_cases(session, copy.public_id) == _use_cases(session, LYON)
        assert len(_use_cases(session, LYON)) == 2
        copy_row = session.scalars(
            select(Workshop).where(Workshop.public_id == copy.public_id)
        ).one()
        source_row = session.scalars(select(Workshop).where(Workshop.public_id == LYON)).one()
        assert (copy_row.protocol_ref, copy_row.notes, copy_row.day_start) == (
            source_row.protocol_ref,
            source_row.notes,
            "08:30",
        )
        vote = agenda[3][0]
        assert vote[-1] == '{"dots_per_participant": 3, "kept_threads": 5}'  # settings copied
        copy_steps = set(
            session.scalars(select(Step.public_id).where(Step.workshop_id == copy_row.id))
        )
        source_steps = set(
            session.scalars(select(Step.public_id).where(Step.workshop_id == source_row.id))
        )
        assert len(copy_steps) == len(source_steps) == 7
        assert copy_steps.isdisjoint(source_steps)
        # Inner steps of the copy belong to the copy's tracks, not the source's.
        copy_tracks = set(
            session.scalars(
                select(Track.id)
                .join(Step, Track.step_id == Step.id)
                .where(Step.workshop_id == copy_row.id)
            )
        )
        inner_tracks = set(
            session.scalars(
                select(Step.track_id).where(
                    Step.workshop_id == copy_row.id, Step.track_id.is_not(None)
                )
            )
        )
        assert inner_tracks == copy_tracks
        assert len(copy_tracks) == 2


def test_duplicate_leaves_what_the_day_produced_with_the_original(prepared: Store) -> None:
    with prepared.read() as session:
        source_id = _workshop_id(session, LYON)
        before = {model.__name__: _count(session, model, source_id) for model in DAY_PRODUCTS}
    assert all(before.values()), before

    copy, _changes = duplicate_workshop(prepared, LYON)

    with prepared.read() as session:
        copy_id = _workshop_id(session, copy.public_id)
        assert {model.__name__: _count(session, model, copy_id) for model in DAY_PRODUCTS} == {
            model.__name__: 0 for model in DAY_PRODUCTS
        }
        assert {
            model.__name__: _count(session, model, source_id) for model in DAY_PRODUCTS
        } == before


def test_duplicate_titles_count_up(store: Store) -> None:
    source, _changes = create_workshop(store, "X")

    first, _changes = duplicate_workshop(store, source.public_id)
    second, _changes = duplicate_workshop(store, source.public_id)
    third, _changes = duplicate_workshop(store, source.public_id)
    of_copy, _changes = duplicate_workshop(store, first.public_id)

    assert [first.title, second.title, third.title] == ["X (copie)", "X (copie 2)", "X (copie 3)"]
    assert of_copy.title == "X (copie) (copie)"


def test_a_deleted_copy_frees_its_title(store: Store) -> None:
    source, _changes = create_workshop(store, "X")
    first, _changes = duplicate_workshop(store, source.public_id)
    delete_workshop(store, first.public_id)

    again, _changes = duplicate_workshop(store, source.public_id)

    assert again.title == "X (copie)"


def test_a_copy_of_a_long_title_still_gets_a_distinct_title(store: Store) -> None:
    source, _changes = create_workshop(store, "y" * TITLE_MAX_LENGTH)

    first, _changes = duplicate_workshop(store, source.public_id)
    second, _changes = duplicate_workshop(store, source.public_id)

    assert len({source.title, first.title, second.title}) == 3
    assert all(len(t) <= TITLE_MAX_LENGTH for t in (first.title, second.title))


def test_duplicate_of_a_missing_workshop(store: Store) -> None:
    with pytest.raises(NotFoundError):
        duplicate_workshop(store, uuid.uuid4())
    assert list_workshops(store) == []


def test_duplicate_with_a_given_id(prepared: Store) -> None:
    wanted = uuid.uuid4()
    copy, _changes = duplicate_workshop(prepared, LYON, copy_id=wanted)
    assert copy.public_id == wanted
    assert get_workshop(prepared, wanted) == copy


# --- delete and restore ---------------------------------------------------------------------


def test_delete_then_restore_brings_everything_back(prepared: Store) -> None:
    with prepared.read() as session:
        lyon_id = _workshop_id(session, LYON)
        held = {model.__name__: _count(session, model, lyon_id) for model in DAY_PRODUCTS}
    listed = list_workshops(prepared)

    changes = delete_workshop(prepared, LYON)

    assert changes == Changes.of_workshop(LYON, listing=True)
    assert LYON not in {w.public_id for w in list_workshops(prepared)}
    with pytest.raises(NotFoundError):
        get_workshop(prepared, LYON)
    with pytest.raises(NotFoundError):
        delete_workshop(prepared, LYON)

    assert restore_workshop(prepared, LYON) == Changes.of_workshop(LYON, listing=True)

    assert [w.public_id for w in list_workshops(prepared)] == [w.public_id for w in listed]
    with prepared.read() as session:
        assert {model.__name__: _count(session, model, lyon_id) for model in DAY_PRODUCTS} == held


def test_restore_of_an_unknown_workshop(store: Store) -> None:
    with pytest.raises(NotFoundError):
        restore_workshop(store, uuid.uuid4())


# --- any title ------------------------------------------------------------------------------


def _cleans(title: str) -> bool:
    try:
        clean_title(title)
    except ValidationError:
        return False
    return True


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(title=st.text(max_size=260).filter(_cleans))
def test_any_unicode_title_round_trips(store: Store, title: str) -> None:
    summary, _changes = create_workshop(store, title)

    listed = {w.public_id: w.title for w in list_workshops(store)}

    assert listed[summary.public_id] == clean_title(title)
    assert summary.title == clean_title(title)


def test_only_programmes_in_use_are_offered(store: Store) -> None:
    create_workshop(store, "Un", programme="Écully 2026")
    gone, _changes = create_workshop(store, "Deux", programme="Abandonné")
    delete_workshop(store, gone.public_id)  # e.g. the undo of its creation

    assert list_programmes(store) == ["Écully 2026"]


def test_changes_merge_every_field() -> None:
    import uuid as _uuid

    from capadesk.core.services.changes import Changes

    a, b = _uuid.uuid4(), _uuid.uuid4()
    first = Changes(captures=frozenset({a}), entries=frozenset({a}))
    second = Changes(workshop_list=True, captures=frozenset({b}), documents=frozenset({b}))

    both = first.merged(second, Changes())

    assert both.captures == {a, b}
    assert both.entries == {a} and both.documents == {b}
    assert both.workshop_list
    assert Changes().merged() == Changes()
