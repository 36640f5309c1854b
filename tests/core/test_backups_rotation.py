"""Three workshop days on a fake clock: backups every 10 minutes while the store changes, thinned
by the policy; every kept backup opens and holds what the store held then (T-BAK-02)."""

from __future__ import annotations

import datetime as dt

from capadesk.core.runner.clock import FakeClock
from capadesk.core.storage.backup_schedule import BackupScheduler, ChangeWatcher
from capadesk.core.storage.backups import (
    DAILY_FOR,
    HOURLY_FOR,
    KEEP_ALL_FOR,
    PROTECTED_FOR,
    BackupInfo,
    BackupKind,
    create_backup,
    list_backups,
)
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.backups_support import add_captures, integrity, read_texts

DAY_ONE = dt.datetime(2024, 3, 14, 7, 0, tzinfo=dt.UTC)  # a Thursday; the workshop ends Saturday
TICK = dt.timedelta(minutes=5)


def working(moment: dt.datetime) -> bool:
    """Captures are typed 08:00–12:00 and 13:30–17:00; nothing at lunch or at night."""
    minutes = moment.hour * 60 + moment.minute
    return 8 * 60 <= minutes < 12 * 60 or 13 * 60 + 30 <= minutes < 17 * 60


def expected_kept(created: list[BackupInfo], now: dt.datetime) -> set[str]:
    """The policy as written in docs/backups.md, applied once to everything ever created."""
    kept = {max(created, key=lambda b: b.taken_at).id}
    newest_of: dict[object, BackupInfo] = {}
    for backup in created:
        age = now - backup.taken_at
        if backup.protected and age < PROTECTED_FOR:
            kept.add(backup.id)
            continue  # does not stand for its hour, day or week
        if age < KEEP_ALL_FOR:
            kept.add(backup.id)
        moment = backup.taken_at
        if age < HOURLY_FOR:
            bucket: object = ("h", moment.date(), moment.hour)
        elif age < DAILY_FOR:
            bucket = ("d", moment.date())
        else:
            bucket = ("w", moment.isocalendar()[:2])
        best = newest_of.get(bucket)
        if best is None or backup.taken_at > best.taken_at:
            newest_of[bucket] = backup
    return kept | {b.id for b in newest_of.values()}


class Workshop:
    """The app's loop: a tick every 5 minutes asks the scheduler, as the UI timer will."""

    def __init__(self, store: Store, app_paths: AppPaths, clock: FakeClock) -> None:
        self.store, self.paths, self.clock = store, app_paths, clock
        self.scheduler = BackupScheduler()
        self.watcher = ChangeWatcher(store.path)
        self.created: list[BackupInfo] = []
        self.held: dict[str, list[str]] = {}  # backup id → the captures the store held
        self.changes: list[dt.datetime] = []

    def type_capture(self) -> None:
        now = self.clock.now()
        add_captures(self.store, [f"saisie {now:%d/%m %H:%M}"])
        self.changes.append(now)

    def backup(self, kind: BackupKind) -> BackupInfo:
        version = self.watcher.version()
        now = self.clock.now()
        made = create_backup(self.store.path, self.paths.backups_dir, kind, now)
        self.watcher.mark(version)
        self.scheduler.taken(now)
        self.created.append(made)
        self.held[made.id] = read_texts(self.store.path)
        return made

    def tick(self) -> None:
        if working(self.clock.now()):
            self.type_capture()
        if self.scheduler.due(self.clock.now(), self.watcher.changed()):
            self.backup(BackupKind.PERIODIC)

    def run_until(self, end: dt.datetime) -> None:
        while self.clock.now() < end:
            self.tick()
            self.clock.advance(TICK.total_seconds())

    def kept(self) -> list[BackupInfo]:
        return list_backups(self.paths.backups_dir)


def test_three_workshop_days_keep_what_the_policy_says_and_each_backup_holds_its_moment(
    store: Store, app_paths: AppPaths
) -> None:
    clock = FakeClock(DAY_ONE)
    day = Workshop(store, app_paths, clock)
    try:
        for n in range(3):
            start = DAY_ONE + dt.timedelta(days=n)
            clock.set(start)
            day.run_until(start + dt.timedelta(hours=12))  # 07:00 → 19:00
            if n == 1:  # in the evening of day two, a partner's archive is imported
                clock.set(start + dt.timedelta(hours=13))
                day.type_capture()
                day.backup(BackupKind.BEFORE_IMPORT)
        end = clock.now()

        # Nothing is taken when nothing changed; a change waits at most one interval and a tick.
        times = [b.taken_at for b in day.created]
        for previous, current in zip([None, *times], times, strict=False):
            assert any(
                (previous is None or previous < change) and change <= current
                for change in day.changes
            ), f"backup at {current} with nothing changed since {previous}"
        for change in day.changes:
            assert any(change <= t <= change + dt.timedelta(minutes=15) for t in times)
        assert not any(
            dt.time(12, 15) <= b.taken_at.time() < dt.time(13, 30)
            or b.taken_at.time() >= dt.time(17, 15)
            for b in day.created
            if b.kind is BackupKind.PERIODIC
        )
        assert len(day.created) > 100

        kept = day.kept()
        # Thinning runs when a backup is taken: the last one was at the end of the day.
        assert {b.id for b in kept} == expected_kept(day.created, max(times))
        assert len(kept) < len(day.created) / 3
        # On day one (over 24 h ago), only its last backup stays.
        assert [b.taken_at for b in kept if b.taken_at.date() == DAY_ONE.date()] == [
            max(t for t in times if t.date() == DAY_ONE.date())
        ]
        for backup in kept:
            assert integrity(backup.path) == "ok"
            assert read_texts(backup.path) == day.held[backup.id]
        import_backup = next(b for b in day.created if b.kind is BackupKind.BEFORE_IMPORT)
        assert import_backup.id in {b.id for b in kept}

        # Ten days on: one backup a week remains of the workshop, and the import's for a month.
        clock.set(end + dt.timedelta(days=10))
        day.type_capture()
        day.backup(BackupKind.END_OF_RUN)
        kept = day.kept()
        last_of_workshop = max(t for t in times if t < end)
        assert [b.taken_at for b in kept] == [
            clock.now(),
            last_of_workshop,
            import_backup.taken_at,
        ]
        clock.set(end + dt.timedelta(days=40))
        day.type_capture()
        day.backup(BackupKind.MANUAL)
        assert [b.taken_at for b in day.kept()] == [
            clock.now(),
            end + dt.timedelta(days=10),
            last_of_workshop,
        ]
        for backup in day.kept():
            assert integrity(backup.path) == "ok"
            assert read_texts(backup.path) == day.held[backup.id]
    finally:
        day.watcher.close()
