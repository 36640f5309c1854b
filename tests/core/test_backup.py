"""Backups go through the SQLite backup API: consistent even with pages still in the WAL."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.errors import StoreError
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.backup import copy_database, snapshot
from capadesk.core.storage.store import Store


def _titles(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM workshop ORDER BY title")]


def test_backup_of_a_live_store_includes_what_is_still_in_the_wal(
    store: Store, tmp_path: Path
) -> None:
    for title in ("Atelier A", "Atelier B", "Atelier C"):
        create_workshop(store, title)
    wal = Path(f"{store.path}-wal")
    assert wal.is_file()
    assert wal.stat().st_size > 0  # the rows are (at least partly) only in the WAL so far

    target = tmp_path / "copies" / "copie.db"
    copy_database(store.path, target)

    assert not Path(f"{target}-wal").exists()  # one self-contained file
    assert _titles(target) == ["Atelier A", "Atelier B", "Atelier C"]
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert list(target.parent.glob("*.part")) == []


def test_backup_leaves_the_source_unchanged(store: Store, tmp_path: Path) -> None:
    create_workshop(store, "Atelier")
    store.close()
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()

    copy_database(store.path, tmp_path / "copie.db")

    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before


def test_backup_replaces_an_existing_target(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "copie.db"
    create_workshop(store, "Premier")
    copy_database(store.path, target)
    create_workshop(store, "Second")

    copy_database(store.path, target)

    assert _titles(target) == ["Premier", "Second"]


def test_snapshot_names_the_file_by_time_and_label(store: Store, tmp_path: Path) -> None:
    moment = dt.datetime(2022, 6, 14, 10, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))

    made = snapshot(store.path, tmp_path / "backups", "Avant l'import\u00a0!", now=moment)

    assert made == tmp_path / "backups" / "capadesk-20220614T083015123456Z-avant-l-import.db"
    assert made.is_file()


@pytest.mark.parametrize("label", ["", "!!!", "   "])
def test_snapshot_label_falls_back_to_manuelle(store: Store, tmp_path: Path, label: str) -> None:
    made = snapshot(store.path, tmp_path, label)
    assert made.name.endswith("-manuelle.db")


def test_snapshot_label_keeps_only_safe_characters(store: Store, tmp_path: Path) -> None:
    made = snapshot(store.path, tmp_path, "../Avant migration 0001_baseline/..")
    assert made.parent == tmp_path
    assert made.name.endswith("-avant-migration-0001-baseline.db")


def test_backup_of_a_file_that_is_not_a_database_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "faux.db"
    source.write_bytes(b"ceci n'est pas une base SQLite " * 200)
    target = tmp_path / "out" / "copie.db"

    with pytest.raises(StoreError, match="Sauvegarde impossible"):
        copy_database(source, target)

    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no partial file left behind


def test_backup_of_a_missing_file_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Sauvegarde impossible"):
        copy_database(tmp_path / "absent.db", tmp_path / "copie.db")
    assert not (tmp_path / "absent.db").exists()
    assert not (tmp_path / "copie.db").exists()
