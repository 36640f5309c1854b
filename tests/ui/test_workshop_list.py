"""The workshop list through the main window: create, edit, duplicate, delete, undo, search."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.services.workshops import list_workshops
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import (
    attach,
    click,
    displayed_text,
    listed_titles,
    press,
    seed,
    selected_ids,
    selected_titles,
    shown_page,
    store_titles,
    type_text,
    visible_titles,
)

# --- create (the acceptance point of issue 2) ------------------------------------------------


def test_new_action_creates_a_workshop_listed_and_selected(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    prompts.answer("Dessine-moi ton cas d'usage — Toulon", place="Toulon")

    with qtbot.waitSignal(ready.operations.changes_made):
        ready.workshops.new_action.trigger()

    assert listed_titles(ready) == ["Dessine-moi ton cas d'usage — Toulon"]
    assert selected_titles(ready) == ["Dessine-moi ton cas d'usage — Toulon"]
    assert shown_page(ready) == "table"
    stored = list_workshops(store)
    assert [(w.title, w.place) for w in stored] == [
        ("Dessine-moi ton cas d'usage — Toulon", "Toulon")
    ]
    assert selected_ids(ready) == [stored[0].public_id]
    assert prompts.fields_asked == [(None, [])]
    assert prompts.errors == []


def test_ctrl_n_creates_a_workshop(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier existant", day=dt.date(2026, 3, 1))
    ready.workshops.store_opened()
    prompts.answer("Atelier Ctrl+N", day=dt.date(2026, 5, 4), programme="CAPACities 2026")

    with qtbot.waitSignal(ready.operations.changes_made):
        press(qtbot, ready, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert listed_titles(ready) == ["Atelier Ctrl+N", "Atelier existant"]  # newest day first
    assert selected_titles(ready) == ["Atelier Ctrl+N"]
    created = next(w for w in list_workshops(store) if w.title == "Atelier Ctrl+N")
    assert created.day == dt.date(2026, 5, 4)
    assert created.programme_title == "CAPACities 2026"


def test_the_new_button_asks_with_the_known_programmes(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Premier", programme="CAPACities 2022")
    prompts.answer("Second")

    with qtbot.waitSignal(ready.operations.changes_made):
        click(qtbot, ready.list_view.new_button)

    assert prompts.fields_asked == [(None, ["CAPACities 2022"])]
    assert set(store_titles(store)) == {"Premier", "Second"}


def test_a_cancelled_form_creates_nothing(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    prompts.cancel()

    with qtbot.assertNotEmitted(ready.operations.changes_made):
        ready.workshops.new_action.trigger()

    assert listed_titles(ready) == []
    assert store_titles(store) == []
    assert ready.undo_stack.count() == 0


def test_a_blank_title_is_refused_in_french_and_nothing_changes(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    prompts.answer("   ")

    with qtbot.assertNotEmitted(ready.operations.changes_made):
        ready.workshops.new_action.trigger()

    assert prompts.errors == ["Le titre de l'atelier ne peut pas être vide."]
    assert store_titles(store) == []
    assert ready.undo_stack.count() == 0


# --- edit, duplicate, delete ------------------------------------------------------------------


def test_f2_edits_the_selected_workshop(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    before = seed(store, "Atelier Toulon", place="Toulon", programme="CAPACities 2022")
    attach(qtbot, window, store)
    prompts.answer("Atelier Toulon — matin", place="Toulon", programme="CAPACities 2022")

    with qtbot.waitSignal(window.operations.changes_made):
        press(qtbot, window.list_view.table, Qt.Key.Key_F2)

    assert prompts.fields_asked == [(before, ["CAPACities 2022"])]
    assert listed_titles(window) == ["Atelier Toulon — matin"]
    assert selected_titles(window) == ["Atelier Toulon — matin"]
    assert store_titles(store) == ["Atelier Toulon — matin"]


def test_edit_updates_the_row_in_place_and_undo_puts_it_back(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier A", day=dt.date(2026, 1, 2))
    seed(store, "Atelier B", day=dt.date(2026, 1, 1))
    attach(qtbot, window, store)
    window.workshops.select(list_workshops(store)[1].public_id)
    prompts.answer("Atelier B modifié", place="Lyon", day=dt.date(2026, 1, 1))

    with qtbot.waitSignal(window.workshops.model.dataChanged):  # same order: no reset
        window.workshops.edit_action.trigger()

    assert listed_titles(window) == ["Atelier A", "Atelier B modifié"]
    assert selected_titles(window) == ["Atelier B modifié"]
    assert window.workshops.model.index(1, 1).data() == "Lyon"

    window.undo_action.trigger()
    assert listed_titles(window) == ["Atelier A", "Atelier B"]
    assert selected_titles(window) == ["Atelier B"]
    assert list_workshops(store)[1].place == ""


def test_ctrl_d_duplicates_and_selects_the_copy(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier Écully")
    attach(qtbot, window, store)

    with qtbot.waitSignal(window.operations.changes_made):
        press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    assert listed_titles(window) == ["Atelier Écully", "Atelier Écully (copie)"]
    assert selected_titles(window) == ["Atelier Écully (copie)"]
    assert set(store_titles(store)) == {"Atelier Écully", "Atelier Écully (copie)"}

    window.workshops.select(list_workshops(store)[0].public_id)
    window.workshops.duplicate_action.trigger()
    assert selected_titles(window) == ["Atelier Écully (copie 2)"]


def test_delete_after_confirmation_removes_the_row(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "À garder")
    doomed = seed(store, "À supprimer")
    attach(qtbot, window, store)
    window.workshops.select(doomed.public_id)
    prompts.confirm(True)

    with qtbot.waitSignal(window.operations.changes_made):
        window.workshops.delete_action.trigger()

    assert [w.title for w in prompts.confirms_asked] == ["À supprimer"]
    assert listed_titles(window) == ["À garder"]
    assert store_titles(store) == ["À garder"]
    assert "À supprimer" not in selected_titles(window)


def test_after_a_delete_the_neighbour_is_selected_so_delete_can_be_pressed_again(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier 1", day=dt.date(2026, 3, 1))
    middle = seed(store, "Atelier 2", day=dt.date(2026, 2, 1))
    seed(store, "Atelier 3", day=dt.date(2026, 1, 1))
    attach(qtbot, window, store)
    window.workshops.select(middle.public_id)
    prompts.confirm(True)

    window.workshops.delete_action.trigger()

    assert listed_titles(window) == ["Atelier 1", "Atelier 3"]
    assert selected_titles(window) == ["Atelier 3"]
    assert window.workshops.delete_action.isEnabled()


def test_delete_key_asks_and_no_keeps_the_workshop(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier précieux")
    attach(qtbot, window, store)
    prompts.confirm(False)

    with qtbot.assertNotEmitted(window.operations.changes_made):
        press(qtbot, window.list_view.table, Qt.Key.Key_Delete)

    assert [w.title for w in prompts.confirms_asked] == ["Atelier précieux"]
    assert listed_titles(window) == ["Atelier précieux"]
    assert selected_titles(window) == ["Atelier précieux"]
    assert store_titles(store) == ["Atelier précieux"]
    assert window.undo_stack.count() == 0


def test_undo_brings_a_deleted_workshop_back_and_redo_removes_it_again(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    kept = seed(store, "Atelier B", day=dt.date(2026, 1, 1))
    deleted = seed(store, "Atelier A", day=dt.date(2026, 2, 1))
    attach(qtbot, window, store)
    window.workshops.select(deleted.public_id)
    prompts.confirm(True)
    window.workshops.delete_action.trigger()
    assert listed_titles(window) == ["Atelier B"]
    assert window.undo_action.text() == "Annuler Supprimer l'atelier «\u00a0Atelier A\u00a0»"

    window.workshops.select(kept.public_id)
    with qtbot.waitSignal(window.operations.changes_made):
        window.undo_action.trigger()

    assert listed_titles(window) == ["Atelier A", "Atelier B"]
    assert selected_ids(window) == [deleted.public_id]
    assert store_titles(store) == ["Atelier A", "Atelier B"]
    assert list_workshops(store)[0].public_id == deleted.public_id  # same workshop, same id

    with qtbot.waitSignal(window.operations.changes_made):
        window.redo_action.trigger()

    assert listed_titles(window) == ["Atelier B"]
    assert store_titles(store) == ["Atelier B"]


def test_undo_of_a_create_removes_it_and_redo_brings_the_same_one_back(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    prompts.answer("Atelier éphémère")
    ready.workshops.new_action.trigger()
    created = list_workshops(store)[0]

    with qtbot.waitSignal(ready.operations.changes_made):
        ready.undo_action.trigger()

    assert listed_titles(ready) == []
    assert store_titles(store) == []
    assert shown_page(ready) == "empty"
    assert not ready.workshops.edit_action.isEnabled()

    ready.redo_action.trigger()
    assert listed_titles(ready) == ["Atelier éphémère"]
    assert selected_ids(ready) == [created.public_id]
    assert [w.public_id for w in list_workshops(store)] == [created.public_id]


def test_undo_of_a_duplicate_removes_the_copy(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Original")
    attach(qtbot, window, store)
    window.workshops.duplicate_action.trigger()
    assert listed_titles(window) == ["Original", "Original (copie)"]

    window.undo_action.trigger()

    assert listed_titles(window) == ["Original"]
    assert store_titles(store) == ["Original"]


# --- open and back --------------------------------------------------------------------------


def test_enter_opens_the_workshop_and_escape_comes_back_with_it_selected(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier Lyon", place="Lyon", day=dt.date(2026, 6, 2), programme="CAPACities")
    second = seed(store, "Atelier Nice", day=dt.date(2026, 1, 1))
    attach(qtbot, window, store)
    window.workshops.select(second.public_id)
    window.list_view.table.setFocus()

    with qtbot.waitSignal(window.workshops.workshop_opened) as opened:
        press(qtbot, window.list_view.table, Qt.Key.Key_Return)

    assert opened.args is not None and opened.args[0].public_id == second.public_id
    assert window.pages.currentWidget() is window.workshop_view
    assert displayed_text(window.workshop_view.title_label) == "Atelier Nice"
    assert displayed_text(window.workshop_view.details_label) == "01/01/2026"
    assert window.windowTitle() == "Atelier Nice — CapaDesk"
    assert window.workshops.back_action.isEnabled()
    assert not window.workshops.open_action.isEnabled()
    assert not window.workshops.find_action.isEnabled()

    window.workshops.select(list_workshops(store)[0].public_id)  # the list moves meanwhile
    with qtbot.waitSignal(window.workshops.list_shown):
        press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)

    assert window.pages.currentWidget() is window.list_view
    assert selected_ids(window) == [second.public_id]
    assert window.windowTitle() == "CapaDesk"
    assert not window.workshops.back_action.isEnabled()


def test_open_action_and_back_button(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    seed(store, "Atelier Lyon", place="Lyon", day=dt.date(2026, 6, 2), programme="CAPACities")
    attach(qtbot, window, store)

    window.workshops.open_action.trigger()

    assert window.pages.currentWidget() is window.workshop_view
    assert displayed_text(window.workshop_view.title_label) == "Atelier Lyon"
    assert (
        displayed_text(window.workshop_view.details_label)
        == "Lyon · 02/06/2026 · programme CAPACities"
    )

    click(qtbot, window.workshop_view.back_button)

    assert window.pages.currentWidget() is window.list_view
    assert selected_titles(window) == ["Atelier Lyon"]


def test_double_click_opens_a_workshop_without_place_or_day(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier sans date")
    attach(qtbot, window, store)
    table = window.list_view.table
    index = window.workshops.proxy.index(0, 0)

    with qtbot.waitSignal(window.workshops.workshop_opened):
        table.activated.emit(index)  # what a double click or Enter sends, per platform

    assert displayed_text(window.workshop_view.title_label) == "Atelier sans date"
    assert displayed_text(window.workshop_view.details_label) == "Lieu et date à fixer"


def test_editing_the_opened_workshop_updates_its_header(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    workshop = seed(store, "Atelier Toulon")
    attach(qtbot, window, store)
    window.workshops.open_action.trigger()
    prompts.answer("Atelier Toulon — après-midi", place="Toulon")

    with qtbot.waitSignal(window.operations.changes_made):
        click(qtbot, window.workshop_view.edit_button)

    assert prompts.fields_asked[0][0] == workshop
    assert window.pages.currentWidget() is window.workshop_view
    assert displayed_text(window.workshop_view.title_label) == "Atelier Toulon — après-midi"
    assert displayed_text(window.workshop_view.details_label) == "Toulon"
    assert window.workshops.opened is not None
    assert window.workshops.opened.title == "Atelier Toulon — après-midi"

    window.undo_action.trigger()
    assert displayed_text(window.workshop_view.title_label) == "Atelier Toulon"


def test_f2_on_the_opened_workshop_edits_it(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Autre", day=dt.date(2026, 1, 1))
    opened = seed(store, "Ouvert")
    attach(qtbot, window, store)
    window.workshops.select(opened.public_id)
    window.workshops.open_action.trigger()
    prompts.answer("Ouvert et renommé")

    press(qtbot, window, Qt.Key.Key_F2)

    assert prompts.fields_asked[0][0] == opened
    assert displayed_text(window.workshop_view.title_label) == "Ouvert et renommé"
    assert set(store_titles(store)) == {"Autre", "Ouvert et renommé"}


def test_editing_the_opened_workshop_updates_the_window_title(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier Toulon")
    attach(qtbot, window, store)
    window.workshops.open_action.trigger()
    assert window.windowTitle() == "Atelier Toulon — CapaDesk"
    prompts.answer("Atelier Marseille")

    window.workshops.edit_action.trigger()

    assert window.windowTitle() == "Atelier Marseille — CapaDesk"


def test_a_workshop_cannot_be_deleted_from_its_own_page(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    """Del on the page belongs to the agenda builder; mid-day it must never offer to delete."""
    opened = seed(store, "Atelier ouvert")
    attach(qtbot, window, store)
    window.workshops.select(opened.public_id)
    window.workshops.open_action.trigger()

    assert not window.workshops.delete_action.isEnabled()
    assert not window.workshops.duplicate_action.isEnabled()
    window.workshops.back_action.trigger()
    assert window.workshops.delete_action.isEnabled()


def test_undoing_the_create_of_the_opened_workshop_goes_back_to_the_list(
    qtbot: QtBot, ready: MainWindow, prompts: FakePrompts
) -> None:
    prompts.answer("Tout neuf")
    ready.workshops.new_action.trigger()
    ready.workshops.open_action.trigger()
    assert ready.pages.currentWidget() is ready.workshop_view

    ready.undo_action.trigger()

    assert ready.pages.currentWidget() is ready.list_view
    assert shown_page(ready) == "empty"


# --- search ---------------------------------------------------------------------------------


def test_search_is_blind_to_accents_and_case(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier Écully", day=dt.date(2026, 3, 3))
    seed(store, "Réunion mobilité", place="TOULON", day=dt.date(2026, 2, 2))
    seed(store, "Atelier Lyon", programme="Été numérique", day=dt.date(2026, 1, 1))
    attach(qtbot, window, store)
    search = window.list_view.search

    type_text(qtbot, search, "ecully")
    assert visible_titles(window) == ["Atelier Écully"]

    search.setText("toulon")  # the place column counts too
    assert visible_titles(window) == ["Réunion mobilité"]

    search.setText("REUNION")
    assert visible_titles(window) == ["Réunion mobilité"]

    search.setText("ete")  # and the programme
    assert visible_titles(window) == ["Atelier Lyon"]

    search.setText("atelier  LYON")  # every word must match
    assert visible_titles(window) == ["Atelier Lyon"]

    search.setText("03/03/2026")  # the date as shown
    assert visible_titles(window) == ["Atelier Écully"]

    search.setText("introuvable")
    assert visible_titles(window) == []

    search.clear()
    assert visible_titles(window) == ["Atelier Écully", "Réunion mobilité", "Atelier Lyon"]


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    seed(store, "Atelier")
    attach(qtbot, window, store)
    window.list_view.search.setText("déjà là")
    window.list_view.table.setFocus()

    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(window.list_view.search.hasFocus)
    assert window.list_view.search.selectedText() == "déjà là"


def test_actions_follow_the_selection_through_the_search(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier Écully")
    attach(qtbot, window, store)
    assert window.workshops.edit_action.isEnabled()

    window.list_view.search.setText("rien de tel")

    assert visible_titles(window) == []
    assert window.workshops.current() is None
    assert not window.workshops.edit_action.isEnabled()
    assert not window.workshops.delete_action.isEnabled()


def test_a_new_workshop_hidden_by_the_search_clears_it(
    qtbot: QtBot, window: MainWindow, prompts: FakePrompts, store: Store
) -> None:
    seed(store, "Atelier Écully")
    attach(qtbot, window, store)
    window.list_view.search.setText("écully")
    prompts.answer("Atelier Marseille")

    window.workshops.new_action.trigger()

    assert window.list_view.search.text() == ""
    assert selected_titles(window) == ["Atelier Marseille"]
    assert set(visible_titles(window)) == {"Atelier Écully", "Atelier Marseille"}


def test_the_header_shows_a_title_that_looks_like_html_as_typed(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "<b>Atelier</b> &lt; Toulon")
    attach(qtbot, window, store)

    window.workshops.open_action.trigger()

    assert displayed_text(window.workshop_view.title_label) == "<b>Atelier</b> &lt; Toulon"
    assert window.windowTitle() == "<b>Atelier</b> &lt; Toulon — CapaDesk"
    assert visible_titles(window) == ["<b>Atelier</b> &lt; Toulon"]


def test_the_header_shows_place_and_programme_that_look_like_html_as_typed(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier", place="<i>Lyon</i>", programme="Climat &lt; 2 °C")
    attach(qtbot, window, store)

    window.workshops.open_action.trigger()

    assert (
        displayed_text(window.workshop_view.details_label)
        == "<i>Lyon</i> · programme Climat &lt; 2 °C"
    )


def test_editing_keys_in_the_search_box_stay_in_the_search_box(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    seed(store, "Atelier Écully")
    attach(qtbot, window, store)
    search = window.list_view.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    type_text(qtbot, search, "xecully")
    search.setCursorPosition(0)

    with qtbot.assertNotEmitted(window.operations.changes_made):
        press(qtbot, search, Qt.Key.Key_Delete)  # no « Supprimer l'atelier ? » (none queued)

    assert search.text() == "ecully"
    assert visible_titles(window) == ["Atelier Écully"]
    assert store_titles(store) == ["Atelier Écully"]
