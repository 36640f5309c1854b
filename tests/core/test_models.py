"""The ORM models: every table round-trips, datetimes stay aware UTC, constraints hold."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import delete, func, inspect, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from capadesk.core.storage.models import (
    Base,
    Capture,
    Participant,
    RunnerState,
    Step,
    Track,
    Vote,
    Workshop,
)
from capadesk.core.storage.models.base import NAMING_CONVENTION, UTCDateTime
from capadesk.core.storage.store import Store
from tests.fixtures.rows import populate

PARIS_SUMMER = dt.timezone(dt.timedelta(hours=2))


def _columns(instance: Any) -> dict[str, Any]:
    mapper = inspect(type(instance))
    return {attr.key: getattr(instance, attr.key) for attr in mapper.column_attrs}


def _primary_key(instance: Any) -> tuple[Any, ...]:
    identity = inspect(instance).identity
    assert identity is not None
    return tuple(identity)


def _all_rows(session: Session) -> dict[tuple[str, tuple[Any, ...]], dict[str, Any]]:
    rows = {}
    for mapper in Base.registry.mappers:
        for instance in session.scalars(select(mapper.class_)):
            rows[(mapper.class_.__tablename__, _primary_key(instance))] = _columns(instance)
    return rows


def test_every_table_round_trips_through_the_orm(store: Store) -> None:
    with store.write() as session:
        populate(session)
        session.flush()
        written = _all_rows(session)

    with store.read() as session:
        read_back = _all_rows(session)

    assert read_back == written
    tables_written = {table for table, _key in written}
    assert tables_written == set(Base.metadata.tables)


def test_datetimes_come_back_aware_utc(store: Store) -> None:
    with store.write() as session:
        populate(session)

    with store.read() as session:
        values: list[dt.datetime] = []
        for mapper in Base.registry.mappers:
            datetime_columns = [c.key for c in mapper.columns if isinstance(c.type, UTCDateTime)]
            for instance in session.scalars(select(mapper.class_)):
                values.extend(
                    v for key in datetime_columns if (v := getattr(instance, key)) is not None
                )
    assert len(values) > 50
    assert all(value.tzinfo is dt.UTC for value in values)


def test_aware_non_utc_datetime_is_stored_as_the_same_instant(store: Store) -> None:
    local = dt.datetime(2022, 6, 14, 10, 30, 15, 123456, tzinfo=PARIS_SUMMER)
    with store.write() as session:
        workshop = Workshop(title="Fuseau", created_at=local, updated_at=local, deleted_at=local)
        session.add(workshop)
    with store.read() as session:
        row = session.scalars(select(Workshop)).one()
        raw = session.execute(text("SELECT created_at FROM workshop")).scalar_one()
    assert row.created_at == local
    assert row.created_at.tzinfo is dt.UTC
    assert row.created_at.hour == 8  # 10:30 in Paris in June is 08:30 UTC
    assert raw == "2022-06-14 08:30:15.123456"


def test_naive_datetime_is_refused_and_nothing_is_written(store: Store) -> None:
    naive = dt.datetime(2022, 6, 14, 10, 30)  # noqa: DTZ001 (the point of the test)
    with pytest.raises(StatementError) as refused, store.write() as session:
        session.add(Workshop(title="Naïf", deleted_at=naive))
    assert isinstance(refused.value.orig, ValueError)
    assert "naive datetime refused" in str(refused.value.orig)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_utc_datetime_type_passes_null_through() -> None:
    decorator, dialect = UTCDateTime(), sqlite.dialect()
    assert decorator.process_bind_param(None, dialect) is None
    assert decorator.process_result_value(None, dialect) is None
    moment = dt.datetime(2022, 6, 14, 12, tzinfo=PARIS_SUMMER)
    assert decorator.process_bind_param(moment, dialect) == dt.datetime(2022, 6, 14, 10)  # noqa: DTZ001 (stored naive, in UTC)


def test_defaults_fill_ids_and_times(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    with store.write() as session:
        workshop = Workshop(title="Par défaut")
        session.add(workshop)
    after = dt.datetime.now(dt.UTC)
    with store.read() as session:
        row = session.scalars(select(Workshop)).one()
    assert isinstance(row.public_id, uuid.UUID)
    assert row.public_id == workshop.public_id
    assert before <= row.created_at <= after
    assert before <= row.updated_at <= after
    assert (row.place, row.notes, row.day, row.deleted_at) == ("", "", None, None)


def test_update_moves_updated_at_but_not_created_at(store: Store) -> None:
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with store.write() as session:
        session.add(Workshop(title="Ancien", created_at=old, updated_at=old))
    with store.write() as session:
        session.scalars(select(Workshop)).one().title = "Renommé"
    with store.read() as session:
        row = session.scalars(select(Workshop)).one()
    assert row.created_at == old
    assert row.updated_at > old


def test_public_ids_are_unique(store: Store) -> None:
    shared = uuid.uuid4()
    with pytest.raises(IntegrityError), store.write() as session:
        session.add_all(
            [Workshop(title="Un", public_id=shared), Workshop(title="Deux", public_id=shared)]
        )


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), store.write() as session:
        session.add(Participant(workshop_id=999, name="Personne", type="animateur"))


@pytest.mark.parametrize(
    ("minimum", "maximum"),
    [(-1, None), (45, 30)],
)
def test_step_duration_checks(store: Store, minimum: int, maximum: int | None) -> None:
    with store.write() as session:
        session.add(Workshop(title="Durées"))
    with pytest.raises(IntegrityError, match="CHECK"), store.write() as session:
        workshop = session.scalars(select(Workshop)).one()
        session.add(
            Step(
                workshop=workshop,
                position=0,
                title="Étape",
                activity_kind="free",
                format="pleniere",
                duration_min=minimum,
                duration_max=maximum,
            )
        )


def test_negative_dots_are_refused(store: Store) -> None:
    with store.write() as session:
        populate(session)
    with pytest.raises(IntegrityError, match="CHECK"), store.write() as session:
        vote = session.scalars(select(Vote).limit(1)).one()
        vote.dots = -1


def test_deleting_a_workshop_row_cascades_to_what_it_holds(store: Store) -> None:
    with store.write() as session:
        populate(session)
    with store.write() as session:
        lyon = session.scalars(
            select(Workshop).where(Workshop.title.like("Atelier de Lyon%"))
        ).one()
        session.execute(delete(Workshop).where(Workshop.id == lyon.id))
    with store.read() as session:
        for model in (Step, Track, Participant, Capture, Vote, RunnerState):
            assert session.scalar(select(func.count()).select_from(model)) == (
                1 if model in (Step, RunnerState) else 0  # Écully keeps one step and its runner
            ), model.__name__


def test_constraints_follow_the_naming_convention() -> None:
    assert Base.metadata.naming_convention == NAMING_CONVENTION
    for table in Base.metadata.tables.values():
        assert table.primary_key.name == f"pk_{table.name}"
        for constraint in table.foreign_key_constraints:
            assert isinstance(constraint.name, str)
            assert constraint.name.startswith(f"fk_{table.name}_")
        for index in table.indexes:
            assert isinstance(index.name, str)
            assert index.name.startswith("ix_")
