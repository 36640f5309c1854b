"""Opening the store: create and stamp, back up and upgrade, restore on failure, refuse newer files.

Also: the schema the migrations build is exactly the models' schema.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from capadesk.core.errors import MigrationError, StoreTooNewError
from capadesk.core.storage.engine import StoreHealth, make_engine
from capadesk.core.storage.migrate import Migrations, known_revisions, open_store
from capadesk.core.storage.models import Base
from capadesk.core.storage.probe import APPLICATION_ID, SCHEMA_HEAD, probe
from capadesk.paths import AppPaths, migrations_dir
from tests.fixtures.stores import FIXTURES_DIR, head_fixture, sha256

Rows = dict[str, list[tuple[Any, ...]]]


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def read_rows(path: Path, columns_from: Path | None = None) -> Rows:
    """Every row of every model table, sorted; only the tables and columns ``columns_from`` has."""
    rows: Rows = {}
    with closing(_connect_ro(columns_from or path)) as reference:
        columns = {
            table: [row[1] for row in reference.execute(f'PRAGMA table_info("{table}")')]
            for table in Base.metadata.tables
        }
    columns = {table: names for table, names in columns.items() if names}
    with closing(_connect_ro(path)) as connection:
        for table, names in columns.items():
            selected = ", ".join(f'"{name}"' for name in names)
            found = connection.execute(f'SELECT {selected} FROM "{table}"').fetchall()
            rows[table] = sorted(found, key=repr)
    return rows


def revision_of(path: Path) -> str | None:
    with closing(_connect_ro(path)) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])


def column_names(path: Path, table: str) -> list[str]:
    with closing(_connect_ro(path)) as connection:
        return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def schema_diff(path: Path) -> list[Any]:
    """What Alembic autogenerate would change to bring ``path`` to the models."""
    engine = make_engine(path, StoreHealth(), pooled=False)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _ddl_parts(sql: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """A CREATE statement as (head, columns, constraints), order and name quoting aside.

    A migration that adds a column rebuilds the table in batch mode: the column comes last and
    the table's name is quoted, where a fresh store follows the models' order. Neither matters
    to SQLite, so neither fails the comparison; a column's type, default or key still does.
    """
    sql = " ".join(sql.split()).replace("(CURRENT_TIMESTAMP)", "CURRENT_TIMESTAMP")
    if "(" not in sql or not sql.upper().startswith("CREATE TABLE"):
        return sql, frozenset(), frozenset()
    head, body = sql[: sql.index("(")].strip(), sql[sql.index("(") + 1 : sql.rindex(")")]
    items, depth, current = [], 0, ""
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    columns = frozenset(i for i in items if not i.startswith("CONSTRAINT "))
    constraints = frozenset(i for i in items if i.startswith("CONSTRAINT "))
    return head.replace('"', ""), columns, constraints


def schema_ddl(path: Path) -> dict[str, tuple[str, frozenset[str], frozenset[str]]]:
    """The DDL of every model table and index, normalised (spacing, constraint order)."""
    with closing(_connect_ro(path)) as connection:
        return {
            name: _ddl_parts(sql)
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
                " AND name != 'alembic_version'"
            )
        }


def upgrade_with_alembic(path: Path, target: str = "head") -> None:
    engine = make_engine(path, StoreHealth(), pooled=False)
    try:
        with engine.begin() as connection:
            config = Migrations().config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    finally:
        engine.dispose()


@pytest.fixture
def fixture_copy(app_paths: AppPaths) -> Path:
    """The committed fixture of the current head, copied where the app would keep its store."""
    app_paths.data_dir.mkdir(parents=True)
    shutil.copyfile(head_fixture(), app_paths.db_path)
    return app_paths.db_path


_HEAD_BACKUP_GLOB = f"capadesk-*-avant-migration-{SCHEMA_HEAD.replace('_', '-')}.db"

_TEST_REVISION = '''"""test revision: a new nullable column on a table others refer to"""

import sqlalchemy as sa
from alembic import op

revision = "9999_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # recreate="always": a full table rebuild, the case that would cascade deletes
    # if foreign keys were left on during the migration.
    with op.batch_alter_table("workshop", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("colour", sa.String(), nullable=True))
    {then}


def downgrade() -> None:
    with op.batch_alter_table("workshop") as batch_op:
        batch_op.drop_column("colour")
'''


def _test_migrations(tmp_path: Path, then: str = "pass") -> Migrations:
    """The real scripts plus a revision 9999_test on top of the head, in a scratch directory.

    ``then`` is one statement run at the end of the new revision's upgrade.
    """
    location = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), location, ignore=shutil.ignore_patterns("__pycache__"))
    script = _TEST_REVISION.replace("{then}", then).replace("{head}", SCHEMA_HEAD)
    (location / "versions" / "9999_test.py").write_text(script, encoding="utf-8")
    return Migrations(location=location, head="9999_test")


# --- the schema -----------------------------------------------------------------------------


def test_schema_head_is_the_single_head_of_the_scripts() -> None:
    script = ScriptDirectory.from_config(Migrations().config())
    assert script.get_heads() == [SCHEMA_HEAD]
    assert Migrations().head == SCHEMA_HEAD
    assert SCHEMA_HEAD in known_revisions(Migrations())


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.db"
    upgrade_with_alembic(migrated)

    assert revision_of(migrated) == SCHEMA_HEAD
    assert schema_diff(migrated) == []


def test_created_schema_equals_the_models_and_the_migrated_one(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()
    migrated = tmp_path / "migrated.db"
    upgrade_with_alembic(migrated)

    assert schema_diff(app_paths.db_path) == []
    created, upgraded = schema_ddl(app_paths.db_path), schema_ddl(migrated)
    assert (
        set(created)
        == set(upgraded)
        == set(Base.metadata.tables)
        | {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    )
    assert created == upgraded


def test_schema_diff_sees_a_difference(tmp_path: Path) -> None:
    """The comparison is not blind: a missing column is reported."""
    path = tmp_path / "altered.db"
    upgrade_with_alembic(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("ALTER TABLE workshop DROP COLUMN notes")
        connection.commit()

    diff = schema_diff(path)

    assert len(diff) == 1
    assert diff[0][0] == "add_column"
    assert diff[0][3].name == "notes"


def test_baseline_downgrades_to_an_empty_file_and_back(tmp_path: Path) -> None:
    path = tmp_path / "down.db"
    upgrade_with_alembic(path)
    engine = make_engine(path, StoreHealth(), pooled=False)
    try:
        with engine.begin() as connection:
            config = Migrations().config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
    finally:
        engine.dispose()
    with closing(_connect_ro(path)) as connection:
        tables = {
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"
            )
        }
    assert tables <= {"alembic_version"}

    upgrade_with_alembic(path)
    assert schema_diff(path) == []


# --- a new file -----------------------------------------------------------------------------


def test_a_new_file_is_created_and_stamped(app_paths: AppPaths) -> None:
    assert not app_paths.db_path.exists()

    store, report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    assert report.created
    assert report.upgraded_from is None
    assert report.backup is None
    assert revision_of(app_paths.db_path) == SCHEMA_HEAD
    with closing(_connect_ro(app_paths.db_path)) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    found = probe(app_paths.db_path)
    assert (found.revision, found.application_id) == (SCHEMA_HEAD, APPLICATION_ID)
    assert not app_paths.backups_dir.exists()  # nothing to back up


def test_reopening_a_current_file_changes_nothing(app_paths: AppPaths) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    store, report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    assert report == type(report)()  # not created, not upgraded, no backup
    assert not app_paths.backups_dir.exists()


@pytest.mark.parametrize("content", ["empty", "blank-sqlite"])
def test_an_empty_file_is_initialised(app_paths: AppPaths, content: str) -> None:
    app_paths.data_dir.mkdir(parents=True)
    if content == "empty":
        app_paths.db_path.touch()
    else:
        with closing(sqlite3.connect(app_paths.db_path)) as connection:
            connection.execute("PRAGMA user_version=7")  # a header, but no table

    store, report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    assert report.created
    assert revision_of(app_paths.db_path) == SCHEMA_HEAD
    assert schema_diff(app_paths.db_path) == []


# --- a newer file ---------------------------------------------------------------------------


def test_a_file_from_a_newer_capadesk_is_refused_and_left_untouched(app_paths: AppPaths) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()
    with closing(sqlite3.connect(app_paths.db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
        connection.commit()
    before = sha256(app_paths.db_path)
    files_before = sorted(p.name for p in app_paths.data_dir.iterdir())

    with pytest.raises(StoreTooNewError) as refused:
        open_store(app_paths.db_path, app_paths.backups_dir)

    assert "version plus récente de CapaDesk" in refused.value.message
    assert "0099_futur" in refused.value.message
    assert "n'a pas été modifiée" in refused.value.message
    assert refused.value.path == app_paths.db_path
    assert sha256(app_paths.db_path) == before
    # The read-only look may leave empty WAL companions, never a written page.
    for companion in app_paths.data_dir.iterdir():
        if companion.name not in files_before:
            assert companion.name in {"capadesk.db-wal", "capadesk.db-shm"}
            if companion.name.endswith("-wal"):
                assert companion.stat().st_size == 0
    assert not app_paths.backups_dir.exists()


# --- an older file --------------------------------------------------------------------------


def _fixture_files() -> Iterator[Path]:
    yield from sorted(FIXTURES_DIR.glob("*.db"))


@pytest.mark.parametrize("fixture", list(_fixture_files()), ids=lambda p: p.stem)
def test_every_committed_fixture_is_a_full_store_of_its_revision(fixture: Path) -> None:
    assert revision_of(fixture) == fixture.stem
    with closing(_connect_ro(fixture)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert not Path(f"{fixture}-wal").exists()
    rows = read_rows(fixture)
    assert all(rows.values()), [table for table, found in rows.items() if not found]
    if fixture == head_fixture():
        assert set(rows) == set(Base.metadata.tables)


@pytest.mark.parametrize("fixture", list(_fixture_files()), ids=lambda p: p.stem)
def test_every_fixture_opens_with_the_real_migrations(app_paths: AppPaths, fixture: Path) -> None:
    app_paths.data_dir.mkdir(parents=True)
    shutil.copyfile(fixture, app_paths.db_path)
    original = read_rows(fixture)

    store, report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    if fixture.stem == SCHEMA_HEAD:
        assert report == type(report)()
        assert not app_paths.backups_dir.exists()
    else:
        assert report.upgraded_from == fixture.stem
        assert report.backup is not None
        assert report.backup.is_file()
    assert revision_of(app_paths.db_path) == SCHEMA_HEAD
    assert schema_diff(app_paths.db_path) == []
    assert read_rows(app_paths.db_path, columns_from=fixture) == original
    assert all(original.values())


def test_0002_gives_old_steps_empty_settings_and_tracks_no_timer_yet(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    shutil.copyfile(FIXTURES_DIR / "0001_baseline.db", app_paths.db_path)

    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()

    with closing(_connect_ro(app_paths.db_path)) as connection:
        assert {row[0] for row in connection.execute("SELECT settings FROM step")} == {"{}"}
        assert connection.execute("SELECT count(*) FROM workshop").fetchone()[0] > 0
        assert {row[0] for row in connection.execute("SELECT day_start FROM workshop")} == {None}
        assert connection.execute("SELECT count(*) FROM track_runner_state").fetchone()[0] == 0
        assert {row[0] for row in connection.execute("SELECT track_id FROM runner_event")} == {None}


def test_an_older_file_is_backed_up_then_upgraded(
    tmp_path: Path, app_paths: AppPaths, fixture_copy: Path
) -> None:
    original = read_rows(head_fixture())
    migrations = _test_migrations(tmp_path)

    store, report = open_store(fixture_copy, app_paths.backups_dir, migrations)
    store.close()

    # The backup: taken before the upgrade, with every row of the original.
    backups = sorted(app_paths.backups_dir.glob(_HEAD_BACKUP_GLOB))
    assert backups == [report.backup]
    assert report.upgraded_from == SCHEMA_HEAD
    assert revision_of(backups[0]) == SCHEMA_HEAD
    assert read_rows(backups[0]) == original
    assert "colour" not in column_names(backups[0], "workshop")
    assert list(app_paths.backups_dir.glob("*.part")) == []

    # The upgraded file: at the new revision, with the new column and all the data.
    assert revision_of(fixture_copy) == "9999_test"
    assert column_names(fixture_copy, "workshop")[-1] == "colour"
    upgraded = read_rows(fixture_copy, columns_from=head_fixture())
    assert {t: len(r) for t, r in upgraded.items()} == {t: len(r) for t, r in original.items()}
    assert upgraded == original
    with closing(_connect_ro(fixture_copy)) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT DISTINCT colour FROM workshop").fetchall() == [(None,)]


def test_an_upgraded_file_opens_again_without_a_second_backup(
    tmp_path: Path, app_paths: AppPaths, fixture_copy: Path
) -> None:
    migrations = _test_migrations(tmp_path)
    store, _report = open_store(fixture_copy, app_paths.backups_dir, migrations)
    store.close()

    store, report = open_store(fixture_copy, app_paths.backups_dir, migrations)
    store.close()

    assert report.upgraded_from is None
    assert len(list(app_paths.backups_dir.iterdir())) == 1


def test_a_failed_upgrade_restores_the_file_and_keeps_the_failed_one(
    tmp_path: Path, app_paths: AppPaths, fixture_copy: Path
) -> None:
    original = read_rows(head_fixture())
    failing = _test_migrations(
        tmp_path, 'raise RuntimeError("échec voulu au milieu de la migration")'
    )

    with pytest.raises(MigrationError) as failed:
        open_store(fixture_copy, app_paths.backups_dir, failing)

    assert "La mise à jour de la base a échoué" in failed.value.message
    assert "échec voulu" in failed.value.message
    assert isinstance(failed.value.__cause__, RuntimeError)
    # Restored: the old revision, every row, no trace of the new column.
    assert revision_of(fixture_copy) == SCHEMA_HEAD
    assert read_rows(fixture_copy) == original
    assert "colour" not in column_names(fixture_copy, "workshop")
    # Nothing deleted: the backup and the failed file both stay in the backups dir.
    backups = list(app_paths.backups_dir.glob(_HEAD_BACKUP_GLOB))
    assert len(backups) == 1
    assert read_rows(backups[0]) == original
    failed_files = list(app_paths.backups_dir.glob("echec-migration-*.db"))
    assert len(failed_files) == 1
    assert failed_files[0].stat().st_size > 0
    # The restored file is still a good store for this version of the app.
    store, report = open_store(fixture_copy, app_paths.backups_dir)
    store.close()
    assert report.upgraded_from is None


def test_when_the_restore_itself_fails_the_store_file_stays_in_place(
    tmp_path: Path, app_paths: AppPaths, fixture_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during the restore must not leave the user without a store file: the
    next start would otherwise create an empty one and show no workshop."""
    from capadesk.core.storage import migrate
    from capadesk.core.storage.backup import copy_database as real_copy

    failing = _test_migrations(tmp_path, 'raise RuntimeError("échec voulu")')

    def copy_then_fail_on_restore(source: Path, target: Path) -> None:
        if target.name.endswith(".restauration"):
            raise OSError(28, "No space left on device")
        real_copy(source, target)

    monkeypatch.setattr(migrate, "copy_database", copy_then_fail_on_restore)

    with pytest.raises(MigrationError, match=r"remise en état aussi.*No space left") as failed:
        open_store(fixture_copy, app_paths.backups_dir, failing)

    assert "avant-migration" in failed.value.message  # where the user's data is, by name
    # The migration ran in one transaction that was rolled back: the file in place is intact.
    assert fixture_copy.is_file()
    assert revision_of(fixture_copy) == SCHEMA_HEAD
    assert read_rows(fixture_copy) == read_rows(head_fixture())
    assert not list(app_paths.backups_dir.glob("echec-migration-*"))


def test_a_file_with_an_unknown_older_branch_is_refused_untouched(
    tmp_path: Path, app_paths: AppPaths, fixture_copy: Path
) -> None:
    with closing(sqlite3.connect(fixture_copy)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'abcdef_autre'")
        connection.commit()
    before = sha256(fixture_copy)

    with pytest.raises(StoreTooNewError):
        open_store(fixture_copy, app_paths.backups_dir, _test_migrations(tmp_path))

    assert sha256(fixture_copy) == before
    assert not app_paths.backups_dir.exists()
