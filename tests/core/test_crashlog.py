"""Crash reports: uncaught exceptions and hard crashes become reports shown on the next start."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from capadesk import __version__
from capadesk.crashlog import FAULT_LOG, CrashLog

REPO_ROOT = Path(__file__).resolve().parents[2]


class Listener:
    """Records what the crash dialog would be shown."""

    def __init__(self) -> None:
        self.calls: list[tuple[Path, str]] = []

    def __call__(self, report: Path, details: str) -> None:
        self.calls.append((report, details))


@pytest.fixture
def crash_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "crash"


@pytest.fixture
def crash_log(crash_dir: Path) -> Iterator[CrashLog]:
    """A CrashLog that the test may install; uninstalled, and pytest's own hooks put back, after."""
    saved_hooks = (sys.excepthook, threading.excepthook)
    fault_handler_was_on = faulthandler.is_enabled()
    log = CrashLog(crash_dir)
    try:
        yield log
    finally:
        log.uninstall()
        sys.excepthook, threading.excepthook = saved_hooks
        if fault_handler_was_on and not faulthandler.is_enabled() and sys.__stderr__:
            faulthandler.enable(file=sys.__stderr__, all_threads=True)


def _raise_and_hook(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        sys.excepthook(*sys.exc_info())


def test_an_uncaught_exception_writes_a_report_and_tells_the_listener(
    crash_log: CrashLog, crash_dir: Path
) -> None:
    listener = Listener()
    crash_log.listener = listener
    crash_log.install()

    _raise_and_hook("boum «\u00a0é\u00a0» 45 €")

    (report,) = crash_log.pending()
    assert report.parent == crash_dir
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Erreur inattendue\u00a0: ValueError\n")
    assert f"CapaDesk {__version__}" in text
    assert "ValueError: boum «\u00a0é\u00a0» 45 €" in text
    assert "_raise_and_hook" in text  # the traceback is there
    assert len(listener.calls) == 1
    called_with, details = listener.calls[0]
    assert called_with == report
    assert "ValueError: boum «\u00a0é\u00a0» 45 €" in details


def test_an_exception_in_another_thread_is_reported_with_its_name(crash_log: CrashLog) -> None:
    listener = Listener()
    crash_log.listener = listener
    crash_log.install()

    def fail() -> None:
        raise RuntimeError("dans le fil")

    worker = threading.Thread(target=fail, name="export-pdf")
    worker.start()
    worker.join()

    (report,) = crash_log.pending()
    assert report.read_text(encoding="utf-8").startswith(
        "Erreur inattendue (export-pdf)\u00a0: RuntimeError"
    )
    assert [r for r, _d in listener.calls] == [report]


def test_keyboard_interrupt_is_not_a_crash(
    crash_log: CrashLog, capsys: pytest.CaptureFixture[str]
) -> None:
    listener = Listener()
    crash_log.listener = listener
    crash_log.install()

    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())

    assert crash_log.pending() == []
    assert listener.calls == []
    assert "KeyboardInterrupt" in capsys.readouterr().err


def test_a_failing_listener_does_not_lose_the_report(crash_log: CrashLog) -> None:
    def broken(report: Path, details: str) -> None:
        raise RuntimeError("le dialogue a planté")

    crash_log.listener = broken
    crash_log.install()

    _raise_and_hook("première erreur")

    assert len(crash_log.pending()) == 1


def test_a_leftover_fault_log_becomes_a_report_at_install(
    crash_log: CrashLog, crash_dir: Path
) -> None:
    crash_dir.mkdir(parents=True)
    (crash_dir / FAULT_LOG).write_text(
        'Fatal Python error: Segmentation fault\n\nCurrent thread 0x0001:\n  File "x.py"\n',
        encoding="utf-8",
    )

    crash_log.install()

    (report,) = crash_log.pending()
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Arrêt brutal de CapaDesk (erreur fatale)\n")
    assert "Fatal Python error: Segmentation fault" in text
    assert (crash_dir / FAULT_LOG).read_text(encoding="utf-8") == ""  # a fresh log for this run


def test_an_empty_fault_log_is_no_crash(crash_log: CrashLog, crash_dir: Path) -> None:
    crash_dir.mkdir(parents=True)
    (crash_dir / FAULT_LOG).write_text("  \n", encoding="utf-8")

    crash_log.install()

    assert crash_log.pending() == []


def test_a_real_hard_crash_is_reported_on_the_next_start(
    crash_log: CrashLog, crash_dir: Path
) -> None:
    crashing = (
        "import faulthandler, sys\n"
        "from pathlib import Path\n"
        "try:\n"
        "    import resource\n"
        "    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file\n"
        "except ImportError:\n"
        "    pass\n"
        "from capadesk.crashlog import CrashLog\n"
        f"CrashLog(Path({str(crash_dir)!r})).install()\n"
        "faulthandler._sigabrt()\n"
    )
    died = subprocess.run(
        [sys.executable, "-c", crashing],
        cwd=crash_dir.parent.parent,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert died.returncode != 0
    assert (crash_dir / FAULT_LOG).stat().st_size > 0

    crash_log.install()  # the next start

    (report,) = crash_log.pending()
    assert "Fatal Python error" in report.read_text(encoding="utf-8")


def test_mark_seen_hides_a_report_but_keeps_it(crash_log: CrashLog) -> None:
    crash_log.install()
    _raise_and_hook("vue")
    (report,) = crash_log.pending()

    seen = CrashLog.mark_seen(report)

    assert crash_log.pending() == []
    assert not report.exists()
    assert seen.is_file()
    assert seen.name == report.stem + ".vu.txt"
    assert "ValueError: vue" in seen.read_text(encoding="utf-8")


def test_pending_lists_oldest_first_and_nothing_without_a_dir(
    crash_log: CrashLog, crash_dir: Path
) -> None:
    assert crash_log.pending() == []
    assert not crash_dir.exists()

    first = crash_log.write_report("Un", "détails 1")
    second = crash_log.write_report("Deux", "détails 2")
    (crash_dir / "notes.txt").write_text("pas un rapport", encoding="utf-8")

    assert crash_log.pending() == [first, second]


def test_uninstall_takes_the_hooks_out_and_removes_the_empty_log(
    crash_log: CrashLog, crash_dir: Path
) -> None:
    before = (sys.excepthook, threading.excepthook)
    crash_log.install()
    installed = (sys.excepthook, threading.excepthook)
    assert installed[0] not in (before[0], sys.__excepthook__)
    assert installed[1] not in (before[1], threading.__excepthook__)
    assert faulthandler.is_enabled()
    assert (crash_dir / FAULT_LOG).exists()

    crash_log.uninstall()

    # Either the defaults or whatever was there before install: never CrashLog's any more.
    assert sys.excepthook in (before[0], sys.__excepthook__)
    assert threading.excepthook in (before[1], threading.__excepthook__)
    assert not (crash_dir / FAULT_LOG).exists()
