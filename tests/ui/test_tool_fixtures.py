"""Shared fixtures and helpers of the method tools' GUI tests (no test here).

``tools`` gives a workshop of a programme on the main window's Operations, with canned dialog
answers; ``Tools.open`` builds a tool through the lead's factory and shows its page focused;
``Tools.project`` shows one of its projection pages at 1280 × 720, painted.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import deque
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.main_window import MainWindow
from capadesk.ui.tools.base import ToolDialogs, ToolPresenter
from capadesk.ui.tools.factory import open_tool
from capadesk.ui.tools.painting import Canvas

from .helpers import seed

TODAY = dt.date(2025, 5, 14)


class FakeToolDialogs(ToolDialogs):
    """Queued answers instead of modal dialogs; an unexpected question fails the test."""

    def __init__(self) -> None:
        self.files: deque[Path | None] = deque()
        self.texts: deque[str | None] = deque()
        self.confirms: deque[bool] = deque()

    def photo_file(self, parent: QWidget, title: str) -> Path | None:
        assert self.files, f"a photo was asked ({title!r}) that the test did not expect"
        return self.files.popleft()

    def text(self, parent: QWidget, title: str, label: str, initial: str = "") -> str | None:
        assert self.texts, f"a text was asked ({title!r}) that the test did not expect"
        return self.texts.popleft()

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        assert self.confirms, f"a confirmation was asked ({title!r}) that the test did not expect"
        return self.confirms.popleft()


class Tools:
    """The workshop under test and the way to open its tools."""

    def __init__(self, qtbot: QtBot, window: MainWindow, store: Store, app_paths: AppPaths) -> None:
        self.qtbot, self.window, self.store, self.app_paths = qtbot, window, store, app_paths
        self.dialogs = FakeToolDialogs()
        workshop = seed(store, "Atelier de Lisieux", place="Lisieux", programme="CAPACities 2022")
        self.workshop_id: uuid.UUID = workshop.public_id

    def open(self, activity: ActivityKind | str, step_id: uuid.UUID | None = None) -> ToolPresenter:
        """The tool of ``activity``, its page shown in its own window and focused."""
        presenter = open_tool(
            self.store,
            self.window.operations,
            self.workshop_id,
            step_id,
            activity,
            self.app_paths,
            dialogs=self.dialogs,
            today=lambda: TODAY,
        )
        assert presenter is not None
        page = presenter.view
        self.qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        self.qtbot.waitExposed(page)
        page.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        return presenter

    def project(self, presenter: ToolPresenter) -> Canvas:
        """A projection page of ``presenter``, shown at 1280 × 720 and painted once."""
        slide = presenter.slide()
        assert isinstance(slide, Canvas)
        self.qtbot.addWidget(slide)
        slide.resize(1280, 720)
        slide.show()
        self.qtbot.waitExposed(slide)
        slide.grab()  # paint now: ``drawn`` then holds what the room sees
        return slide

    def undo(self) -> None:
        self.window.undo_stack.undo()

    def redo(self) -> None:
        self.window.undo_stack.redo()


@pytest.fixture(name="tools")
def tools_fixture(qtbot: QtBot, ready: MainWindow, store: Store, app_paths: AppPaths) -> Tools:
    """A Lisieux workshop of the « CAPACities 2022 » programme (import ``tools_fixture``)."""
    return Tools(qtbot, ready, store, app_paths)


def drawn(slide: Canvas) -> str:
    """Everything the slide drew at its last paint, repainted now, as one text."""
    slide.grab()
    return "\n".join(slide.drawn)
