"""Whether commits were lost with the ``-wal`` file after a crash, read from the files alone.

After a crash, ``-shm`` (SQLite's WAL index) still says how many WAL frames were committed
(``mxFrame``) and how many were already copied into the database (``nBackfill``). If the
``-wal`` is missing, or holds fewer valid frames than that, commits the user saw acknowledged
are gone, and SQLite would say nothing: it rebuilds the index from whatever WAL is left. So this
runs before any SQLite connection opens the store, which would reset ``-shm``.

Formats: https://www.sqlite.org/walformat.html and https://www.sqlite.org/fileformat2.html#walformat.
"""

from __future__ import annotations

import struct
import sys
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

WAL_MAGIC = 0x377F0682  # | 1 when checksums are computed big-endian
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
INDEX_HEADER = 48  # two copies, then the checkpoint info
SHM_MIN = 136
_MASK = 0xFFFFFFFF


class WalState(StrEnum):
    """What the WAL files say about commits not yet in the database file."""

    CLEAN = "clean"  # no WAL, or nothing pending in it
    INTACT = "intact"  # pending commits, all readable: SQLite replays them
    LOST = "lost"  # the index lists pending commits, the WAL file is gone or empty
    DAMAGED = "damaged"  # the WAL is there but some pending commits cannot be read
    UNKNOWN = "unknown"  # the index belongs to another WAL (stale after a power cut): trust SQLite


class WalInspection(NamedTuple):
    """The verdict, and the frames behind it."""

    state: WalState
    pending_frames: int = 0  # committed frames not yet copied into the database file
    readable_frames: int = 0  # of those, the ones the WAL still holds with valid checksums

    @property
    def commits_lost(self) -> bool:
        """True when acknowledged commits cannot be recovered from the WAL."""
        return self.state in (WalState.LOST, WalState.DAMAGED)


class _Index(NamedTuple):
    page_size: int
    max_frame: int
    backfilled: int
    salt: bytes


def _checksum(data: bytes, big_endian: bool, s1: int = 0, s2: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum (two running 32-bit sums over pairs of words)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & _MASK
        s2 = (s2 + words[i + 1] + s1) & _MASK
    return s1, s2


def _read_index(shm: Path) -> _Index | None:
    """The WAL index header, if ``-shm`` holds a complete, consistent one."""
    try:
        with shm.open("rb") as file:
            data = file.read(SHM_MIN)
    except OSError:
        return None
    if len(data) < SHM_MIN or data[:INDEX_HEADER] != data[INDEX_HEADER : 2 * INDEX_HEADER]:
        return None
    native = "<" if sys.byteorder == "little" else ">"  # the index is in the machine's order
    version, _unused, _change, is_init, _big, size = struct.unpack_from(f"{native}IIIBBH", data)
    max_frame = struct.unpack_from(f"{native}I", data, 16)[0]
    stored = struct.unpack_from(f"{native}II", data, 40)
    if version != WAL_VERSION or not is_init:
        return None
    if _checksum(data[:40], sys.byteorder == "big") != stored:
        return None
    backfilled = struct.unpack_from(f"{native}I", data, 2 * INDEX_HEADER)[0]
    page_size = 65536 if size == 1 else size
    return _Index(page_size, max_frame, backfilled, data[32:40])


def _readable_frames(wal: Path, index: _Index) -> int | None:
    """How many of the first ``max_frame`` frames are valid, ending on a commit.

    None when the WAL header is not the one the index was built from.
    """
    with wal.open("rb") as file:
        header = file.read(WAL_HEADER)
        if len(header) < WAL_HEADER:
            return 0
        magic, version, page_size = struct.unpack_from(">III", header)
        big_endian = bool(magic & 1)
        if magic & ~1 != WAL_MAGIC or version != WAL_VERSION:
            return 0
        running = _checksum(header[:24], big_endian)
        if running != struct.unpack_from(">II", header, 24):
            return 0
        if header[16:24] != index.salt or page_size != index.page_size:
            return None
        last_commit = 0
        for frame in range(1, index.max_frame + 1):
            data = file.read(FRAME_HEADER + page_size)
            if len(data) < FRAME_HEADER + page_size or data[8:16] != index.salt:
                break
            running = _checksum(data[:8], big_endian, *running)
            running = _checksum(data[FRAME_HEADER:], big_endian, *running)
            if running != struct.unpack_from(">II", data, 16):
                break
            if struct.unpack_from(">I", data, 4)[0]:  # database size set: a commit frame
                last_commit = frame
        return last_commit


def inspect_wal(db_path: Path) -> WalInspection:
    """Read ``-shm`` and ``-wal`` beside ``db_path`` (never writing) and judge them."""
    wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
    index = _read_index(shm) if shm.is_file() else None
    if index is None:
        if not wal.is_file() or wal.stat().st_size == 0:
            return WalInspection(WalState.CLEAN)
        # No index to compare with: only a WAL whose header is garbage is known to be lost.
        with wal.open("rb") as file:
            header = file.read(WAL_HEADER)
        magic = struct.unpack_from(">I", header)[0] if len(header) >= 4 else 0
        if magic & ~1 != WAL_MAGIC:
            return WalInspection(WalState.DAMAGED)
        return WalInspection(WalState.INTACT)
    pending = index.max_frame - index.backfilled
    if pending <= 0:
        return WalInspection(WalState.CLEAN)
    if not wal.is_file() or wal.stat().st_size == 0:
        return WalInspection(WalState.LOST, pending)
    readable = _readable_frames(wal, index)
    if readable is None:
        return WalInspection(WalState.UNKNOWN, pending)
    readable_pending = max(0, readable - index.backfilled)
    if readable < index.max_frame:
        return WalInspection(WalState.DAMAGED, pending, readable_pending)
    return WalInspection(WalState.INTACT, pending, readable_pending)
