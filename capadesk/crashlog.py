"""Crash reports: written when CapaDesk fails, shown on the next start. No Qt here.

Python exceptions that reach the top (main thread or any other) become a report file; a hard
crash (segfault, abort) is caught by ``faulthandler`` in a log that the next start turns into
a report.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from capadesk import APP_NAME, __version__

REPORT_PREFIX = "crash-"
SEEN_SUFFIX = ".vu"
FAULT_LOG = "faulthandler.log"

CrashListener = Callable[[Path, str], None]


def _environment() -> str:
    import platform  # only when a report is written: keeps the start path light

    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} ({sys.executable})",
        f"Système\u00a0: {platform.platform()}",
    ]
    qt = sys.modules.get("PySide6")
    if qt is not None:
        lines.append(f"PySide6 {getattr(qt, '__version__', '?')}")
    return "\n".join(lines)


class CrashLog:
    """Where reports go, and who is told when one is written."""

    def __init__(self, crash_dir: Path) -> None:
        self.crash_dir = crash_dir
        self.listener: CrashListener | None = None
        self._fault_file: IO[str] | None = None
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        self._previous_fault_handler = False

    def write_report(self, title: str, details: str) -> Path:
        """Write one report and return its path."""
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        moment = dt.datetime.now(dt.UTC)
        body = f"{title}\n{moment.isoformat()}\n\n{_environment()}\n\n{details}\n"
        for attempt in range(1000):  # a coarse clock can give two reports the same instant
            extra = f"-{attempt}" if attempt else ""
            path = self.crash_dir / f"{REPORT_PREFIX}{moment:%Y%m%dT%H%M%S%fZ}{extra}.txt"
            try:
                with path.open("x", encoding="utf-8") as report:
                    report.write(body)
            except FileExistsError:
                continue
            return path
        raise FileExistsError(path)

    def report_exception(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
        where: str = "",
    ) -> Path:
        """Write a report for an uncaught exception and tell the listener."""
        import logging
        import traceback

        log = logging.getLogger(__name__)
        details = "".join(traceback.format_exception(kind, value, tb))
        title = f"Erreur inattendue{f' ({where})' if where else ''}\u00a0: {kind.__name__}"
        path = self.write_report(title, details)
        log.error("%s — rapport : %s\n%s", title, path, details)
        if self.listener is not None:
            try:
                self.listener(path, details)
            except Exception:  # the crash dialog itself failed: the report is on disk anyway
                log.exception("le dialogue de plantage a échoué")
        return path

    def install(self) -> CrashLog:
        """Hook uncaught exceptions of every thread and hard crashes."""
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        self._previous_fault_handler = faulthandler.is_enabled()
        self._collect_fault_log()
        self._fault_file = (self.crash_dir / FAULT_LOG).open("w", encoding="utf-8")
        faulthandler.enable(file=self._fault_file, all_threads=True)

        def on_exception(
            kind: type[BaseException], value: BaseException, tb: TracebackType | None
        ) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, value, tb)
                return
            self.report_exception(kind, value, tb)

        def on_thread_exception(hook: threading.ExceptHookArgs) -> None:
            if hook.exc_value is None:
                return
            where = hook.thread.name if hook.thread else ""
            self.report_exception(hook.exc_type, hook.exc_value, hook.exc_traceback, where)

        sys.excepthook = on_exception
        threading.excepthook = on_thread_exception
        return self

    def uninstall(self) -> None:
        """Put back the hooks found at install (tests; clean exit)."""
        sys.excepthook, threading.excepthook = self._previous_hooks
        if self._fault_file is not None:
            faulthandler.disable()
            if self._previous_fault_handler:
                faulthandler.enable()
            self._fault_file.close()
            self._fault_file = None
            (self.crash_dir / FAULT_LOG).unlink(missing_ok=True)

    def _collect_fault_log(self) -> None:
        """A non-empty fault log means the last run died hard: turn it into a report."""
        fault_log = self.crash_dir / FAULT_LOG
        try:
            text = fault_log.read_text(encoding="utf-8", errors="replace").strip()
        except FileNotFoundError:
            return
        if text:
            self.write_report("Arrêt brutal de CapaDesk (erreur fatale)", text)
        fault_log.unlink(missing_ok=True)

    def pending(self) -> list[Path]:
        """Reports not yet shown to the user, oldest first."""
        if not self.crash_dir.is_dir():
            return []
        return sorted(
            p for p in self.crash_dir.glob(f"{REPORT_PREFIX}*.txt") if SEEN_SUFFIX not in p.name
        )

    @staticmethod
    def mark_seen(report: Path) -> Path:
        """Keep the report but stop offering it."""
        seen = report.with_name(report.stem + SEEN_SUFFIX + report.suffix)
        report.replace(seen)
        return seen
