"""Start-up checks, setting files aside, restoring a backup, and a full disk (T-DUR-05)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from capadesk.core.errors import CorruptStoreError, NotFoundError, StoreError, StoreTooNewError
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage import backup as backup_module
from capadesk.core.storage.backups import BackupKind, create_backup, list_backups
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.recovery import DAMAGED_DIR, StartState, check_at_start, set_aside
from capadesk.core.storage.restore import latest_good_backup, restore_backup
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.backups_support import add_captures, integrity, read_texts, read_titles
from tests.core.test_migrate import read_rows
from tests.fixtures.stores import BASELINE_FIXTURE, sha256

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
LATER = T0 + dt.timedelta(hours=1)


def titles(store: Store) -> list[str]:
    return sorted(w.title for w in list_workshops(store))


# --- at start -------------------------------------------------------------------------------


def test_a_healthy_store_is_left_alone(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Atelier")
    store.close()
    before = sha256(store.path)

    found = check_at_start(store.path, app_paths.backups_dir, T0)

    assert found.state is StartState.HEALTHY
    assert not found.needs_attention
    assert found.message == ""
    assert sha256(store.path) == before


def test_first_start_has_nothing_to_say(app_paths: AppPaths) -> None:
    found = check_at_start(app_paths.db_path, app_paths.backups_dir, T0)

    assert found.state is StartState.MISSING
    assert found.offer is None
    assert not found.needs_attention
    assert not app_paths.data_dir.exists()


def test_a_vanished_store_with_backups_offers_the_newest(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Atelier")
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    store.close()
    store.path.unlink()

    found = check_at_start(store.path, app_paths.backups_dir, T0)

    assert found.state is StartState.MISSING
    assert found.needs_attention
    assert found.offer is not None and found.offer.id == made.id
    assert found.message.startswith("La base est introuvable. Dernière sauvegarde saine\u00a0: ")
    assert "(1 atelier, 0 saisie)" in found.message


def test_a_wal_without_its_database_is_set_aside_not_replayed(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    wal = Path(f"{app_paths.db_path}-wal")
    wal.write_bytes(b"journal d'une autre base" * 100)

    found = check_at_start(app_paths.db_path, app_paths.backups_dir, T0)

    assert not wal.exists()
    assert [p.name for p in found.set_aside] == [
        "capadesk-20240314T090000000000Z-journal-orphelin.db-wal"
    ]


def test_other_refusals_are_left_to_open_store(tmp_path: Path, app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(parents=True)
    with closing(sqlite3.connect(app_paths.db_path)) as connection:
        connection.execute("CREATE TABLE contacts (nom TEXT)")
        connection.commit()
    before = sha256(app_paths.db_path)

    found = check_at_start(app_paths.db_path, app_paths.backups_dir, T0)

    assert found.state is StartState.HEALTHY  # not damaged: open_store refuses it, unchanged
    assert sha256(app_paths.db_path) == before


def test_setting_aside_never_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "capadesk.db"
    backups = tmp_path / "backups"
    moved = []
    for n in range(3):
        db.write_bytes(f"version {n}".encode())
        Path(f"{db}-wal").write_bytes(f"wal {n}".encode())
        moved.append(set_aside(db, backups, T0, "endommagee"))

    names = [[p.name for p in group] for group in moved]
    assert names == [
        [f"capadesk-20240314T090000000000Z-endommagee{n}.db{s}" for s in ("", "-wal")]
        for n in ("", "-2", "-3")
    ]
    assert [group[0].read_bytes() for group in moved] == [b"version 0", b"version 1", b"version 2"]
    assert sorted(p.name for p in (backups / DAMAGED_DIR).iterdir()) == sorted(
        n for group in names for n in group
    )
    assert list_backups(backups) == []  # set-aside files are not backups


def test_the_offer_skips_a_damaged_backup(store: Store, app_paths: AppPaths) -> None:
    good = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    bad = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, LATER)
    data = bytearray(bad.path.read_bytes())
    data[:100] = bytes(100)
    bad.path.write_bytes(bytes(data))

    offer = latest_good_backup(app_paths.backups_dir)

    assert offer is not None and offer.id == good.id


# --- restore --------------------------------------------------------------------------------


def test_restore_backs_the_current_state_up_first(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Avant")
    chosen = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    create_workshop(store, "Après")

    report = restore_backup(store.path, app_paths.backups_dir, chosen.id, LATER)

    assert titles(store) == ["Avant"]  # the open store sees the restored content
    assert report.safety is not None
    assert report.safety.kind is BackupKind.BEFORE_RESTORE
    assert read_titles(report.safety.path) == ["Après", "Avant"]
    assert report.set_aside == ()
    assert not report.needs_upgrade
    assert integrity(store.path) == "ok"
    # And back again: the state of just before is one restore away.
    restore_backup(store.path, app_paths.backups_dir, report.safety.id, LATER)
    assert titles(store) == ["Après", "Avant"]


def test_restore_of_an_unknown_id_changes_nothing(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Atelier")
    with pytest.raises(NotFoundError, match="Aucune sauvegarde"):
        restore_backup(store.path, app_paths.backups_dir, "20240314T090000000000Z-manuelle", T0)
    assert list_backups(app_paths.backups_dir) == []
    assert titles(store) == ["Atelier"]


def test_a_backup_from_a_newer_capadesk_is_refused(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Atelier")
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    with closing(sqlite3.connect(made.path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
        connection.commit()
    create_workshop(store, "Toujours là")

    with pytest.raises(StoreTooNewError, match="version plus récente"):
        restore_backup(store.path, app_paths.backups_dir, made.id, LATER)

    assert titles(store) == ["Atelier", "Toujours là"]
    assert [b.id for b in list_backups(app_paths.backups_dir)] == [made.id]


def test_a_damaged_backup_is_refused(store: Store, app_paths: AppPaths) -> None:
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    made.path.write_bytes(made.path.read_bytes()[:5000])

    with pytest.raises(CorruptStoreError, match=r"La sauvegarde .* est"):
        restore_backup(store.path, app_paths.backups_dir, made.id, LATER)


def test_restoring_over_a_damaged_store_sets_it_aside(store: Store, app_paths: AppPaths) -> None:
    create_workshop(store, "Atelier")
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    store.close()
    data = bytearray(store.path.read_bytes())
    data[:100] = bytes(100)
    store.path.write_bytes(bytes(data))
    damaged = sha256(store.path)

    report = restore_backup(store.path, app_paths.backups_dir, made.id, LATER)

    assert report.safety is None
    assert damaged in {sha256(p) for p in report.set_aside}
    assert read_titles(store.path) == ["Atelier"]


def test_an_older_backup_is_restored_then_upgraded_on_opening(app_paths: AppPaths) -> None:
    app_paths.backups_dir.mkdir(parents=True)
    name = "capadesk-20240101T090000000000Z-avant-migration-0001-baseline.db"
    shutil.copyfile(BASELINE_FIXTURE, app_paths.backups_dir / name)
    expected = read_rows(BASELINE_FIXTURE)

    report = restore_backup(
        app_paths.db_path, app_paths.backups_dir, name.removeprefix("capadesk-")[:-3], T0
    )

    assert report.revision == "0001_baseline" and report.needs_upgrade
    assert report.safety is None  # there was no store yet
    store, opened = open_store(app_paths.db_path, app_paths.backups_dir)
    store.close()
    assert opened.upgraded_from == "0001_baseline"
    assert read_rows(app_paths.db_path, columns_from=BASELINE_FIXTURE) == expected


# --- a full disk ----------------------------------------------------------------------------


def _fill_the_disk(store: Store, *, full: bool) -> None:
    """SQLite's own « database or disk is full »: no page may be added to the file."""

    def limit(connection: Any) -> None:  # at each transaction's start: the writer stays open
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages if full else 1 << 30}")

    event.listen(store._engine, "begin", limit)


def test_a_full_disk_refuses_the_write_in_french_and_keeps_every_saved_row(
    store: Store, app_paths: AppPaths
) -> None:
    create_workshop(store, "Saisi avant")
    _fill_the_disk(store, full=True)

    saved: list[str] = []
    with pytest.raises(StoreError) as raised:
        for n in range(2000):
            create_workshop(store, f"Atelier {n:04d} " + "x" * 170)
            saved.append(f"Atelier {n:04d} " + "x" * 170)  # acknowledged: the call returned

    assert raised.value.message.startswith("L'enregistrement a échoué, rien n'a été modifié")
    assert "full" in raised.value.message
    assert titles(store) == sorted(["Saisi avant", *saved])  # none lost, the failed one absent
    assert integrity(store.path) == "ok"
    _fill_the_disk(store, full=False)  # space was freed: the retry succeeds
    create_workshop(store, "Réessayé")
    assert "Réessayé" in titles(store)


def _failing_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=2)  # some pages reach the file, then the disk is full
    raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_during_a_backup_keeps_the_older_backups(
    store: Store, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    monkeypatch.setattr(backup_module, "_copy_pages", _failing_copy)

    with pytest.raises(StoreError, match="le disque est plein") as raised:
        create_backup(
            store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0 + dt.timedelta(days=40)
        )

    assert "les sauvegardes précédentes sont intactes" in raised.value.message
    assert [b.id for b in list_backups(app_paths.backups_dir)] == [older.id]
    assert sorted(p.name for p in app_paths.backups_dir.iterdir()) == [older.path.name]


def test_a_full_disk_during_a_restore_leaves_the_store_as_it_was(
    store: Store, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_captures(store, ["dans la sauvegarde"])
    chosen = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    add_captures(store, ["après la sauvegarde"])

    def failing_restore(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
        target.execute("BEGIN IMMEDIATE")
        target.execute("DELETE FROM capture")  # half-way through, inside its transaction
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_restore_pages", failing_restore)

    with pytest.raises(StoreError, match="Restauration impossible\u00a0: le disque est plein"):
        restore_backup(store.path, app_paths.backups_dir, chosen.id, LATER)

    assert read_texts(store.path) == ["dans la sauvegarde", "après la sauvegarde"]
    assert integrity(store.path) == "ok"
    assert SCHEMA_HEAD in {
        b.content.revision for b in list_backups(app_paths.backups_dir) if b.content
    }
