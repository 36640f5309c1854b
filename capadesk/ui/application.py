"""Starts Qt, shows the window at once, then checks and opens the store and reports what happened.

Before the first frame only the WAL is checked (file reads: a lost journal must be seen before
any SQLite connection resets ``-shm``), and the snapshot is skipped when that found damage. After
the first frame a worker thread runs the full check (``quick_check``) and opens the store. A
damaged, lost or vanished store is put to the user (``RecoveryPrompts``): restore the newest good
backup (on the worker) or start on an empty store; the damaged files are already set aside.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from capadesk import APP_ID, APP_NAME, __version__, i18n
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.errors import KnownError
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.storage.recovery import StartCheck, check_at_start
from capadesk.core.storage.snapshot import read_workshop_list
from capadesk.crashlog import CrashLog
from capadesk.i18n import _
from capadesk.logs import setup_logging
from capadesk.paths import AppPaths
from capadesk.ui.main_window import MainWindow

if TYPE_CHECKING:  # SQLAlchemy loads on the worker thread, after the first frame
    from collections.abc import Callable

    from capadesk.core.storage.location import Medium
    from capadesk.core.storage.migrate import OpenReport
    from capadesk.core.storage.restore import RestoreReport
    from capadesk.core.storage.store import Store
    from capadesk.ui.dialogs.recovery_dialog import RecoveryPrompts

OpenOutcome: TypeAlias = "tuple[Store, OpenReport] | Exception"
# What the worker hands back: the store opened (or why not), or a check the user must answer.
StartOutcome: TypeAlias = "OpenOutcome | StartCheck"
# After the answer: the store opened (or why not), and the restore's report, error or None.
Recovered: TypeAlias = "tuple[OpenOutcome, RestoreReport | KnownError | None]"


def _elapsed_ms() -> float:
    """Milliseconds since the launcher's clock (bench/ sets CAPADESK_T0), else since import."""
    start = float(os.environ.get("CAPADESK_T0") or _IMPORTED_AT)
    return (time.time() - start) * 1000


_IMPORTED_AT = time.time()


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own buttons and dialogs in the language ``i18n.install`` chose (French by default)."""
    language = i18n.current_language()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # English is Qt's source language: no catalogue to load, only the locale to set.
    if language == "en" or translator.load(f"qtbase_{language}", folder):
        QLocale.setDefault(QLocale(language))
    if not translator.isEmpty():
        app.installTranslator(translator)


def early_check(paths: AppPaths, now: dt.datetime) -> StartCheck | None:
    """The WAL check, before the first frame and before any SQLite connection (file reads).

    None when it could not run (a damaged store that cannot be moved aside): the worker's full
    check meets the problem again and reports it.
    """
    try:
        return check_at_start(paths.db_path, paths.backups_dir, now, quick_check=False)
    except KnownError:
        return None


def first_snapshot(paths: AppPaths, early: StartCheck | None) -> list[WorkshopSummary] | None:
    """The workshop list for the first frame, unless the early check found (or hit) a problem:
    the store is then about to be replaced, and its connection would reset ``-shm``."""
    if early is None or early.needs_attention:
        return None
    return read_workshop_list(paths.db_path)


def _try_open(paths: AppPaths) -> OpenOutcome:
    """Open (create, upgrade) the store: ``(store, report)``, or the exception it raised.

    Runs on a worker thread at start-up (importing SQLAlchemy and migrating take about a
    second), so it hands back what happened rather than raising across threads.
    """
    from capadesk.core.storage.migrate import open_store

    try:
        return open_store(paths.db_path, paths.backups_dir)
    except Exception as error:  # handed to the GUI thread, re-raised there
        return error


def _check_then_open(paths: AppPaths, early: StartCheck | None, now: dt.datetime) -> StartOutcome:
    """On the worker: the full start check (unless the early one already found damage), then
    open the store; a check that needs the user's answer is handed back instead."""
    check = early
    if check is None or not check.needs_attention:
        try:
            check = check_at_start(paths.db_path, paths.backups_dir, now)
        except Exception as error:  # handed to the GUI thread like open_store's
            return error
    if check.needs_attention:
        return check
    return _try_open(paths)


def _restore_then_open(paths: AppPaths, backup_id: str | None, now: dt.datetime) -> Recovered:
    """On the worker, after the user's answer: restore ``backup_id`` (None: start empty), then
    open the store. A failed restore leaves the store as it was (set aside: a new empty one
    opens), and its error goes with the outcome."""
    restored: RestoreReport | KnownError | None = None
    if backup_id is not None:
        from capadesk.core.storage.restore import restore_backup

        try:
            restored = restore_backup(paths.db_path, paths.backups_dir, backup_id, now)
        except KnownError as error:
            restored = error
    return _try_open(paths), restored


def _open_store(window: MainWindow, *, interactive: bool = True) -> bool:
    """Open the store on this thread and hand it to the window; return whether it opened."""
    return _attach_store(window, _try_open(window.app_paths), interactive=interactive)


def _attach_store(window: MainWindow, outcome: OpenOutcome, *, interactive: bool = True) -> bool:
    """Hand an opened store to the window, or show why it could not open.

    A problem the user can act on goes to the banner and, when ``interactive``, a message box;
    a bug still leaves the window saying the base is unavailable, then goes to the crash handler.
    """
    import logging  # loaded by setup_logging by now: free here, not on the start path

    log = logging.getLogger(__name__)
    paths = window.app_paths
    window.statusBar().clearMessage()
    if isinstance(outcome, KnownError):
        log.error("base inutilisable : %s", outcome.message)
        window.show_store_problem(outcome.message)
        window.list_view.show_unavailable(outcome.message)
        if interactive:
            window.prompts.show_error(window, outcome.message)
        return False
    if isinstance(outcome, Exception):
        window.list_view.show_unavailable(
            _("Erreur inattendue\u00a0: un rapport a été enregistré.")
        )
        raise outcome
    store, report = outcome
    log.info(
        "base ouverte : %s (créée : %s, mise à jour depuis : %s)",
        paths.db_path,
        report.created,
        report.upgraded_from,
    )
    window.store_ready(store)
    if report.upgraded_from:
        window.statusBar().showMessage(
            _(
                "Base mise à jour (révision {rev})\u00a0; sauvegarde préalable\u00a0: {backup}"
            ).format(rev=report.upgraded_from, backup=report.backup)
        )
    return True


class _StoreOpening(QObject):
    """Runs the start's store work on a worker thread; signals bring it back to the GUI thread.

    ``done`` carries a StartOutcome (``start``), ``recovered`` a Recovered (``resume``). The
    thread is not a daemon: quitting while a migration runs waits for it to finish rather than
    cutting it short.
    """

    done = Signal(object)
    recovered = Signal(object)

    def start(
        self, paths: AppPaths, early: StartCheck | None = None, now: dt.datetime | None = None
    ) -> None:
        """Check, then open the store (``early``: the check made before the first frame)."""
        moment = now or dt.datetime.now(dt.UTC)
        self._spawn(lambda: self.done.emit(_check_then_open(paths, early, moment)))

    def resume(self, paths: AppPaths, backup_id: str | None, now: dt.datetime) -> None:
        """After the user's answer: restore ``backup_id`` (None: start empty), then open."""
        self._spawn(lambda: self.recovered.emit(_restore_then_open(paths, backup_id, now)))

    @staticmethod
    def _spawn(work: Callable[[], None]) -> None:
        import threading

        threading.Thread(target=work, name="ouverture-base").start()


class StoreStart(QObject):
    """After the first frame: check and open the store, asking the user about a damaged one.

    Signals:
        finished(bool): the store was handed to the window (True), or could not be (False).
    """

    finished = Signal(bool)

    def __init__(
        self,
        window: MainWindow,
        early: StartCheck | None,
        *,
        clock: Clock | None = None,
        prompts: RecoveryPrompts | None = None,
        interactive: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock or window.clock
        self.prompts = prompts
        self.interactive = interactive
        self.check: StartCheck | None = None  # the one the user was asked about
        self._early = early
        self.opening = _StoreOpening(self)
        self.opening.done.connect(self._checked)
        self.opening.recovered.connect(self._recovered)

    def begin(self) -> None:
        """Start the worker; ``finished`` tells the end."""
        self.window.statusBar().showMessage(_("Ouverture de la base…"))
        self.opening.start(self.window.app_paths, self._early, self.clock.now())

    def _checked(self, outcome: StartOutcome) -> None:
        if not isinstance(outcome, StartCheck):
            self._attach(outcome)
            return
        self.check = outcome
        window = self.window
        window.show_banner("recovery", outcome.message)
        window.list_view.show_unavailable(outcome.message)
        if not self.interactive:  # unattended (measurement): never wait on a question
            self.finished.emit(False)
            return
        restore = self._prompts().restore_offered(window, outcome) and outcome.offer is not None
        backup_id = outcome.offer.id if restore and outcome.offer is not None else None
        window.statusBar().showMessage(
            _("Restauration de la sauvegarde…") if backup_id else _("Création d'une base vide…")
        )
        self.opening.resume(window.app_paths, backup_id, self.clock.now())

    def _recovered(self, result: Recovered) -> None:
        outcome, restored = result
        if isinstance(restored, KnownError):
            self._prompts().show_error(self.window, restored.message)
        assert self.check is not None
        self.window.show_banner("recovery", recovery_notice(self.check, restored))
        self._attach(outcome)

    def _attach(self, outcome: OpenOutcome) -> None:
        opened = False
        try:
            opened = _attach_store(self.window, outcome, interactive=self.interactive)
        finally:
            self.finished.emit(opened)

    def _prompts(self) -> RecoveryPrompts:
        if self.prompts is None:
            from capadesk.ui.dialogs.recovery_dialog import RecoveryPrompts

            self.prompts = RecoveryPrompts()
        return self.prompts


def recovery_notice(check: StartCheck, restored: RestoreReport | KnownError | None) -> str:
    """What the banner keeps saying after the start-up recovery: what the store now is, and
    where the old files are."""
    from capadesk.core.storage.backups import time_text
    from capadesk.ui.dialogs.recovery_dialog import menu_path

    if isinstance(restored, KnownError):
        parts = [
            restored.message,
            _("CapaDesk a démarré avec une base vide\u00a0; réessayez depuis {menu}").format(
                menu=menu_path()
            ),
        ]
    elif restored is not None:
        parts = [
            _(
                "La sauvegarde du {when} a été restaurée\u00a0: ce qui a été saisi après n'y "
                "figure pas."
            ).format(when=time_text(restored.restored.taken_at))
        ]
    else:
        parts = [_("CapaDesk a démarré avec une base vide.")]
    if check.set_aside:
        parts.append(
            _("La base d'avant est gardée, sans modification, dans {folder}.").format(
                folder=check.set_aside[0].parent
            )
        )
    if restored is None and check.offer is not None:
        parts.append(_("Les sauvegardes restent disponibles dans {menu}").format(menu=menu_path()))
    return " ".join(parts)


def _local_data_dir() -> Path:
    """The platform's own data folder (what ``paths.resolve`` gives without --home)."""
    import platformdirs

    return Path(platformdirs.PlatformDirs("CapaDesk", appauthor=False).user_data_dir)


def warn_about_location(
    window: MainWindow, detect: Callable[[Path], Medium] | None = None
) -> str | None:
    """Say in the banner when the store is on a share or a removable drive (it still opens)."""
    from capadesk.core.storage.location import location_warning, medium_of

    warning = location_warning(
        window.app_paths.db_path, _local_data_dir(), detect=detect or medium_of
    )
    if warning is not None:
        window.show_banner("location", warning)
    return warning


def _show_pending_crashes(window: MainWindow, crash_log: CrashLog) -> None:
    from capadesk.ui.dialogs.crash_dialog import CrashDialog

    for report in crash_log.pending():
        text = report.read_text(encoding="utf-8", errors="replace")
        CrashDialog(window, report, text, earlier=True).exec()
        crash_log.mark_seen(report)


def _on_crash(window: MainWindow, report: Path, details: str) -> None:
    from capadesk.ui.dialogs.crash_dialog import CrashDialog

    CrashDialog(window, report, details, earlier=False).exec()


def run_application(app_paths: AppPaths, crash_log: CrashLog, *, measure_startup: bool) -> int:
    """Run the GUI until the user quits; return the exit code."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    _install_qt_translations(app)

    clock = SystemClock()
    early = early_check(app_paths, clock.now())  # before anything connects to the store
    window = MainWindow(app_paths, clock=clock)
    window.workshops.show_snapshot(first_snapshot(app_paths, early))
    if not measure_startup:  # a modal dialog would hang an unattended measurement
        crash_log.listener = lambda report, details: _on_crash(window, report, details)
    window.show()

    start = StoreStart(window, early, interactive=not measure_startup)

    def after_first_frame() -> None:
        if measure_startup:
            print(f"shown_ms={_elapsed_ms():.1f}", flush=True)  # noqa: T201 (bench protocol)
        start.begin()
        window.shortcuts.bind()
        setup_logging(app_paths)
        warn_about_location(window)

    def store_done(opened: bool) -> None:
        if measure_startup:  # unattended: always end, with a failure code if need be
            if opened:
                print(f"ready_ms={_elapsed_ms():.1f}", flush=True)  # noqa: T201
            app.exit(0 if opened else 1)
            return
        _show_pending_crashes(window, crash_log)

    start.finished.connect(store_done)
    app.aboutToQuit.connect(window.shut_down)
    QTimer.singleShot(0, after_first_frame)
    return app.exec()
