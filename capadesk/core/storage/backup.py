"""Copies of the store through SQLite's online backup API, never a file copy.

A copy of a live WAL database can miss pages still in the ``-wal`` file; the backup API cannot.
Each copy is written beside its final name, checked, flushed to disk, then renamed.

The copy reads one snapshot: a read transaction is held on the source for the whole copy, so the
steps never restart when the app commits in between, and (WAL) readers never block the writer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from capadesk.core.errors import StoreError
from capadesk.core.files import fsync_dir
from capadesk.core.storage.probe import read_only
from capadesk.i18n import _

_LABEL = re.compile(r"[^a-z0-9-]+")
STEP_PAGES = 256  # 1 MiB at the default page size: the GIL is released inside each step
SQLITE_FULL = 13


@contextmanager
def read_frozen(path: Path) -> Iterator[sqlite3.Connection]:
    """Read a file nobody writes (a backup): no lock, and no ``-wal``/``-shm`` left beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        yield connection


def is_disk_full(error: BaseException) -> bool:
    """SQLite's « database or disk is full », or the system's « no space left »."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code == SQLITE_FULL or "disk is full" in str(error)
    return isinstance(error, OSError) and error.errno == 28  # ENOSPC


def _failure(source: Path, error: BaseException) -> StoreError:
    if is_disk_full(error):
        message = _(
            "Sauvegarde impossible de {path}\u00a0: le disque est plein. Rien n'a été remplacé "
            "et les sauvegardes précédentes sont intactes\u00a0; libérez de la place puis "
            "réessayez."
        ).format(path=source)
    else:
        message = _("Sauvegarde impossible de {path}\u00a0: {error}").format(
            path=source, error=error
        )
    return StoreError(message, source)


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """The copy itself, in steps, from the snapshot the source's open read transaction holds."""
    source.backup(target, pages=STEP_PAGES, sleep=0.01)


def _restore_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """One step: the destination stays locked until the copy ends anyway."""
    source.backup(target)


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent, checked copy of ``source`` at ``target`` (replaced atomically).

    The copy is a self-contained rollback-journal file (no ``-wal`` beside it when it is read).
    Raises StoreError (French) and leaves nothing at ``target`` when anything fails.
    """
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_with_journals(partial)
        with read_only(source) as src, closing(sqlite3.connect(partial)) as dst:
            # The partial file is thrown away unless complete, checked and fsynced below: it
            # needs neither a journal nor SQLite's own syncs (they made copies 10× slower).
            dst.execute("PRAGMA synchronous=OFF")
            dst.execute("PRAGMA journal_mode=OFF").fetchone()
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # pins the snapshot
            _copy_pages(src, dst)
            src.execute("COMMIT")
            # The copied header says WAL when the store is in WAL: make the copy one file.
            dst.execute("PRAGMA journal_mode=DELETE").fetchone()
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise StoreError(
                    _(
                        "La copie de sauvegarde est invalide ({verdict})\u00a0; "
                        "rien n'a été remplacé."
                    ).format(verdict=verdict),
                    source,
                )
        with partial.open("r+b") as written:  # Windows refuses fsync on a read-only handle
            os.fsync(written.fileno())
        partial.replace(target)
        fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as error:
        raise _failure(source, error) from error
    finally:
        _remove_with_journals(partial)


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def snapshot(
    source: Path, backups_dir: Path, label: str, *, now: dt.datetime | None = None
) -> Path:
    """Back ``source`` up into ``backups_dir`` as ``capadesk-<UTC time>-<label>.db``."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    target = backups_dir / backup_name(moment, label)
    copy_database(source, target)
    return target


def backup_name(moment: dt.datetime, label: str) -> str:
    """``capadesk-<UTC time to the microsecond>-<label>.db``, the label made file-safe."""
    safe_label = _LABEL.sub("-", label.lower()).strip("-") or "manuelle"
    return f"capadesk-{moment.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}-{safe_label}.db"


def restore_database(source: Path, target: Path) -> None:
    """Replace the content of ``target`` by the (checked) backup ``source``, in one transaction.

    The backup API writes the live file through SQLite (its WAL, its locks): connections open on
    it see the new content, and a crash half-way leaves the old content. ``target`` may not
    exist yet.
    """
    try:
        with read_frozen(source) as src, closing(sqlite3.connect(target)) as dst:
            from capadesk.core.storage.engine import apply_pragmas  # SQLAlchemy: not at start

            dst.isolation_level = None
            problems = apply_pragmas(dst)
            if problems:
                from capadesk.core.storage.store import read_only_error

                raise read_only_error(problems, target)
            _restore_pages(src, dst)
    except (sqlite3.Error, OSError) as error:
        if is_disk_full(error):
            message = _(
                "Restauration impossible\u00a0: le disque est plein. La base n'a pas été "
                "modifiée\u00a0; libérez de la place puis réessayez."
            )
        else:
            message = _("Restauration impossible\u00a0: {error}. La base n'a pas été modifiée.")
        raise StoreError(message.format(error=error), target) from error
