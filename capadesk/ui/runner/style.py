"""Colours of the countdown levels, and text sized to fit a box (the projection's large type).

Two palettes: the projection is white on black, read from 10 m on a washed-out projector, so
its colours are bright and saturated; the control panel sits on the system's light palette, so
its colours are dark enough to read at arm's length.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from capadesk.core.domain.countdown import CountdownLevel

PROJECTION_BACKGROUND = "#000000"
PROJECTION_TEXT = "#FFFFFF"
PROJECTION_SECONDARY = "#C8C8C8"  # « Ensuite : … », the slide's place and date
PROJECTION_LEVELS = {
    CountdownLevel.NORMAL: "#FFFFFF",
    CountdownLevel.WARNING: "#FFC400",  # amber: 12:1 on black
    CountdownLevel.CRITICAL: "#FF4538",  # red: 5.6:1 on black, still red on a projector
}
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
