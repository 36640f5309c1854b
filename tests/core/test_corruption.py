"""Corruption drills (T-DUR-06): flipped bytes in a page, a truncated file, a garbage header, a
WAL lost or damaged after kill -9. Each is detected by ``capadesk check`` (file unchanged) and at
start (the files set aside, byte for byte), and restoring the offered backup gives a sound store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.services.workshops import list_workshops
from capadesk.core.storage.backups import BackupInfo, BackupKind, create_backup
from capadesk.core.storage.health import EXIT_PROBLEM, check_store
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.recovery import DAMAGED_DIR, StartState, check_at_start
from capadesk.core.storage.restore import restore_backup
from capadesk.paths import AppPaths
from tests.core.backups_support import add_captures, integrity, read_texts
from tests.core.runner_support import run_then_kill
from tests.fixtures.stores import sha256

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
BACKED_UP = [f"avant la sauvegarde {n:03d} " + "x" * 400 for n in range(200)]


@pytest.fixture
def backed_up(app_paths: AppPaths) -> BackupInfo:
    """A store holding ``BACKED_UP`` and a backup of it, then more captures; closed."""
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        add_captures(store, BACKED_UP)
        made = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
        add_captures(store, ["après la sauvegarde"])
    finally:
        store.close()
    assert not Path(f"{app_paths.db_path}-wal").exists()  # all in the one file
    return made


def _page_size_and_root(path: Path, table: str) -> tuple[int, int]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)
        ).fetchone()[0]
    return int(size), int(root)


def flip_bytes_in_a_page(path: Path) -> None:
    """XOR the b-tree header of the capture table's root page: its cells become nonsense."""
    page_size, root = _page_size_and_root(path, "capture")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    for offset in range(start, start + 12):
        data[offset] ^= 0xA5
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    """Lose the last 40 % of the file, as a copy cut short would."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def garbage_header(path: Path) -> None:
    """Overwrite the 100-byte SQLite header."""
    data = bytearray(path.read_bytes())
    data[:100] = bytes((n * 37) % 256 for n in range(100))
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "octets-inverses": flip_bytes_in_a_page,
    "fichier-tronque": truncate,
    "en-tete-illisible": garbage_header,
}


def assert_restore_gives_a_sound_store(app_paths: AppPaths, offer: BackupInfo | None) -> None:
    assert offer is not None
    report = restore_backup(app_paths.db_path, app_paths.backups_dir, offer.id, T0)
    assert report.restored.id == offer.id
    assert integrity(app_paths.db_path) == "ok"
    assert read_texts(app_paths.db_path) == BACKED_UP
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        assert [w.title for w in list_workshops(store)] == ["Atelier"]
    finally:
        store.close()


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_reported_unchanged_then_set_aside_and_a_restore_repairs_it(
    app_paths: AppPaths, backed_up: BackupInfo, damage: Callable[[Path], None]
) -> None:
    db = app_paths.db_path
    damage(db)
    damaged = sha256(db)

    report = check_store(db)
    assert report.exit_code == EXIT_PROBLEM
    assert sha256(db) == damaged

    found = check_at_start(db, app_paths.backups_dir, T0)

    assert found.state is StartState.DAMAGED
    assert found.needs_attention
    assert not db.exists()
    # With what the read-only check may have left beside it (an empty -wal, its index).
    (aside,) = [p for p in found.set_aside if p.suffix == ".db"]
    assert {p.parent for p in found.set_aside} == {app_paths.backups_dir / DAMAGED_DIR}
    assert sha256(aside) == damaged
    assert found.offer is not None and found.offer.id == backed_up.id
    assert "mise de côté, sans être modifiée" in found.message
    assert "Dernière sauvegarde saine\u00a0: " in found.message
    assert_restore_gives_a_sound_store(app_paths, found.offer)
    assert sha256(aside) == damaged  # still there, untouched


_CHILD = """
import sys
from pathlib import Path
from capadesk.core.storage.migrate import open_store
from tests.core.backups_support import add_captures

store, _report = open_store(Path(sys.argv[1]), Path(sys.argv[2]))
for n in range(20):
    add_captures(store, [f"acquittée {n}"])  # each one committed, as the capture panel does
print("ready", flush=True)
sys.stdin.read()
"""


def _killed_while_writing(app_paths: AppPaths) -> tuple[Path, Path]:
    run_then_kill(_CHILD, str(app_paths.db_path), str(app_paths.backups_dir))
    wal = Path(f"{app_paths.db_path}-wal")
    shm = Path(f"{app_paths.db_path}-shm")
    assert wal.stat().st_size > 0 and shm.exists()  # the commits are still in the WAL
    return wal, shm


def test_a_wal_lost_after_a_kill_is_reported_unchanged_then_set_aside(
    app_paths: AppPaths, backed_up: BackupInfo
) -> None:
    db = app_paths.db_path
    wal, shm = _killed_while_writing(app_paths)
    wal.unlink()
    files = {path: sha256(path) for path in (db, shm)}

    report = check_store(db)
    assert report.exit_code == EXIT_PROBLEM
    assert "journal de la base (fichier -wal) manque ou est abîmé" in report.verdict
    assert {path: sha256(path) for path in files} == files

    found = check_at_start(db, app_paths.backups_dir, T0)

    assert found.state is StartState.JOURNAL_LOST
    assert not db.exists() and not shm.exists()
    assert sorted(sha256(p) for p in found.set_aside) == sorted(files.values())
    assert "Après un arrêt brutal" in found.message
    assert found.offer is not None and found.offer.id == backed_up.id
    assert_restore_gives_a_sound_store(app_paths, found.offer)


def test_a_wal_damaged_after_a_kill_is_set_aside(
    app_paths: AppPaths, backed_up: BackupInfo
) -> None:
    db = app_paths.db_path
    wal, _shm = _killed_while_writing(app_paths)
    data = bytearray(wal.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(16)
    wal.write_bytes(bytes(data))
    before = sha256(wal)

    assert check_store(db).exit_code == EXIT_PROBLEM
    found = check_at_start(db, app_paths.backups_dir, T0)

    assert found.state is StartState.JOURNAL_LOST
    assert before in {sha256(p) for p in found.set_aside}
    assert_restore_gives_a_sound_store(app_paths, found.offer)


def test_after_a_kill_with_the_wal_intact_nothing_is_lost_and_nothing_moves(
    app_paths: AppPaths, backed_up: BackupInfo
) -> None:
    _killed_while_writing(app_paths)

    found = check_at_start(app_paths.db_path, app_paths.backups_dir, T0)

    assert found.state is StartState.HEALTHY
    assert not (app_paths.backups_dir / DAMAGED_DIR).exists()
    texts = read_texts(app_paths.db_path)
    assert texts[-20:] == [f"acquittée {n}" for n in range(20)]  # every acknowledged commit
    assert integrity(app_paths.db_path) == "ok"
