"""Every focusable widget of the main screens has a name a screen reader can say."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow

from .test_workshop_page import open_with_protocol
from .test_workshop_tabs import show_window

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def _buddied(widget: QWidget) -> bool:
    """A label with a mnemonic names the widget it points at."""
    window = widget.window()
    return any(
        label.buddy() is widget and label.text().strip() for label in window.findChildren(QLabel)
    )


def _name(widget: QWidget) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    return "(buddy)" if _buddied(widget) else ""


def unnamed(root: QWidget) -> list[str]:
    """The focusable controls under ``root`` a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            continue  # a combo's list, a spin box's editor: named by their owner
        if parent is not None and isinstance(widget, QLineEdit) and isinstance(parent, QComboBox):
            continue
        if not _name(widget):
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in "
                f"{type(parent).__module__}.{type(parent).__name__}"
            )
    return missing


def test_the_list_page_names_every_control(qtbot: QtBot, ready: MainWindow) -> None:
    assert unnamed(ready) == []


def test_each_tab_of_the_workshop_page_names_every_control(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    show_window(qtbot, ready)
    open_with_protocol(qtbot, ready, "Toulon", store, "capacities-1-toulon")
    view = ready.workshop_view
    gaps = {}
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        assert view.tabs.currentIndex() == index
        gaps[view.tabs.tabText(index)] = unnamed(view)
    assert gaps == {view.tabs.tabText(i): [] for i in range(view.tabs.count())}
