"""« Raccourcis clavier »: built from the live actions plus the keys widgets read themselves."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QKeySequence

from capadesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog, collect_shortcuts
from capadesk.ui.main_window import MainWindow

from .helpers import type_text


def native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_panel_lists_the_menus_shortcuts_and_the_runner_keys(
    qtbot: QtBot, ready: MainWindow
) -> None:
    dialog = ShortcutsDialog(ready, [ready])
    qtbot.addWidget(dialog)
    lines = dialog.visible_lines()
    keys_of = {action: keys for _group, action, keys in lines}
    assert native("Ctrl+Q") in keys_of["Quitter"]
    assert native("Ctrl+D") in keys_of["Dupliquer"]
    assert native("F2") in keys_of["Modifier"]
    assert native("Ctrl+Y") in keys_of["Rétablir"]
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert any(undo in keys for _g, action, keys in lines if action.startswith("Annuler")), lines
    day = {(action, keys) for group, action, keys in lines if group == "Journée et minuteur"}
    assert ("Lancer, mettre en pause ou reprendre la journée", native("Space")) in day
    assert (
        "Étape suivante (aussi avec la télécommande)",
        native("Right") + ", " + native("PgDown"),
    ) in day
    assert ("Afficher la projection", native("F5")) in day
    wall = {action for group, action, _keys in lines if group == "Mur et saisie"}
    assert {"Enregistrer la carte", "Nouveau cas d'usage"} <= wall


def test_the_search_keeps_matching_lines_only(qtbot: QtBot, ready: MainWindow) -> None:
    dialog = ShortcutsDialog(ready, [ready])
    qtbot.addWidget(dialog)
    everything = len(dialog.visible_lines())
    type_text(qtbot, dialog.search, "dupli")
    assert [action for _g, action, _k in dialog.visible_lines()] == ["Dupliquer"]
    dialog.search.clear()
    assert len(dialog.visible_lines()) == everything


def test_a_key_of_the_opened_page_is_found_by_walking(qtbot: QtBot, ready: MainWindow) -> None:
    """The workshop page's tab keys are live QShortcuts: the walk finds them (its own text)."""
    assert ready.workshop_view is not None  # built on first use
    entries = collect_shortcuts([ready])
    tabs = [e for e in entries if e.keys == native("Ctrl+Shift+M")]
    assert len(tabs) == 1 and tabs[0].text
