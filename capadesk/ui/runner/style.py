"""Colours of the countdown levels, and text sized to fit a box (the projection's large type).

Two palettes: the projection is white on black, read from 10 m on a washed-out projector, so
its colours are bright and saturated; the control panel sits on the system's light palette, so
its colours are dark enough to read at arm's length.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.i18n import N_

PROJECTION_BACKGROUND = "#000000"
PROJECTION_TEXT = "#FFFFFF"
PROJECTION_SECONDARY = "#C8C8C8"  # « Ensuite : … », the slide's place and date
PROJECTION_LEVELS = {
    CountdownLevel.NORMAL: "#FFFFFF",
    CountdownLevel.WARNING: "#FFC400",  # amber: 12:1 on black
    CountdownLevel.CRITICAL: "#FF4538",  # red: 5.6:1 on black, still red on a projector
}


@dataclass(frozen=True)
class ProjectionTheme:
    """The projection's colours. ``outline`` is the width of rules and frames as a fraction of
    the page's height; ``critical_frame`` draws a frame around a critical countdown, so the
    level reads without telling colours apart."""

    key: str
    name: str  # N_ text: translate when shown
    background: str
    text: str
    secondary: str
    levels: Mapping[CountdownLevel, str]
    separator: str
    outline: float
    critical_frame: bool

    def countdown_style(self, level: CountdownLevel, height: int) -> str:
        """The style sheet of a countdown label at ``level`` on a page ``height`` pixels high."""
        colour = self.levels[level]
        if self.critical_frame and level is CountdownLevel.CRITICAL:
            width = max(2, int(height * self.outline))
            return f"QLabel {{ color: {colour}; border: {width}px solid {colour}; }}"
        return coloured("QLabel", colour)


STANDARD = ProjectionTheme(
    key="standard",
    name=N_("Standard"),
    background=PROJECTION_BACKGROUND,
    text=PROJECTION_TEXT,
    secondary=PROJECTION_SECONDARY,
    levels=PROJECTION_LEVELS,
    separator="#505050",
    outline=0.004,
    critical_frame=False,
)
# Pure black, white and yellow; the critical level is a light blue (blue/yellow is the pair
# every common colour blindness keeps apart) and framed, the rules twice as thick.
HIGH_CONTRAST = ProjectionTheme(
    key="high-contrast",
    name=N_("Contraste élevé"),
    background="#000000",
    text="#FFFFFF",
    secondary="#FFFF00",
    levels={
        CountdownLevel.NORMAL: "#FFFFFF",
        CountdownLevel.WARNING: "#FFFF00",  # 19.6:1 on black
        CountdownLevel.CRITICAL: "#56B4E9",  # Okabe–Ito sky blue: 9.6:1 on black
    },
    separator="#FFFFFF",
    outline=0.008,
    critical_frame=True,
)
THEMES = {theme.key: theme for theme in (STANDARD, HIGH_CONTRAST)}
_look: list[tuple[ProjectionTheme, float]] = [(STANDARD, 1.0)]


def theme_named(key: str) -> ProjectionTheme:
    """The theme saved as ``key`` in the preferences (standard when unknown)."""
    return THEMES.get(key, STANDARD)


def current_theme() -> ProjectionTheme:
    """The projection's theme now (projected pages built later read it)."""
    return _look[0][0]


def current_font_scale() -> float:
    """The factor applied to the projection's largest type sizes (1.0: as designed)."""
    return _look[0][1]


def set_look(theme: ProjectionTheme, font_scale: float) -> None:
    """Make ``theme`` and ``font_scale`` current (``ProjectionWindow.apply_look`` re-renders)."""
    _look[0] = (theme, font_scale)


PANEL_LEVELS = {
    CountdownLevel.NORMAL: "palette(window-text)",
    CountdownLevel.WARNING: "#9A4D00",
    CountdownLevel.CRITICAL: "#C00000",
}


def coloured(widget_style: str, colour: str) -> str:
    """A style sheet line giving ``colour`` to the text of a widget (``QLabel`` …)."""
    return f"{widget_style} {{ color: {colour}; }}"


def fits(font: QFont, text: str, box: QRect, *, wrap: bool = True) -> bool:
    """True when ``text`` in ``font`` fits in ``box`` (word-wrapped unless ``wrap`` is False)."""
    flags = int(Qt.TextFlag.TextWordWrap) if wrap else 0
    needed = QFontMetrics(font).boundingRect(box, flags, text)
    return needed.width() <= box.width() and needed.height() <= box.height()


def cut_to_fit(font: QFont, text: str, box: QRect) -> str:
    """``text``, or as many of its first words as fit in ``box`` followed by « … »."""
    if fits(font, text, box):
        return text
    tokens = re.split(r"([ \t\n]+)", text)  # never at a non-breaking space
    low, high = 0, len(tokens)  # tokens[:low] + « … » fits; tokens[:high] does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(font, "".join(tokens[:middle]).rstrip() + "\u00a0…", box):
            low = middle
        else:
            high = middle
    return "".join(tokens[:low]).rstrip() + "\u00a0…"


def fitted_font(
    base: QFont, text: str, box: QRect, largest: int, smallest: int, *, wrap: bool = True
) -> QFont:
    """``base`` at the largest pixel size (between ``smallest`` and ``largest``) at which ``text``
    fits in ``box``; ``smallest`` when nothing fits (the label then clips the end)."""
    font = QFont(base)
    size = max(largest, smallest)
    while size > smallest:
        font.setPixelSize(size)
        if fits(font, text, box, wrap=wrap):
            return font
        size = max(smallest, int(size * 0.92))
    font.setPixelSize(max(smallest, 1))
    return font


def scaled_font(
    base: QFont,
    text: str,
    box: QRect,
    largest: int,
    smallest: int,
    scale: float,
    *,
    wrap: bool = True,
) -> QFont:
    """``fitted_font`` for the projection's font scale: above 1 the type may grow up to
    ``largest`` × ``scale`` where the box has room; below 1 the fitted size shrinks by
    ``scale`` (a box that limits the type would otherwise hide the setting)."""
    font = fitted_font(base, text, box, int(largest * max(scale, 1.0)), smallest, wrap=wrap)
    if scale < 1.0:
        font.setPixelSize(max(1, int(font.pixelSize() * scale)))
    return font
