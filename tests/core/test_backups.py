"""The backups folder: listing, taking a checked backup, the thinning policy, the scheduler."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.errors import NotFoundError, StoreError
from capadesk.core.runner.clock import FakeClock
from capadesk.core.services.workshops import create_workshop, delete_workshop
from capadesk.core.storage.backup import snapshot
from capadesk.core.storage.backup_schedule import BackupScheduler, ChangeWatcher, modified_since
from capadesk.core.storage.backups import (
    BackupContent,
    BackupInfo,
    BackupKind,
    create_backup,
    find_backup,
    list_backups,
    prune_backups,
    size_text,
    summary_text,
    thinning,
    time_text,
)
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.test_probe import damaged_store

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
PARIS = dt.timezone(dt.timedelta(hours=1))


def info(
    hours_ago: float, kind: BackupKind = BackupKind.PERIODIC, *, now: dt.datetime = T0
) -> BackupInfo:
    moment = now - dt.timedelta(hours=hours_ago)
    return BackupInfo(f"{moment:%Y%m%dT%H%M%S%fZ}-{kind}", Path("x.db"), moment, kind, 1, None)


def ages(backups: list[BackupInfo], now: dt.datetime = T0) -> list[float]:
    return [(now - b.taken_at) / dt.timedelta(hours=1) for b in backups]


# --- listing and taking ---------------------------------------------------------------------


def test_a_backup_counts_what_it_holds_and_is_listed_newest_first(
    store: Store, app_paths: AppPaths
) -> None:
    first, _changes = create_workshop(store, "Toulon")
    older = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    create_workshop(store, "Lyon")
    delete_workshop(store, first.public_id)  # deleted workshops are not counted
    create_workshop(store, "Nantes")
    newer = create_backup(
        store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0 + dt.timedelta(minutes=10)
    )

    listed = list_backups(app_paths.backups_dir)

    assert [b.id for b in listed] == [newer.id, older.id]
    assert newer.id == "20240314T091000000000Z-periodique"
    assert older.content == BackupContent(workshops=1, captures=0, revision=SCHEMA_HEAD)
    assert newer.content == BackupContent(workshops=2, captures=0, revision=SCHEMA_HEAD)
    assert newer.taken_at == T0 + dt.timedelta(minutes=10)
    assert newer.kind is BackupKind.PERIODIC
    assert newer.size == newer.path.stat().st_size > 0


def test_backups_written_by_the_migration_are_listed_with_their_kind(
    store: Store, app_paths: AppPaths
) -> None:
    # The name migrate.py gives its backup, through the same snapshot() it calls.
    made = snapshot(store.path, app_paths.backups_dir, "avant-migration-0001_baseline", now=T0)
    (app_paths.backups_dir / "echec-migration-20240314T090000000000Z.db").write_bytes(b"x")
    (app_paths.backups_dir / "capadesk-pas-une-date-manuelle.db").write_bytes(b"x")
    (app_paths.backups_dir / "notes.txt").write_text("rien")

    listed = list_backups(app_paths.backups_dir)

    assert [b.path for b in listed] == [made]
    assert listed[0].kind is BackupKind.BEFORE_MIGRATION
    assert listed[0].id == "20240314T090000000000Z-avant-migration-0001-baseline"
    assert listed[0].protected


def test_a_backup_is_one_self_contained_file_and_reading_it_leaves_nothing_beside(
    store: Store, app_paths: AppPaths
) -> None:
    create_workshop(store, "Atelier")
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)

    assert made.path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    list_backups(app_paths.backups_dir)
    find_backup(app_paths.backups_dir, made.id)
    assert sorted(p.name for p in app_paths.backups_dir.iterdir()) == [made.path.name]


def test_an_unreadable_backup_is_listed_as_such(app_paths: AppPaths) -> None:
    app_paths.backups_dir.mkdir(parents=True)
    (app_paths.backups_dir / "capadesk-20240314T090000000000Z-manuelle.db").write_bytes(b"abc" * 9)

    (listed,) = list_backups(app_paths.backups_dir)

    assert listed.content is None
    assert summary_text(listed).startswith("contenu illisible · manuelle · ")


def test_no_folder_no_backups(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "absent") == []


def test_two_backups_at_the_same_moment_both_stay(store: Store, app_paths: AppPaths) -> None:
    one = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    create_workshop(store, "Entre les deux")
    two = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)

    assert one.id != two.id
    assert [
        b.content.workshops if b.content else -1 for b in list_backups(app_paths.backups_dir)
    ] == [1, 0]


@pytest.mark.parametrize("backup_id", ["absent", "../capadesk", "20240314T090000000000Z-x/../y"])
def test_finding_an_unknown_backup_says_so_in_french(app_paths: AppPaths, backup_id: str) -> None:
    app_paths.backups_dir.mkdir(parents=True)
    with pytest.raises(NotFoundError, match="Aucune sauvegarde «\u00a0"):
        find_backup(app_paths.backups_dir, backup_id)


def test_a_damaged_store_is_not_backed_up_and_older_backups_stay(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    kept = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    before = kept.path.read_bytes()
    damaged = damaged_store(tmp_path / "abimee" / "capadesk.db")  # passes quick_check only

    later = T0 + dt.timedelta(days=60)  # old enough for the policy to let ``kept`` go
    with pytest.raises(StoreError, match="La copie de sauvegarde est invalide"):
        create_backup(damaged, app_paths.backups_dir, BackupKind.PERIODIC, later)

    assert [b.id for b in list_backups(app_paths.backups_dir)] == [kept.id]
    assert sorted(p.name for p in app_paths.backups_dir.iterdir()) == [kept.path.name]
    assert kept.path.read_bytes() == before


def test_creating_a_backup_thins_the_older_ones(store: Store, app_paths: AppPaths) -> None:
    moments = [T0 + dt.timedelta(minutes=10 * n) for n in range(4)]  # 09:00 … 09:30
    made = [
        create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, m, prune=False)
        for m in moments
    ]

    create_backup(
        store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0 + dt.timedelta(hours=5)
    )

    remaining = {b.id for b in list_backups(app_paths.backups_dir)}
    assert made[3].id in remaining  # the newest of the 09:00 hour
    assert not {m.id for m in made[:3]} & remaining


def test_prune_deletes_exactly_what_thinning_lets_go(store: Store, app_paths: AppPaths) -> None:
    for n in range(3):
        create_backup(
            store.path,
            app_paths.backups_dir,
            BackupKind.PERIODIC,
            T0 + dt.timedelta(minutes=n),
            prune=False,
        )
    now = T0 + dt.timedelta(hours=3)
    expected = {b.id for b in thinning(list_backups(app_paths.backups_dir), now)}

    deleted = prune_backups(app_paths.backups_dir, now)

    assert {b.id for b in deleted} == expected
    assert len(expected) == 2
    assert all(not b.path.exists() for b in deleted)


# --- the thinning policy (pure) --------------------------------------------------------------


def test_thinning_keeps_everything_of_the_last_two_hours() -> None:
    recent = [info(h) for h in (0, 0.1, 0.5, 1.0, 1.9)]
    assert thinning(recent, T0) == []


def test_thinning_keeps_the_newest_of_each_hour_for_a_day() -> None:
    # 05:50, 05:40, 05:10 (one hour) and 04:30, 04:20 (another), all 2 to 24 hours old.
    backups = [info(0)] + [info(h) for h in (3 + 1 / 6, 3 + 2 / 6, 3 + 5 / 6, 4.5, 4 + 4 / 6)]

    dropped = thinning(backups, T0)

    assert ages(dropped) == pytest.approx([3 + 2 / 6, 3 + 5 / 6, 4 + 4 / 6])


def test_thinning_keeps_the_newest_of_each_day_for_a_week_then_one_a_week() -> None:
    backups = [
        info(0),
        info(30),
        info(40),
        info(50),
        info(24 * 10),
        info(24 * 10 + 1),
        info(24 * 30),
    ]

    dropped = thinning(backups, T0)

    # 40 h and 50 h ago are both on 12 March (UTC): the newer stays. 10 days ago: one of two.
    assert ages(dropped) == pytest.approx([50, 24 * 10 + 1])


def test_thinning_never_drops_the_newest_even_when_old() -> None:
    assert thinning([info(24 * 400)], T0) == []


def test_thinning_keeps_backups_taken_before_a_change_for_a_month() -> None:
    protected = [info(h, kind) for h, kind in [
        (5, BackupKind.BEFORE_MIGRATION), (5.1, BackupKind.BEFORE_RESTORE),
        (5.2, BackupKind.BEFORE_IMPORT), (24 * 29, BackupKind.BEFORE_RESTORE),
    ]]  # fmt: skip
    expired = info(24 * 31, BackupKind.BEFORE_MIGRATION)
    same_week = info(24 * 31 + 1)
    regular = [info(0), info(5.05), info(5.15)]

    dropped = thinning([*protected, expired, same_week, *regular], T0)

    # The protected ones do not stand for their hour: 5.05 h keeps it, 5.15 h goes.
    assert ages(dropped) == pytest.approx([5.15, 24 * 31 + 1])


def test_thinning_keeps_a_backup_dated_in_the_future() -> None:
    assert thinning([info(-3), info(0)], T0) == []


# --- the scheduler and the change watcher -----------------------------------------------------


def test_a_periodic_backup_is_due_every_ten_minutes_only_while_the_store_changes() -> None:
    clock = FakeClock(T0)
    scheduler = BackupScheduler()
    assert not scheduler.due(clock.now(), changed=False)
    assert scheduler.due(clock.now(), changed=True)  # never backed up: at once
    scheduler.taken(clock.now())

    clock.advance(9 * 60 + 59)
    assert not scheduler.due(clock.now(), changed=True)
    clock.advance(1)
    assert scheduler.due(clock.now(), changed=True)
    assert not scheduler.due(clock.now(), changed=False)
    clock.advance(-3600)  # the wall clock was put back
    assert scheduler.due(clock.now(), changed=True)


def test_the_watcher_sees_commits_from_the_store_and_forgets_them_once_marked(
    store: Store,
) -> None:
    watcher = ChangeWatcher(store.path)
    try:
        assert not watcher.changed()
        create_workshop(store, "Un")
        assert watcher.changed()
        version = watcher.version()
        create_workshop(store, "Deux")  # during the backup: still a change afterwards
        watcher.mark(version)
        assert watcher.changed()
        watcher.mark(watcher.version())
        assert not watcher.changed()
        with store.read() as session:  # reading is no change
            session.connection().exec_driver_sql("SELECT count(*) FROM workshop").all()
        assert not watcher.changed()
    finally:
        watcher.close()


def test_the_watcher_can_start_dirty(store: Store) -> None:
    watcher = ChangeWatcher(store.path, changed=True)
    try:
        assert watcher.changed()
        watcher.mark(watcher.version())
        assert not watcher.changed()
    finally:
        watcher.close()


def test_closing_the_watcher_then_the_store_leaves_no_wal(store: Store) -> None:
    watcher = ChangeWatcher(store.path)
    create_workshop(store, "Atelier")
    watcher.close()
    store.close()
    assert not Path(f"{store.path}-wal").exists()


def test_modified_since_compares_the_files_with_the_newest_backup(store: Store) -> None:
    create_workshop(store, "Atelier")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert modified_since(store.path, None)
    assert modified_since(store.path, past)
    assert not modified_since(store.path, future)


# --- texts ----------------------------------------------------------------------------------


def test_texts_are_french() -> None:
    moment = dt.datetime(2024, 3, 1, 13, 5, tzinfo=dt.UTC)
    assert time_text(moment, PARIS) == "vendredi 1er\u00a0mars 2024 à 14:05"
    assert time_text(dt.datetime(2024, 12, 24, 8, 0, tzinfo=dt.UTC), PARIS) == (
        "mardi 24\u00a0décembre 2024 à 09:00"
    )
    assert size_text(850_400) == "850\u00a0ko"
    assert size_text(1_234_567) == "1,2\u00a0Mo"
    one = BackupInfo("x", Path("x"), T0, BackupKind.PERIODIC, 2_000_000, BackupContent(1, 0, None))
    many = BackupInfo("x", Path("x"), T0, BackupKind.END_OF_RUN, 500, BackupContent(3, 120, None))
    assert summary_text(one) == "1 atelier, 0 saisie · automatique · 2,0\u00a0Mo"
    assert summary_text(many) == "3 ateliers, 120 saisies · fin de déroulé · 1\u00a0ko"


def test_content_is_read_without_writing(store: Store, app_paths: AppPaths) -> None:
    made = create_backup(store.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    before = made.path.read_bytes()
    with closing(sqlite3.connect(made.path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    list_backups(app_paths.backups_dir)
    assert made.path.read_bytes() == before
