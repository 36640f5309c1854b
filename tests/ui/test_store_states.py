"""What the window shows and allows before the store opens, when it is empty, when it refuses
writes or cannot be opened at all, when the disk is full, and after a restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QMenu

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.runner import FakeClock
from capadesk.core.services.workshop_commands import CreateWorkshop, DeleteWorkshop
from capadesk.core.services.workshops import list_workshops
from capadesk.core.storage import migrate
from capadesk.core.storage.backups import BackupKind, create_backup, list_backups
from capadesk.core.storage.migrate import OpenReport, open_store
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui import application
from capadesk.ui.main_window import MainWindow
from tests.core.test_recovery import _fill_the_disk

from .fakes import FakePrompts
from .helpers import (
    attach,
    displayed_text,
    listed_titles,
    seed,
    selected_titles,
    shown_page,
    store_titles,
)
from .test_backups_dialog import FakeBackupPrompts

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
PRAGMA_PROBLEM = "le réglage SQLite synchronous vaut 0 au lieu de 2"

WRITE_ACTIONS = ("new_action", "edit_action", "duplicate_action", "delete_action")


def summary(title: str, day: dt.date | None = None) -> WorkshopSummary:
    return WorkshopSummary(
        public_id=uuid.uuid4(),
        title=title,
        place="",
        day=day,
        programme_title=None,
        updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def enabled(window: MainWindow, name: str) -> bool:
    return bool(getattr(window.workshops, name).isEnabled())


# --- before the store is attached -----------------------------------------------------------


def test_without_a_snapshot_the_list_says_it_is_opening(window: MainWindow) -> None:
    window.workshops.show_snapshot(None)

    view = window.list_view
    assert shown_page(window) == "loading"
    assert displayed_text(view.loading_label) == "Ouverture de la base…"
    for name in WRITE_ACTIONS:
        assert not enabled(window, name), name
    assert not enabled(window, "open_action")
    assert not view.new_button.isEnabled()
    assert not view.delete_button.isEnabled()


def test_a_snapshot_is_listed_read_only_until_the_store_opens(
    window: MainWindow, store: Store
) -> None:
    window.workshops.show_snapshot(None)
    rows = [summary("Atelier récent", dt.date(2026, 4, 1)), summary("Atelier ancien")]

    window.workshops.show_snapshot(rows)

    view = window.list_view
    assert shown_page(window) == "table"
    assert listed_titles(window) == ["Atelier récent", "Atelier ancien"]
    assert selected_titles(window) == ["Atelier récent"]
    assert enabled(window, "open_action")  # reading needs no store
    for name in WRITE_ACTIONS:
        assert not enabled(window, name), name

    window.operations.attach(store)
    window.workshops.store_opened()

    # The store is the truth: it holds no workshop, so the snapshot's rows go.
    assert listed_titles(window) == []
    assert shown_page(window) == "empty"
    assert enabled(window, "new_action")
    assert view.new_button.isEnabled()
    assert not enabled(window, "edit_action")


def test_store_opened_enables_the_actions_and_keeps_the_selection(
    window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier A", day=dt.date(2026, 2, 1))
    second = seed(store, "Atelier B", day=dt.date(2026, 1, 1))
    window.workshops.show_snapshot(list_workshops(store))
    window.workshops.select(second.public_id)

    window.operations.attach(store)
    window.workshops.store_opened()

    assert selected_titles(window) == ["Atelier B"]
    for name in (*WRITE_ACTIONS, "open_action"):
        assert enabled(window, name), name
    assert window.list_view.edit_button.isEnabled()


def test_an_empty_store_shows_the_empty_state(
    qtbot: QtBot, window: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    attach(qtbot, window, store)
    view = window.list_view

    assert shown_page(window) == "empty"
    assert displayed_text(view.empty_label).startswith("Aucun atelier pour l'instant.")
    assert "Ctrl+N" in displayed_text(view.empty_label)
    assert enabled(window, "new_action")
    for name in ("open_action", "edit_action", "duplicate_action", "delete_action"):
        assert not enabled(window, name), name

    prompts.answer("Premier atelier").confirm(True)
    window.workshops.new_action.trigger()
    assert shown_page(window) == "table"

    window.workshops.delete_action.trigger()
    assert shown_page(window) == "empty"


def test_commands_before_the_store_is_attached_do_nothing_and_say_so(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts
) -> None:
    with qtbot.assertNotEmitted(window.operations.changes_made):
        assert not window.operations.execute(CreateWorkshop("Trop tôt"))
    assert window.undo_stack.count() == 0
    assert prompts.errors == [
        "La base de données n'est pas encore ouverte\u00a0; rien n'a été enregistré."
    ]


# --- a store that refuses writes ------------------------------------------------------------


@pytest.fixture
def unhealthy(store: Store) -> Store:
    """The store as when a pragma check failed on one of its connections."""
    store.health.record([PRAGMA_PROBLEM])
    assert not store.writable
    return store


def test_a_read_only_store_disables_every_change(
    qtbot: QtBot, window: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    seed(store, "Atelier existant")
    store.health.record([PRAGMA_PROBLEM])

    attach(qtbot, window, store)

    assert listed_titles(window) == ["Atelier existant"]
    for name in WRITE_ACTIONS:
        assert not enabled(window, name), name
    assert enabled(window, "open_action")
    window.workshops.new_action.trigger()  # a disabled action does nothing, asks nothing
    assert prompts.fields_asked == []


def test_a_read_only_store_refuses_a_command_in_french(
    qtbot: QtBot, window: MainWindow, unhealthy: Store, prompts: FakePrompts
) -> None:
    attach(qtbot, window, unhealthy)

    with qtbot.assertNotEmitted(window.operations.changes_made):
        done = window.operations.execute(CreateWorkshop("Interdit"))

    assert not done
    assert prompts.errors == [
        "La base est ouverte en lecture seule pour protéger vos données\u00a0: "
        + PRAGMA_PROBLEM
        + "."
    ]
    assert store_titles(unhealthy) == []
    assert listed_titles(window) == []
    assert window.undo_stack.count() == 0


def test_an_undo_refused_by_the_store_is_dropped_from_the_history(
    qtbot: QtBot, window: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    workshop = seed(store, "Atelier")
    attach(qtbot, window, store)
    assert window.operations.execute(DeleteWorkshop(workshop))
    store.health.record([PRAGMA_PROBLEM])

    with qtbot.assertNotEmitted(window.operations.changes_made):
        window.undo_action.trigger()

    assert len(prompts.errors) == 1
    assert PRAGMA_PROBLEM in prompts.errors[0]
    assert store_titles(store) == []  # still deleted: nothing was changed
    assert window.undo_stack.count() == 0  # the entry cannot be replayed safely any more
    assert not window.undo_action.isEnabled()


# --- application start: opening the store ---------------------------------------------------


@pytest.fixture
def closed_after(window: MainWindow) -> Iterator[list[Store]]:
    """Stores that application._open_store handed to the window: its keeper stopped (no last
    backup) and the stores closed after the test."""
    stores: list[Store] = []
    yield stores
    if window.keeper is not None:
        window.keeper.stop()
    for store in stores:
        store.close()


def test_open_store_at_start_attaches_it_and_lists_its_workshops(
    qtbot: QtBot,
    window: MainWindow,
    app_paths: AppPaths,
    prompts: FakePrompts,
    closed_after: list[Store],
) -> None:
    first, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    seed(first, "Atelier d'hier")
    first.close()
    window.workshops.show_snapshot(None)

    application._open_store(window)

    store = window.operations.store
    assert store is not None
    closed_after.append(store)
    assert listed_titles(window) == ["Atelier d'hier"]
    assert selected_titles(window) == ["Atelier d'hier"]
    assert enabled(window, "new_action")
    assert window.banner.isHidden()
    assert prompts.errors == []


def test_the_store_opens_on_a_worker_thread_and_is_attached_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, app_paths: AppPaths, closed_after: list[Store]
) -> None:
    import threading

    opened_on: list[str] = []
    real_open_store = migrate.open_store

    def recording_open_store(db_path: Path, backups_dir: Path) -> tuple[Store, OpenReport]:
        opened_on.append(threading.current_thread().name)
        return real_open_store(db_path, backups_dir)

    opening = application._StoreOpening(window)
    attached: list[bool] = []
    opening.done.connect(
        lambda outcome: attached.append(application._attach_store(window, outcome))
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrate, "open_store", recording_open_store)
        with qtbot.waitSignal(opening.done, timeout=20_000):
            opening.start(app_paths)

    assert opened_on == ["ouverture-base"]
    assert attached == [True]
    store = window.operations.store
    assert store is not None
    closed_after.append(store)
    assert enabled(window, "new_action")


def test_a_store_from_a_newer_capadesk_is_reported_and_nothing_can_be_changed(
    qtbot: QtBot, window: MainWindow, app_paths: AppPaths, prompts: FakePrompts
) -> None:
    created, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    created.close()
    with sqlite3.connect(app_paths.db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
    connection.close()
    before = app_paths.db_path.read_bytes()
    window.show()
    window.workshops.show_snapshot(None)

    application._open_store(window)

    assert window.operations.store is None
    assert len(prompts.errors) == 1
    assert "version plus récente de CapaDesk" in prompts.errors[0]
    assert window.banner.isVisible()
    assert window.banner.text() == prompts.errors[0]
    # The body says the base is unavailable, not « Ouverture… » nor « Créez le premier… ».
    assert shown_page(window) == "loading"
    assert "n'a pas pu être ouverte" in displayed_text(window.list_view.loading_label)
    assert "version plus récente" in displayed_text(window.list_view.loading_label)
    assert not enabled(window, "new_action")
    assert app_paths.db_path.read_bytes() == before


def test_a_read_only_store_at_start_shows_the_banner(
    qtbot: QtBot,
    window: MainWindow,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    closed_after: list[Store],
) -> None:
    real_open_store = migrate.open_store

    def open_unhealthy(db_path: Path, backups_dir: Path) -> tuple[Store, OpenReport]:
        opened, report = real_open_store(db_path, backups_dir)
        opened.health.record([PRAGMA_PROBLEM])
        return opened, report

    monkeypatch.setattr(migrate, "open_store", open_unhealthy)
    window.show()

    application._open_store(window)

    assert window.operations.store is not None
    closed_after.append(window.operations.store)
    assert window.banner.isVisible()
    assert PRAGMA_PROBLEM in window.banner.text()
    assert "lecture seule" in window.banner.text()
    assert not enabled(window, "new_action")


def test_an_upgraded_store_is_reported_in_the_status_bar(
    qtbot: QtBot,
    window: MainWindow,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    closed_after: list[Store],
) -> None:
    backup = app_paths.backups_dir / "avant-migration-0000.db"

    def open_upgraded(db_path: Path, backups_dir: Path) -> tuple[Store, OpenReport]:
        opened, _report = open_store(db_path, backups_dir)
        return opened, OpenReport(upgraded_from="0000_ancienne", backup=backup)

    monkeypatch.setattr(migrate, "open_store", open_upgraded)

    application._open_store(window)

    assert window.operations.store is not None
    closed_after.append(window.operations.store)
    message = window.statusBar().currentMessage()
    assert "0000_ancienne" in message
    assert str(backup) in message
    assert window.banner.isHidden()


# --- a full disk ----------------------------------------------------------------------------


def test_a_full_disk_shows_the_error_and_records_nothing_to_undo(
    qtbot: QtBot, window: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    attach(qtbot, window, store)
    _fill_the_disk(store, full=True)
    emitted: list[object] = []
    window.operations.changes_made.connect(emitted.append)

    saved: list[str] = []
    while not prompts.errors and len(saved) < 2000:
        title = f"Atelier {len(saved):04d} " + "x" * 180
        if window.operations.execute(CreateWorkshop(title)):
            saved.append(title)

    assert prompts.errors[0].startswith("L'enregistrement a échoué, rien n'a été modifié")
    assert "le disque est plein" in prompts.errors[0]
    assert len(emitted) == len(saved)  # no change announced for the refused one
    assert window.undo_stack.count() == len(saved)  # and nothing to undo for it
    assert sorted(store_titles(store)) == sorted(saved)
    assert sorted(listed_titles(window)) == sorted(saved)

    _fill_the_disk(store, full=False)  # room again: the same action goes through
    assert window.operations.execute(CreateWorkshop("Réessayé"))
    assert window.undo_stack.count() == len(saved) + 1


# --- the banner and the backups menu ---------------------------------------------------------


def test_the_banner_keeps_one_line_per_topic(window: MainWindow) -> None:
    window.show_banner("location", "La base est sur une clé USB.")
    window.show_store_problem("Lecture seule.")
    window.show_banner("location", "La base est sur un partage réseau.")

    assert window.banner.text() == "La base est sur un partage réseau.\nLecture seule."
    window.clear_banner("location")
    assert window.banner.text() == "Lecture seule."
    window.clear_banner("store")
    assert window.banner.isHidden()


def opened_workshop(window: MainWindow) -> uuid.UUID | None:
    return window.page.workshop_id if window.page is not None else None


def test_a_restore_from_the_menu_reopens_the_store_on_the_list_without_undo_history(
    qtbot: QtBot,
    window: MainWindow,
    app_paths: AppPaths,
    prompts: FakePrompts,
    closed_after: list[Store],
) -> None:
    first, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    seed(first, "Atelier sauvegardé")
    chosen = create_backup(first.path, app_paths.backups_dir, BackupKind.MANUAL, T0)
    first.close()
    window.clock = FakeClock(T0 + dt.timedelta(hours=1))
    assert application._open_store(window)
    old = window.operations.store
    assert old is not None
    closed_after.append(old)
    prompts.answer("Atelier d'après")
    window.workshops.new_action.trigger()
    window.workshops.open_selected()
    assert opened_workshop(window) is not None
    assert window.undo_stack.count() == 1
    keeper = window.keeper
    assert keeper is not None and keeper.active

    window.backup_prompts = FakeBackupPrompts(True)
    dialog = window.backups_dialog()
    qtbot.addWidget(dialog)
    dialog.select(chosen.id)
    with qtbot.waitSignal(dialog.restored, timeout=20_000):
        dialog.restore_selected()
    dialog.pool.waitForDone()

    store = window.operations.store
    assert store is not None and store is not old
    closed_after.append(store)
    assert listed_titles(window) == ["Atelier sauvegardé"]
    assert shown_page(window) == "table"
    assert opened_workshop(window) is None  # back on the list
    assert window.undo_stack.count() == 0
    assert keeper.active and window.keeper is keeper
    assert window.banner.isHidden()
    kinds = {b.kind for b in list_backups(app_paths.backups_dir, with_content=False)}
    assert kinds == {BackupKind.MANUAL, BackupKind.BEFORE_RESTORE}


def test_the_file_menu_opens_the_backups(window: MainWindow) -> None:
    assert window.backups_action.text() == "&Sauvegardes…"
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert window.backups_action in file_menu.actions()
