"""Captures and use cases in the store, read back as the wall's plain views."""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Dialect, and_, bindparam, func, insert, select
from sqlalchemy.exc import DBAPIError
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

# The note-taker's Enter is one statement: INSERT … SELECT reads the workshop's row, the newest
# card's order and the rows of the card's use case, group and step, writes the card and returns
# what it found (RETURNING), so a wrong id is known without a second query. It is compiled once
# per dialect and run as plain SQL on the session's connection: SQLAlchemy's per-call statement
# handling cost more than SQLite's own work (``python -m bench.capture_latency --profile``).
_ADD_WORKSHOP = aliased(Workshop)
_ADD_COLUMNS = (
    "public_id",
    "workshop_id",
    "step_id",
    "group_id",
    "use_case_id",
    "kind",
    "text",
    "lifecycle_stage",
    "note",
    "author",
    "sort_order",
    "created_at",
    "updated_at",
)
_ADD = (
    insert(Capture)
    .from_select(
        list(_ADD_COLUMNS),
        select(
            bindparam("public_id"),
            _ADD_WORKSHOP.id,
            select(Step.id)
            .where(Step.public_id == bindparam("step"), Step.workshop_id == _ADD_WORKSHOP.id)
            .scalar_subquery(),
            select(WorkGroup.id)
            .where(
                WorkGroup.public_id == bindparam("group"),
                WorkGroup.workshop_id == _ADD_WORKSHOP.id,
            )
            .scalar_subquery(),
            select(UseCase.id)
            .where(
                UseCase.public_id == bindparam("use_case"),
                UseCase.workshop_id == _ADD_WORKSHOP.id,
            )
            .scalar_subquery(),
            bindparam("kind"),
            bindparam("text"),
            bindparam("stage"),
            bindparam("note"),
            bindparam("author"),
            # ``+ 0`` keeps SQLite off the workshop index, which would visit every card of the
            # workshop: walking the table back from its last row finds the newest card at once.
            func.coalesce(
                select(Capture.sort_order + 1)
                .where(Capture.workshop_id + 0 == _ADD_WORKSHOP.id)
                .order_by(Capture.id.desc())
                .limit(1)
                .scalar_subquery(),
                0,
            ),
            bindparam("created_at"),
            bindparam("updated_at"),
        ).where(
            _ADD_WORKSHOP.public_id == bindparam("workshop"), _ADD_WORKSHOP.deleted_at.is_(None)
        ),
    )
    .returning(Capture.step_id, Capture.group_id, Capture.use_case_id, Capture.sort_order)
)
NEW_CAPTURE_VALUES = (
    "public_id",
    "workshop",
    "step",
    "group",
    "use_case",
    "kind",
    "text",
    "stage",
    "note",
    "author",
    "created_at",
    "updated_at",
)
# The column type of each bound value: its bind processor writes what the ORM would write.
_ADD_TYPES = {
    "public_id": Capture.public_id.type,
    "workshop": Workshop.public_id.type,
    "step": Step.public_id.type,
    "group": WorkGroup.public_id.type,
    "use_case": UseCase.public_id.type,
    "created_at": Capture.created_at.type,
    "updated_at": Capture.updated_at.type,
}


class _CompiledAdd(NamedTuple):
    sql: str
    names: tuple[str, ...]  # the bound values' names, in the order of the SQL's « ? »
    constants: dict[str, Any]  # the statement's own values (``+ 1``, ``LIMIT 1``…)
    processors: dict[str, Callable[[Any], Any]]


_compiled_adds: weakref.WeakKeyDictionary[Dialect, _CompiledAdd] = weakref.WeakKeyDictionary()


def _compiled_add(dialect: Dialect) -> _CompiledAdd:
    found = _compiled_adds.get(dialect)
    if found is None:
        compiled = _ADD.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ())
        constants = {k: v for k, v in compiled.params.items() if k not in NEW_CAPTURE_VALUES}
        if dialect.paramstyle != "qmark" or set(names) - set(constants) != set(NEW_CAPTURE_VALUES):
            raise RuntimeError(f"unexpected compiled capture insert: {dialect.paramstyle} {names}")
        processors: dict[str, Callable[[Any], Any]] = {}
        for name, type_ in _ADD_TYPES.items():
            processor = type_.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                processors[name] = processor
        found = _compiled_adds[dialect] = _CompiledAdd(
            compiled.string, names, constants, processors
        )
    return found


class NewCapturePlace(NamedTuple):
    """Where a new card went: its order and the rows it points at."""

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

    def add(self, values: dict[str, Any]) -> NewCapturePlace:
        """Write one new card at the end of its workshop (one statement); NotFoundError for an
        unknown workshop, use case, group or step (the caller's transaction then rolls back).

        ``values`` holds every name of ``NEW_CAPTURE_VALUES``: the card's public id, the public
        ids of its workshop, step, group and use case (None for none), its kind, text, stage
        (values), note, author and times. No service reorders cards, so one past the newest
        card's order puts it at the end.
        """
        connection = self._session.connection()
        compiled = _compiled_add(connection.dialect)
        processors = compiled.processors
        given = {**compiled.constants, **values}
        parameters = tuple(
            given[name]
            if given[name] is None or name not in processors
            else processors[name](given[name])
            for name in compiled.names
        )
        # Straight to the driver's cursor, inside the transaction the session began: the
        # per-statement machinery of SQLAlchemy (result set-up, events, none registered on this
        # engine) cost about as much as SQLite's own work. Errors are wrapped as SQLAlchemy
        # would, so ``Store.write()`` still turns a full disk into its French message.
        driver = connection.connection.driver_connection
        assert driver is not None  # a live connection: the session just began on it
        cursor = driver.cursor()
        try:
            found = cursor.execute(compiled.sql, parameters).fetchone()
        except connection.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                compiled.sql, parameters, error, connection.dialect.loaded_dbapi.Error
            ) from error
        finally:
            cursor.close()
        if found is None:
            raise NotFoundError(_("Cet atelier n'existe pas ou plus."))
        step_row, group_row, use_case_row, order = found
        for wanted, row, message in (
            (values["use_case"], use_case_row, _("Ce cas d'usage n'existe pas dans cet atelier.")),
            (values["group"], group_row, _("Ce groupe n'existe pas dans cet atelier.")),
            (values["step"], step_row, _("Cette étape n'existe pas dans cet atelier.")),
        ):
            if wanted is not None and row is None:
                raise NotFoundError(message)
        return NewCapturePlace(order, use_case_row, group_row, step_row)

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
