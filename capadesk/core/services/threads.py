"""Common threads (fils communs): the room gathers cards into them, merges and splits them.

Threads belong to the programme: a workshop lists its own threads and those its programme's
other workshops started, so a later workshop continues them. A card sits in at most one thread.
A thread lists, of its cards, those of the workshop asking (not deleted).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from capadesk.core.domain.capture import ThreadView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, clean_text
from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import Thread, Vote, Workshop, utc_now
from capadesk.core.storage.repositories.captures import CaptureRepository
from capadesk.core.storage.repositories.threads import (
    ThreadRepository,
    VoteRecord,
    stages_column,
    stages_of,
)
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def clean_thread_title(raw: str) -> str:
    """A thread's title: a short sentence, white space collapsed; refused when empty."""
    title = clean_text(raw)
    if not title:
        raise ValidationError(_("Le titre du fil ne peut pas être vide."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _("Le titre du fil est trop long ({count} caractères, {limit} au plus).").format(
                count=len(title), limit=TITLE_MAX_LENGTH
            )
        )
    return title


def combine(*changes: Changes) -> Changes:
    """Everything any of ``changes`` touched."""
    merged = Changes()
    for change in changes:
        merged = Changes(
            workshops=merged.workshops | change.workshops,
            workshop_list=merged.workshop_list or change.workshop_list,
            agendas=merged.agendas | change.agendas,
            runners=merged.runners | change.runners,
            captures=merged.captures | change.captures,
            threads=merged.threads | change.threads,
            use_cases=merged.use_cases | change.use_cases,
        )
    return merged


def showing(session: Session, threads: Iterable[Thread]) -> frozenset[uuid.UUID]:
    """The workshops that list these threads (their own and their programme's)."""
    rows = list(threads)
    workshop_rows = {t.workshop_id for t in rows if t.workshop_id is not None}
    programme_rows = {t.programme_id for t in rows if t.programme_id is not None}
    if not rows:
        return frozenset()
    query = select(Workshop.public_id).where(
        or_(Workshop.id.in_(workshop_rows), Workshop.programme_id.in_(programme_rows))
    )
    return frozenset(session.scalars(query))


def list_threads(store: Store, workshop_id: uuid.UUID) -> list[ThreadView]:
    """The threads the workshop shows, not deleted, by position, each with its cards in order."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        repository = ThreadRepository(session)
        rows = repository.listed(workshop)
        members = repository.members(workshop.id, [t.id for t in rows])
        return [repository.view(t, workshop, members[t.id]) for t in rows]


def create_thread(
    store: Store, workshop_id: uuid.UUID, title: str, public_id: uuid.UUID | None = None
) -> tuple[ThreadView, Changes]:
    """A new, empty thread after the others, in the workshop's programme."""
    title = clean_thread_title(title)
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        thread = _new_thread(session, workshop, title, public_id)
        view = ThreadRepository(session).view(thread, workshop, ())
        changed = showing(session, [thread])
    return view, Changes(threads=changed)


def _new_thread(
    session: Session, workshop: Workshop, title: str, public_id: uuid.UUID | None
) -> Thread:
    thread = Thread(
        public_id=public_id or uuid.uuid4(),
        programme_id=workshop.programme_id,
        workshop_id=workshop.id,
        title=title,
        lifecycle_stages="",
        kept=False,
        position=ThreadRepository(session).next_position(workshop),
    )
    session.add(thread)
    session.flush()
    return thread


def rename_thread(store: Store, thread_id: uuid.UUID, title: str) -> Changes:
    """Give a thread a new title."""
    title = clean_thread_title(title)
    with store.write() as session:
        thread = ThreadRepository(session).get(thread_id)
        thread.title = title
        return Changes(threads=showing(session, [thread]))


def set_thread_stages(
    store: Store, thread_id: uuid.UUID, stages: Iterable[LifecycleStage]
) -> Changes:
    """Tag a thread with the life-cycle stages it pulls (replacing the previous tags)."""
    try:
        column = stages_column(stages)
    except ValueError as error:
        raise ValidationError(
            _("Étape du cycle de vie inconnue\u00a0: {error}").format(error=error)
        ) from None
    with store.write() as session:
        thread = ThreadRepository(session).get(thread_id)
        thread.lifecycle_stages = column
        return Changes(threads=showing(session, [thread]))


def set_kept(store: Store, thread_ids: Iterable[uuid.UUID], kept: bool) -> Changes:
    """Mark threads kept after the vote, or not."""
    with store.write() as session:
        repository = ThreadRepository(session)
        threads = [repository.get(public_id) for public_id in dict.fromkeys(thread_ids)]
        for thread in threads:
            thread.kept = kept
        return Changes(threads=showing(session, threads))


def move_captures(
    store: Store,
    workshop_id: uuid.UUID,
    capture_ids: Sequence[uuid.UUID],
    thread_id: uuid.UUID | None,
) -> Changes:
    """Put cards at the end of a thread, in the given order (``None`` takes them out of any).

    A card already in that thread keeps its place.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        repository = ThreadRepository(session)
        captures = CaptureRepository(session).rows(capture_ids, workshop.id)
        target = repository.listed_one(workshop, thread_id) if thread_id else None
        placed = repository.placements([c.id for c in captures])
        touched = {thread_row for thread_row, _position in placed.values()}
        moving = [
            c.id for c in captures if target is None or placed.get(c.id, (0, 0))[0] != target.id
        ]
        repository.take_out(moving)
        if target is not None:
            _append(repository, target.id, moving)
            touched.add(target.id)
        changed = showing(session, _threads(session, touched)) | {workshop_id}
    return Changes(captures=frozenset(capture_ids), threads=changed)


def _append(repository: ThreadRepository, thread_row: int, capture_rows: Sequence[int]) -> None:
    position = repository.next_member_position(thread_row)
    for offset, capture_row in enumerate(capture_rows):
        repository.put(thread_row, capture_row, position + offset)


def _threads(session: Session, thread_rows: Iterable[int]) -> list[Thread]:
    rows = list(thread_rows)
    if not rows:
        return []
    return list(session.scalars(select(Thread).where(Thread.id.in_(rows))))


def merge_threads(
    store: Store, workshop_id: uuid.UUID, target_id: uuid.UUID, source_ids: Sequence[uuid.UUID]
) -> Changes:
    """Gather the sources into the target: their cards (after its own), dots and stage tags.

    The sources are then deleted (and come back on undo).
    """
    source_ids = [s for s in dict.fromkeys(source_ids) if s != target_id]
    if not source_ids:
        raise ValidationError(_("Choisissez au moins un autre fil à fusionner avec celui-ci."))
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        repository = ThreadRepository(session)
        target = repository.listed_one(workshop, target_id)
        sources = [repository.listed_one(workshop, s) for s in source_ids]
        cards = repository.captures_in([s.id for s in sources])
        repository.take_out(cards)
        _append(repository, target.id, cards)
        session.execute(
            update(Vote)
            .where(Vote.thread_id.in_([s.id for s in sources]))
            .values(thread_id=target.id)
        )
        stages = set(stages_of(target.lifecycle_stages))
        now = utc_now()
        for source in sources:
            stages.update(stages_of(source.lifecycle_stages))
            source.deleted_at = now
        target.lifecycle_stages = stages_column(stages)
        changed = showing(session, [target, *sources]) | {workshop_id}
        moved = _public_ids(session, cards)
    return Changes(captures=moved, threads=changed)


def _public_ids(session: Session, capture_rows: Sequence[int]) -> frozenset[uuid.UUID]:
    return frozenset(CaptureRepository(session).public_ids(capture_rows).values())


def split_thread(
    store: Store,
    workshop_id: uuid.UUID,
    thread_id: uuid.UUID,
    capture_ids: Sequence[uuid.UUID],
    title: str,
    public_id: uuid.UUID | None = None,
) -> tuple[ThreadView, Changes]:
    """Move some of a thread's cards into a new thread placed after the others."""
    title = clean_thread_title(title)
    if not capture_ids:
        raise ValidationError(_("Choisissez au moins une carte à séparer du fil."))
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        repository = ThreadRepository(session)
        source = repository.listed_one(workshop, thread_id)
        captures = CaptureRepository(session).rows(list(dict.fromkeys(capture_ids)), workshop.id)
        placed = repository.placements([c.id for c in captures])
        if any(placed.get(c.id, (None, 0))[0] != source.id for c in captures):
            raise ValidationError(_("Seules les cartes de ce fil peuvent en être séparées."))
        thread = _new_thread(session, workshop, title, public_id)
        moving = [c.id for c in captures]
        repository.take_out(moving)
        _append(repository, thread.id, moving)
        members = repository.members(workshop.id, [thread.id])[thread.id]
        view = repository.view(thread, workshop, members)
        changed = showing(session, [source, thread]) | {workshop_id}
    return view, Changes(captures=frozenset(capture_ids), threads=changed)


def delete_thread(store: Store, thread_id: uuid.UUID) -> Changes:
    """Take a thread off the wall; its cards go back to « no thread » until it is restored."""
    with store.write() as session:
        thread = ThreadRepository(session).get(thread_id)
        thread.deleted_at = utc_now()
        return _thread_and_cards(session, thread)


def restore_thread(store: Store, thread_id: uuid.UUID) -> Changes:
    """Bring a deleted thread back with the cards and dots it had."""
    with store.write() as session:
        thread = ThreadRepository(session).get(thread_id, include_deleted=True)
        thread.deleted_at = None
        return _thread_and_cards(session, thread)


def _thread_and_cards(session: Session, thread: Thread) -> Changes:
    cards = ThreadRepository(session).captures_in([thread.id])
    return Changes(captures=_public_ids(session, cards), threads=showing(session, [thread]))


# -- exact snapshots, for undo and redo of the thread and vote commands ------------------------


class ThreadState(NamedTuple):
    """A thread row as it was (``exists`` False: it had not been created yet)."""

    public_id: uuid.UUID
    exists: bool
    title: str = ""
    stages: str = ""
    kept: bool = False
    position: int = 0
    deleted_at: dt.datetime | None = None


class Placement(NamedTuple):
    """Where a card sat: its thread (None: in none) and its position in it."""

    capture_id: uuid.UUID
    thread_id: uuid.UUID | None
    position: int


class WallState(NamedTuple):
    """Some threads as they were: their rows, and optionally their cards and their votes."""

    workshop_id: uuid.UUID
    threads: tuple[ThreadState, ...]
    placements: tuple[Placement, ...] | None  # None: cards not recorded, left alone on restore
    votes: tuple[VoteRecord, ...] | None  # None: votes not recorded, left alone on restore


def wall_state(
    store: Store,
    workshop_id: uuid.UUID,
    thread_ids: Iterable[uuid.UUID],
    capture_ids: Iterable[uuid.UUID] = (),
    *,
    cards: bool = True,
    votes: bool = True,
) -> WallState:
    """Record these threads (and the cards in them, plus ``capture_ids``) to restore them later."""
    with store.read() as session:
        wanted = list(dict.fromkeys(thread_ids))
        rows = {
            t.public_id: t
            for t in session.scalars(select(Thread).where(Thread.public_id.in_(wanted)))
        }
        states = tuple(
            ThreadState(
                t.public_id, True, t.title, t.lifecycle_stages, t.kept, t.position, t.deleted_at
            )
            if (t := rows.get(public_id)) is not None
            else ThreadState(public_id, False)
            for public_id in wanted
        )
        repository = ThreadRepository(session)
        placements = None
        if cards:
            placements = _placements(session, [t.id for t in rows.values()], list(capture_ids))
        records = tuple(repository.vote_records([t.id for t in rows.values()])) if votes else None
    return WallState(workshop_id, states, placements, records)


def _placements(
    session: Session, thread_rows: Sequence[int], capture_ids: Sequence[uuid.UUID]
) -> tuple[Placement, ...]:
    repository = ThreadRepository(session)
    cards = CaptureRepository(session)
    given = cards.row_ids(capture_ids).values()
    capture_rows = list(dict.fromkeys([*given, *repository.captures_in(thread_rows)]))
    placed = repository.placements(capture_rows)
    publics = cards.public_ids(capture_rows)
    thread_publics = {
        t.id: t.public_id for t in _threads(session, {r for r, _p in placed.values()})
    }
    return tuple(
        Placement(
            publics[row],
            thread_publics[placed[row][0]] if row in placed else None,
            placed[row][1] if row in placed else 0,
        )
        for row in capture_rows
    )


def restore_wall(store: Store, state: WallState) -> Changes:
    """Put the recorded threads, cards and votes back exactly as ``state`` has them."""
    with store.write() as session:
        repository = ThreadRepository(session)
        now = utc_now()
        threads: dict[uuid.UUID, Thread] = {}
        for recorded in state.threads:
            row = session.scalars(
                select(Thread).where(Thread.public_id == recorded.public_id)
            ).one_or_none()
            if row is None:
                continue
            threads[recorded.public_id] = row
            if not recorded.exists:
                row.deleted_at = row.deleted_at or now
                continue
            row.title = recorded.title
            row.lifecycle_stages = recorded.stages
            row.kept = recorded.kept
            row.position = recorded.position
            row.deleted_at = recorded.deleted_at
        session.flush()
        thread_rows = [t.id for t in threads.values()]
        moved: frozenset[uuid.UUID] = frozenset()
        if state.placements is not None:
            moved = _restore_placements(session, thread_rows, state.placements)
        if state.votes is not None:
            repository.replace_votes(thread_rows, state.votes)
        changed = showing(session, threads.values()) | {state.workshop_id}
    return Changes(captures=moved, threads=changed)


def _restore_placements(
    session: Session, thread_rows: Sequence[int], placements: Sequence[Placement]
) -> frozenset[uuid.UUID]:
    repository = ThreadRepository(session)
    cards = CaptureRepository(session)
    by_public = cards.row_ids(p.capture_id for p in placements)
    current = repository.captures_in(thread_rows)
    repository.take_out(list(dict.fromkeys([*by_public.values(), *current])))
    thread_rows_by_id: dict[uuid.UUID, int] = {}
    for placement in placements:
        if placement.thread_id is None or placement.capture_id not in by_public:
            continue
        if placement.thread_id not in thread_rows_by_id:
            thread = repository.get(placement.thread_id, include_deleted=True)
            thread_rows_by_id[placement.thread_id] = thread.id
        repository.put(
            thread_rows_by_id[placement.thread_id],
            by_public[placement.capture_id],
            placement.position,
        )
    moved = {p.capture_id for p in placements} | set(cards.public_ids(current).values())
    return frozenset(moved)
