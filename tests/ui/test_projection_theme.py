"""The projection's look: the high-contrast theme and the font scale from the preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.core.storage.store import Store
from capadesk.ui.runner.projection_window import ProjectionWindow, apply_projection_look
from capadesk.ui.runner.style import HIGH_CONTRAST, STANDARD, current_theme, set_look

from .test_runner_panel import ACCUEIL, Run, make_run, projection, started


@pytest.fixture(autouse=True)
def standard_look() -> Iterator[None]:
    """Every test starts, and leaves, with the designed look (it is process-wide)."""
    set_look(STANDARD, 1.0)
    yield
    set_look(STANDARD, 1.0)


@pytest.fixture
def run(qtbot: QtBot, store: Store) -> Run:
    return make_run(qtbot, store)


def shown(qtbot: QtBot, run: Run) -> ProjectionWindow:
    window = projection(qtbot, run)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def at_critical(run: Run) -> None:
    run.clock.set(
        dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=ACCUEIL - 10)
    )
    run.presenter.tick()


def test_the_countdown_colours_follow_the_theme(qtbot: QtBot, run: Run) -> None:
    started(run)
    window = shown(qtbot, run)
    at_critical(run)
    label = window.timer_page.countdown_label
    assert window.timer_page.level is CountdownLevel.CRITICAL
    assert STANDARD.levels[CountdownLevel.CRITICAL] in label.styleSheet()
    assert "border" not in label.styleSheet()

    apply_projection_look("high-contrast", 1.0)

    assert current_theme() is HIGH_CONTRAST
    assert HIGH_CONTRAST.levels[CountdownLevel.CRITICAL] in label.styleSheet()
    assert "border" in label.styleSheet()  # the level reads without its colour
    assert HIGH_CONTRAST.background in window.styleSheet()
    next_style = window.timer_page.next_label.styleSheet()
    assert HIGH_CONTRAST.secondary in next_style

    apply_projection_look("standard", 1.0)
    assert STANDARD.levels[CountdownLevel.CRITICAL] in label.styleSheet()
    assert STANDARD.secondary in window.timer_page.next_label.styleSheet()


def test_the_three_levels_differ_in_each_theme() -> None:
    for theme in (STANDARD, HIGH_CONTRAST):
        assert len(set(theme.levels.values())) == 3


def test_a_projection_built_after_the_choice_is_already_high_contrast(
    qtbot: QtBot, run: Run
) -> None:
    apply_projection_look("high-contrast", 1.5)
    window = projection(qtbot, run)
    assert window.theme is HIGH_CONTRAST
    assert window.timer_page.font_scale == 1.5
    assert HIGH_CONTRAST.levels[CountdownLevel.NORMAL] in (
        window.timer_page.countdown_label.styleSheet()
    )


def test_the_font_scale_changes_the_countdown_size(qtbot: QtBot, run: Run) -> None:
    started(run)
    window = shown(qtbot, run)
    label = window.timer_page.countdown_label
    sizes = {}
    for scale in (0.8, 1.0, 2.0):
        window.apply_look(STANDARD, scale)
        sizes[scale] = label.font().pixelSize()
    assert sizes[0.8] < sizes[1.0] < sizes[2.0], sizes


def test_the_font_scale_changes_the_slides_type_too(qtbot: QtBot, run: Run) -> None:
    window = shown(qtbot, run)
    title = window.welcome_slide.title_label
    window.apply_look(STANDARD, 0.8)
    small = title.font().pixelSize()
    window.apply_look(STANDARD, 1.0)
    assert title.font().pixelSize() > small
