"""The open store: one engine, its health, and units of work for reading and writing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from capadesk.core.errors import StoreError, StoreReadOnlyError
from capadesk.core.storage.backup import is_disk_full
from capadesk.core.storage.engine import WRITE_OPTION, StoreHealth, make_engine
from capadesk.i18n import _


def read_only_error(problems: list[str], path: Path) -> StoreReadOnlyError:
    """The refusal every write gets while a safety check fails, with the reasons."""
    return StoreReadOnlyError(
        _("La base est ouverte en lecture seule pour protéger vos données\u00a0: {why}.").format(
            why="\u00a0; ".join(problems)
        ),
        path,
    )


def write_error(error: sqlite3.OperationalError, path: Path) -> StoreError:
    """A refused commit in French: nothing was written, and what to do about it."""
    if is_disk_full(error):
        # SQLite's own words stay in brackets: they are what a helper searches the web for.
        return StoreError(
            _(
                "L'enregistrement a échoué, rien n'a été modifié\u00a0: le disque est plein "
                "({error}). Libérez de la place puis réessayez."
            ).format(error=error),
            path,
        )
    return StoreError(
        _("L'enregistrement a échoué, rien n'a été modifié\u00a0: {error}").format(error=error),
        path,
    )


class Store:
    """The CapaDesk database file, opened with checked pragmas. Safe to share across threads."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self.health = StoreHealth()
        self._engine = make_engine(db_path, self.health)
        self._writer = self._engine.execution_options(**{WRITE_OPTION: True})
        # Writes take turns on one connection kept open: checking a connection out of the pool
        # and resetting it cost more than the note-taker's insert itself (bench/capture_latency).
        self._write_lock = threading.Lock()
        self._write_connection: Connection | None = None
        self._writing = threading.local()
        # Connect once now so a failed pragma check is known before the first write is tried.
        with self._engine.connect():
            pass

    @property
    def writable(self) -> bool:
        """False when a safety check failed: every write is then refused with the reason."""
        return self.health.writable

    def refusal(self) -> StoreReadOnlyError:
        """The error every write raises while the store is not writable."""
        return read_only_error(self.health.problems, self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; never commits."""
        with Session(self._engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed (durably) when the block ends, rolled back on error.

        Writers from several threads take turns; a write inside a write is a bug, refused
        rather than left to wait for itself.
        """
        if not self.writable:
            raise self.refusal()
        if getattr(self._writing, "active", False):
            raise RuntimeError("Store.write() inside Store.write() on the same thread")
        with self._write_lock:
            self._writing.active = True
            try:
                connection = self._connection_for_writing()
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    yield session
            except OperationalError as error:
                self._drop_write_connection()  # a failed disk or lock: start afresh next time
                if isinstance(error.orig, sqlite3.OperationalError):
                    raise write_error(error.orig, self.path) from error
                raise
            finally:
                self._writing.active = False

    def _connection_for_writing(self) -> Connection:
        if self._write_connection is None or self._write_connection.closed:
            self._write_connection = self._writer.connect()
        return self._write_connection

    def _drop_write_connection(self) -> None:
        if self._write_connection is not None:
            self._write_connection.close()
            self._write_connection = None

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL)."""
        with self._write_lock:
            self._drop_write_connection()
        self._engine.dispose()
