"""inspect_wal(): lost or damaged commits told from ``-shm`` and ``-wal`` alone, nothing written."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.storage.wal_check import WalInspection, WalState, inspect_wal
from tests.fixtures.stores import sha256


def _crash_image(folder: Path, rows: int) -> Path:
    """The three files as a crash would leave them: the writer is still open when they are read."""
    live = folder / "live" / "s.db"
    live.parent.mkdir(parents=True)
    with closing(sqlite3.connect(live, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x TEXT)")
        for n in range(rows):
            connection.execute("INSERT INTO t VALUES (?)", (f"ligne {n}" * 50,))
        image = folder / "image" / "s.db"
        image.parent.mkdir(parents=True)
        for suffix in ("", "-wal", "-shm"):  # a test's snapshot of a crash, not a backup
            shutil.copyfile(f"{live}{suffix}", f"{image}{suffix}")
    return image


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    return _crash_image(tmp_path / "a", rows=30)


def judge(db: Path) -> WalInspection:
    """inspect_wal, checking it wrote nothing and created nothing."""
    before = {p: sha256(p) for p in db.parent.iterdir()}
    found = inspect_wal(db)
    assert {p: sha256(p) for p in db.parent.iterdir()} == before
    return found


def test_no_journal_is_clean(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
    assert judge(db).state is WalState.CLEAN
    assert not judge(db).commits_lost


def test_a_crash_with_its_wal_is_intact(crashed: Path) -> None:
    found = judge(crashed)
    assert found.state is WalState.INTACT
    assert found.pending_frames == found.readable_frames >= 30


def test_a_missing_wal_is_lost(crashed: Path) -> None:
    Path(f"{crashed}-wal").unlink()
    found = judge(crashed)
    assert found.state is WalState.LOST
    assert found.commits_lost
    assert found.pending_frames >= 30


def test_an_empty_wal_is_lost(crashed: Path) -> None:
    Path(f"{crashed}-wal").write_bytes(b"")
    assert judge(crashed).state is WalState.LOST


def test_a_wal_cut_short_is_damaged(crashed: Path) -> None:
    wal = Path(f"{crashed}-wal")
    wal.write_bytes(wal.read_bytes()[: wal.stat().st_size // 2])
    found = judge(crashed)
    assert found.state is WalState.DAMAGED
    assert 0 < found.readable_frames < found.pending_frames


def test_a_wal_with_a_garbage_header_is_damaged(crashed: Path) -> None:
    wal = Path(f"{crashed}-wal")
    data = bytearray(wal.read_bytes())
    data[:32] = b"pas un journal SQLite du tout !!"
    wal.write_bytes(bytes(data))
    assert judge(crashed).state is WalState.DAMAGED


def test_a_wal_of_another_generation_is_left_to_sqlite(tmp_path: Path, crashed: Path) -> None:
    other = _crash_image(tmp_path / "b", rows=30)  # other salts: the index does not describe it
    shutil.copyfile(f"{other}-wal", f"{crashed}-wal")
    assert judge(crashed).state is WalState.UNKNOWN
    assert not judge(crashed).commits_lost


def test_without_an_index_only_a_garbage_wal_is_known_to_be_damaged(crashed: Path) -> None:
    Path(f"{crashed}-shm").unlink()
    assert judge(crashed).state is WalState.INTACT
    Path(f"{crashed}-wal").write_bytes(b"\x00" * 5000)
    assert judge(crashed).state is WalState.DAMAGED


def test_an_index_that_fails_its_checksum_is_ignored(crashed: Path) -> None:
    shm = Path(f"{crashed}-shm")
    data = bytearray(shm.read_bytes())
    for copy in (0, 48):  # both copies, so they still agree with each other
        data[copy + 16] ^= 0x01  # mxFrame
    shm.write_bytes(bytes(data))
    Path(f"{crashed}-wal").unlink()
    assert judge(crashed).state is WalState.CLEAN
