"""UI fixtures: a main window with fake prompts, on its own or attached to a real store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import attach


@pytest.fixture
def prompts() -> Iterator[FakePrompts]:
    """Canned answers; tests queue them before acting, and every one must be asked for."""
    fake = FakePrompts()
    yield fake
    assert fake.pending == 0, "answers queued but never asked for: the action did not run"


@pytest.fixture
def window(qtbot: QtBot, app_paths: AppPaths, prompts: FakePrompts) -> MainWindow:
    """A main window before any store is attached (as in the first frame)."""
    main_window = MainWindow(app_paths, prompts=prompts)
    qtbot.addWidget(main_window)
    return main_window


@pytest.fixture
def ready(qtbot: QtBot, window: MainWindow, store: Store) -> MainWindow:
    """The window shown and working on an empty ``store`` (closed by the ``store`` fixture)."""
    return attach(qtbot, window, store)
