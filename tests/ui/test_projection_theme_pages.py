"""The pages the workshop's tools lend the projection follow its theme, read when they paint."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from capadesk.ui.capture.slides import VoteSlide
from capadesk.ui.icebreakers.lego_slide import LegoSlide
from capadesk.ui.runner import style
from capadesk.ui.runner.projection_window import apply_projection_look
from capadesk.ui.runner.style import HIGH_CONTRAST, STANDARD, set_look
from capadesk.ui.tools.story_canvas import StoryCanvas

# Standard and high contrast are both black: a theme with another background shows that the
# pages read the theme rather than a colour of their own.
PROBE = dataclasses.replace(HIGH_CONTRAST, key="probe", background="#102030")


@pytest.fixture(autouse=True)
def standard_look() -> Iterator[None]:
    """Every test starts, and leaves, with the designed look (it is process-wide)."""
    set_look(STANDARD, 1.0)
    yield
    set_look(STANDARD, 1.0)


def pages(qtbot: QtBot) -> list[QWidget]:
    """The vote slide, its chart, an ice-breaker slide and a tool slide, shown at 640 × 360."""
    vote = VoteSlide()
    shown: list[QWidget] = [vote, LegoSlide(), StoryCanvas()]
    for page in shown:
        qtbot.addWidget(page)
        page.resize(640, 360)
        page.show()
        qtbot.waitExposed(page)
    return [*shown, vote.chart]


def background(page: QWidget) -> str:
    """The colour of the page's top-left corner (inside the margins: its background)."""
    return QColor(page.grab().toImage().pixelColor(2, 2)).name().upper()


@pytest.mark.parametrize("theme", [STANDARD, HIGH_CONTRAST, PROBE], ids=lambda t: t.key)
def test_pages_built_in_a_theme_paint_its_background(
    qtbot: QtBot, theme: style.ProjectionTheme
) -> None:
    set_look(theme, 1.0)
    for page in pages(qtbot):
        assert background(page) == theme.background.upper(), type(page).__name__


def test_open_pages_follow_a_change_of_look(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(style.THEMES, PROBE.key, PROBE)
    shown = pages(qtbot)
    assert {background(page) for page in shown} == {STANDARD.background.upper()}

    apply_projection_look(PROBE.key, 1.0)
    assert {background(page) for page in shown} == {PROBE.background.upper()}

    apply_projection_look(STANDARD.key, 1.0)
    assert {background(page) for page in shown} == {STANDARD.background.upper()}
