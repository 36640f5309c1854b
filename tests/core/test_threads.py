"""Common threads: create, move cards, merge, split, tag, keep, delete — and undo of each."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.captures import (
    add_capture,
    delete_capture,
    list_captures,
    restore_capture,
)
from capadesk.core.services.commands import Command
from capadesk.core.services.thread_commands import (
    CreateThread,
    DeleteThread,
    KeepThreads,
    MergeThreads,
    MoveToThread,
    RenameThread,
    SplitThread,
    TagThread,
)
from capadesk.core.services.threads import (
    create_thread,
    delete_thread,
    list_threads,
    merge_threads,
    move_captures,
    restore_thread,
    set_thread_stages,
    split_thread,
)
from capadesk.core.services.votes import ranking, set_tally
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Capture, Thread, ThreadCapture, Vote
from capadesk.core.storage.store import Store
from tests.core.runner_support import assert_french_typography


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    summary, _changes = create_workshop(store, "Atelier de Toulon", programme="CAPACities")
    return summary.public_id


def cards(store: Store, workshop: uuid.UUID, count: int) -> list[uuid.UUID]:
    return [
        add_capture(store, workshop, CaptureKind.IRRITANT, f"Carte {n}")[0].public_id
        for n in range(count)
    ]


def thread(store: Store, workshop: uuid.UUID, title: str) -> uuid.UUID:
    return create_thread(store, workshop, title)[0].public_id


def members(store: Store, workshop: uuid.UUID) -> dict[str, list[uuid.UUID]]:
    return {t.title: list(t.capture_ids) for t in list_threads(store, workshop)}


def raw_state(store: Store) -> tuple[Any, ...]:
    """Live threads, and every membership and vote row as stored, ids included.

    A thread created then undone stays as a deleted row (redo brings back the same id).
    """
    with store.read() as session:
        threads = sorted(
            (t.public_id, t.title, t.lifecycle_stages, t.kept, t.position)
            for t in session.scalars(select(Thread).where(Thread.deleted_at.is_(None)))
        )
        placed = sorted(
            tuple(row)
            for row in session.execute(
                select(Thread.public_id, Capture.public_id, ThreadCapture.position)
                .join(Thread, Thread.id == ThreadCapture.thread_id)
                .join(Capture, Capture.id == ThreadCapture.capture_id)
            )
        )
        votes = sorted(
            tuple(row)
            for row in session.execute(
                select(Vote.public_id, Thread.public_id, Vote.dots, Vote.participant_id).join(
                    Thread, Thread.id == Vote.thread_id
                )
            )
        )
    return threads, placed, votes


def assert_undo_redo_exact(store: Store, command: Command) -> None:
    """apply, revert → the state before; apply again → the state after, row for row."""
    before = raw_state(store)
    command.apply(store)
    after = raw_state(store)
    assert after != before
    command.revert(store)
    assert raw_state(store) == before
    command.apply(store)
    assert raw_state(store) == after
    command.revert(store)
    assert raw_state(store) == before


def test_create_and_list(store: Store, workshop: uuid.UUID) -> None:
    first, changes = create_thread(store, workshop, "  Données   éparpillées ")
    second, _changes = create_thread(store, workshop, "Pas de partage")

    assert changes.threads == frozenset({workshop})
    assert list_threads(store, workshop) == [first, second]
    assert (first.title, first.stages, first.kept, first.capture_ids) == (
        "Données éparpillées",
        (),
        False,
        (),
    )
    assert first.from_this_workshop and first.position < second.position
    with pytest.raises(ValidationError) as empty:
        create_thread(store, workshop, " \t")
    assert empty.value.message == "Le titre du fil ne peut pas être vide."


def test_threads_belong_to_the_programme(store: Store, workshop: uuid.UUID) -> None:
    later, _changes = create_workshop(store, "Atelier de Lisieux", programme="capacities")
    alone, _changes = create_workshop(store, "Hors programme")
    carried = thread(store, workshop, "Fil de Toulon")
    own, changes = create_thread(store, later.public_id, "Fil de Lisieux")
    (card,) = cards(store, later.public_id, 1)
    move_captures(store, later.public_id, [card], carried)

    assert changes.threads == frozenset({workshop, later.public_id})
    listed = list_threads(store, later.public_id)
    assert [(t.title, t.from_this_workshop) for t in listed] == [
        ("Fil de Toulon", False),
        ("Fil de Lisieux", True),
    ]
    assert listed[0].capture_ids == (card,)  # the later workshop's cards in the carried thread
    assert members(store, workshop) == {"Fil de Toulon": [], "Fil de Lisieux": []}
    assert list_threads(store, alone.public_id) == []
    with pytest.raises(NotFoundError) as foreign:
        move_captures(store, alone.public_id, [], own.public_id)
    assert_french_typography(foreign.value.message)


def test_a_card_sits_in_one_thread_at_most(store: Store, workshop: uuid.UUID) -> None:
    a, b, c = cards(store, workshop, 3)
    red, blue = thread(store, workshop, "Rouge"), thread(store, workshop, "Bleu")

    move_captures(store, workshop, [c, a], red)
    move_captures(store, workshop, [b], red)
    assert members(store, workshop) == {"Rouge": [c, a, b], "Bleu": []}

    changes = move_captures(store, workshop, [a], blue)
    assert changes.captures == frozenset({a}) and changes.threads == frozenset({workshop})
    assert members(store, workshop) == {"Rouge": [c, b], "Bleu": [a]}
    move_captures(store, workshop, [c], red)  # already there: stays in place
    assert members(store, workshop)["Rouge"] == [c, b]

    move_captures(store, workshop, [b, a], None)
    assert members(store, workshop) == {"Rouge": [c], "Bleu": []}
    assert {x.public_id: x.thread_id for x in list_captures(store, workshop)} == {
        a: None,
        b: None,
        c: red,
    }


def test_moving_an_unknown_card_or_to_an_unknown_thread(store: Store, workshop: uuid.UUID) -> None:
    (a,) = cards(store, workshop, 1)
    red = thread(store, workshop, "Rouge")
    with pytest.raises(NotFoundError) as card:
        move_captures(store, workshop, [a, uuid.uuid4()], red)
    assert card.value.message == "Une des cartes n'existe pas dans cet atelier."
    with pytest.raises(NotFoundError) as missing:
        move_captures(store, workshop, [a], uuid.uuid4())
    assert missing.value.message == "Ce fil n'existe pas ou plus."
    assert members(store, workshop) == {"Rouge": []}


def test_a_deleted_card_leaves_its_thread_and_comes_back_in_place(
    store: Store, workshop: uuid.UUID
) -> None:
    a, b, c = cards(store, workshop, 3)
    red = thread(store, workshop, "Rouge")
    move_captures(store, workshop, [a, b, c], red)

    assert delete_capture(store, b).threads == frozenset({workshop})
    assert members(store, workshop) == {"Rouge": [a, c]}
    restore_capture(store, b)
    assert members(store, workshop) == {"Rouge": [a, b, c]}


def test_merge_gathers_cards_dots_and_stages(store: Store, workshop: uuid.UUID) -> None:
    a, b, c, d = cards(store, workshop, 4)
    target, one, two = (thread(store, workshop, t) for t in ("Cible", "Un", "Deux"))
    move_captures(store, workshop, [a], target)
    move_captures(store, workshop, [c, b], one)
    move_captures(store, workshop, [d], two)
    set_thread_stages(store, target, [LifecycleStage.SHARING])
    set_thread_stages(store, one, [LifecycleStage.COLLECTION, LifecycleStage.SHARING])
    for thread_id, dots in ((target, 2), (one, 3), (two, 4)):
        set_tally(store, workshop, None, thread_id, dots)

    changes = merge_threads(store, workshop, target, [one, two])

    assert changes.captures == frozenset({b, c, d})
    (merged,) = list_threads(store, workshop)
    assert merged.capture_ids == (a, c, b, d)
    assert merged.stages == (LifecycleStage.COLLECTION, LifecycleStage.SHARING)
    assert [(r.title, r.dots) for r in ranking(store, workshop, None)] == [("Cible", 9)]
    with pytest.raises(ValidationError) as alone:
        merge_threads(store, workshop, target, [target])
    assert alone.value.message == "Choisissez au moins un autre fil à fusionner avec celui-ci."


def test_split_moves_cards_to_a_new_thread(store: Store, workshop: uuid.UUID) -> None:
    a, b, c, outside = cards(store, workshop, 4)
    source = thread(store, workshop, "Trop large")
    move_captures(store, workshop, [a, b, c], source)

    new, _changes = split_thread(store, workshop, source, [c, a], "Plus précis")

    assert members(store, workshop) == {"Trop large": [b], "Plus précis": [c, a]}
    assert new.capture_ids == (c, a) and new.from_this_workshop
    with pytest.raises(ValidationError) as foreign:
        split_thread(store, workshop, source, [outside], "Autre")
    assert foreign.value.message == "Seules les cartes de ce fil peuvent en être séparées."
    with pytest.raises(ValidationError):
        split_thread(store, workshop, source, [], "Vide")
    assert len(list_threads(store, workshop)) == 2


def test_a_deleted_thread_frees_its_cards_until_restored(store: Store, workshop: uuid.UUID) -> None:
    a, b = cards(store, workshop, 2)
    red = thread(store, workshop, "Rouge")
    move_captures(store, workshop, [a, b], red)

    assert delete_thread(store, red).captures == frozenset({a, b})
    assert list_threads(store, workshop) == []
    assert [x.thread_id for x in list_captures(store, workshop)] == [None, None]
    restore_thread(store, red)
    assert members(store, workshop) == {"Rouge": [a, b]}


def test_undo_of_a_move_restores_exactly(store: Store, workshop: uuid.UUID) -> None:
    a, b, c, d = cards(store, workshop, 4)
    red, blue = thread(store, workshop, "Rouge"), thread(store, workshop, "Bleu")
    move_captures(store, workshop, [a, b, c], red)
    move_captures(store, workshop, [d], blue)

    assert_undo_redo_exact(store, MoveToThread(workshop, [b, d], red))
    assert_undo_redo_exact(store, MoveToThread(workshop, [a, d], None))
    assert members(store, workshop) == {"Rouge": [a, b, c], "Bleu": [d]}


def test_undo_of_a_merge_restores_exactly(store: Store, workshop: uuid.UUID) -> None:
    a, b, c, d = cards(store, workshop, 4)
    target, one, two = (thread(store, workshop, t) for t in ("Cible", "Un", "Deux"))
    move_captures(store, workshop, [a, b], target)
    move_captures(store, workshop, [c], one)
    move_captures(store, workshop, [d], two)
    set_thread_stages(store, one, [LifecycleStage.STORAGE])
    set_tally(store, workshop, None, one, 3)
    set_tally(store, workshop, None, two, 1)
    delete_capture(store, b)  # a deleted card keeps its place through merge and undo

    command = MergeThreads(workshop, target, [one, two])
    assert command.text == "Fusionner les fils"
    assert_undo_redo_exact(store, command)
    assert members(store, workshop) == {"Cible": [a], "Un": [c], "Deux": [d]}
    assert [(r.title, r.dots) for r in ranking(store, workshop, None)] == [
        ("Un", 3),
        ("Deux", 1),
        ("Cible", 0),
    ]


def test_undo_of_a_split_restores_exactly(store: Store, workshop: uuid.UUID) -> None:
    a, b, c = cards(store, workshop, 3)
    source = thread(store, workshop, "Trop large")
    move_captures(store, workshop, [a, b, c], source)

    command = SplitThread(workshop, source, [b], "Plus précis")
    assert_undo_redo_exact(store, command)
    assert members(store, workshop) == {"Trop large": [a, b, c]}
    command.apply(store)
    assert members(store, workshop) == {"Trop large": [a, c], "Plus précis": [b]}
    assert list_threads(store, workshop)[1].public_id == command.public_id


def test_undo_of_create_with_cards_puts_them_back(store: Store, workshop: uuid.UUID) -> None:
    a, b = cards(store, workshop, 2)
    red = thread(store, workshop, "Rouge")
    move_captures(store, workshop, [a], red)

    command = CreateThread(workshop, "Nouveau", [a, b])
    assert command.text == "Créer le fil «\u00a0Nouveau\u00a0»"
    assert_undo_redo_exact(store, command)
    assert members(store, workshop) == {"Rouge": [a]}
    command.apply(store)
    assert members(store, workshop) == {"Rouge": [], "Nouveau": [a, b]}


def test_a_failed_create_leaves_no_thread(store: Store, workshop: uuid.UUID) -> None:
    command = CreateThread(workshop, "Nouveau", [uuid.uuid4()])
    with pytest.raises(NotFoundError):
        command.apply(store)
    assert list_threads(store, workshop) == []


def test_rename_tag_keep_and_delete_undo(store: Store, workshop: uuid.UUID) -> None:
    (a,) = cards(store, workshop, 1)
    red = thread(store, workshop, "Rouge")
    move_captures(store, workshop, [a], red)
    (view,) = list_threads(store, workshop)

    commands: list[Command] = [
        RenameThread(view, "Rouge vif"),
        TagThread(view, [LifecycleStage.USE, LifecycleStage.COLLECTION]),
        KeepThreads(workshop, [red], True),
        DeleteThread(view),
    ]
    for command in commands:
        assert_undo_redo_exact(store, command)
        assert list_threads(store, workshop) == [view]
    assert [c.text for c in commands] == [
        "Renommer le fil «\u00a0Rouge\u00a0»",
        "Étiqueter le fil «\u00a0Rouge\u00a0»",
        "Retenir les fils",
        "Supprimer le fil «\u00a0Rouge\u00a0»",
    ]
    commands[1].apply(store)
    assert list_threads(store, workshop)[0].stages == (
        LifecycleStage.COLLECTION,
        LifecycleStage.USE,
    )
