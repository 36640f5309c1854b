"""The base of the ice-breakers' projected pages: painted white on black, in proportion.

Every page paints itself from plain data (no child widgets): a heading at the top and a body
below, with type sized to the window's height (designed at 1080 px) and shrunk to fit its box,
never clipped mid-word (``cut_to_fit`` ends a text that cannot fit with « … »).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from capadesk.ui.runner.style import (
    current_font_scale,
    current_theme,
    cut_to_fit,
    fits,
    scaled_font,
)

# Bright, saturated colours that stay apart on a washed-out projector, all readable on black.
BRIGHT = (
    "#4FC3F7",  # sky
    "#FFD54F",  # sun
    "#81C784",  # leaf
    "#FF8A65",  # coral
    "#CE93D8",  # lilac
    "#4DD0E1",  # lagoon
    "#F06292",  # rose
    "#DCE775",  # lime
    "#FFB74D",  # orange
    "#9FA8DA",  # periwinkle
)
HIGHLIGHT = "#FFC400"  # the amber of the countdown's warning: « the latest »
DIM = "#8A8A8A"


def draw_text(
    painter: QPainter,
    box: QRect,
    text: str,
    *,
    largest: float,
    smallest: float,
    colour: str | None = None,
    bold: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    wrap: bool = True,
) -> QFont:
    """Draw ``text`` in ``box`` at the largest size that fits (« … » if even the smallest does
    not), at the projection's font scale, in ``colour`` (the theme's text when None); return
    the font used."""
    base = QFont(painter.font())
    base.setBold(bold)
    scale = current_font_scale()
    font = scaled_font(base, text, box, int(largest), int(max(1, smallest)), scale, wrap=wrap)
    shown = text
    if not fits(font, text, box, wrap=wrap):
        shown = cut_to_fit(font, text, box) if wrap else _elided(font, text, box.width())
    painter.setFont(font)
    painter.setPen(QColor(colour if colour is not None else current_theme().text))
    flags = int(align) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
    painter.drawText(box, flags, shown)
    return font


def _elided(font: QFont, text: str, width: int) -> str:
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def pixel_font(base: QFont, size: float, *, bold: bool = False) -> QFont:
    """``base`` at ``size`` pixels."""
    font = QFont(base)
    font.setPixelSize(max(1, int(size)))
    font.setBold(bold)
    return font


class CanvasSlide(QWidget):
    """A projected page painted from data (see module docstring); subclasses paint the body."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading
        self.subheading = ""
        self.setAccessibleName(heading)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.BlankCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(1280, 720)

    def margin(self) -> int:
        """The empty border: 4 % of the smaller side."""
        return max(8, int(min(self.width(), self.height()) * 0.04))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor(current_theme().background))
        w, h, m = self.width(), self.height(), self.margin()
        heading_box = QRect(m, m // 2, w - 2 * m, int(h * 0.11))
        draw_text(
            painter, heading_box, self.heading, largest=h * 0.075, smallest=h * 0.035, bold=True
        )
        top = heading_box.bottom() + 1
        if self.subheading:
            sub_box = QRect(m, top, w - 2 * m, int(h * 0.06))
            draw_text(
                painter,
                sub_box,
                self.subheading,
                largest=h * 0.042,
                smallest=h * 0.025,
                colour=current_theme().secondary,
                wrap=False,
            )
            top = sub_box.bottom() + 1
        body = QRect(m, top + int(h * 0.02), w - 2 * m, h - top - int(h * 0.02) - m // 2)
        self.paint_body(painter, body)
        painter.end()

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        """Paint the page's content in ``box``."""

    def paint_empty(self, painter: QPainter, box: QRect, text: str) -> None:
        """The page's word while there is nothing to show yet."""
        h = self.height()
        draw_text(
            painter,
            box,
            text,
            largest=h * 0.06,
            smallest=h * 0.03,
            colour=current_theme().secondary,
        )
