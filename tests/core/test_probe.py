"""probe(): identify a file read-only, refusing what is not a CapaDesk store, changing nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.errors import CorruptStoreError, NotAStoreError, StoreError, StoreInUseError
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.probe import APPLICATION_ID, SCHEMA_HEAD, probe, read_only
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.fixtures.stores import sha256


def garbage_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 pas une base " + bytes(range(256)) * 20)
    return path


def other_app_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, nom TEXT)")
        connection.execute("INSERT INTO contacts (nom) VALUES ('Élise')")
        connection.commit()
    return path


def damaged_store(path: Path) -> Path:
    """A real store whose indexed text was changed behind SQLite's back: readable, inconsistent."""
    store, _report = open_store(path, path.parent / "backups")
    with store.write() as session:
        connection = session.connection()
        connection.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        connection.exec_driver_sql("CREATE INDEX ix_filler ON filler (x)")
        for n in range(400):
            connection.exec_driver_sql("INSERT INTO filler VALUES (?)", (f"ligne {n:04d} " * 20,))
    store.close()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        page_count = raw.execute("PRAGMA page_count").fetchone()[0]
        first = raw.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'ix_filler'"
        ).fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in range(first - 1, page_count):  # the last cell's text, near each page's end
        offset = (page + 1) * page_size - 30
        data[offset : offset + 4] = b"9999"
    path.write_bytes(bytes(data))
    return path


def test_probe_of_a_store(store: Store) -> None:
    found = probe(store.path, full_check=True)

    assert found.revision == SCHEMA_HEAD
    assert found.application_id == APPLICATION_ID
    assert found.user_tables > 10
    assert not found.is_blank


def test_probe_of_an_empty_file_is_blank(tmp_path: Path) -> None:
    path = tmp_path / "vide.db"
    path.touch()

    found = probe(path)

    assert found.is_blank
    assert path.stat().st_size == 0


def test_garbage_header_is_a_corrupt_store_and_unchanged(tmp_path: Path) -> None:
    path = garbage_file(tmp_path / "capadesk.db")
    before = sha256(path)

    with pytest.raises(CorruptStoreError) as refused:
        probe(path)

    assert "n'est pas une base lisible" in refused.value.message
    assert refused.value.path == path
    assert sha256(path) == before


def test_damaged_pages_are_a_corrupt_store_and_unchanged(tmp_path: Path) -> None:
    path = damaged_store(tmp_path / "capadesk.db")
    before = sha256(path)

    with pytest.raises(CorruptStoreError) as refused:
        probe(path, full_check=True)

    assert "est endommagée" in refused.value.message
    assert "missing from index ix_filler" in refused.value.message
    assert sha256(path) == before


def test_another_apps_database_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = other_app_file(tmp_path / "autre.db")
    before = sha256(path)

    with pytest.raises(NotAStoreError) as refused:
        probe(path)

    assert "n'a pas été écrit par CapaDesk" in refused.value.message
    assert sha256(path) == before


def test_a_foreign_application_id_is_refused_even_with_a_revision(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001_baseline')")
        connection.execute("PRAGMA application_id=1234")
        connection.commit()

    with pytest.raises(NotAStoreError):
        probe(path)


def test_a_missing_file_cannot_be_probed(tmp_path: Path) -> None:
    with pytest.raises(NotAStoreError, match="Impossible d'ouvrir"):
        probe(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize("make", [garbage_file, other_app_file])
def test_open_store_refuses_them_and_leaves_them_unchanged(
    app_paths: AppPaths, make: Callable[[Path], Path]
) -> None:
    path = make(app_paths.db_path)
    before = sha256(path)

    with pytest.raises(StoreError):
        open_store(path, app_paths.backups_dir)

    assert sha256(path) == before
    assert not app_paths.backups_dir.exists()


def test_read_only_connection_cannot_write(store: Store) -> None:
    with read_only(store.path) as connection, pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM workshop")


def test_a_store_locked_by_another_program_is_reported_as_in_use_not_damaged(
    tmp_path: Path,
) -> None:
    path = tmp_path / "capadesk.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")  # rollback-journal mode: readers are locked out
        holder.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(StoreInUseError, match="utilisée par un autre programme"):
            probe(path)
        holder.execute("ROLLBACK")
