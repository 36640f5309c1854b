"""With English chosen, the main window shows no French: menus, actions, tabs, workshop page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from capadesk import i18n
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import attach
from .test_workshop_page import open_workshop

FRENCH = re.compile(
    r"[éèêàâçôûùîïœ«»]|\b(le|la|les|des|du|une|et|pour|avec|sans|atelier|ateliers|fichier|"
    r"aide|quitter|enregistrer|supprimer|ajouter|modifier|ouvrir|fermer|étape)\b",
    re.IGNORECASE,
)


@pytest.fixture
def english() -> Iterator[None]:
    assert i18n.install("en") == "en"
    yield
    i18n.install("fr")


def french_in(texts: list[str]) -> list[str]:
    return [text for text in texts if FRENCH.search(text.replace("&", ""))]


def menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip()]
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            texts += menu_texts(submenu)
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """What the user reads in ``root``: labels, buttons, group titles, tabs, placeholders."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(index) for index in range(widget.count())]
        texts += [widget.toolTip(), widget.accessibleName()]
    return [text for text in texts if text]


@pytest.mark.usefixtures("english")
def test_the_main_window_in_english_has_no_french_left(
    qtbot: QtBot, app_paths: AppPaths, prompts: FakePrompts, store: Store
) -> None:
    window = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(window)
    attach(qtbot, window, store)
    menus = [text for menu in window.menuBar().findChildren(QMenu) for text in menu_texts(menu)]
    assert "&File" in menus
    actions = [text for action in window.actions() for text in (action.text(), action.toolTip())]
    assert french_in(menus + actions) == []
    assert french_in(visible_texts(window)) == []

    open_workshop(window, "Workshop in Lyon", store)
    assert window.page is not None
    assert french_in(visible_texts(window)) == []
    tabs = [text for tab in window.findChildren(QTabWidget) for text in visible_texts(tab)]
    assert tabs
    assert french_in(tabs) == []


def test_french_is_back_after_english(qtbot: QtBot, window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Fichier" in titles
