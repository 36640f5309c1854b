"""Dot voting: the step's rules, tallies and participants' dots, the ranking, kept threads."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from capadesk.core.domain.capture import RankedThread, VotingRules
from capadesk.core.domain.protocol import Duration, Protocol, ProtocolStep, ProtocolTrack
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.domain.voting import Dotted, rank, rules_from_settings, top
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.changes import Changes
from capadesk.core.services.threads import (
    create_thread,
    delete_thread,
    list_threads,
    restore_thread,
)
from capadesk.core.services.vote_commands import KeepTop, SetParticipantDots, SetTally
from capadesk.core.services.votes import (
    check_participant_dots,
    keep_top,
    participant_dots,
    participant_totals,
    ranking,
    set_participant_dots,
    set_tally,
    set_voting_rules,
    tallies,
    vote_step,
    voting_rules,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Participant, Step, Workshop
from capadesk.core.storage.store import Store
from tests.core.runner_support import assert_french_typography
from tests.core.test_threads import assert_undo_redo_exact


def step(title: str, activity: ActivityKind, *tracks: ProtocolTrack) -> ProtocolStep:
    return ProtocolStep(title, Duration(10, 10), StepFormat.PLENARY, activity, tracks=tracks)


def workshop_with_steps(store: Store, *steps: ProtocolStep) -> uuid.UUID:
    workshop, _changes = create_workshop(store, "Atelier de Toulon")
    apply_protocol(store, workshop.public_id, Protocol("essai", "Essai", steps))
    return workshop.public_id


def add_participant(store: Store, workshop: uuid.UUID, name: str) -> uuid.UUID:
    """A participant of the workshop, written directly (the roster is another service)."""
    public_id = uuid.uuid4()
    with store.write() as session:
        row = session.scalars(select(Workshop.id).where(Workshop.public_id == workshop)).one()
        session.add(Participant(public_id=public_id, workshop_id=row, name=name, type="animateur"))
    return public_id


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    return workshop_with_steps(
        store, step("Synthèse", ActivityKind.GROUP_SYNTHESIS), step("Vote", ActivityKind.DOT_VOTE)
    )


@pytest.fixture
def vote(store: Store, workshop: uuid.UUID) -> uuid.UUID:
    found = vote_step(store, workshop)
    assert found is not None
    return found


def threads(store: Store, workshop: uuid.UUID, *titles: str) -> list[uuid.UUID]:
    return [create_thread(store, workshop, title)[0].public_id for title in titles]


def test_the_vote_step_is_the_first_in_agenda_order(store: Store) -> None:
    empty = workshop_with_steps(store, step("Accueil", ActivityKind.WELCOME))
    assert vote_step(store, empty) is None

    inner = step("Vote du groupe", ActivityKind.DOT_VOTE)
    workshop = workshop_with_steps(
        store,
        step("Accueil", ActivityKind.WELCOME),
        step(
            "En parallèle",
            ActivityKind.FREE,
            ProtocolTrack("A", (step("Dessin", ActivityKind.USE_CASE_DRAWING), inner)),
        ),
        step("Vote final", ActivityKind.DOT_VOTE),
    )
    found = vote_step(store, workshop)
    with store.read() as session:
        title = session.scalars(select(Step.title).where(Step.public_id == found)).one()
    assert title == "Vote du groupe"


def test_rules_default_read_and_written(store: Store, workshop: uuid.UUID, vote: uuid.UUID) -> None:
    assert voting_rules(store, None) == VotingRules(4, 8)
    assert voting_rules(store, vote) == VotingRules(4, 8)

    changes = set_voting_rules(store, vote, VotingRules(3, 5))

    assert changes.agendas == changes.threads == frozenset({workshop})
    assert voting_rules(store, vote) == VotingRules(3, 5)
    with pytest.raises(ValidationError) as refused:
        set_voting_rules(store, vote, VotingRules(0, 5))
    assert "Gommettes par participant" in refused.value.message
    assert voting_rules(store, vote) == VotingRules(3, 5)
    with pytest.raises(NotFoundError):
        voting_rules(store, uuid.uuid4())


def test_rules_keep_other_settings_and_survive_bad_json() -> None:
    from capadesk.core.domain.voting import settings_with_rules

    written = settings_with_rules('{"autre": "valeur", "kept_threads": 2}', VotingRules(6, 3))
    assert written == '{"autre": "valeur", "dots_per_participant": 6, "kept_threads": 3}'
    assert rules_from_settings(written) == VotingRules(6, 3)
    for broken in ("", "pas du json", "[1, 2]", '{"dots_per_participant": "4"}', None):
        assert rules_from_settings(broken) == VotingRules()
    assert rules_from_settings('{"dots_per_participant": true}') == VotingRules()


def test_a_tally_replaces_the_previous_one(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    red, blue = threads(store, workshop, "Rouge", "Bleu")

    assert set_tally(store, workshop, vote, red, 5).threads == frozenset({workshop})
    set_tally(store, workshop, vote, red, 7)
    set_tally(store, workshop, vote, blue, 2)
    set_tally(store, workshop, None, blue, 40)  # another vote (no step): counted apart

    assert [(r.title, r.dots) for r in ranking(store, workshop, vote)] == [
        ("Rouge", 7),
        ("Bleu", 2),
    ]
    set_tally(store, workshop, vote, red, 0)
    assert [(r.title, r.dots) for r in ranking(store, workshop, vote)] == [
        ("Bleu", 2),
        ("Rouge", 0),
    ]
    for dots in (-1, 10_001):
        with pytest.raises(ValidationError) as refused:
            set_tally(store, workshop, vote, red, dots)
        assert refused.value.message == (
            "Le nombre de gommettes doit être un entier entre 0 et 10\u202f000."
        )


def test_participant_dots_within_the_budget(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    red, blue, green = threads(store, workshop, "Rouge", "Bleu", "Vert")
    claire = add_participant(store, workshop, "Claire")
    karim = add_participant(store, workshop, "Karim")

    set_participant_dots(store, workshop, vote, claire, red, 3)
    set_participant_dots(store, workshop, vote, claire, blue, 1)
    set_participant_dots(store, workshop, vote, claire, red, 2)  # replaces her 3: now 2 + 1
    set_participant_dots(store, workshop, vote, claire, green, 1)
    set_participant_dots(store, workshop, vote, karim, red, 4)
    set_tally(store, workshop, vote, green, 10)  # the paper wall adds up with the dots entered

    with pytest.raises(ValidationError) as refused:
        set_participant_dots(store, workshop, vote, claire, green, 2)
    assert refused.value.message == (
        "Budget dépassé\u00a0: chaque participant a 4 gommettes. "
        "Claire en a déjà placé 3 sur d'autres fils, il lui en reste 1."
    )
    assert_french_typography(refused.value.message)
    assert [(r.title, r.dots) for r in ranking(store, workshop, vote)] == [
        ("Vert", 11),
        ("Rouge", 6),
        ("Bleu", 1),
    ]
    set_voting_rules(store, vote, VotingRules(dots_per_participant=6, kept_threads=8))
    set_participant_dots(store, workshop, vote, claire, green, 3)
    assert ranking(store, workshop, vote)[0].dots == 13
    with pytest.raises(NotFoundError) as stranger:
        set_participant_dots(store, workshop, vote, uuid.uuid4(), red, 1)
    assert stranger.value.message == "Ce participant n'existe pas dans cet atelier."


def test_ranking_shares_ranks_between_ties(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    ids = threads(store, workshop, "A", "B", "C", "D")
    for thread_id, dots in zip(ids, (3, 5, 3, 1), strict=True):
        set_tally(store, workshop, vote, thread_id, dots)

    assert ranking(store, workshop, vote) == [
        RankedThread(ids[1], "B", 5, 1, False, False),
        RankedThread(ids[0], "A", 3, 2, True, False),
        RankedThread(ids[2], "C", 3, 2, True, False),
        RankedThread(ids[3], "D", 1, 4, False, False),
    ]


def test_rank_is_pure_and_orders_ties_by_wall_order() -> None:
    ids = [uuid.uuid4() for _ in range(5)]
    ranked = rank(
        [
            Dotted(i, str(n), dots, False)
            for n, (i, dots) in enumerate(zip(ids, (2, 2, 9, 2, 0), strict=True))
        ]
    )
    assert [(r.title, r.rank, r.tied) for r in ranked] == [
        ("2", 1, False),
        ("0", 2, True),
        ("1", 2, True),
        ("3", 2, True),
        ("4", 5, False),
    ]
    assert top(ranked, 1) == {ids[2]}
    assert top(ranked, 2) == {ids[2], ids[0], ids[1], ids[3]}
    assert top(ranked, 5) == {ids[2], ids[0], ids[1], ids[3]}  # no dot, never kept
    assert rank([]) == []


def test_keep_top_keeps_every_tie_at_the_boundary(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    ids = threads(store, workshop, "A", "B", "C", "D", "E")
    for thread_id, dots in zip(ids, (5, 3, 3, 1, 0), strict=True):
        set_tally(store, workshop, vote, thread_id, dots)
    set_voting_rules(store, vote, VotingRules(dots_per_participant=4, kept_threads=2))

    assert keep_top(store, workshop, vote).threads == frozenset({workshop})

    assert [(r.title, r.kept) for r in ranking(store, workshop, vote)] == [
        ("A", True),
        ("B", True),
        ("C", True),
        ("D", False),
        ("E", False),
    ]
    set_voting_rules(store, vote, VotingRules(dots_per_participant=4, kept_threads=1))
    keep_top(store, workshop, vote)
    assert [t.title for t in list_threads(store, workshop) if t.kept] == ["A"]


def test_vote_commands_undo_exactly(store: Store, workshop: uuid.UUID, vote: uuid.UUID) -> None:
    red, blue = threads(store, workshop, "Rouge", "Bleu")
    claire = add_participant(store, workshop, "Claire")
    set_tally(store, workshop, vote, red, 2)
    set_participant_dots(store, workshop, vote, claire, blue, 1)

    tally = SetTally(workshop, vote, red, 6)
    assert tally.text == "Voter"
    assert_undo_redo_exact(store, tally)
    assert_undo_redo_exact(store, SetParticipantDots(workshop, vote, claire, blue, 3))
    assert [(r.title, r.dots) for r in ranking(store, workshop, vote)] == [
        ("Rouge", 2),
        ("Bleu", 1),
    ]

    tally.apply(store)
    keep = KeepTop(workshop, vote)
    assert_undo_redo_exact(store, keep)
    assert [t.kept for t in list_threads(store, workshop)] == [False, False]
    keep.apply(store)
    assert [t.kept for t in list_threads(store, workshop)] == [True, True]


def test_a_refused_vote_command_records_nothing(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    (red,) = threads(store, workshop, "Rouge")
    claire = add_participant(store, workshop, "Claire")
    command = SetParticipantDots(workshop, vote, claire, red, 5)
    with pytest.raises(ValidationError):
        command.apply(store)
    assert ranking(store, workshop, vote)[0].dots == 0
    assert command.revert(store) == Changes()  # nothing was done, nothing to undo


def test_votes_need_a_step_of_the_workshop(store: Store, workshop: uuid.UUID) -> None:
    other = workshop_with_steps(store, step("Vote", ActivityKind.DOT_VOTE))
    foreign_step = read_agenda(store, other).step_ids[0]
    (red,) = threads(store, workshop, "Rouge")
    with pytest.raises(NotFoundError) as refused:
        set_tally(store, workshop, foreign_step, red, 1)
    assert refused.value.message == "Cette étape n'existe pas dans cet atelier."


def test_participant_dots_and_tallies_are_read_apart(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    red, blue, green = threads(store, workshop, "Rouge", "Bleu", "Vert")
    claire = add_participant(store, workshop, "Claire")
    karim = add_participant(store, workshop, "Karim")
    set_participant_dots(store, workshop, vote, claire, red, 3)
    set_participant_dots(store, workshop, vote, claire, blue, 1)
    set_participant_dots(store, workshop, vote, karim, red, 2)
    set_tally(store, workshop, vote, red, 10)
    set_tally(store, workshop, vote, green, 4)
    set_tally(store, workshop, None, blue, 40)  # another vote (no step)

    assert participant_dots(store, workshop, vote, claire) == {red: 3, blue: 1}
    assert participant_dots(store, workshop, vote, karim) == {red: 2}
    assert participant_dots(store, workshop, None, karim) == {}
    assert tallies(store, workshop, vote) == {red: 10, green: 4}
    assert tallies(store, workshop, None) == {blue: 40}
    assert participant_totals(store, workshop, vote) == {claire: 4, karim: 2}
    assert {r.title: r.dots for r in ranking(store, workshop, vote)} == {
        "Rouge": 15,
        "Vert": 4,
        "Bleu": 1,
    }
    set_participant_dots(store, workshop, vote, claire, red, 0)
    assert participant_dots(store, workshop, vote, claire) == {blue: 1}
    with pytest.raises(NotFoundError):
        participant_dots(store, workshop, vote, uuid.uuid4())


def test_the_budget_is_checked_before_writing_and_ignores_deleted_threads(
    store: Store, workshop: uuid.UUID, vote: uuid.UUID
) -> None:
    red, blue = threads(store, workshop, "Rouge", "Bleu")
    claire = add_participant(store, workshop, "Claire")
    set_participant_dots(store, workshop, vote, claire, red, 3)

    check_participant_dots(store, workshop, vote, claire, blue, 1)  # within: no error
    with pytest.raises(ValidationError) as refused:
        check_participant_dots(store, workshop, vote, claire, blue, 2)
    assert refused.value.message == (
        "Budget dépassé\u00a0: chaque participant a 4 gommettes. "
        "Claire en a déjà placé 3 sur d'autres fils, il lui en reste 1."
    )
    assert participant_dots(store, workshop, vote, claire) == {red: 3}  # nothing written

    # Dots on a deleted thread neither rank nor count against the budget.
    delete_thread(store, red)
    assert participant_dots(store, workshop, vote, claire) == {}
    assert participant_totals(store, workshop, vote) == {}
    set_participant_dots(store, workshop, vote, claire, blue, 4)
    restore_thread(store, red)
    assert participant_dots(store, workshop, vote, claire) == {red: 3, blue: 4}
