"""Backs the store up during the day, off the GUI thread.

Every minute (``interval_ms``) it asks ``BackupScheduler`` whether a periodic backup is due (the
store changed, per ``ChangeWatcher``, and the last backup is 10 minutes old); when a run reaches
« terminé » it takes an end-of-run backup; at quit, a last one if anything changed since. The
copies run on a one-thread pool; the GUI thread only decides and records.

Signals:
    backup_made(BackupInfo): a backup was taken and checked.
    failed(str): a backup failed (French message). Nothing is marked, so the next check tries
        again; older backups are untouched.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.errors import KnownError
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.services.changes import Changes
from capadesk.core.storage.backup_schedule import BackupScheduler, ChangeWatcher, modified_since
from capadesk.core.storage.backups import BackupInfo, BackupKind, create_backup, list_backups
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.paths import AppPaths

CHECK_MS = 60_000
_log = logging.getLogger(__name__)


class _JobSignals(QObject):
    done = Signal()


class _Job(QRunnable):
    """One backup on the pool; its outcome (BackupInfo or the exception) stays on the job."""

    def __init__(
        self, work: Callable[[], BackupInfo], watcher: ChangeWatcher, version: int
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the keeper reads ``outcome`` after the pool is done with it
        self._work = work
        self.watcher, self.version = watcher, version  # what to mark once the copy is safe
        self.signals = _JobSignals()
        self.outcome: BackupInfo | Exception | None = None

    def run(self) -> None:
        try:
            self.outcome = self._work()
        except Exception as error:  # handed to the GUI thread, re-raised there if a bug
            self.outcome = error
        self.signals.done.emit()


class BackupKeeper(QObject):
    """See module docstring. ``start`` once the store is open; ``close`` at quit, before the
    store closes; ``stop`` before the store is replaced (a restore)."""

    backup_made = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        app_paths: AppPaths,
        *,
        clock: Clock | None = None,
        interval_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app_paths = app_paths
        self.clock = clock or SystemClock()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.scheduler = BackupScheduler()
        self._store: Store | None = None
        self._watcher: ChangeWatcher | None = None
        self._job: _Job | None = None
        self._queued: BackupKind | None = None
        self._finished: set[uuid.UUID] = set()

    @property
    def active(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._watcher is not None

    @property
    def busy(self) -> bool:
        """True while a backup runs on the pool."""
        return self._job is not None

    # --- life -------------------------------------------------------------------------------

    def start(self, store: Store) -> None:
        """Watch ``store`` (just opened) and check every interval.

        The newest backup on disk is the last one; a store written after it is due for one.
        """
        self.stop()
        paths = self.app_paths
        backups = list_backups(paths.backups_dir, with_content=False)
        last = backups[0].taken_at if backups else None
        self.scheduler = BackupScheduler(last)
        try:
            self._watcher = ChangeWatcher(
                paths.db_path, changed=modified_since(paths.db_path, last)
            )
        except sqlite3.Error as error:
            self.failed.emit(_failure_text(error))
            return
        self._store = store
        self._finished = set()
        self.timer.start()

    def pause(self) -> None:
        """No periodic check until ``resume`` (while « Sauvegardes » is open)."""
        self.timer.stop()

    def resume(self) -> None:
        """Check again every interval (if still watching)."""
        if self.active:
            self.timer.start()

    def stop(self) -> None:
        """Stop checking and watching; waits for a backup under way. No last backup."""
        self.timer.stop()
        self._queued = None
        self._settle_running()
        if self._watcher is not None:
            self._watcher.close()
        self._watcher = None
        self._store = None

    def close(self) -> None:
        """At quit, before the store closes: a last backup if the store changed, then stop.

        It runs on the calling thread: the window is going away and nothing else waits.
        """
        watcher = self._watcher
        if watcher is None:
            return
        self.timer.stop()
        self._settle_running()
        kind, self._queued = self._queued, None
        try:
            if kind is not None or watcher.changed():
                paths = self.app_paths
                info = create_backup(
                    paths.db_path, paths.backups_dir, kind or BackupKind.PERIODIC, self.clock.now()
                )
                self.scheduler.taken(info.taken_at)
                self.backup_made.emit(info)
        except (KnownError, sqlite3.Error) as error:
            # The store itself is intact and closes normally; only this copy is missing.
            _log.warning("dernière sauvegarde impossible : %s", error)
        self.stop()

    # --- when -------------------------------------------------------------------------------

    def check(self) -> None:
        """The timer's tick: start a periodic backup when one is due (tests call it directly)."""
        if self._watcher is None or self.busy:
            return
        try:
            changed = self._watcher.changed()
        except sqlite3.Error as error:
            self.failed.emit(_failure_text(error))
            return
        if self.scheduler.due(self.clock.now(), changed):
            self.back_up(BackupKind.PERIODIC)

    def on_changes(self, changes: Changes) -> None:
        """After runner transitions: an end-of-run backup when a run has just finished."""
        store = self._store
        if store is None or not changes.runners:
            return
        from capadesk.core.services.runner import load_runner

        ended = False
        for workshop_id in changes.runners:
            try:
                status = load_runner(store, workshop_id, self.clock).state.status
            except KnownError:  # no steps, or the workshop is gone
                continue
            if status != RunnerStatus.FINISHED:
                self._finished.discard(workshop_id)  # a day started afresh may end again
            elif workshop_id not in self._finished:
                self._finished.add(workshop_id)
                ended = True
        if ended:
            self.back_up(BackupKind.END_OF_RUN)

    def taken(self, info: BackupInfo) -> None:
        """A backup taken elsewhere (« Sauvegarder maintenant »): the 10 minutes start again.

        The watcher is not marked: commits made while that copy ran might not be in it.
        """
        self.scheduler.taken(info.taken_at)

    # --- the work ---------------------------------------------------------------------------

    def back_up(self, kind: BackupKind) -> bool:
        """Start a backup of ``kind`` on the pool, or after the one under way. False when the
        keeper is not watching a store."""
        watcher = self._watcher
        if watcher is None:
            return False
        if self._job is not None:
            if self._queued is None or kind is not BackupKind.PERIODIC:
                self._queued = kind  # an end-of-run backup is never dropped for a periodic one
            return True
        try:
            version = watcher.version()  # before the copy: commits made during it still count
        except sqlite3.Error as error:
            self.failed.emit(_failure_text(error))
            return False
        paths, now = self.app_paths, self.clock.now()
        job = _Job(
            lambda: create_backup(paths.db_path, paths.backups_dir, kind, now), watcher, version
        )
        job.signals.done.connect(lambda: self._job_done(job))
        self._job = job
        self.pool.start(job)
        return True

    def _job_done(self, job: _Job) -> None:
        if self._job is not job:  # already settled by stop() or close()
            return
        self._settle(job)
        queued, self._queued = self._queued, None
        if queued is BackupKind.PERIODIC:
            self.check()
        elif queued is not None:
            self.back_up(queued)

    def _settle_running(self) -> None:
        """Wait for the backup under way and record its outcome now."""
        self.pool.waitForDone()
        job = self._job
        if job is not None:
            self._settle(job)

    def _settle(self, job: _Job) -> None:
        self._job = None
        job.signals.deleteLater()
        outcome = job.outcome
        if isinstance(outcome, KnownError):
            self.failed.emit(outcome.message)
            return
        if isinstance(outcome, Exception):
            raise outcome
        assert outcome is not None
        if job.watcher is self._watcher:  # not a watcher closed since (store reopened)
            job.watcher.mark(job.version)
        self.scheduler.taken(outcome.taken_at)
        self.backup_made.emit(outcome)


def _failure_text(error: sqlite3.Error) -> str:
    return _("Sauvegardes automatiques impossibles\u00a0: {error}").format(error=error)
