"""« Sauvegardes »: the list, « Sauvegarder maintenant » and « Restaurer… », off the GUI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from capadesk.core.runner.clock import FakeClock
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage.backups import BackupInfo, BackupKind, create_backup, list_backups
from capadesk.core.storage.restore import RestoreReport
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.backups_dialog import BackupPrompts, BackupsDialog, restore_warning

from .helpers import click

PARIS = dt.timezone(dt.timedelta(hours=1))
T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
WAIT_MS = 20_000


class FakeBackupPrompts(BackupPrompts):
    """Queued answers to « Restaurer ? », and a record of the errors shown."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []
        self.errors: list[str] = []

    def confirm_restore(self, parent: QWidget, backup: BackupInfo, when: str) -> bool:
        self.asked.append((backup.id, when))
        return self.answers.pop(0)

    def show_error(self, parent: QWidget, message: str) -> None:
        self.errors.append(message)


def rows(dialog: BackupsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.model().index(row, column).data() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


@pytest.fixture
def prompts() -> FakeBackupPrompts:
    return FakeBackupPrompts()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0 + dt.timedelta(hours=2))


@pytest.fixture
def make_dialog(
    qtbot: QtBot, app_paths: AppPaths, prompts: FakeBackupPrompts, clock: FakeClock
) -> Iterator[Callable[[], BackupsDialog]]:
    made: list[BackupsDialog] = []

    def build() -> BackupsDialog:
        dialog = BackupsDialog(None, app_paths, clock=clock, prompts=prompts, zone=PARIS)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield build
    for dialog in made:
        dialog.pool.waitForDone()


def test_the_list_shows_local_time_content_and_kind_newest_first(
    store: Store, app_paths: AppPaths, make_dialog: Callable[[], BackupsDialog]
) -> None:
    create_workshop(store, "Toulon")
    create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    create_workshop(store, "Lyon")
    create_backup(
        store.path, app_paths.backups_dir, BackupKind.BEFORE_RESTORE, T0 + dt.timedelta(minutes=10)
    )

    dialog = make_dialog()

    assert dialog.windowTitle() == "Sauvegardes"
    assert [r[:3] for r in rows(dialog)] == [
        ["jeudi 14\u00a0mars 2024 à 10:10", "2 ateliers, 0 saisie", "avant restauration"],
        ["jeudi 14\u00a0mars 2024 à 10:00", "1 atelier, 0 saisie", "automatique"],
    ]
    assert dialog.table.isVisible() and not dialog.empty_label.isVisible()
    assert not dialog.busy.isVisible()
    assert not dialog.restore_button.isEnabled()  # nothing selected yet


def test_no_backup_yet_says_so(store: Store, make_dialog: Callable[[], BackupsDialog]) -> None:
    dialog = make_dialog()
    assert dialog.empty_label.isVisible()
    assert not dialog.table.isVisible()
    assert dialog.backup_button.isEnabled()


def test_back_up_now_runs_off_the_gui_thread_then_selects_the_new_backup(
    qtbot: QtBot, store: Store, app_paths: AppPaths, make_dialog: Callable[[], BackupsDialog]
) -> None:
    create_workshop(store, "Toulon")
    dialog = make_dialog()

    with qtbot.waitSignal(dialog.backup_made, timeout=WAIT_MS) as made:
        click(qtbot, dialog.backup_button)
        # The result comes back through the event loop: until then the dialog is busy.
        assert dialog.busy.isVisible()
        assert dialog.status.text() == "Sauvegarde en cours…"
        assert not dialog.backup_button.isEnabled()
        assert not dialog.restore_button.isEnabled()
        dialog.reject()  # closing waits for the work
        assert dialog.isVisible()

    backup = made.args[0]
    assert isinstance(backup, BackupInfo)
    assert backup.kind is BackupKind.MANUAL
    assert backup.taken_at == T0 + dt.timedelta(hours=2)
    assert [b.id for b in list_backups(app_paths.backups_dir)] == [backup.id]
    assert dialog.selected_id() == backup.id
    assert rows(dialog)[0][:3] == [
        "jeudi 14\u00a0mars 2024 à 12:00",
        "1 atelier, 0 saisie",
        "manuelle",
    ]
    assert dialog.status.text() == "Sauvegarde faite\u00a0: jeudi 14\u00a0mars 2024 à 12:00."
    assert not dialog.busy.isVisible()
    assert dialog.backup_button.isEnabled() and dialog.restore_button.isEnabled()


def test_restore_asks_first_then_restores_and_keeps_the_state_of_before(
    qtbot: QtBot,
    store: Store,
    app_paths: AppPaths,
    prompts: FakeBackupPrompts,
    make_dialog: Callable[[], BackupsDialog],
) -> None:
    create_workshop(store, "Avant")
    chosen = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    create_workshop(store, "Après")
    prompts.answers = [True]
    dialog = make_dialog()
    dialog.select(chosen.id)

    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS) as restored:
        click(qtbot, dialog.restore_button)
        assert dialog.busy.isVisible()

    assert prompts.asked == [(chosen.id, "jeudi 14\u00a0mars 2024 à 10:00")]
    report = restored.args[0]
    assert isinstance(report, RestoreReport)
    assert report.restored.id == chosen.id
    assert [w.title for w in list_workshops(store)] == ["Avant"]
    assert report.safety is not None
    assert [r[2] for r in rows(dialog)] == ["avant restauration", "automatique"]
    assert dialog.status.text() == (
        "Base remise dans son état du jeudi 14\u00a0mars 2024 à 10:00. L'état d'avant est "
        "gardé dans la sauvegarde du jeudi 14\u00a0mars 2024 à 12:00."
    )
    assert "L'état actuel de la base est d'abord sauvegardé" in restore_warning()
    assert prompts.errors == []


def test_a_cancelled_restore_changes_nothing(
    qtbot: QtBot,
    store: Store,
    app_paths: AppPaths,
    prompts: FakeBackupPrompts,
    make_dialog: Callable[[], BackupsDialog],
) -> None:
    create_workshop(store, "Avant")
    chosen = create_backup(store.path, app_paths.backups_dir, BackupKind.PERIODIC, T0)
    create_workshop(store, "Après")
    prompts.answers = [False]
    dialog = make_dialog()
    dialog.select(chosen.id)

    with qtbot.assertNotEmitted(dialog.restored):
        click(qtbot, dialog.restore_button)

    assert prompts.asked == [(chosen.id, "jeudi 14\u00a0mars 2024 à 10:00")]
    assert not dialog.busy.isVisible()
    assert sorted(w.title for w in list_workshops(store)) == ["Après", "Avant"]
    assert len(list_backups(app_paths.backups_dir)) == 1


def test_a_failed_backup_is_shown_in_french_and_the_dialog_stays_usable(
    qtbot: QtBot,
    app_paths: AppPaths,
    prompts: FakeBackupPrompts,
    make_dialog: Callable[[], BackupsDialog],
) -> None:
    dialog = make_dialog()  # no store at all

    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        click(qtbot, dialog.backup_button)

    assert failed.args[0].startswith("Sauvegarde impossible de ")
    assert prompts.errors == [failed.args[0]]
    assert dialog.status.text() == failed.args[0]
    assert dialog.backup_button.isEnabled()
    assert not dialog.busy.isVisible()
    dialog.reject()
    assert not dialog.isVisible()
