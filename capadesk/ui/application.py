"""Starts Qt, shows the window at once, then opens the store and reports what happened."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from capadesk import APP_ID, APP_NAME, __version__
from capadesk.core.errors import KnownError
from capadesk.core.storage.snapshot import read_workshop_list
from capadesk.crashlog import CrashLog
from capadesk.i18n import _
from capadesk.logs import setup_logging
from capadesk.paths import AppPaths
from capadesk.ui.main_window import MainWindow

if TYPE_CHECKING:  # SQLAlchemy loads on the worker thread, after the first frame
    from capadesk.core.storage.migrate import OpenReport
    from capadesk.core.storage.store import Store

OpenOutcome: TypeAlias = "tuple[Store, OpenReport] | Exception"


def _elapsed_ms() -> float:
    """Milliseconds since the launcher's clock (bench/ sets CAPADESK_T0), else since import."""
    start = float(os.environ.get("CAPADESK_T0") or _IMPORTED_AT)
    return (time.time() - start) * 1000


_IMPORTED_AT = time.time()


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own buttons and dialogs in the user's language (French by default)."""
    translator = QTranslator(app)
    locale = QLocale.system() if QLocale.system().language() != QLocale.Language.C else QLocale()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder) or translator.load("qtbase_fr", folder):
        app.installTranslator(translator)


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
    window.operations.attach(store)
    window.workshops.store_opened()
    if not store.writable:
        window.show_store_problem(store.refusal().message)
    if report.upgraded_from:
        window.statusBar().showMessage(
            _(
                "Base mise à jour (révision {rev})\u00a0; sauvegarde préalable\u00a0: {backup}"
            ).format(rev=report.upgraded_from, backup=report.backup)
        )
    application = QApplication.instance()
    if application is not None:
        application.aboutToQuit.connect(store.close)
    return True


class _StoreOpening(QObject):
    """Opens the store on a worker thread; ``done`` brings the outcome back to the GUI thread.

    The thread is not a daemon: quitting while a migration runs waits for it to finish
    rather than cutting it short.
    """

    done = Signal(object)

    def start(self, paths: AppPaths) -> None:
        import threading

        threading.Thread(target=self._run, args=(paths,), name="ouverture-base").start()

    def _run(self, paths: AppPaths) -> None:
        self.done.emit(_try_open(paths))


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

    window = MainWindow(app_paths)
    window.workshops.show_snapshot(read_workshop_list(app_paths.db_path))
    if not measure_startup:  # a modal dialog would hang an unattended measurement
        crash_log.listener = lambda report, details: _on_crash(window, report, details)
    window.show()

    opening = _StoreOpening(window)

    def after_first_frame() -> None:
        if measure_startup:
            print(f"shown_ms={_elapsed_ms():.1f}", flush=True)  # noqa: T201 (bench protocol)
        window.statusBar().showMessage(_("Ouverture de la base…"))
        opening.start(app_paths)
        window.shortcuts.bind()
        setup_logging(app_paths)

    def store_opened(outcome: OpenOutcome) -> None:
        opened = False
        try:
            opened = _attach_store(window, outcome, interactive=not measure_startup)
        finally:
            if measure_startup:  # unattended: always end, with a failure code if need be
                if opened:
                    print(f"ready_ms={_elapsed_ms():.1f}", flush=True)  # noqa: T201
                app.exit(0 if opened else 1)
        if not measure_startup:
            _show_pending_crashes(window, crash_log)

    opening.done.connect(store_opened)
    QTimer.singleShot(0, after_first_frame)
    return app.exec()
