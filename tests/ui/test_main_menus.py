"""Fichier's end-of-day items: present with their keys, export and share enabled only while a
workshop page is open, each opening its dialog; the blank matrices written from the menu."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.export.blank_matrices import BlankMatricesDialog
from capadesk.ui.export.dialog import ExportDialog
from capadesk.ui.handoff.dialog import HandoffDialog
from capadesk.ui.main_window import MainWindow

from .helpers import click, seed
from .test_export_dialog import FakeChoosers


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def open_workshop(window: MainWindow, title: str) -> None:
    store = window.operations.store
    assert store is not None
    workshop = seed(store, title)
    window.workshops.store_opened()
    assert window.workshops.select(workshop.public_id)
    window.workshops.open_selected()
    assert window.page is not None and window.page.workshop_id == workshop.public_id


def test_the_items_are_in_fichier_with_their_keys(ready: MainWindow) -> None:
    texts = file_menu_texts(ready)
    for text in (
        "&Exporter l'atelier…",
        "&Importer une archive…",
        "&Partager avec les participants…",
        "Imprimer les &matrices vierges…",
        "&Sauvegardes…",
        "&Quitter",
    ):
        assert text in texts
    actions = ready.end_of_day
    keys: dict[QAction, str] = {
        actions.export_action: "Ctrl+Shift+E",
        actions.import_action: "Ctrl+I",
        actions.handoff_action: "Ctrl+Shift+H",
    }
    for action, key in keys.items():
        assert action.shortcut().toString() == key


def test_export_and_share_wait_for_an_open_workshop(ready: MainWindow) -> None:
    actions = ready.end_of_day
    assert not actions.export_action.isEnabled()
    assert not actions.handoff_action.isEnabled()
    assert actions.import_action.isEnabled()
    assert actions.blank_matrices_action.isEnabled()

    open_workshop(ready, "Atelier de Brest")
    assert actions.export_action.isEnabled()
    assert actions.handoff_action.isEnabled()

    ready.workshops.show_list()
    assert not actions.export_action.isEnabled()
    assert not actions.handoff_action.isEnabled()


def test_the_items_open_their_dialogs_for_the_open_workshop(ready: MainWindow) -> None:
    open_workshop(ready, "Atelier de Brest")
    actions = ready.end_of_day

    actions.export_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, ExportDialog)
    assert ready.page is not None
    opened_id = ready.page.workshop_id
    assert (dialog.title, dialog.workshop_id) == ("Atelier de Brest", opened_id)
    dialog.close()

    actions.handoff_action.trigger()
    handoff = actions.dialog
    assert isinstance(handoff, HandoffDialog)
    assert handoff.workshop_id == opened_id
    handoff.close()


def test_blank_matrices_are_written_from_the_menu(
    qtbot: QtBot, ready: MainWindow, tmp_path: Path
) -> None:
    ready.end_of_day.choosers = FakeChoosers(target=tmp_path / "matrice")
    ready.end_of_day.blank_matrices_action.trigger()
    dialog = ready.end_of_day.dialog
    assert isinstance(dialog, BlankMatricesDialog)
    assert dialog.template_box.count() > 0
    dialog.a3.setChecked(True)

    with qtbot.waitSignal(dialog.written) as written:
        click(qtbot, dialog.save_button)

    assert written.args == [tmp_path / "matrice.pdf"]
    assert (tmp_path / "matrice.pdf").read_bytes().startswith(b"%PDF")


def test_help_lists_the_keys_and_preferences_are_in_fichier(ready: MainWindow) -> None:
    help_menu = ready.menuBar().actions()[-1].menu()
    assert isinstance(help_menu, QMenu)
    keys = {action.text(): action.shortcut().toString() for action in help_menu.actions()}
    assert keys["&Raccourcis clavier"] == "F1"
    assert "Préfére&nces…" in file_menu_texts(ready)


def test_the_saved_projection_look_applies_when_the_store_opens(
    qtbot: QtBot, window: MainWindow, app_paths: AppPaths, store: Store
) -> None:
    from capadesk import settings
    from capadesk.ui.runner import style

    settings.save(app_paths, settings.Settings(projection_theme="high-contrast"))
    try:
        window.store_ready(store)
        assert style.current_theme() is style.HIGH_CONTRAST
    finally:
        style.set_look(style.STANDARD, 1.0)
