"""When to take the periodic backup: every 10 minutes, and only if the store changed since.

``BackupScheduler`` is a pure decision over times. ``ChangeWatcher`` tells whether the store
changed, with ``PRAGMA data_version`` on a connection of its own: SQLite changes that number
whenever another connection (the app's, or another process) commits, and never otherwise. The
file's change counter would not do: in WAL mode it only moves at checkpoints.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from capadesk.core.storage.engine import apply_pragmas

BACKUP_INTERVAL = dt.timedelta(minutes=10)


class BackupScheduler:
    """Decides whether a periodic backup is due. Holds no clock: every call is given ``now``."""

    def __init__(
        self, last_backup: dt.datetime | None = None, interval: dt.timedelta = BACKUP_INTERVAL
    ) -> None:
        self.last_backup = last_backup
        self.interval = interval

    def due(self, now: dt.datetime, changed: bool) -> bool:
        """True when the store changed and the last backup is ``interval`` old (or none).

        A clock set back before the last backup (NTP, a wrong clock corrected) makes it due:
        otherwise nothing would be backed up until the clock caught up again.
        """
        if not changed:
            return False
        if self.last_backup is None:
            return True
        return now - self.last_backup >= self.interval or now < self.last_backup

    def taken(self, moment: dt.datetime) -> None:
        """A backup (of any kind) was just taken at ``moment``."""
        self.last_backup = moment


class ChangeWatcher:
    """Whether the store changed since the last ``mark``.

    Any thread may call it (a backup worker marks it), one call at a time.
    """

    def __init__(self, db_path: Path, *, changed: bool = False) -> None:
        # Read-write but query-only: if it is the last connection to close, SQLite can still
        # checkpoint and remove the -wal, as it does for the app's own. The store's pragmas give
        # it the busy timeout and the same syncing for that checkpoint.
        self._connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        apply_pragmas(self._connection)
        self._connection.execute("PRAGMA query_only=ON")
        self._marked = self.version()
        self._dirty = changed

    def version(self) -> int:
        """The current ``data_version``; ``mark`` it once a backup taken after it is safe."""
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True when a commit happened since the version last marked (or at start, if told)."""
        return self._dirty or self.version() != self._marked

    def mark(self, version: int) -> None:
        """A backup started at ``version`` succeeded: later commits alone count as changes."""
        self._marked = version
        self._dirty = False

    def close(self) -> None:
        """Close the connection (before the store's, so the store's last one checkpoints)."""
        self._connection.close()


def modified_since(db_path: Path, moment: dt.datetime | None) -> bool:
    """Whether the store file (or its non-empty WAL) was written after ``moment``.

    For the watcher's start: a store written after the newest backup is due for one.
    """
    if moment is None:
        return db_path.exists()
    stamps = [
        path.stat().st_mtime
        for path in (db_path, Path(f"{db_path}-wal"))
        if path.exists() and path.stat().st_size > 0
    ]
    return any(stamp > moment.timestamp() for stamp in stamps)
