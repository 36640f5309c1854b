"""Which screen the projection goes on, and that it goes fullscreen there (offscreen has one
screen, so a second one is faked)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen

from capadesk.core.storage.store import Store
from capadesk.ui.runner.displays import projection_screen
from capadesk.ui.runner.projection_window import ProjectionWindow

from .test_runner_panel import make_run, projection


@dataclass(frozen=True)
class FakeScreen:
    name: str


LAPTOP, PROJECTOR, WALL = FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")


def test_one_screen_means_a_windowed_projection() -> None:
    assert projection_screen([], None) is None
    assert projection_screen([LAPTOP], LAPTOP) is None
    assert projection_screen([LAPTOP], None) is None


def test_two_screens_put_the_projection_on_the_one_without_the_control_window() -> None:
    assert projection_screen([LAPTOP, PROJECTOR], LAPTOP) == PROJECTOR
    assert projection_screen([PROJECTOR, LAPTOP], LAPTOP) == PROJECTOR
    assert projection_screen([LAPTOP, PROJECTOR], PROJECTOR) == LAPTOP  # control moved over
    assert projection_screen([LAPTOP, PROJECTOR, WALL], PROJECTOR) == LAPTOP


def test_an_unknown_control_screen_counts_as_the_primary_one() -> None:
    assert projection_screen([LAPTOP, PROJECTOR], None) == PROJECTOR
    assert projection_screen([LAPTOP, PROJECTOR], FakeScreen("gone")) == PROJECTOR


def primary() -> QScreen:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen


def test_the_window_goes_fullscreen_and_frameless_on_the_screen_given(qtbot: QtBot) -> None:
    window = ProjectionWindow()
    qtbot.addWidget(window)
    screen = primary()
    window.show_on(screen)
    qtbot.waitUntil(window.isFullScreen)
    assert window.is_fullscreen
    assert window.screen() is screen
    assert window.geometry() == screen.geometry()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    window.show_on(None)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isVisible()


def test_with_a_second_screen_the_panel_projects_fullscreen_on_it(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = make_run(qtbot, store)
    window = projection(qtbot, run)
    projector = primary()  # the one real screen plays the projector
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [LAPTOP, projector]))
    monkeypatch.setattr(run.panel, "screen", lambda: LAPTOP)
    run.presenter.show_projection(True)
    qtbot.waitUntil(window.isFullScreen)
    assert window.screen() is projector
    assert run.panel.projection_button.isChecked()
    run.presenter.show_projection(False)
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [projector]))
    run.presenter.show_projection(True)  # the projector was unplugged: a window again
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.isVisible()
