"""Captures and use cases in the store, read back as the wall's plain views."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, func, insert, select
from sqlalchemy.orm import Session, aliased

from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import NotFoundError
from capadesk.core.storage.models import (
    Capture,
    Participant,
    Step,
    Thread,
    ThreadCapture,
    UseCase,
    WorkGroup,
    Workshop,
)
from capadesk.i18n import _

# SQLite allows 999 bound parameters in older builds: ask for ids in slices well below that.
_CHUNK = 500

_CaptureWorkshop = aliased(Workshop)
_LiveThread = aliased(Thread)

# The note-taker's Enter runs two statements, built once and run on the session's connection:
# they skip the ORM's per-call statement building (2 ms of a 3 ms add otherwise). The first reads,
# for a workshop, the newest card's order and the rows of the card's use case, group and step.
_ADD_WORKSHOP = aliased(Workshop)
_ADD_LOOKUP = select(
    _ADD_WORKSHOP.id,
    # ``+ 0`` keeps SQLite off the workshop index, which would visit every card of the workshop:
    # walking the table back from its last row finds the newest card at once while typing.
    select(Capture.sort_order)
    .where(Capture.workshop_id + 0 == _ADD_WORKSHOP.id)
    .order_by(Capture.id.desc())
    .limit(1)
    .scalar_subquery(),
    select(UseCase.id)
    .where(UseCase.public_id == bindparam("use_case"), UseCase.workshop_id == _ADD_WORKSHOP.id)
    .scalar_subquery(),
    select(WorkGroup.id)
    .where(WorkGroup.public_id == bindparam("group"), WorkGroup.workshop_id == _ADD_WORKSHOP.id)
    .scalar_subquery(),
    select(Step.id)
    .where(Step.public_id == bindparam("step"), Step.workshop_id == _ADD_WORKSHOP.id)
    .scalar_subquery(),
).where(_ADD_WORKSHOP.public_id == bindparam("workshop"), _ADD_WORKSHOP.deleted_at.is_(None))
_INSERT = insert(Capture)


class NewCapturePlace(NamedTuple):
    """Where a new card goes: its workshop's row, its order, the rows it points at."""

    workshop_row: int
    sort_order: int
    use_case_row: int | None
    group_row: int | None
    step_row: int | None


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class CaptureRepository:
    """Reads and writes captures and use cases inside the caller's unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- the rows captures point at ------------------------------------------------------------

    def workshop_row(self, public_id: uuid.UUID) -> int:
        """The row id of a workshop not deleted, or NotFoundError."""
        row_id = self._session.scalar(
            select(Workshop.id).where(
                Workshop.public_id == public_id, Workshop.deleted_at.is_(None)
            )
        )
        if row_id is None:
            raise NotFoundError(_("Cet atelier n'existe pas ou plus."))
        return row_id

    def use_case_row(self, workshop_row: int, public_id: uuid.UUID) -> int:
        """The row id of one of the workshop's use cases, or NotFoundError."""
        row_id = self._session.scalar(
            select(UseCase.id).where(
                UseCase.public_id == public_id, UseCase.workshop_id == workshop_row
            )
        )
        if row_id is None:
            raise NotFoundError(_("Ce cas d'usage n'existe pas dans cet atelier."))
        return row_id

    def group_row(self, workshop_row: int, public_id: uuid.UUID) -> int:
        """The row id of one of the workshop's groups, or NotFoundError."""
        row_id = self._session.scalar(
            select(WorkGroup.id).where(
                WorkGroup.public_id == public_id, WorkGroup.workshop_id == workshop_row
            )
        )
        if row_id is None:
            raise NotFoundError(_("Ce groupe n'existe pas dans cet atelier."))
        return row_id

    def step_row(self, workshop_row: int, public_id: uuid.UUID) -> int:
        """The row id of one of the workshop's steps, or NotFoundError."""
        row_id = self._session.scalar(
            select(Step.id).where(Step.public_id == public_id, Step.workshop_id == workshop_row)
        )
        if row_id is None:
            raise NotFoundError(_("Cette étape n'existe pas dans cet atelier."))
        return row_id

    def participant(self, workshop_row: int, public_id: uuid.UUID) -> Participant:
        """One of the workshop's participants, or NotFoundError."""
        participant = self._session.scalars(
            select(Participant).where(
                Participant.public_id == public_id, Participant.workshop_id == workshop_row
            )
        ).one_or_none()
        if participant is None:
            raise NotFoundError(_("Ce participant n'existe pas dans cet atelier."))
        return participant

    # -- captures ------------------------------------------------------------------------------

    def get(self, public_id: uuid.UUID, *, include_deleted: bool = False) -> Capture:
        """The capture with this id, or NotFoundError."""
        query = select(Capture).where(Capture.public_id == public_id)
        if not include_deleted:
            query = query.where(Capture.deleted_at.is_(None))
        capture = self._session.scalars(query).one_or_none()
        if capture is None:
            raise NotFoundError(_("Cette carte n'existe pas ou plus."))
        return capture

    def rows(self, public_ids: Sequence[uuid.UUID], workshop_row: int) -> list[Capture]:
        """The workshop's captures (deleted ones too) with these ids, or NotFoundError."""
        found: dict[uuid.UUID, Capture] = {}
        for part in chunks(list(dict.fromkeys(public_ids))):
            query = select(Capture).where(
                Capture.public_id.in_(part), Capture.workshop_id == workshop_row
            )
            found.update((c.public_id, c) for c in self._session.scalars(query))
        if len(found) != len(set(public_ids)):
            raise NotFoundError(_("Une des cartes n'existe pas dans cet atelier."))
        return [found[public_id] for public_id in public_ids]

    def row_ids(self, public_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """The row id of each capture among ``public_ids`` that exists (deleted ones too)."""
        found: dict[uuid.UUID, int] = {}
        for part in chunks(list(dict.fromkeys(public_ids))):
            query = select(Capture.public_id, Capture.id).where(Capture.public_id.in_(part))
            found.update((public, row) for public, row in self._session.execute(query))
        return found

    def public_ids(self, rows: Iterable[int]) -> dict[int, uuid.UUID]:
        """The public id of each capture row among ``rows``."""
        found: dict[int, uuid.UUID] = {}
        for part in chunks(list(dict.fromkeys(rows))):
            query = select(Capture.id, Capture.public_id).where(Capture.id.in_(part))
            found.update((row, public) for row, public in self._session.execute(query))
        return found

    def new_place(
        self,
        workshop_id: uuid.UUID,
        use_case_id: uuid.UUID | None,
        group_id: uuid.UUID | None,
        step_id: uuid.UUID | None,
    ) -> NewCapturePlace:
        """Where a new card of the workshop goes (one query); NotFoundError for an unknown id.

        No service reorders cards, so one past the newest card's order puts it at the end.
        """
        found = (
            self._session.connection()
            .execute(
                _ADD_LOOKUP,
                {
                    "workshop": workshop_id,
                    "use_case": use_case_id,
                    "group": group_id,
                    "step": step_id,
                },
            )
            .first()
        )
        if found is None:
            raise NotFoundError(_("Cet atelier n'existe pas ou plus."))
        workshop_row, newest, use_case_row, group_row, step_row = found
        for wanted, row, message in (
            (use_case_id, use_case_row, _("Ce cas d'usage n'existe pas dans cet atelier.")),
            (group_id, group_row, _("Ce groupe n'existe pas dans cet atelier.")),
            (step_id, step_row, _("Cette étape n'existe pas dans cet atelier.")),
        ):
            if wanted is not None and row is None:
                raise NotFoundError(message)
        order = 0 if newest is None else newest + 1
        return NewCapturePlace(workshop_row, order, use_case_row, group_row, step_row)

    def insert(self, values: dict[str, Any]) -> None:
        """Write one new capture row (``values``: its columns)."""
        self._session.connection().execute(_INSERT, values)

    def views(
        self, *, workshop_row: int | None = None, public_ids: Sequence[uuid.UUID] = ()
    ) -> list[CaptureView]:
        """Live captures of a workshop in wall order, or those among ``public_ids``."""
        if workshop_row is not None:
            query = self._view_query().where(Capture.workshop_id == workshop_row)
            return self._to_views(self._session.execute(query))
        views: list[CaptureView] = []
        for part in chunks(list(public_ids)):
            query = self._view_query().where(Capture.public_id.in_(part))
            views.extend(self._to_views(self._session.execute(query)))
        return views

    @staticmethod
    def _view_query() -> Any:
        return (
            select(
                Capture.public_id,
                _CaptureWorkshop.public_id,
                Capture.kind,
                Capture.text,
                Capture.lifecycle_stage,
                UseCase.public_id,
                WorkGroup.public_id,
                Step.public_id,
                _LiveThread.public_id,
                Capture.note,
                Capture.created_at,
                Capture.sort_order,
            )
            .join(_CaptureWorkshop, _CaptureWorkshop.id == Capture.workshop_id)
            .outerjoin(UseCase, UseCase.id == Capture.use_case_id)
            .outerjoin(WorkGroup, WorkGroup.id == Capture.group_id)
            .outerjoin(Step, Step.id == Capture.step_id)
            .outerjoin(ThreadCapture, ThreadCapture.capture_id == Capture.id)
            .outerjoin(
                _LiveThread,
                and_(_LiveThread.id == ThreadCapture.thread_id, _LiveThread.deleted_at.is_(None)),
            )
            .where(Capture.deleted_at.is_(None))
            .order_by(Capture.sort_order, Capture.created_at, Capture.id)
        )

    @staticmethod
    def _to_views(rows: Iterable[Any]) -> list[CaptureView]:
        views: dict[uuid.UUID, CaptureView] = {}
        for row in rows:
            public_id = row[0]
            if public_id in views and views[public_id].thread_id is not None:
                continue  # a stale membership of a deleted thread never hides the live one
            views[public_id] = CaptureView(
                public_id=public_id,
                workshop_id=row[1],
                kind=CaptureKind(row[2]),
                text=row[3],
                stage=LifecycleStage(row[4]) if row[4] else None,
                use_case_id=row[5],
                group_id=row[6],
                step_id=row[7],
                thread_id=row[8],
                note=row[9],
                created_at=row[10],
                sort_order=row[11],
            )
        return list(views.values())

    # -- use cases -----------------------------------------------------------------------------

    def use_cases(self, workshop_row: int) -> list[UseCaseView]:
        """The workshop's use cases in their order."""
        query = (
            select(UseCase)
            .where(UseCase.workshop_id == workshop_row)
            .order_by(UseCase.position, UseCase.id)
        )
        return [use_case_view(u) for u in self._session.scalars(query)]

    def next_use_case_position(self, workshop_row: int) -> int:
        """One past the workshop's last use case."""
        highest = self._session.scalar(
            select(func.max(UseCase.position)).where(UseCase.workshop_id == workshop_row)
        )
        return 0 if highest is None else highest + 1


def use_case_view(row: UseCase) -> UseCaseView:
    """The plain view of a use case row."""
    return UseCaseView(
        public_id=row.public_id,
        title=row.title,
        territory=row.territory,
        colour=row.colour,
        position=row.position,
    )
