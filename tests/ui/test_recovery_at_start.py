"""The start with a damaged, journal-less or vanished store: caught before any connection, put
to the user, the newest good backup restored off the GUI thread, or an empty store opened; the
damaged files kept where the banner says. Also the live store's location warning."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMessageBox, QWidget

from capadesk.core.errors import StoreError
from capadesk.core.runner import FakeClock
from capadesk.core.storage import restore as restore_module
from capadesk.core.storage.backups import BackupInfo, BackupKind, create_backup, list_backups
from capadesk.core.storage.location import Medium
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.recovery import DAMAGED_DIR, StartCheck, StartState
from capadesk.core.storage.restore import RestoreReport
from capadesk.paths import AppPaths
from capadesk.ui import application
from capadesk.ui.dialogs.recovery_dialog import RecoveryDialog, RecoveryPrompts
from capadesk.ui.main_window import MainWindow
from tests.core.backups_support import add_captures
from tests.core.test_corruption import flip_bytes_in_a_page
from tests.fixtures.stores import sha256

from .fakes import FakePrompts
from .helpers import displayed_text, listed_titles, seed, shown_page

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
LATER = T0 + dt.timedelta(hours=3)
WAIT_MS = 20_000
REPO_ROOT = Path(__file__).resolve().parents[2]


class FakeRecoveryPrompts(RecoveryPrompts):
    """Queued answers to « Restaurer la sauvegarde ? »; a record of what was asked and shown."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[StartCheck] = []
        self.errors: list[str] = []

    def restore_offered(self, parent: QWidget | None, check: StartCheck) -> bool:
        self.asked.append(check)
        return self.answers.pop(0) if check.offer is not None else False

    def show_error(self, parent: QWidget | None, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def closed_after(window: MainWindow) -> Iterator[MainWindow]:
    """The window; its keeper stopped (no last backup) and its store closed after the test."""
    yield window
    if window.keeper is not None:
        window.keeper.stop()
    if window.operations.store is not None:
        window.operations.store.close()


def backed_up_store(app_paths: AppPaths) -> BackupInfo:
    """A store whose « Atelier sauvegardé » is in a backup and « Atelier d'après » is not."""
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        add_captures(
            store,
            [f"saisie {n} " + "x" * 300 for n in range(60)],
            workshop_title="Atelier sauvegardé",
        )
        made = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
        seed(store, "Atelier d'après")
    finally:
        store.close()
    return made


def crash_without_the_journal(app_paths: AppPaths, tmp_path: Path) -> BackupInfo:
    """The store's files as a crash leaves them, then the -wal lost (a sync tool, a bad copy)."""
    live, _report = open_store(tmp_path / "live" / "capadesk.db", app_paths.backups_dir)
    try:
        seed(live, "Atelier sauvegardé")
        made = create_backup(live.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
        seed(live, "Atelier d'après")  # committed, in the -wal only
        for suffix in ("", "-wal", "-shm"):  # the files of a crash, copied while still open
            shutil.copyfile(f"{live.path}{suffix}", f"{app_paths.db_path}{suffix}")
    finally:
        live.close()
    Path(f"{app_paths.db_path}-wal").unlink()
    return made


def start(
    qtbot: QtBot,
    window: MainWindow,
    early: StartCheck | None,
    prompts: FakeRecoveryPrompts,
    *,
    interactive: bool = True,
) -> bool:
    """What run_application does after the first frame; whether the store was handed over."""
    starter = application.StoreStart(
        window, early, clock=FakeClock(LATER), prompts=prompts, interactive=interactive
    )
    with qtbot.waitSignal(starter.finished, timeout=WAIT_MS) as finished:
        starter.begin()
    return bool(finished.args[0])


def damaged_files(app_paths: AppPaths) -> list[Path]:
    folder = app_paths.backups_dir / DAMAGED_DIR
    return sorted(folder.iterdir()) if folder.is_dir() else []


# --- a healthy start --------------------------------------------------------------------------


def test_a_healthy_store_opens_without_a_question(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    backed_up_store(app_paths)
    prompts = FakeRecoveryPrompts()

    early = application.early_check(app_paths, LATER)
    assert early is not None and early.state is StartState.HEALTHY
    closed_after.workshops.show_snapshot(application.first_snapshot(app_paths, early))
    assert sorted(listed_titles(closed_after)) == ["Atelier d'après", "Atelier sauvegardé"]

    assert start(qtbot, closed_after, early, prompts)

    assert prompts.asked == []
    assert closed_after.banner.isHidden()
    assert closed_after.keeper is not None and closed_after.keeper.active
    assert damaged_files(app_paths) == []


# --- a journal lost: caught before the first frame --------------------------------------------


def test_a_lost_journal_is_caught_before_the_first_frame_and_the_backup_restored(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths, tmp_path: Path
) -> None:
    offered = crash_without_the_journal(app_paths, tmp_path)
    shm = sha256(Path(f"{app_paths.db_path}-shm"))
    prompts = FakeRecoveryPrompts(True)

    early = application.early_check(app_paths, LATER)

    assert early is not None and early.state is StartState.JOURNAL_LOST
    assert application.first_snapshot(app_paths, early) is None  # no connection: -shm kept
    assert shm in {sha256(p) for p in damaged_files(app_paths)}
    assert start(qtbot, closed_after, early, prompts)

    (asked,) = prompts.asked
    assert asked.message == early.message  # the first call's words, not « introuvable »
    assert asked.offer is not None and asked.offer.id == offered.id
    assert listed_titles(closed_after) == ["Atelier sauvegardé"]
    banner = displayed_text(closed_after.banner)
    assert "a été restaurée\u00a0: ce qui a été saisi après n'y figure pas." in banner
    assert str(app_paths.backups_dir / DAMAGED_DIR) in banner
    assert shm in {sha256(p) for p in damaged_files(app_paths)}  # still there, untouched
    kinds = [b.kind for b in list_backups(app_paths.backups_dir, with_content=False)]
    assert kinds == [BackupKind.PERIODIC]  # nothing to back up first: the store was set aside


# --- a damaged store: found by the worker -----------------------------------------------------


def test_a_damaged_store_is_found_on_the_worker_and_restored(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    backed_up_store(app_paths)
    flip_bytes_in_a_page(app_paths.db_path)
    damaged = sha256(app_paths.db_path)
    prompts = FakeRecoveryPrompts(True)
    early = application.early_check(app_paths, LATER)
    assert early is not None and not early.needs_attention  # the WAL check reads no page

    assert start(qtbot, closed_after, early, prompts)

    (asked,) = prompts.asked
    assert asked.state is StartState.DAMAGED
    assert "mise de côté, sans être modifiée" in asked.message
    assert listed_titles(closed_after) == ["Atelier sauvegardé"]
    assert damaged in {sha256(p) for p in damaged_files(app_paths)}
    assert closed_after.operations.store is not None
    assert closed_after.operations.store.writable
    assert "a été restaurée" in closed_after.banner.text()


def test_declining_the_backup_starts_an_empty_store_and_says_where_the_old_one_is(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    backed_up_store(app_paths)
    flip_bytes_in_a_page(app_paths.db_path)
    damaged = sha256(app_paths.db_path)
    prompts = FakeRecoveryPrompts(False)

    assert start(qtbot, closed_after, application.early_check(app_paths, LATER), prompts)

    assert len(prompts.asked) == 1
    assert listed_titles(closed_after) == []
    assert shown_page(closed_after) == "empty"
    banner = closed_after.banner.text()
    assert banner.startswith("CapaDesk a démarré avec une base vide.")
    assert f"gardée, sans modification, dans {app_paths.backups_dir / DAMAGED_DIR}." in banner
    assert "Les sauvegardes restent disponibles dans Fichier › Sauvegardes…" in banner
    assert damaged in {sha256(p) for p in damaged_files(app_paths)}
    assert len(list_backups(app_paths.backups_dir)) == 1  # the backup is still offered later


def test_without_a_backup_the_user_is_told_and_an_empty_store_opens(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        add_captures(store, [f"saisie {n} " + "x" * 300 for n in range(60)])
    finally:
        store.close()
    flip_bytes_in_a_page(app_paths.db_path)
    prompts = FakeRecoveryPrompts()  # no answer queued: there is nothing to choose

    assert start(qtbot, closed_after, application.early_check(app_paths, LATER), prompts)

    (asked,) = prompts.asked
    assert asked.offer is None
    assert "Aucune sauvegarde saine n'est disponible." in asked.message
    assert listed_titles(closed_after) == []
    assert "Les sauvegardes restent" not in closed_after.banner.text()
    assert len(damaged_files(app_paths)) >= 1


def test_a_restore_that_fails_is_shown_and_the_app_still_starts(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    backed_up_store(app_paths)
    flip_bytes_in_a_page(app_paths.db_path)
    full = "Restauration impossible\u00a0: le disque est plein. La base n'a pas été modifiée."

    def failing(db: Path, backups: Path, backup_id: str, now: dt.datetime) -> RestoreReport:
        raise StoreError(full, db)

    monkeypatch.setattr(restore_module, "restore_backup", failing)
    prompts = FakeRecoveryPrompts(True)

    assert start(qtbot, closed_after, application.early_check(app_paths, LATER), prompts)

    assert prompts.errors == [full]
    assert listed_titles(closed_after) == []
    assert closed_after.operations.store is not None  # the app works; the menu can retry
    banner = closed_after.banner.text()
    assert banner.startswith(full)
    assert "réessayez depuis Fichier › Sauvegardes…" in banner


def test_a_vanished_store_with_backups_offers_the_newest(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    offered = backed_up_store(app_paths)
    app_paths.db_path.unlink()
    prompts = FakeRecoveryPrompts(True)

    early = application.early_check(app_paths, LATER)
    assert early is not None and early.state is StartState.MISSING and early.needs_attention
    assert start(qtbot, closed_after, early, prompts)

    assert prompts.asked[0].message.startswith("La base est introuvable.")
    assert prompts.asked[0].offer is not None and prompts.asked[0].offer.id == offered.id
    assert listed_titles(closed_after) == ["Atelier sauvegardé"]


def test_an_unattended_start_never_asks(
    qtbot: QtBot, closed_after: MainWindow, app_paths: AppPaths
) -> None:
    backed_up_store(app_paths)
    flip_bytes_in_a_page(app_paths.db_path)
    prompts = FakeRecoveryPrompts()

    opened = start(
        qtbot, closed_after, application.early_check(app_paths, LATER), prompts, interactive=False
    )

    assert not opened
    assert prompts.asked == []
    assert closed_after.operations.store is None
    assert "mise de côté" in closed_after.banner.text()


# --- the dialog -------------------------------------------------------------------------------


def test_the_dialog_offers_the_backup_by_default_and_escape_starts_empty(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    offered = backed_up_store(app_paths)
    check = StartCheck(StartState.DAMAGED, "La base est endommagée.", (), offered)

    dialog = RecoveryDialog(None, check)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Base endommagée"
    assert dialog.text() == "La base est endommagée."
    assert dialog.informativeText().startswith("Restaurer cette sauvegarde\u00a0?")
    assert dialog.defaultButton() is dialog.restore_button
    assert dialog.escapeButton() is dialog.empty_button
    assert [b.text() for b in dialog.buttons()] == [
        "&Restaurer la sauvegarde",
        "Démarrer avec une base &vide",
    ]
    assert not dialog.restore_chosen()


def test_without_a_backup_the_dialog_only_tells(qtbot: QtBot) -> None:
    check = StartCheck(StartState.JOURNAL_LOST, "Journal perdu.", (), None)

    dialog = RecoveryDialog(None, check)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Base incomplète après un arrêt brutal"
    assert dialog.restore_button is None
    assert [b.text() for b in dialog.buttons()] == ["Démarrer avec une base &vide"]
    assert dialog.informativeText().startswith("CapaDesk démarre avec une base vide.")
    assert dialog.icon() is QMessageBox.Icon.Warning


# --- before the first frame -------------------------------------------------------------------


def test_the_checks_before_the_first_frame_load_none_of_the_heavy_libraries(
    app_paths: AppPaths,
) -> None:
    backed_up_store(app_paths)
    script = (
        "import sys, datetime as dt\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from capadesk import paths\n"
        "from capadesk.ui import application\n"
        "app = QApplication([])\n"
        f"app_paths = paths.resolve({str(app_paths.data_dir.parent)!r})\n"
        "early = application.early_check(app_paths, dt.datetime.now(dt.UTC))\n"
        "window = application.MainWindow(app_paths)\n"
        "window.workshops.show_snapshot(application.first_snapshot(app_paths, early))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert early.state == 'healthy' and window.workshops.model.rowCount() == 2\n"
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


# --- where the store lives --------------------------------------------------------------------


def test_a_store_on_a_removable_drive_is_warned_about_in_the_banner(
    window: MainWindow, app_paths: AppPaths, prompts: FakePrompts
) -> None:
    def on_a_usb_stick(path: Path) -> Medium:
        return Medium.REMOVABLE if path == app_paths.db_path else Medium.LOCAL

    warning = application.warn_about_location(window, on_a_usb_stick)

    assert warning is not None
    assert window.banner.text() == warning
    assert not window.banner.isHidden()
    assert "sur un disque amovible" in warning
    assert "par exemple dans " in warning  # the platform's own folder, local here
    assert prompts.errors == []  # a warning, not a refusal: the store still opens


def test_a_store_on_this_computer_s_disk_gets_no_warning(window: MainWindow) -> None:
    assert application.warn_about_location(window, lambda _path: Medium.LOCAL) is None
    assert window.banner.isHidden()
