"""Common threads, the cards gathered in them and the dots they received, in the store."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from capadesk.core.domain.capture import ThreadView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.core.errors import NotFoundError
from capadesk.core.storage.models import (
    Capture,
    Participant,
    Step,
    Thread,
    ThreadCapture,
    Vote,
    Workshop,
)
from capadesk.core.storage.repositories.captures import chunks
from capadesk.i18n import _

STAGE_SEPARATOR = ";"


class VoteRecord(NamedTuple):
    """One vote row as it was, so an undo can put it back with the same id."""

    public_id: uuid.UUID
    workshop_id: int
    thread_id: int
    step_id: int | None
    participant_id: int | None
    dots: int
    created_at: dt.datetime


def stages_of(column: str) -> tuple[LifecycleStage, ...]:
    """The stages stored in a thread's column, in life-cycle order (unknown values skipped)."""
    values = {part.strip() for part in column.split(STAGE_SEPARATOR)}
    return tuple(stage for stage in LifecycleStage if stage.value in values)


def stages_column(stages: Iterable[LifecycleStage]) -> str:
    """The column text for ``stages``: each once, in life-cycle order."""
    wanted = {LifecycleStage(stage) for stage in stages}
    return STAGE_SEPARATOR.join(stage.value for stage in LifecycleStage if stage in wanted)


class ThreadRepository:
    """Reads and writes threads, memberships and votes inside the caller's unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- threads -------------------------------------------------------------------------------

    def listed(self, workshop: Workshop) -> list[Thread]:
        """Threads the workshop shows: its own and its programme's, not deleted, by position."""
        mine = Thread.workshop_id == workshop.id
        scope = (
            mine
            if workshop.programme_id is None
            else or_(mine, Thread.programme_id == workshop.programme_id)
        )
        query = (
            select(Thread)
            .where(scope, Thread.deleted_at.is_(None))
            .order_by(Thread.position, Thread.id)
        )
        return list(self._session.scalars(query))

    def get(self, public_id: uuid.UUID, *, include_deleted: bool = False) -> Thread:
        """The thread with this id, or NotFoundError."""
        query = select(Thread).where(Thread.public_id == public_id)
        if not include_deleted:
            query = query.where(Thread.deleted_at.is_(None))
        thread = self._session.scalars(query).one_or_none()
        if thread is None:
            raise NotFoundError(_("Ce fil n'existe pas ou plus."))
        return thread

    def listed_one(self, workshop: Workshop, public_id: uuid.UUID) -> Thread:
        """A thread the workshop shows, or NotFoundError."""
        thread = self.get(public_id)
        if not self.shows(workshop, thread):
            raise NotFoundError(_("Ce fil n'appartient pas à cet atelier ni à son programme."))
        return thread

    @staticmethod
    def shows(workshop: Workshop, thread: Thread) -> bool:
        """Whether ``thread`` belongs to the workshop or to its programme."""
        return thread.workshop_id == workshop.id or (
            workshop.programme_id is not None and thread.programme_id == workshop.programme_id
        )

    def next_position(self, workshop: Workshop) -> int:
        """One past the last thread the workshop shows (deleted ones count: undo brings them)."""
        mine = Thread.workshop_id == workshop.id
        scope = (
            mine
            if workshop.programme_id is None
            else or_(mine, Thread.programme_id == workshop.programme_id)
        )
        highest = self._session.scalar(select(func.max(Thread.position)).where(scope))
        return 0 if highest is None else highest + 1

    def view(self, thread: Thread, workshop: Workshop, members: Sequence[uuid.UUID]) -> ThreadView:
        """The plain view of a thread as ``workshop`` shows it."""
        return ThreadView(
            public_id=thread.public_id,
            title=thread.title,
            stages=stages_of(thread.lifecycle_stages),
            kept=thread.kept,
            position=thread.position,
            capture_ids=tuple(members),
            from_this_workshop=thread.workshop_id == workshop.id,
        )

    # -- memberships ---------------------------------------------------------------------------

    def members(self, workshop_row: int, thread_rows: Sequence[int]) -> dict[int, list[uuid.UUID]]:
        """The workshop's live cards in each thread, in their order in it."""
        members: dict[int, list[uuid.UUID]] = {row: [] for row in thread_rows}
        for part in chunks(list(thread_rows)):
            query = (
                select(ThreadCapture.thread_id, Capture.public_id)
                .join(Capture, Capture.id == ThreadCapture.capture_id)
                .where(
                    ThreadCapture.thread_id.in_(part),
                    Capture.workshop_id == workshop_row,
                    Capture.deleted_at.is_(None),
                )
                .order_by(ThreadCapture.position, Capture.id)
            )
            for thread_row, capture_id in self._session.execute(query):
                members[thread_row].append(capture_id)
        return members

    def placements(self, capture_rows: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Where each capture sits: its thread row and position (captures in none are absent)."""
        placed: dict[int, tuple[int, int]] = {}
        for part in chunks(list(capture_rows)):
            query = select(
                ThreadCapture.capture_id, ThreadCapture.thread_id, ThreadCapture.position
            ).where(ThreadCapture.capture_id.in_(part))
            for capture_row, thread_row, position in self._session.execute(query):
                placed[capture_row] = (thread_row, position)
        return placed

    def captures_in(self, thread_rows: Sequence[int]) -> list[int]:
        """Every capture row in these threads (any workshop, deleted ones too), in order."""
        found: list[int] = []
        for part in chunks(list(thread_rows)):
            query = (
                select(ThreadCapture.capture_id)
                .where(ThreadCapture.thread_id.in_(part))
                .order_by(ThreadCapture.thread_id, ThreadCapture.position, ThreadCapture.capture_id)
            )
            found.extend(self._session.scalars(query))
        return found

    def take_out(self, capture_rows: Sequence[int]) -> None:
        """Take these captures out of whatever thread holds them."""
        for part in chunks(list(capture_rows)):
            self._session.execute(delete(ThreadCapture).where(ThreadCapture.capture_id.in_(part)))

    def put(self, thread_row: int, capture_row: int, position: int) -> None:
        """Place a capture (out of any thread) in a thread at ``position``."""
        self._session.execute(
            insert(ThreadCapture).values(
                thread_id=thread_row, capture_id=capture_row, position=position
            )
        )

    def next_member_position(self, thread_row: int) -> int:
        """One past the thread's last card."""
        highest = self._session.scalar(
            select(func.max(ThreadCapture.position)).where(ThreadCapture.thread_id == thread_row)
        )
        return 0 if highest is None else highest + 1

    # -- votes ---------------------------------------------------------------------------------

    def vote_records(self, thread_rows: Sequence[int]) -> list[VoteRecord]:
        """Every vote row on these threads, whoever cast it, in any workshop or step."""
        records: list[VoteRecord] = []
        for part in chunks(list(thread_rows)):
            query = select(Vote).where(Vote.thread_id.in_(part)).order_by(Vote.id)
            records.extend(
                VoteRecord(
                    v.public_id,
                    v.workshop_id,
                    v.thread_id,
                    v.step_id,
                    v.participant_id,
                    v.dots,
                    v.created_at,
                )
                for v in self._session.scalars(query)
            )
        return records

    def replace_votes(self, thread_rows: Sequence[int], records: Iterable[VoteRecord]) -> None:
        """Put the votes on these threads back to ``records`` exactly (same ids)."""
        for part in chunks(list(thread_rows)):
            self._session.execute(delete(Vote).where(Vote.thread_id.in_(part)))
        rows = [record._asdict() for record in records]
        if rows:
            self._session.execute(insert(Vote), rows)

    def dots(
        self, workshop_row: int, step_row: int | None, thread_rows: Sequence[int]
    ) -> dict[int, int]:
        """The dots each thread received in this workshop's vote step (every kind of entry)."""
        totals = dict.fromkeys(thread_rows, 0)
        step_match = Vote.step_id.is_(None) if step_row is None else Vote.step_id == step_row
        for part in chunks(list(thread_rows)):
            query = (
                select(Vote.thread_id, func.sum(Vote.dots))
                .where(Vote.workshop_id == workshop_row, step_match, Vote.thread_id.in_(part))
                .group_by(Vote.thread_id)
            )
            for thread_row, total in self._session.execute(query):
                totals[thread_row] = int(total or 0)
        return totals

    def participant_dots(
        self, workshop_row: int, step_row: int | None, participant: Participant
    ) -> dict[int, int]:
        """The dots one participant placed in this vote step, per thread row."""
        step_match = Vote.step_id.is_(None) if step_row is None else Vote.step_id == step_row
        query = (
            select(Vote.thread_id, func.sum(Vote.dots))
            .where(
                Vote.workshop_id == workshop_row,
                step_match,
                Vote.participant_id == participant.id,
            )
            .group_by(Vote.thread_id)
        )
        return {thread_row: int(total or 0) for thread_row, total in self._session.execute(query)}

    def set_dots(
        self,
        workshop_row: int,
        step_row: int | None,
        thread_row: int,
        participant_row: int | None,
        dots: int,
        at: dt.datetime,
    ) -> None:
        """Replace the dots of one entry (a tally when ``participant_row`` is None) on a thread."""
        step_match = Vote.step_id.is_(None) if step_row is None else Vote.step_id == step_row
        who = (
            Vote.participant_id.is_(None)
            if participant_row is None
            else Vote.participant_id == participant_row
        )
        self._session.execute(
            delete(Vote).where(
                Vote.workshop_id == workshop_row, Vote.thread_id == thread_row, step_match, who
            )
        )
        if dots:
            self._session.execute(
                insert(Vote).values(
                    public_id=uuid.uuid4(),
                    workshop_id=workshop_row,
                    thread_id=thread_row,
                    step_id=step_row,
                    participant_id=participant_row,
                    dots=dots,
                    created_at=at,
                )
            )

    def step(self, workshop_row: int, public_id: uuid.UUID) -> Step:
        """One of the workshop's steps, or NotFoundError."""
        step = self._session.scalars(
            select(Step).where(Step.public_id == public_id, Step.workshop_id == workshop_row)
        ).one_or_none()
        if step is None:
            raise NotFoundError(_("Cette étape n'existe pas dans cet atelier."))
        return step
