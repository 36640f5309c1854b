"""Read-only look at a store file before anything is allowed to write to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NamedTuple

from capadesk.core.errors import CorruptStoreError, NotAStoreError, StoreInUseError
from capadesk.i18n import _

# "CAPA" in ASCII, written in the SQLite header so CapaDesk recognises its own files.
APPLICATION_ID = 0x43415041
# The Alembic revision this build writes. A test keeps it equal to the migrations' head, so
# a normal start can compare revisions without importing Alembic.
SCHEMA_HEAD = "0004_documents"


class FileProbe(NamedTuple):
    """What a store file says about itself (a NamedTuple: read before the window shows)."""

    revision: str | None
    application_id: int
    user_tables: int
    journal_mode: str = "wal"

    @property
    def is_blank(self) -> bool:
        """An empty SQLite file (or one with no table at all): safe to initialise."""
        return self.user_tables == 0 and self.revision is None


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot change the file, whatever is executed on it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        connection.execute("PRAGMA query_only=ON")
        yield connection


def probe(path: Path, *, full_check: bool = False) -> FileProbe:
    """Identify ``path`` and check its integrity, without writing to it.

    Raises NotAStoreError for a file that is not a SQLite database or not CapaDesk's, and
    CorruptStoreError when SQLite finds damage.
    """
    try:
        with read_only(path) as connection:
            check = "integrity_check" if full_check else "quick_check"
            results = [row[0] for row in connection.execute(f"PRAGMA {check}")]
            if results != ["ok"]:
                raise CorruptStoreError(
                    _("La base {path} est endommagée\u00a0: {detail}").format(
                        path=path, detail="; ".join(str(r) for r in results[:5])
                    ),
                    path,
                )
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            journal_mode = str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and (
            "locked" in str(error) or "busy" in str(error)
        ):
            raise StoreInUseError(
                _(
                    "La base {path} est utilisée par un autre programme (une autre fenêtre de "
                    "CapaDesk\u00a0?). Fermez-le puis réessayez."
                ).format(path=path),
                path,
            ) from error
        if isinstance(error, sqlite3.OperationalError) and "unable to open" in str(error):
            raise NotAStoreError(
                _("Impossible d'ouvrir {path}\u00a0: {error}").format(path=path, error=error), path
            ) from error
        raise CorruptStoreError(
            _("Le fichier {path} n'est pas une base lisible\u00a0: {error}").format(
                path=path, error=error
            ),
            path,
        ) from error

    found = FileProbe(revision, application_id, len(tables), journal_mode)
    if not found.is_blank and (revision is None or application_id not in (0, APPLICATION_ID)):
        raise NotAStoreError(
            _(
                "Le fichier {path} n'a pas été écrit par CapaDesk\u00a0; il n'est pas modifié."
            ).format(path=path),
            path,
        )
    return found
