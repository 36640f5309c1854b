"""Read a workshop out of the store for the exports: the services' plain views, plus the few
rows no service lists yet (every vote entry, the photos, the runner log's last moment).

This is the only module of ``capadesk.core.export`` that opens a session; the writers take what
it returns.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path, PurePath

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from capadesk.core.export.workshop_data import PhotoRow, RestitutionData, VoteRow, WorkshopData
from capadesk.core.runner.clock import DEFAULT_FAKE_START
from capadesk.core.runner.state import RunnerError
from capadesk.core.runner.timings import Timings, plan_vs_actual
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.captures import list_captures
from capadesk.core.services.participants import list_participants
from capadesk.core.services.threads import list_threads
from capadesk.core.services.timings import load_timings
from capadesk.core.services.use_cases import list_use_cases
from capadesk.core.services.votes import ranking, vote_step, voting_rules
from capadesk.core.services.workshops import get_workshop
from capadesk.core.storage.models import (
    Participant,
    Photo,
    RunnerEvent,
    Step,
    Thread,
    UseCase,
    Vote,
)
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store


def read_workshop(store: Store, workshop_id: uuid.UUID) -> WorkshopData:
    """The workshop's cards, threads, votes, participants and use cases (NotFoundError if gone)."""
    workshop = get_workshop(store, workshop_id)
    step = vote_step(store, workshop_id)
    return WorkshopData(
        workshop=workshop,
        use_cases=tuple(list_use_cases(store, workshop_id)),
        participants=tuple(list_participants(store, workshop_id)),
        captures=tuple(list_captures(store, workshop_id)),
        threads=tuple(list_threads(store, workshop_id)),
        votes=tuple(read_votes(store, workshop_id)),
        ranking=tuple(ranking(store, workshop_id, step)),
        voting_rules=voting_rules(store, step),
    )


def read_restitution(store: Store, workshop_id: uuid.UUID, photos_dir: Path) -> RestitutionData:
    """What the restitution prints: the workshop's data, its « prévu / réel », its photos."""
    timings = read_timings(store, workshop_id)
    return RestitutionData(
        data=read_workshop(store, workshop_id),
        timings=timings or planned_only(store, workshop_id),
        actuals_lost=timings is None,
        photos=tuple(read_photos(store, workshop_id, photos_dir)),
    )


class _LogClock:
    """A clock stopped at the runner log's last event: the step in progress counts up to then.

    So the restitution reads the stored log only, and prints the same figures whenever (and on
    whichever laptop) it is exported.
    """

    def __init__(self, moment: dt.datetime) -> None:
        self._moment = moment

    def now(self) -> dt.datetime:
        return self._moment


def read_timings(store: Store, workshop_id: uuid.UUID) -> Timings | None:
    """The day's plan and actuals from the stored log; None when the log no longer fits the
    agenda (the restitution then says so instead of printing wrong figures)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        last = session.scalar(
            select(func.max(RunnerEvent.at)).where(RunnerEvent.workshop_id == workshop.id)
        )
    try:
        return load_timings(store, workshop_id, _LogClock(last or DEFAULT_FAKE_START))
    except RunnerError:
        return None


def planned_only(store: Store, workshop_id: uuid.UUID) -> Timings:
    """The agenda's plan with no actuals."""
    agenda = read_agenda(store, workshop_id)
    return plan_vs_actual(agenda.protocol, agenda.start, None)


def read_votes(store: Store, workshop_id: uuid.UUID) -> list[VoteRow]:
    """Every entry of dots cast in this workshop, oldest first (ids break ties)."""
    voter = aliased(Participant)
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        query = (
            select(
                Vote.public_id,
                Thread.public_id,
                Step.public_id,
                voter.public_id,
                Vote.dots,
                Vote.created_at,
            )
            .join(Thread, Thread.id == Vote.thread_id)
            .outerjoin(Step, Step.id == Vote.step_id)
            .outerjoin(voter, voter.id == Vote.participant_id)
            .where(Vote.workshop_id == workshop.id, Thread.deleted_at.is_(None))
        )
        rows = [VoteRow(*row) for row in session.execute(query)]
    return sorted(rows, key=lambda v: (v.created_at, str(v.public_id)))


def photo_path(photos_dir: Path, file_name: str) -> Path | None:
    """Where a photo's file is: inside ``photos_dir`` only (an absolute name or one climbing out
    with « .. » is refused: it may come from an imported archive)."""
    relative = PurePath(file_name.replace("\\", "/"))
    if not file_name or relative.is_absolute() or ".." in relative.parts or relative.anchor:
        return None
    return photos_dir / relative


def read_photos(store: Store, workshop_id: uuid.UUID, photos_dir: Path) -> list[PhotoRow]:
    """The workshop's photos in the order they were taken (then added)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        query = (
            select(
                Photo.public_id,
                Photo.file_name,
                Photo.caption,
                UseCase.public_id,
                Photo.taken_at,
                Photo.created_at,
            )
            .outerjoin(UseCase, UseCase.id == Photo.use_case_id)
            .where(Photo.workshop_id == workshop.id)
        )
        rows = list(session.execute(query))
    rows.sort(key=lambda r: (r[4] or r[5], r[5], str(r[0])))
    return [
        PhotoRow(
            public_id=public_id,
            file_name=file_name,
            path=photo_path(photos_dir, file_name),
            caption=caption,
            use_case_id=use_case_id,
            taken_at=taken_at,
        )
        for public_id, file_name, caption, use_case_id, taken_at, _created in rows
    ]
