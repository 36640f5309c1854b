"""Put a backup back as the store, after saving the current state; check backups before use."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import NamedTuple

from capadesk.core.errors import CorruptStoreError, StoreError, StoreTooNewError
from capadesk.core.storage.backup import read_frozen, restore_database
from capadesk.core.storage.backups import (
    BackupInfo,
    BackupKind,
    create_backup,
    find_backup,
    list_backups,
)
from capadesk.core.storage.probe import APPLICATION_ID, SCHEMA_HEAD, probe
from capadesk.core.storage.recovery import DAMAGED_DIR, set_aside
from capadesk.i18n import _


class RestoreReport(NamedTuple):
    """What a restore did."""

    restored: BackupInfo
    safety: BackupInfo | None  # the state just before, backed up (None if it was set aside)
    set_aside: tuple[Path, ...]  # the damaged files moved away instead
    revision: str | None  # of the restored store: older than SCHEMA_HEAD means it must upgrade

    @property
    def needs_upgrade(self) -> bool:
        """The restored store is at an older revision: open it through ``migrate.open_store``."""
        return self.revision != SCHEMA_HEAD


def check_backup(path: Path) -> str | None:
    """Check a backup before using it: integrity, CapaDesk's, not from a newer CapaDesk.

    Returns its revision; raises CorruptStoreError / StoreTooNewError (French) otherwise.
    """
    try:
        with read_frozen(path) as connection:
            verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.Error, OSError) as error:
        raise CorruptStoreError(
            _("La sauvegarde {name} est illisible\u00a0: {error}").format(
                name=path.name, error=error
            ),
            path,
        ) from error
    if verdict != ["ok"] or application_id != APPLICATION_ID or row is None:
        raise CorruptStoreError(
            _("La sauvegarde {name} est endommagée ou n'est pas une base CapaDesk.").format(
                name=path.name
            ),
            path,
        )
    revision = str(row[0])
    if revision != SCHEMA_HEAD:
        from capadesk.core.storage.migrate import Migrations, known_revisions

        if revision not in known_revisions(Migrations()):
            raise StoreTooNewError(
                _(
                    "La sauvegarde {name} a été écrite par une version plus récente de CapaDesk "
                    "(révision {rev})."
                ).format(name=path.name, rev=revision),
                path,
            )
    return revision


def latest_good_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest backup that passes the checks of ``check_backup``."""
    for info in list_backups(backups_dir):
        try:
            check_backup(info.path)
        except StoreError:
            continue
        return info
    return None


def restore_backup(
    db_path: Path, backups_dir: Path, backup_id: str, now: dt.datetime
) -> RestoreReport:
    """Put backup ``backup_id`` back as the store, after saving the current state.

    The current store is first backed up (``avant-restauration``), or set aside when it is
    damaged. The restore writes through SQLite's backup API in one transaction, then the result
    is checked with ``integrity_check``. Raises StoreError / NotFoundError (French); on failure
    the store is as it was.
    """
    chosen = find_backup(backups_dir, backup_id)
    revision = check_backup(chosen.path)
    safety: BackupInfo | None = None
    moved: tuple[Path, ...] = ()
    if db_path.exists() and db_path.stat().st_size > 0:
        try:
            probe(db_path)
        except CorruptStoreError:
            moved = set_aside(db_path, backups_dir, now, "endommagee")
        if not moved:
            safety = create_backup(
                db_path, backups_dir, BackupKind.BEFORE_RESTORE, now, prune=False
            )
    elif Path(f"{db_path}-wal").exists():
        moved = set_aside(db_path, backups_dir, now, "journal-orphelin")
    restore_database(chosen.path, db_path)
    try:
        probe(db_path, full_check=True)
    except StoreError as error:
        if safety is not None:  # put the state of just before back
            restore_database(safety.path, db_path)
            after = _("l'état d'avant a été remis.")
        else:
            after = _("la base d'avant est gardée dans {folder}.").format(
                folder=backups_dir / DAMAGED_DIR
            )
        raise StoreError(
            _("La base restaurée ne passe pas la vérification ({error})\u00a0; {after}").format(
                error=error.message, after=after
            ),
            db_path,
        ) from error
    return RestoreReport(chosen, safety, moved, revision)
