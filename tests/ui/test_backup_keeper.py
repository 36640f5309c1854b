"""The backups' keeper: periodic backups only when the store changed and 10 minutes passed, one
at the end of a run, a last one at quit; copies on the pool, failures said and tried again."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import FakeClock, Runner
from capadesk.core.services.changes import Changes
from capadesk.core.services.runner import act
from capadesk.core.storage import backup as backup_module
from capadesk.core.storage.backups import BackupInfo, BackupKind, list_backups
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.backup_keeper import CHECK_MS, BackupKeeper
from capadesk.ui.main_window import MainWindow
from tests.core.backups_support import read_titles
from tests.core.runner_support import workshop_with

from .helpers import seed

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
WAIT_MS = 20_000


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def keeper(
    qtbot: QtBot, app_paths: AppPaths, store: Store, clock: FakeClock
) -> Iterator[BackupKeeper]:
    """Watching the (new, empty) ``store``; stopped before the store closes."""
    made = BackupKeeper(app_paths, clock=clock)
    made.start(store)
    yield made
    made.stop()


def kinds(app_paths: AppPaths) -> list[BackupKind]:
    """The backups on disk, newest first."""
    return [b.kind for b in list_backups(app_paths.backups_dir, with_content=False)]


def check_and_wait(qtbot: QtBot, keeper: BackupKeeper) -> BackupInfo:
    """A check that must start a backup; the backup once it is made."""
    with qtbot.waitSignal(keeper.backup_made, timeout=WAIT_MS) as made:
        keeper.check()
    info = made.args[0]
    assert isinstance(info, BackupInfo)
    return info


def check_takes_nothing(keeper: BackupKeeper) -> None:
    keeper.check()
    assert not keeper.busy


def later(clock: FakeClock, minutes: float) -> None:
    clock.advance(minutes * 60)


# --- periodic ---------------------------------------------------------------------------------


def test_the_check_runs_every_minute_and_backs_up_a_store_never_backed_up(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths
) -> None:
    assert keeper.timer.interval() == CHECK_MS
    assert keeper.timer.isActive()

    first = check_and_wait(qtbot, keeper)

    assert first.kind is BackupKind.PERIODIC
    assert first.taken_at == T0
    assert kinds(app_paths) == [BackupKind.PERIODIC]
    assert keeper.scheduler.last_backup == T0


def test_the_timer_s_interval_is_injectable(
    qtbot: QtBot, app_paths: AppPaths, store: Store, clock: FakeClock
) -> None:
    fast = BackupKeeper(app_paths, clock=clock, interval_ms=5)
    try:
        with qtbot.waitSignal(fast.backup_made, timeout=WAIT_MS):
            fast.start(store)  # no check() called: the timer does it
    finally:
        fast.stop()
    assert kinds(app_paths) == [BackupKind.PERIODIC]


def test_nothing_is_taken_while_nothing_changes(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths, clock: FakeClock
) -> None:
    check_and_wait(qtbot, keeper)

    for _hour in range(3):
        later(clock, 60)
        check_takes_nothing(keeper)

    assert len(kinds(app_paths)) == 1


def test_a_change_is_backed_up_once_ten_minutes_passed(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths, store: Store, clock: FakeClock
) -> None:
    check_and_wait(qtbot, keeper)
    seed(store, "Atelier du matin")

    later(clock, 9)
    check_takes_nothing(keeper)
    later(clock, 1)
    second = check_and_wait(qtbot, keeper)

    assert second.taken_at == T0 + dt.timedelta(minutes=10)
    assert read_titles(second.path) == ["Atelier du matin"]
    later(clock, 10)
    check_takes_nothing(keeper)  # marked: nothing new since


def test_a_store_written_after_its_newest_backup_is_due_at_once(
    qtbot: QtBot, app_paths: AppPaths, store: Store, clock: FakeClock
) -> None:
    first = BackupKeeper(app_paths, clock=clock)
    first.start(store)
    check_and_wait(qtbot, first)
    first.stop()
    later(clock, 30)
    seed(store, "Écrit sans keeper")  # as by `capadesk` run before, or a crash before the backup

    again = BackupKeeper(app_paths, clock=clock)
    again.start(store)
    try:
        assert again.scheduler.last_backup == T0
        made = check_and_wait(qtbot, again)
    finally:
        again.stop()
    assert read_titles(made.path) == ["Écrit sans keeper"]


def test_a_failed_backup_is_said_and_tried_again_at_the_next_check(
    qtbot: QtBot,
    keeper: BackupKeeper,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
) -> None:
    def full_disk(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy_pages", full_disk)
    with qtbot.waitSignal(keeper.failed, timeout=WAIT_MS) as failed:
        keeper.check()
    assert "le disque est plein" in failed.args[0]
    assert kinds(app_paths) == []
    assert keeper.scheduler.last_backup is None

    monkeypatch.undo()
    later(clock, 1)
    made = check_and_wait(qtbot, keeper)  # not 10 minutes: nothing was taken
    assert made.taken_at == T0 + dt.timedelta(minutes=1)


def test_a_backup_from_the_dialog_starts_the_ten_minutes_again(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths, store: Store, clock: FakeClock
) -> None:
    check_and_wait(qtbot, keeper)
    seed(store, "Atelier")
    later(clock, 8)
    manual = BackupInfo("x", Path("x.db"), clock.now(), BackupKind.MANUAL, 1, None)

    keeper.taken(manual)
    later(clock, 5)
    check_takes_nothing(keeper)
    later(clock, 5)
    check_and_wait(qtbot, keeper)  # the watcher was not marked: the change still counts


# --- end of a run -----------------------------------------------------------------------------


def test_the_end_of_a_run_is_backed_up_once(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths, store: Store, clock: FakeClock
) -> None:
    workshop_id = workshop_with(store, "capacities-1-toulon")
    runner, changes = act(store, workshop_id, clock, Runner.start)
    while True:
        keeper.on_changes(changes)
        assert not keeper.busy  # not over yet
        runner, changes = act(store, workshop_id, clock, Runner.next)
        if runner.state.status == RunnerStatus.FINISHED:
            break

    with qtbot.waitSignal(keeper.backup_made, timeout=WAIT_MS) as made:
        keeper.on_changes(changes)

    assert made.args[0].kind is BackupKind.END_OF_RUN
    keeper.on_changes(changes)  # the same end reported again (two hooks): no second backup
    keeper.on_changes(Changes(workshops=frozenset({workshop_id})))
    assert not keeper.busy
    assert kinds(app_paths) == [BackupKind.END_OF_RUN]


def test_an_end_of_run_during_a_periodic_backup_is_taken_after_it(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths
) -> None:
    made: list[BackupKind] = []
    keeper.backup_made.connect(lambda info: made.append(info.kind))

    assert keeper.back_up(BackupKind.PERIODIC)
    assert keeper.back_up(BackupKind.END_OF_RUN)  # queued behind the one under way
    assert keeper.back_up(BackupKind.PERIODIC)  # never replaces a queued end of run
    qtbot.waitUntil(lambda: len(made) == 2, timeout=WAIT_MS)

    assert made == [BackupKind.PERIODIC, BackupKind.END_OF_RUN]
    assert sorted(kinds(app_paths)) == sorted(made)
    assert not keeper.busy


def test_the_window_hands_the_run_panel_s_transitions_to_the_keeper(
    qtbot: QtBot, window: MainWindow, store: Store, app_paths: AppPaths
) -> None:
    workshop_id = workshop_with(store, "capacities-1-toulon", "Toulon")
    window.store_ready(store)
    keeper = window.keeper
    assert keeper is not None
    try:
        window.workshops.select(workshop_id)
        window.workshops.open_selected()
        page = window.page
        assert page is not None and page.run is not None
        run = page.run
        assert run.perform(Runner.start)

        ended: list[BackupInfo] = []
        keeper.backup_made.connect(ended.append)
        while run.screen is not None and run.screen.status != RunnerStatus.FINISHED:
            assert run.perform(Runner.next)
        qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)

        assert [b.kind for b in ended] == [BackupKind.END_OF_RUN]
    finally:
        window.workshops.show_list()
        keeper.stop()


# --- quitting ---------------------------------------------------------------------------------


def test_quitting_backs_up_only_what_changed_then_closes_the_watcher(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths, store: Store
) -> None:
    check_and_wait(qtbot, keeper)
    keeper.close()  # nothing changed since

    assert len(kinds(app_paths)) == 1
    assert not keeper.active
    assert not keeper.timer.isActive()

    keeper.start(store)
    seed(store, "Dernière saisie")
    with qtbot.waitSignal(keeper.backup_made, timeout=WAIT_MS) as made:
        keeper.close()  # on this thread: signalled before it returns
    assert read_titles(made.args[0].path) == ["Dernière saisie"]
    assert len(kinds(app_paths)) == 2


def test_quitting_waits_for_the_backup_under_way_and_does_not_repeat_it(
    qtbot: QtBot, keeper: BackupKeeper, app_paths: AppPaths
) -> None:
    made: list[BackupInfo] = []
    keeper.backup_made.connect(made.append)
    assert keeper.back_up(BackupKind.PERIODIC)

    keeper.close()

    assert [b.kind for b in made] == [BackupKind.PERIODIC]
    assert kinds(app_paths) == [BackupKind.PERIODIC]
    QApplication.processEvents()  # the job's late signal, if any, changes nothing
    assert len(made) == 1


def test_the_window_closes_the_watcher_before_the_store_so_the_wal_is_checkpointed(
    qtbot: QtBot, window: MainWindow, store: Store, app_paths: AppPaths
) -> None:
    window.store_ready(store)
    seed(store, "Saisi avant de quitter")
    wal = Path(f"{store.path}-wal")
    assert wal.exists()

    window.shut_down()

    assert window.keeper is not None and not window.keeper.active
    assert [b.kind for b in list_backups(app_paths.backups_dir)] == [BackupKind.PERIODIC]
    assert not wal.exists()  # the store's connection was the last: it checkpointed
