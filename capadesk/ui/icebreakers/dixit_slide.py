"""The room's mood for the projection: the words said, as a cloud where a word said by more
people is bigger, the most said in the middle; the Dixit cards chosen on a line below.

The cloud is laid out in centred lines at the largest size where every word fits; when even the
smallest size cannot hold them all, the rarest words give way to « … et N autres mots ».
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreaker_results import MoodWord
from capadesk.i18n import _
from capadesk.ui.icebreakers.canvas import BRIGHT, CanvasSlide, draw_text, pixel_font
from capadesk.ui.runner.style import current_theme


class Placed(NamedTuple):
    """A word of the cloud where it is drawn."""

    word: str
    rect: QRectF
    font: QFont
    colour: str


def _centre_out(items: Sequence[object]) -> list[int]:
    """Indexes ordered so the first item lands in the middle, then alternately around it."""
    order: list[int] = []
    for index in range(len(items)):
        if index % 2:
            order.append(index)
        else:
            order.insert(0, index)
    return order


def cloud_layout(words: Sequence[MoodWord], box: QRect, base: QFont, height: int) -> list[Placed]:
    """The words placed in ``box`` (see module docstring); [] when none fits at all."""
    if not words or box.width() <= 0 or box.height() <= 0:
        return []
    most = max(w.times for w in words)
    low, high = max(10, int(height * 0.03)), max(12, int(height * 0.2))
    best: list[Placed] = []
    while low <= high:  # the largest base size at which the cloud fits
        middle = (low + high) // 2
        placed = _try(words, box, base, middle, most)
        if placed is None:
            high = middle - 1
        else:
            best, low = placed, middle + 1
    return best


def _try(
    words: Sequence[MoodWord], box: QRect, base: QFont, size: int, most: int
) -> list[Placed] | None:
    fonts = [
        pixel_font(base, size * (0.4 + 0.6 * math.sqrt(w.times / most)), bold=True) for w in words
    ]
    widths = [QFontMetrics(f).horizontalAdvance(w.word) for f, w in zip(fonts, words, strict=True)]
    gap = size * 0.45
    if max(widths) > box.width():
        return None
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        needed = width + (gap if lines[-1] else 0)
        if lines[-1] and used + needed > box.width():
            lines.append([])
            used, needed = 0.0, width
        lines[-1].append(index)
        used += needed
    heights = [max(QFontMetrics(fonts[i]).height() for i in line) * 1.08 for line in lines]
    if sum(heights) > box.height():
        return None
    placed: list[Placed] = []
    y = box.top() + (box.height() - sum(heights)) / 2
    for line_index in _centre_out(lines):
        line, line_height = lines[line_index], heights[line_index]
        ordered = [line[i] for i in _centre_out(line)]
        span = sum(widths[i] for i in ordered) + gap * (len(ordered) - 1)
        x = box.left() + (box.width() - span) / 2
        for index in ordered:
            rect = QRectF(x, y, widths[index], line_height)
            colour = BRIGHT[index % len(BRIGHT)]
            placed.append(Placed(words[index].word, rect, fonts[index], colour))
            x += widths[index] + gap
        y += line_height
    return placed


class DixitSlide(CanvasSlide):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("L'humeur de la salle"), parent)
        self.words: list[MoodWord] = []
        self.cards: list[int] = []
        self.people = 0
        self.placed: list[Placed] = []  # the words drawn at the last paint
        self.hidden_words = 0

    def show_moods(self, words: Sequence[MoodWord], cards: Sequence[int], people: int) -> None:
        """The words (most said first), the cards chosen and how many people answered."""
        self.words, self.cards, self.people = list(words), list(cards), people
        self.subheading = (
            _("{count} personnes ont donné leur humeur").format(count=people) if people > 1 else ""
        )
        self.setAccessibleDescription(", ".join(f"{w.word} ({w.times})" for w in self.words))
        self.update()

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        self.placed, self.hidden_words = [], 0
        if not self.words and not self.cards:
            self.paint_empty(painter, box, _("Quel est votre état d'esprit du jour\u00a0?"))
            return
        cloud = QRect(box)
        if self.cards:
            footer = QRect(box.left(), box.bottom() - int(h * 0.08), box.width(), int(h * 0.08))
            cloud.setBottom(footer.top() - int(h * 0.02))
            numbers = " · ".join(str(card) for card in self.cards)
            draw_text(
                painter,
                footer,
                _("Cartes choisies\u00a0: {numbers}").format(numbers=numbers),
                largest=h * 0.045,
                smallest=h * 0.025,
                colour=current_theme().secondary,
            )
        words = list(self.words)
        placed = cloud_layout(words, cloud, painter.font(), h)
        while words and not placed:  # too many even at the smallest size: the rarest give way
            words.pop()
            placed = cloud_layout(words, cloud.adjusted(0, 0, 0, -int(h * 0.07)), painter.font(), h)
        self.hidden_words = len(self.words) - len(words)
        for word in placed:
            painter.setFont(word.font)
            painter.setPen(QColor(word.colour))
            painter.drawText(word.rect, int(Qt.AlignmentFlag.AlignCenter), word.word)
        self.placed = placed
        if self.hidden_words:
            more = QRect(cloud.left(), cloud.bottom() - int(h * 0.06), cloud.width(), int(h * 0.06))
            draw_text(
                painter,
                more,
                _("… et {count} autres mots").format(count=self.hidden_words),
                largest=h * 0.035,
                smallest=h * 0.02,
                colour=current_theme().secondary,
                wrap=False,
            )
