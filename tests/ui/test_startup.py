"""Start-up: the snapshot before the store, pending crash reports, the real process, geometry."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSettings

from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.snapshot import read_workshop_list
from capadesk.crashlog import CrashLog
from capadesk.paths import AppPaths
from capadesk.ui import application
from capadesk.ui.dialogs.crash_dialog import CrashDialog
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import listed_titles, seed, selected_titles, shown_page

REPO_ROOT = Path(__file__).resolve().parents[2]
PENDING_REPORT = "crash-20260101T000000000000Z.txt"


def make_store_with_three_workshops(app_paths: AppPaths) -> list[str]:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        seed(store, "Atelier Écully", place="Écully", day=dt.date(2026, 3, 14))
        seed(store, "Réunion mobilité", day=dt.date(2026, 2, 1), programme="CAPACities 2022")
        seed(store, "Atelier sans date")
    finally:
        store.close()
    return ["Atelier Écully", "Réunion mobilité", "Atelier sans date"]


# --- the first frame ------------------------------------------------------------------------


def test_the_snapshot_lists_the_workshops_before_the_store_opens(
    qtbot: QtBot, app_paths: AppPaths, prompts: FakePrompts
) -> None:
    expected = make_store_with_three_workshops(app_paths)

    window = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(window)
    window.workshops.show_snapshot(read_workshop_list(app_paths.db_path))
    window.show()
    qtbot.waitExposed(window)

    assert window.operations.store is None
    assert listed_titles(window) == expected
    assert selected_titles(window) == ["Atelier Écully"]
    assert shown_page(window) == "table"
    assert window.workshops.model.index(1, 3).data() == "CAPACities 2022"
    assert not window.workshops.new_action.isEnabled()

    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        window.operations.attach(store)
        with qtbot.assertNotEmitted(window.workshops.model.modelReset):  # same rows, same order
            window.workshops.store_opened()
        assert listed_titles(window) == expected
        assert selected_titles(window) == ["Atelier Écully"]
        assert window.workshops.new_action.isEnabled()
    finally:
        store.close()


def test_without_a_store_file_the_window_waits_for_it(
    qtbot: QtBot, window: MainWindow, app_paths: AppPaths
) -> None:
    snapshot = read_workshop_list(app_paths.db_path)
    assert snapshot is None

    window.workshops.show_snapshot(snapshot)

    assert shown_page(window) == "loading"


# --- crash reports from the last run ---------------------------------------------------------


@pytest.fixture
def shown_crash_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of the crash dialogs « shown » (exec replaced: no modal loop)."""
    shown: list[str] = []

    def fake_exec(dialog: CrashDialog) -> int:
        shown.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    return shown


def test_pending_crash_reports_are_shown_then_marked_seen(
    qtbot: QtBot, window: MainWindow, app_paths: AppPaths, shown_crash_dialogs: list[str]
) -> None:
    crash_dir = app_paths.crash_dir
    crash_dir.mkdir(parents=True)
    (crash_dir / PENDING_REPORT).write_text(
        "Erreur inattendue\u00a0: boum «\u00a0é\u00a0»\n", encoding="utf-8"
    )
    (crash_dir / "crash-20260102T000000000000Z.txt").write_text("deuxième\n", encoding="utf-8")
    (crash_dir / "crash-20251231T000000000000Z.vu.txt").write_text("déjà vu\n", encoding="utf-8")
    crash_log = CrashLog(crash_dir)

    application._show_pending_crashes(window, crash_log)

    assert shown_crash_dialogs == ["Erreur inattendue : boum « é »\n", "deuxième\n"]
    assert crash_log.pending() == []
    assert sorted(p.name for p in crash_dir.iterdir()) == [
        "crash-20251231T000000000000Z.vu.txt",
        "crash-20260101T000000000000Z.vu.txt",
        "crash-20260102T000000000000Z.vu.txt",
    ]

    application._show_pending_crashes(window, crash_log)  # next start: nothing left to show
    assert len(shown_crash_dialogs) == 2


def test_a_crash_during_the_session_is_shown_at_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_crash_dialogs: list[str]
) -> None:
    application._on_crash(window, tmp_path / "crash-x.txt", "Traceback …")

    assert shown_crash_dialogs == ["Traceback …"]


# --- the real process ------------------------------------------------------------------------


def measure_startup(home: Path) -> subprocess.CompletedProcess[str]:
    """``capadesk --home HOME --measure-startup`` in a real process, offscreen."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CAPADESK_T0", None)
    return subprocess.run(
        [sys.executable, "-m", "capadesk", "--home", str(home), "--measure-startup"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.gui
def test_measure_startup_in_a_real_process(tmp_path: Path) -> None:
    home = tmp_path / "D"
    crash_dir = home / "data" / "crash"
    crash_dir.mkdir(parents=True)
    (crash_dir / PENDING_REPORT).write_text("rapport en attente\n", encoding="utf-8")
    result = measure_startup(home)

    assert result.returncode == 0, result.stderr
    figures = dict(re.findall(r"^(shown_ms|ready_ms)=(\d+(?:\.\d+)?)$", result.stdout, re.M))
    assert set(figures) == {"shown_ms", "ready_ms"}, result.stdout
    assert 0 < float(figures["shown_ms"]) <= float(figures["ready_ms"])
    assert "Traceback" not in result.stderr
    assert (home / "data" / "capadesk.db").is_file()  # the store was opened (created)
    # A measurement never waits on a modal dialog: the report stays for the next real start.
    assert [p.name for p in CrashLog(crash_dir).pending()] == [PENDING_REPORT]


def test_measure_startup_ends_with_a_failure_code_when_the_store_cannot_open(
    tmp_path: Path,
) -> None:
    """Unattended (bench, CI smoke): a store it may not open must end the run, not hang on a
    message box."""
    home = tmp_path / "D"
    (home / "data").mkdir(parents=True)
    (home / "data" / "capadesk.db").write_bytes(b"pas une base SQLite" * 100)
    result = measure_startup(home)

    assert result.returncode == 1
    assert re.search(r"^shown_ms=", result.stdout, re.M)
    assert "ready_ms" not in result.stdout


# --- geometry --------------------------------------------------------------------------------


def test_closing_the_window_saves_its_geometry(
    qtbot: QtBot, app_paths: AppPaths, prompts: FakePrompts
) -> None:
    ini = app_paths.config_dir / "interface.ini"
    first = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(640, 480)  # smaller than the offscreen screen: restored as is
    qtbot.waitUntil(lambda: first.width() == 640 and first.height() == 480)

    first.close()

    assert ini.is_file()
    saved = QSettings(str(ini), QSettings.Format.IniFormat).value("main_window/geometry")
    assert saved is not None

    second = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 480)


def test_a_first_start_uses_the_default_size(
    qtbot: QtBot, app_paths: AppPaths, prompts: FakePrompts
) -> None:
    window = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(window)

    assert (window.width(), window.height()) == (1100, 720)


def test_the_first_frame_loads_none_of_the_heavy_libraries(app_paths: AppPaths) -> None:
    """Everything up to the window on screen, in a fresh interpreter: SQLAlchemy, Alembic,
    reportlab and qrcode must wait (the startup benchmark depends on it)."""
    make_store_with_three_workshops(app_paths)
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from capadesk import paths\n"
        "from capadesk.core.storage.snapshot import read_workshop_list\n"
        "from capadesk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"app_paths = paths.resolve({str(app_paths.data_dir.parent)!r})\n"
        "window = MainWindow(app_paths)\n"
        "window.workshops.show_snapshot(read_workshop_list(app_paths.db_path))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.workshops.model.rowCount() == 3\n"
        "heavy = ('sqlalchemy', 'alembic', 'reportlab', 'qrcode')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
