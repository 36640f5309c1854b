"""Small readers and writers shared by the UI tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from pytestqt.qtbot import QtBot

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.services import workshops
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.models.workshop_list_model import ID_ROLE


def seed(
    store: Store,
    title: str,
    *,
    place: str = "",
    day: dt.date | None = None,
    programme: str | None = None,
) -> WorkshopSummary:
    """Create a workshop straight through the service (test set-up, not under test)."""
    summary, _changes = workshops.create_workshop(
        store, title, place=place, day=day, programme=programme
    )
    return summary


def listed_titles(window: MainWindow) -> list[str]:
    """Every title in the list model, in list order (search ignored)."""
    model = window.workshops.model
    return [model.workshop_at(row).title for row in range(model.rowCount())]


def visible_titles(window: MainWindow) -> list[str]:
    """The titles the table shows through the search filter."""
    proxy = window.workshops.proxy
    return [str(proxy.index(row, 0).data()) for row in range(proxy.rowCount())]


def selected_titles(window: MainWindow) -> list[str]:
    """Titles of the selected rows of the table (the list page's selection)."""
    rows = window.list_view.table.selectionModel().selectedRows(0)
    return [str(index.data(Qt.ItemDataRole.DisplayRole)) for index in rows]


def selected_ids(window: MainWindow) -> list[object]:
    """Public ids of the selected rows."""
    rows = window.list_view.table.selectionModel().selectedRows(0)
    return [index.data(ID_ROLE) for index in rows]


def shown_page(window: MainWindow) -> str:
    """Which body the list page shows: « table », « empty » or « loading »."""
    view = window.list_view
    pages = {
        "table": view.table,
        "empty": view.empty_label,
        "loading": view.loading_label,
    }
    shown = [name for name, widget in pages.items() if widget.isVisibleTo(view)]
    assert len(shown) == 1, shown
    return shown[0]


def displayed_text(label: QLabel) -> str:
    """The text a label puts on screen: its rich text rendered to plain text, or the text as is."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return " ".join(document.toPlainText().split())


def store_titles(store: Store) -> list[str]:
    """What the store lists, through the service the UI reads with."""
    return [w.title for w in workshops.list_workshops(store)]


def is_active(widget: QWidget) -> bool:
    """True once ``widget``'s window has keyboard focus (shortcuts are then delivered)."""
    return QApplication.activeWindow() is widget.window()


def show_and_activate(qtbot: QtBot, main_window: MainWindow) -> None:
    """Show the window and wait until it has focus, so key presses reach its shortcuts."""
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: is_active(main_window))


def attach(qtbot: QtBot, main_window: MainWindow, store: Store) -> MainWindow:
    """What the application does after the first frame, then show the window and focus it."""
    shortcuts = getattr(main_window, "shortcuts", None)  # keys are bound after the first frame
    if shortcuts is not None:
        shortcuts.bind()
    main_window.operations.attach(store)
    main_window.workshops.store_opened()
    show_and_activate(qtbot, main_window)
    return main_window


# pytest-qt's QTest wrappers are untyped: these typed doors keep mypy's checks on the tests.

_Untyped = Callable[..., None]


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """``qtbot.keyClick``: press and release ``key`` on ``widget``."""
    cast(_Untyped, qtbot.keyClick)(widget, key, modifier)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """``qtbot.keyClicks``: type ``text`` into ``widget`` key by key."""
    cast(_Untyped, qtbot.keyClicks)(widget, text)


def click(qtbot: QtBot, widget: QWidget) -> None:
    """``qtbot.mouseClick`` with the left button, at the widget's centre."""
    cast(_Untyped, qtbot.mouseClick)(widget, Qt.MouseButton.LeftButton)
