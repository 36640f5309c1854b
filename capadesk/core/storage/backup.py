"""Snapshots of the store through SQLite's online backup API, never a file copy.

A copy of a live WAL database can miss pages still in the ``-wal`` file; the backup API cannot.
Each snapshot is written beside its final name, checked, flushed to disk, then renamed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from capadesk.core.errors import StoreError
from capadesk.core.storage.probe import read_only
from capadesk.i18n import _

_LABEL = re.compile(r"[^a-z0-9-]+")


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent, checked copy of ``source`` at ``target`` (replaced atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with read_only(source) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
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
        _fsync_dir(target.parent)
    except sqlite3.Error as error:
        raise StoreError(
            _("Sauvegarde impossible de {path}\u00a0: {error}").format(path=source, error=error),
            source,
        ) from error
    finally:
        partial.unlink(missing_ok=True)


def snapshot(
    source: Path, backups_dir: Path, label: str, *, now: dt.datetime | None = None
) -> Path:
    """Back ``source`` up into ``backups_dir`` as ``capadesk-<UTC time>-<label>.db``."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    safe_label = _LABEL.sub("-", label.lower()).strip("-") or "manuelle"
    target = backups_dir / f"capadesk-{moment:%Y%m%dT%H%M%S%fZ}-{safe_label}.db"
    copy_database(source, target)
    return target
