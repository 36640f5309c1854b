"""The backups folder: list, take and thin the copies of the store.

A backup is ``capadesk-<UTC time>-<label>.db`` in the backups folder, written by
``backup.copy_database`` (SQLite's backup API, checked with ``integrity_check``). Its id is the
name without ``capadesk-`` and ``.db``. The label starts with the reason (``BackupKind``).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from capadesk.core.errors import NotFoundError
from capadesk.core.storage.backup import backup_name, copy_database, read_frozen
from capadesk.i18n import N_, _

_NAME = re.compile(r"^capadesk-(?P<stamp>\d{8}T\d{12}Z)-(?P<label>[a-z0-9-]+)\.db$")
_STAMP = "%Y%m%dT%H%M%S%fZ"

KEEP_ALL_FOR = dt.timedelta(hours=2)
HOURLY_FOR = dt.timedelta(hours=24)
DAILY_FOR = dt.timedelta(days=7)
PROTECTED_FOR = dt.timedelta(days=30)


class BackupKind(StrEnum):
    """Why a backup was taken: the first words of its label."""

    PERIODIC = "periodique"
    MANUAL = "manuelle"
    END_OF_RUN = "fin-de-deroule"
    BEFORE_MIGRATION = "avant-migration"
    BEFORE_IMPORT = "avant-import"
    BEFORE_RESTORE = "avant-restauration"
    OTHER = "autre"

    @property
    def label(self) -> str:
        """French, for the dialog and the command line."""
        return _(_KIND_LABELS[self])

    @classmethod
    def of_label(cls, label: str) -> BackupKind:
        """The kind a file label starts with (``avant-migration-0001-baseline``: migration)."""
        for kind in cls:
            if label == kind.value or label.startswith(kind.value + "-"):
                return kind
        return cls.OTHER


_KIND_LABELS = {
    BackupKind.PERIODIC: N_("automatique"),
    BackupKind.MANUAL: N_("manuelle"),
    BackupKind.END_OF_RUN: N_("fin de déroulé"),
    BackupKind.BEFORE_MIGRATION: N_("avant mise à jour"),
    BackupKind.BEFORE_IMPORT: N_("avant import"),
    BackupKind.BEFORE_RESTORE: N_("avant restauration"),
    BackupKind.OTHER: N_("autre"),
}

# Taken just before something that replaces data: the way back, kept a month whatever the policy.
PROTECTED_KINDS = frozenset(
    {BackupKind.BEFORE_MIGRATION, BackupKind.BEFORE_IMPORT, BackupKind.BEFORE_RESTORE}
)


class BackupContent(NamedTuple):
    """What a backup holds, read from it (never from the live store)."""

    workshops: int
    captures: int
    revision: str | None


class BackupInfo(NamedTuple):
    """One backup file (a NamedTuple: it may be read at start, before the window shows)."""

    id: str
    path: Path
    taken_at: dt.datetime  # aware, UTC
    kind: BackupKind
    size: int
    content: BackupContent | None  # None: not read, or unreadable

    @property
    def protected(self) -> bool:
        """Taken before a migration, an import or a restore."""
        return self.kind in PROTECTED_KINDS


def read_content(path: Path) -> BackupContent | None:
    """Counts of live workshops and captures, and the schema revision; None when unreadable."""
    try:
        with read_frozen(path) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_schema WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = None if row is None else str(row[0])
            counts = [
                connection.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[
                    0
                ]
                if t in tables
                else 0
                for t in ("workshop", "capture")
            ]
    except sqlite3.Error:
        return None
    return BackupContent(int(counts[0]), int(counts[1]), revision)


def _info(path: Path, *, with_content: bool) -> BackupInfo | None:
    found = _NAME.match(path.name)
    if found is None or not path.is_file():
        return None
    try:
        moment = dt.datetime.strptime(found["stamp"], _STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return BackupInfo(
        id=path.name.removeprefix("capadesk-").removesuffix(".db"),
        path=path,
        taken_at=moment,
        kind=BackupKind.of_label(found["label"]),
        size=path.stat().st_size,
        content=read_content(path) if with_content else None,
    )


def list_backups(backups_dir: Path, *, with_content: bool = True) -> list[BackupInfo]:
    """Every backup in ``backups_dir``, newest first (an absent folder has none)."""
    if not backups_dir.is_dir():
        return []
    found = [_info(path, with_content=with_content) for path in backups_dir.glob("capadesk-*.db")]
    return sorted(
        (info for info in found if info is not None),
        key=lambda info: (info.taken_at, info.id),
        reverse=True,
    )


def find_backup(backups_dir: Path, backup_id: str) -> BackupInfo:
    """The backup with this id, or NotFoundError (French)."""
    unsafe = "/" in backup_id or "\\" in backup_id
    info = None if unsafe else _info(backups_dir / f"capadesk-{backup_id}.db", with_content=True)
    if info is None:
        raise NotFoundError(
            _("Aucune sauvegarde «\u00a0{id}\u00a0» dans {folder}.").format(
                id=backup_id, folder=backups_dir
            )
        )
    return info


def create_backup(
    db_path: Path,
    backups_dir: Path,
    reason: BackupKind,
    now: dt.datetime,
    *,
    detail: str = "",
    prune: bool = True,
) -> BackupInfo:
    """Back the store up now; the copy counts only once ``integrity_check`` passed.

    A copy that fails its check is deleted and StoreError raised: older backups are then left
    alone. With ``prune``, the thinning policy runs once the new backup is safely on disk.
    """
    label = f"{reason.value}-{detail}" if detail else reason.value
    moment = now.astimezone(dt.UTC)
    while (backups_dir / backup_name(moment, label)).exists():  # never replace a backup
        moment += dt.timedelta(microseconds=1)
    target = backups_dir / backup_name(moment, label)
    copy_database(db_path, target)
    info = _info(target, with_content=True)
    assert info is not None  # the name was built by backup_name
    if prune:
        prune_backups(backups_dir, now)
    return info


def thinning(backups: Iterable[BackupInfo], now: dt.datetime) -> list[BackupInfo]:
    """The backups the policy lets go, newest first. Pure.

    Kept: the newest; every backup younger than 2 h; the newest of each clock hour (UTC) for
    24 h; the newest of each day (UTC) for 7 days; the newest of each ISO week after that;
    and every backup taken before a migration, an import or a restore for 30 days (these do
    not stand for their hour, day or week; the others kept do). A backup dated in the future
    is kept.
    """
    ordered = sorted(backups, key=lambda info: (info.taken_at, info.id), reverse=True)
    seen: set[tuple[str, object]] = set()
    dropped: list[BackupInfo] = []
    for position, info in enumerate(ordered):
        age = now - info.taken_at
        if info.protected and age < PROTECTED_FOR:
            continue
        bucket = _bucket(info.taken_at, age)
        if bucket in seen and position > 0 and age >= KEEP_ALL_FOR:
            dropped.append(info)
        seen.add(bucket)
    return dropped


def _bucket(moment: dt.datetime, age: dt.timedelta) -> tuple[str, object]:
    moment = moment.astimezone(dt.UTC)
    if age < HOURLY_FOR:
        return "heure", moment.replace(minute=0, second=0, microsecond=0)
    if age < DAILY_FOR:
        return "jour", moment.date()
    year, week, _day = moment.isocalendar()
    return "semaine", (year, week)


def prune_backups(backups_dir: Path, now: dt.datetime) -> list[BackupInfo]:
    """Delete what ``thinning`` lets go; return what was deleted."""
    dropped = thinning(list_backups(backups_dir, with_content=False), now)
    for info in dropped:
        info.path.unlink(missing_ok=True)
    return dropped


def summary_text(info: BackupInfo) -> str:
    """« 3 ateliers, 120 saisies · automatique · 1,2 Mo »."""
    parts = [content_text(info.content), info.kind.label, size_text(info.size)]
    return " · ".join(parts)


def content_text(content: BackupContent | None) -> str:
    """« 3 ateliers, 120 saisies », or that the file could not be read."""
    if content is None:
        return _("contenu illisible")
    workshops = (_("{n} atelier") if content.workshops < 2 else _("{n} ateliers")).format(
        n=content.workshops
    )
    captures = (_("{n} saisie") if content.captures < 2 else _("{n} saisies")).format(
        n=content.captures
    )
    return f"{workshops}, {captures}"


def size_text(size: int) -> str:
    """« 850\u00a0ko », « 1,2\u00a0Mo » (French decimal comma)."""
    if size < 1_000_000:
        return _("{n}\u00a0ko").format(n=max(1, round(size / 1000)))
    return _("{n}\u00a0Mo").format(n=f"{size / 1_000_000:.1f}".replace(".", ","))


_DAYS = (N_("lundi"), N_("mardi"), N_("mercredi"), N_("jeudi"), N_("vendredi"), N_("samedi"),
         N_("dimanche"))  # fmt: skip
_MONTHS = (N_("janvier"), N_("février"), N_("mars"), N_("avril"), N_("mai"), N_("juin"),
           N_("juillet"), N_("août"), N_("septembre"), N_("octobre"), N_("novembre"),
           N_("décembre"))  # fmt: skip


def time_text(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """« jeudi 14 mars 2024 à 10:30 », in ``zone`` or the machine's local time."""
    local = moment.astimezone(zone)
    return _("{weekday} {day}\u00a0{month} {year} à {time}").format(
        weekday=_(_DAYS[local.weekday()]),
        day=_("1er") if local.day == 1 else local.day,
        month=_(_MONTHS[local.month - 1]),
        year=local.year,
        time=f"{local:%H:%M}",
    )
