"""Dot voting (gommettes): the vote step's rules, dots entered, the ranking, the kept threads.

Dots come in two ways that add up: a tally counted on the paper wall (no participant) or each
participant's dots, within the step's budget. Both replace what was entered before for the same
thread. Votes with no step belong to a workshop whose agenda has no vote step.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from capadesk.core.domain.capture import RankedThread, VotingRules
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.domain.voting import (
    Dotted,
    check_dots,
    rank,
    rules_from_settings,
    settings_with_rules,
    top,
)
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.threads import showing
from capadesk.core.storage.models import (
    Participant,
    Step,
    Thread,
    Track,
    Vote,
    Workshop,
    utc_now,
)
from capadesk.core.storage.repositories.captures import CaptureRepository
from capadesk.core.storage.repositories.threads import ThreadRepository
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def vote_step(store: Store, workshop_id: uuid.UUID) -> uuid.UUID | None:
    """The agenda's first dot-vote step, at top level or inside a parallel track, if any."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        steps = list(session.scalars(select(Step).where(Step.workshop_id == workshop.id)))
        tracks = {
            t.id: t
            for t in session.scalars(
                select(Track)
                .join(Step, Step.id == Track.step_id)
                .where(Step.workshop_id == workshop.id)
            )
        }
        by_id = {s.id: s for s in steps}

        def agenda_order(step: Step) -> tuple[int, int, int, int]:
            if step.track_id is None or step.track_id not in tracks:
                return (step.position, -1, -1, step.id)
            track = tracks[step.track_id]
            parent = by_id.get(track.step_id)
            return (parent.position if parent else 0, track.position, step.position, step.id)

        votes = [s for s in steps if s.activity_kind == ActivityKind.DOT_VOTE.value]
        return min(votes, key=agenda_order).public_id if votes else None


def _step(session: Session, step_id: uuid.UUID) -> Step:
    step = session.scalars(select(Step).where(Step.public_id == step_id)).one_or_none()
    if step is None:
        raise NotFoundError(_("Cette étape n'existe pas ou plus."))
    return step


def voting_rules(store: Store, step_id: uuid.UUID | None) -> VotingRules:
    """The vote rules of a step (its settings); the defaults (4 dots, 8 threads) without one."""
    if step_id is None:
        return VotingRules()
    with store.read() as session:
        return rules_from_settings(_step(session, step_id).settings)


def set_voting_rules(store: Store, step_id: uuid.UUID, rules: VotingRules) -> Changes:
    """Write the dots each participant has and the number of threads kept into the step."""
    with store.write() as session:
        step = _step(session, step_id)
        step.settings = settings_with_rules(step.settings, rules)
        workshop_id = session.scalars(
            select(Workshop.public_id).where(Workshop.id == step.workshop_id)
        ).one()
    return Changes(agendas=frozenset({workshop_id}), threads=frozenset({workshop_id}))


def _vote_target(
    session: Session, workshop_id: uuid.UUID, step_id: uuid.UUID | None, thread_id: uuid.UUID
) -> tuple[Workshop, Step | None, Thread]:
    workshop = WorkshopRepository(session).get(workshop_id)
    repository = ThreadRepository(session)
    step = repository.step(workshop.id, step_id) if step_id else None
    return workshop, step, repository.listed_one(workshop, thread_id)


def set_tally(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None, thread_id: uuid.UUID, dots: int
) -> Changes:
    """The dots counted on the paper wall for a thread, replacing the previous count."""
    check_dots(dots)
    with store.write() as session:
        workshop, step, thread = _vote_target(session, workshop_id, step_id, thread_id)
        step_row = step.id if step else None
        ThreadRepository(session).set_dots(workshop.id, step_row, thread.id, None, dots, utc_now())
        changed = showing(session, [thread]) | {workshop_id}
    return Changes(threads=changed)


def _budget_check(
    session: Session,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
    participant_id: uuid.UUID,
    thread_id: uuid.UUID,
    dots: int,
) -> tuple[Workshop, Step | None, Thread, Participant]:
    """The vote's rows, once sure the participant stays within the step's budget."""
    check_dots(dots)
    workshop, step, thread = _vote_target(session, workshop_id, step_id, thread_id)
    participant = CaptureRepository(session).participant(workshop.id, participant_id)
    placed = _placed(session, workshop, step, participant)
    elsewhere = sum(n for row, n in placed.items() if row != thread.id)
    budget = rules_from_settings(step.settings if step else None).dots_per_participant
    if elsewhere + dots > budget:
        raise ValidationError(
            _(
                "Budget dépassé\u00a0: chaque participant a {budget} gommettes. "
                "{name} en a déjà placé {used} sur d'autres fils, il lui en reste {left}."
            ).format(budget=budget, name=participant.name, used=elsewhere, left=budget - elsewhere)
        )
    return workshop, step, thread, participant


def _placed(
    session: Session, workshop: Workshop, step: Step | None, participant: Participant
) -> dict[int, int]:
    """A participant's dots in the step on the threads the workshop lists (thread rows).

    Dots on a deleted thread neither rank nor count against the budget; undo brings them back.
    """
    repository = ThreadRepository(session)
    live = {t.id for t in repository.listed(workshop)}
    placed = repository.participant_dots(workshop.id, step.id if step else None, participant)
    return {row: n for row, n in placed.items() if row in live and n}


def check_participant_dots(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
    participant_id: uuid.UUID,
    thread_id: uuid.UUID,
    dots: int,
) -> None:
    """Raise what ``set_participant_dots`` would refuse (the same French message), writing
    nothing: the vote panel says it next to the boxes before trying."""
    with store.read() as session:
        _budget_check(session, workshop_id, step_id, participant_id, thread_id, dots)


def set_participant_dots(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
    participant_id: uuid.UUID,
    thread_id: uuid.UUID,
    dots: int,
) -> Changes:
    """One participant's dots on a thread, replacing theirs; refused past the step's budget."""
    with store.write() as session:
        workshop, step, thread, participant = _budget_check(
            session, workshop_id, step_id, participant_id, thread_id, dots
        )
        step_row = step.id if step else None
        ThreadRepository(session).set_dots(
            workshop.id, step_row, thread.id, participant.id, dots, utc_now()
        )
        changed = showing(session, [thread]) | {workshop_id}
    return Changes(threads=changed)


def participant_dots(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None, participant_id: uuid.UUID
) -> dict[uuid.UUID, int]:
    """The dots one participant placed in the step: thread id → dots (threads with none left
    out; deleted threads too)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = ThreadRepository(session).step(workshop.id, step_id) if step_id else None
        participant = CaptureRepository(session).participant(workshop.id, participant_id)
        placed = _placed(session, workshop, step, participant)
        return _by_thread_id(session, placed)


def participant_totals(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None
) -> dict[uuid.UUID, int]:
    """How many dots each participant placed in the step (participants without any left out)."""
    with store.read() as session:
        workshop, step_row, live = _vote_scope(session, workshop_id, step_id)
        query = (
            select(Participant.public_id, func.sum(Vote.dots))
            .join(Participant, Participant.id == Vote.participant_id)
            .where(_in_step(workshop, step_row), Vote.thread_id.in_(list(live)))
            .group_by(Participant.public_id)
        )
        return {pid: int(total) for pid, total in session.execute(query) if total}


def tallies(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None
) -> dict[uuid.UUID, int]:
    """The dots counted on the paper wall alone, without any participant's: thread id → dots
    (threads with no tally left out)."""
    with store.read() as session:
        workshop, step_row, live = _vote_scope(session, workshop_id, step_id)
        query = (
            select(Vote.thread_id, func.sum(Vote.dots))
            .where(_in_step(workshop, step_row), Vote.participant_id.is_(None))
            .group_by(Vote.thread_id)
        )
        counted = {row: int(total) for row, total in session.execute(query) if row in live}
        return _by_thread_id(session, counted)


def _vote_scope(
    session: Session, workshop_id: uuid.UUID, step_id: uuid.UUID | None
) -> tuple[Workshop, int | None, dict[int, uuid.UUID]]:
    """The workshop, the step's row and the listed threads (row → public id)."""
    workshop = WorkshopRepository(session).get(workshop_id)
    repository = ThreadRepository(session)
    step_row = repository.step(workshop.id, step_id).id if step_id else None
    return workshop, step_row, {t.id: t.public_id for t in repository.listed(workshop)}


def _in_step(workshop: Workshop, step_row: int | None) -> ColumnElement[bool]:
    step_match = Vote.step_id.is_(None) if step_row is None else Vote.step_id == step_row
    return and_(Vote.workshop_id == workshop.id, step_match)


def _by_thread_id(session: Session, dots: dict[int, int]) -> dict[uuid.UUID, int]:
    if not dots:
        return {}
    query = select(Thread.id, Thread.public_id).where(Thread.id.in_(list(dots)))
    return {public: dots[row] for row, public in session.execute(query) if dots[row]}


def ranking(store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None) -> list[RankedThread]:
    """Every thread the workshop shows, most dots first; tied threads share a rank (1, 2, 2, 4)."""
    with store.read() as session:
        return _ranking(session, workshop_id, step_id)


def _ranking(
    session: Session, workshop_id: uuid.UUID, step_id: uuid.UUID | None
) -> list[RankedThread]:
    workshop = WorkshopRepository(session).get(workshop_id)
    repository = ThreadRepository(session)
    step_row = repository.step(workshop.id, step_id).id if step_id else None
    threads = repository.listed(workshop)
    dots = repository.dots(workshop.id, step_row, [t.id for t in threads])
    return rank([Dotted(t.public_id, t.title, dots[t.id], t.kept) for t in threads])


def keep_top(store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None) -> Changes:
    """Mark kept the threads ranked within the step's « threads kept » (ties all kept)."""
    with store.write() as session:
        kept_threads = rules_from_settings(
            _step(session, step_id).settings if step_id else None
        ).kept_threads
        kept = top(_ranking(session, workshop_id, step_id), kept_threads)
        threads = ThreadRepository(session).listed(WorkshopRepository(session).get(workshop_id))
        for thread in threads:
            thread.kept = thread.public_id in kept
        changed = showing(session, threads) | {workshop_id}
    return Changes(threads=changed)
