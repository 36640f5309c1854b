"""Open the store file at start: create and stamp it, upgrade it after a backup, or refuse it.

Alembic is imported only when the file is new or behind: a normal start reads the revision
with the standard library and compares it with ``SCHEMA_HEAD``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from capadesk.core.errors import MigrationError, StoreTooNewError
from capadesk.core.storage.backup import copy_database, snapshot
from capadesk.core.storage.engine import StoreHealth, make_engine
from capadesk.core.storage.models import Base
from capadesk.core.storage.probe import APPLICATION_ID, SCHEMA_HEAD, probe
from capadesk.core.storage.store import Store, read_only_error
from capadesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine


def _default_location() -> Path:
    from capadesk.paths import migrations_dir

    return migrations_dir()


@dataclass(frozen=True)
class Migrations:
    """Where the Alembic scripts are and which revision they end at."""

    location: Path = field(default_factory=_default_location)
    head: str = SCHEMA_HEAD

    def config(self) -> Config:
        """An Alembic configuration built in code (no ``alembic.ini`` at run time)."""
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(self.location))
        return config


@dataclass(frozen=True)
class OpenReport:
    """What opening did, for the log and the status bar."""

    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def open_store(
    db_path: Path, backups_dir: Path, migrations: Migrations | None = None
) -> tuple[Store, OpenReport]:
    """Open (creating or upgrading as needed) the store at ``db_path``.

    Raises a ``StoreError`` subclass, with a French message, when the file cannot be used; in
    that case the file is left exactly as it was.
    """
    migrations = migrations or Migrations()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    report = OpenReport()
    if not db_path.exists() or db_path.stat().st_size == 0:
        _create(db_path, migrations)
        report = OpenReport(created=True)
    else:
        found = probe(db_path)
        if found.is_blank:
            _create(db_path, migrations)
            report = OpenReport(created=True)
        elif found.revision != migrations.head:
            assert found.revision is not None  # probe refuses tables without a revision
            backup = _upgrade(db_path, found.revision, backups_dir, migrations)
            report = OpenReport(upgraded_from=found.revision, backup=backup)
    return Store(db_path), report


def _checked_engine(db_path: Path) -> Engine:
    """A one-connection engine for DDL, refused (with the reasons) if a safety check fails."""
    health = StoreHealth()
    engine = make_engine(db_path, health, pooled=False)
    with engine.connect():
        pass
    if not health.writable:
        engine.dispose()
        raise read_only_error(health.problems, db_path)
    return engine


def _create(db_path: Path, migrations: Migrations) -> None:
    """Create every table and stamp the head revision in one transaction."""
    from alembic import command

    engine = _checked_engine(db_path)
    try:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            config = migrations.config()
            config.attributes["connection"] = connection
            command.stamp(config, migrations.head)
    finally:
        engine.dispose()


def known_revisions(migrations: Migrations) -> set[str]:
    """Every revision the migration scripts know (a file at another one is from a newer app)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrations.config())
    return {revision.revision for revision in script.walk_revisions()}


def _upgrade(db_path: Path, current: str, backups_dir: Path, migrations: Migrations) -> Path:
    """Back the file up, then upgrade it; on any failure put the backup back and raise."""
    from alembic import command

    if current not in known_revisions(migrations):
        raise StoreTooNewError(
            _(
                "Cette base a été écrite par une version plus récente de CapaDesk (révision "
                "{revision}). Elle n'a pas été modifiée\u00a0: installez la dernière version de "
                "CapaDesk pour l'ouvrir."
            ).format(revision=current),
            db_path,
        )
    backup = snapshot(db_path, backups_dir, f"avant-migration-{current}")
    engine = _checked_engine(db_path)
    try:
        with engine.connect() as connection:
            # Table rebuilds drop and recreate tables: with foreign keys on, that would cascade
            # deletes. The pragma only works outside a transaction, hence on the raw connection.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                config = migrations.config()
                config.attributes["connection"] = connection
                command.upgrade(config, migrations.head)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(
                        _("{count} liens cassés après la mise à jour.").format(count=len(broken))
                    )
        engine.dispose()
        probe(db_path, full_check=True)
    except Exception as error:
        engine.dispose()
        try:
            _restore(db_path, backup, backups_dir)
        except Exception as restore_error:
            raise MigrationError(
                _(
                    "La mise à jour de la base a échoué ({error}), puis sa remise en état aussi "
                    "({restore_error}). Le fichier de la base n'a pas été déplacé et la "
                    "sauvegarde d'avant la mise à jour est intacte\u00a0: {backup}."
                ).format(error=error, restore_error=restore_error, backup=backup),
                db_path,
            ) from restore_error
        raise MigrationError(
            _(
                "La mise à jour de la base a échoué ({error}). La base a été remise dans son état "
                "d'avant, depuis la sauvegarde {backup}."
            ).format(error=error, backup=backup.name),
            db_path,
        ) from error
    return backup


def _restore(db_path: Path, backup: Path, backups_dir: Path) -> None:
    """Put the backup back, keeping the half-upgraded file aside (never deleted).

    The backup is copied beside the store first: if that fails (a full disk), the store file is
    still where it was and nothing has been moved.
    """
    restored = db_path.with_name(db_path.name + ".restauration")
    copy_database(backup, restored)
    stamp = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    for suffix in ("", "-wal", "-shm"):
        leftover = Path(f"{db_path}{suffix}")
        if leftover.exists():
            leftover.replace(backups_dir / f"echec-migration-{stamp}.db{suffix}")
    restored.replace(db_path)
