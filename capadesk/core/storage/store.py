"""The open store: one engine, its health, and units of work for reading and writing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        """One transaction: committed (durably) when the block ends, rolled back on error."""
        if not self.writable:
            raise self.refusal()
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as error:
            if isinstance(error.orig, sqlite3.OperationalError):
                raise write_error(error.orig, self.path) from error
            raise

    def close(self) -> None:
        """Close every pooled connection (the last one checkpoints the WAL)."""
        self._engine.dispose()
