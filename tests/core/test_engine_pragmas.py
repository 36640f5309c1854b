"""The safety pragmas hold on every connection, and a store that failed them refuses to write."""

from __future__ import annotations

import sqlite3
from contextlib import ExitStack, closing
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, text

from capadesk.core.errors import StoreError, StoreReadOnlyError
from capadesk.core.storage.engine import (
    BUSY_TIMEOUT_MS,
    REQUIRED_PRAGMAS,
    StoreHealth,
    apply_pragmas,
    make_engine,
)
from capadesk.core.storage.models import Workshop
from capadesk.core.storage.store import Store

EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def _pragmas(connection: Connection) -> dict[str, object]:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar_one() for name in EXPECTED}


def test_required_pragmas_are_the_documented_ones() -> None:
    required = {p.name: p.expected for p in REQUIRED_PRAGMAS}
    assert {name: required[name] for name in EXPECTED} == EXPECTED
    assert BUSY_TIMEOUT_MS == 5000


def test_pragmas_hold_on_every_pooled_connection(store: Store) -> None:
    with ExitStack() as stack:
        connections = [stack.enter_context(store._engine.connect()) for _ in range(4)]
        raw_ids = {id(c.connection.driver_connection) for c in connections}
        assert len(raw_ids) == 4  # four distinct SQLite connections, all checked out at once
        for connection in connections:
            assert _pragmas(connection) == EXPECTED
    assert store.writable
    assert store.health.problems == []


def test_pragmas_hold_on_the_writer_and_in_sessions(store: Store) -> None:
    with store.write() as session:
        assert _pragmas(session.connection()) == EXPECTED
    with store.read() as session:
        assert _pragmas(session.connection()) == EXPECTED


def test_pragmas_hold_on_an_unpooled_engine(tmp_path: Path) -> None:
    health = StoreHealth()
    engine = make_engine(tmp_path / "x.db", health, pooled=False)
    try:
        for _ in range(3):
            with engine.connect() as connection:
                assert _pragmas(connection) == EXPECTED
    finally:
        engine.dispose()
    assert health.writable


def test_apply_pragmas_reports_a_memory_database_and_blocks_writes() -> None:
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as connection:
        problems = apply_pragmas(connection)

        assert len(problems) == 1
        assert "journal_mode" in problems[0]
        assert "«\u00a0memory\u00a0» au lieu de «\u00a0wal\u00a0»" in problems[0]
        assert connection.execute("PRAGMA query_only").fetchone()[0] == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.execute("CREATE TABLE t (x)")


def test_apply_pragmas_on_a_file_reports_nothing(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "ok.db", isolation_level=None)) as connection:
        assert apply_pragmas(connection) == []
        assert connection.execute("PRAGMA query_only").fetchone()[0] == 0
        connection.execute("CREATE TABLE t (x)")


def test_store_health_records_each_problem_once() -> None:
    health = StoreHealth()
    assert health.writable
    health.record(["a", "b"])
    health.record(["b", "c"])
    assert health.problems == ["a", "b", "c"]
    assert not health.writable


def test_unhealthy_store_refuses_to_write_and_says_why(store: Store) -> None:
    store.health.record(["le réglage SQLite journal_mode vaut 'memory' au lieu de 'wal'"])

    assert not store.writable
    with pytest.raises(StoreReadOnlyError) as refused, store.write():
        pytest.fail("write() must refuse before yielding a session")
    assert "lecture seule" in refused.value.message
    assert "journal_mode" in refused.value.message
    assert refused.value.path == store.path
    with store.read() as session:  # reading still works
        assert session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_write_commits_and_rolls_back(store: Store) -> None:
    with store.write() as session:
        session.add(Workshop(title="Gardé"))
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(Workshop(title="Annulé"))
        session.flush()
        raise RuntimeError("boom")
    with store.read() as session:
        assert list(session.scalars(select(Workshop.title))) == ["Gardé"]


def test_sqlite_failure_in_a_write_becomes_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="rien n'a été modifié"), store.write() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (1)"))


def test_writers_take_the_lock_up_front_and_readers_do_not(store: Store) -> None:
    def try_immediate() -> bool:
        with closing(sqlite3.connect(store.path, timeout=0, isolation_level=None)) as other:
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                assert "locked" in str(error)
                return False
            other.execute("ROLLBACK")
            return True

    with store.read() as session:
        session.execute(select(1))
        assert try_immediate()  # a reader leaves writers free
    with store.write() as session:
        session.execute(select(1))  # no write yet: BEGIN IMMEDIATE already holds the lock
        assert not try_immediate()
    assert try_immediate()


def test_readers_see_committed_data_while_a_writer_holds_the_lock(store: Store) -> None:
    with store.write() as session:
        session.add(Workshop(title="Premier"))
    with store.write() as session:
        session.add(Workshop(title="Second"))
        session.flush()
        with store.read() as reader:
            assert list(reader.scalars(select(Workshop.title))) == ["Premier"]


def require_an_unreachable_pragma(monkeypatch: pytest.MonkeyPatch) -> None:
    """A safety setting no connection can satisfy: every check fails, as on a hostile disk."""
    from capadesk.core.storage import engine

    impossible = engine.Pragma("cache_size", "-2000", 12345)
    monkeypatch.setattr(engine, "REQUIRED_PRAGMAS", (*engine.REQUIRED_PRAGMAS, impossible))


def test_a_failed_check_on_a_real_connection_makes_the_store_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capadesk.core.storage.migrate import open_store

    first, _report = open_store(tmp_path / "ok.db", tmp_path / "backups")  # created normally…
    first.close()
    require_an_unreachable_pragma(monkeypatch)
    store = Store(tmp_path / "ok.db")  # …then reopened where the check cannot pass
    try:
        assert not store.writable
        assert any("cache_size" in problem for problem in store.health.problems)
        with pytest.raises(StoreReadOnlyError, match="cache_size"), store.write():
            pass
        with store.read() as session:  # reading still works: the user can export or look
            assert session.scalar(select(func.count()).select_from(Workshop)) == 0
    finally:
        store.close()


def test_creating_a_store_where_the_check_fails_is_refused_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capadesk.core.storage.migrate import open_store

    require_an_unreachable_pragma(monkeypatch)
    with pytest.raises(StoreReadOnlyError, match=r"lecture seule.*cache_size"):
        open_store(tmp_path / "new.db", tmp_path / "backups")
