"""The SQLAlchemy engine over the store file, with its safety pragmas set and checked.

Every connection gets WAL, ``synchronous=FULL``, foreign keys and a busy timeout, then reads them
back. A connection where one does not hold is switched to ``query_only``: SQLite itself then
refuses writes, and ``StoreHealth`` says why so the UI can tell the user.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from capadesk.i18n import _

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "capadesk_write"


@dataclass(frozen=True)
class Pragma:
    """One setting: the statement that sets it and the value reading it back must give."""

    name: str
    value: str
    expected: str | int


REQUIRED_PRAGMAS: tuple[Pragma, ...] = (
    Pragma("journal_mode", "WAL", "wal"),
    Pragma("synchronous", "FULL", 2),
    Pragma("foreign_keys", "ON", 1),
    Pragma("busy_timeout", str(BUSY_TIMEOUT_MS), BUSY_TIMEOUT_MS),
)
if sys.platform == "darwin":  # plain fsync is no durability barrier on macOS
    REQUIRED_PRAGMAS += (
        Pragma("fullfsync", "ON", 1),
        Pragma("checkpoint_fullfsync", "ON", 1),
    )


def apply_pragmas(dbapi_conn: sqlite3.Connection) -> list[str]:
    """Set and read back every required pragma; return the problems (French), if any.

    On any problem the connection is made ``query_only`` so that nothing can be written through it.
    """
    problems: list[str] = []
    cursor = dbapi_conn.cursor()
    try:
        for pragma in REQUIRED_PRAGMAS:
            try:
                cursor.execute(f"PRAGMA {pragma.name}={pragma.value}")
                row = cursor.execute(f"PRAGMA {pragma.name}").fetchone()
                actual = row[0] if row else None
            except sqlite3.Error as error:
                actual = f"erreur\u00a0: {error}"
            if isinstance(actual, str) and isinstance(pragma.expected, str):
                actual = actual.lower()
            if actual != pragma.expected:
                problems.append(
                    _(
                        "le réglage SQLite {name} vaut «\u00a0{actual}\u00a0» "
                        "au lieu de «\u00a0{expected}\u00a0»"
                    ).format(name=pragma.name, actual=actual, expected=pragma.expected)
                )
        if problems:
            cursor.execute("PRAGMA query_only=ON")
    finally:
        cursor.close()
    return problems


@dataclass
class StoreHealth:
    """What the pragma checks found on this engine's connections. Shared across threads."""

    problems: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def writable(self) -> bool:
        """True while every connection passed its checks."""
        with self._lock:
            return not self.problems

    def record(self, problems: list[str]) -> None:
        """Remember new problems (each once)."""
        with self._lock:
            for problem in problems:
                if problem not in self.problems:
                    self.problems.append(problem)


def make_engine(db_path: Path, health: StoreHealth, *, pooled: bool = True) -> Engine:
    """An engine on ``db_path`` whose every connection is checked into ``health``."""
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if not pooled:
        from sqlalchemy.pool import NullPool

        options["poolclass"] = NullPool
    engine = create_engine(f"sqlite:///{db_path}", **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Autocommit at the driver level: SQLAlchemy's BEGIN below then also covers DDL.
        dbapi_conn.isolation_level = None
        health.record(apply_pragmas(dbapi_conn))

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock up front, so two writers queue on busy_timeout instead of
        # failing mid-transaction; readers stay deferred and never block the note-taker.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
