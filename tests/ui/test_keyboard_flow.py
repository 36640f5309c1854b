"""The main flow with the keyboard alone: create, open, choose a protocol, run, capture, undo,
back to the list. Only the « Nouvel atelier » form is answered by the fake prompts (its own
keys are the dialog's business)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.services import captures
from capadesk.core.services.runner import load_runner
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import press, shown_page, store_titles, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_a_workshop_from_creation_to_a_capture_with_the_keyboard_alone(
    qtbot: QtBot, ready: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    prompts.answer("Atelier clavier", "Toulon")
    press(qtbot, ready.list_view.table, Qt.Key.Key_N, CTRL)
    assert store_titles(store) == ["Atelier clavier"]

    press(qtbot, ready.list_view.table, Qt.Key.Key_O, CTRL)
    assert ready.pages.currentWidget() is ready.workshop_view
    page = ready.page
    assert page is not None and page.workshop_id is not None
    workshop_id = page.workshop_id

    view = ready.workshop_view
    choice = view.protocol_choice
    target = choice.findData("capacities-1-toulon")
    while choice.currentIndex() < target:
        press(qtbot, choice, Qt.Key.Key_Down)
    while choice.currentIndex() > target:
        press(qtbot, choice, Qt.Key.Key_Up)
    with qtbot.waitSignal(ready.operations.changes_made):
        press(qtbot, view.apply_protocol_button, Qt.Key.Key_Space)
    run = page.run
    assert run is not None

    panel = run.panel
    panel.setFocus()  # where the page puts the keyboard once the day is ready
    press(qtbot, panel, Qt.Key.Key_Space)
    assert load_runner(store, workshop_id, run._clock).state.status is RunnerStatus.RUNNING
    press(qtbot, panel, Qt.Key.Key_Right)
    assert load_runner(store, workshop_id, run._clock).state.step_index == 1

    press(qtbot, view, Qt.Key.Key_M, CTRL | SHIFT)
    assert view.tabs.currentWidget() is view.wall_tab
    assert page.capture is not None
    field = page.capture.page.bar.field
    type_text(qtbot, field, "Trop de formulaires")
    with qtbot.waitSignal(ready.operations.changes_made):
        press(qtbot, field, Qt.Key.Key_Return)
    assert [c.text for c in captures.list_captures(store, workshop_id)] == ["Trop de formulaires"]

    # In the field Ctrl+Z undoes the typing (the text editor's own); from the tabs, the card.
    press(qtbot, view.tabs.tabBar(), Qt.Key.Key_Z, CTRL)
    assert captures.list_captures(store, workshop_id) == []

    press(qtbot, view, Qt.Key.Key_Left, ALT)
    assert ready.pages.currentWidget() is ready.list_view
    assert shown_page(ready) == "table"
