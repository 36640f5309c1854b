"""Paints one card: its kind's colour, the kind, the stage, the text cut at a few lines, the
use case. User text is drawn with ``QPainter.drawText`` on plain strings: never read as markup.

One delegate class serves the laptop's wall and the projected one; a CardStyle says the sizes
and which colours to use.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.ui.capture.palette import KIND_COLOURS, SELECTION_COLOUR, shown_text
from capadesk.ui.capture.wall_model import CAPTURE_ROLE, WallModel

_LAID_OUT_CHARS = 1200  # more than any card shows: a 100,000-character text is cut first
_PICTURE_BUDGET = 64 * 1024 * 1024  # bytes of card pictures kept: ≈ 500 laptop cards


@dataclass(frozen=True)
class CardStyle:
    """Sizes (pixels) and colours of the cards of one wall."""

    width: int = 216
    height: int = 138
    text_pixels: int = 13
    small_pixels: int = 11
    lines: int = 5
    padding: int = 8
    projected: bool = False  # saturated fills and black text, for the room

    def scaled(self, factor: float) -> CardStyle:
        """The same card ``factor`` times larger."""
        return CardStyle(
            width=round(self.width * factor),
            height=round(self.height * factor),
            text_pixels=max(8, round(self.text_pixels * factor)),
            small_pixels=max(7, round(self.small_pixels * factor)),
            lines=self.lines,
            padding=max(4, round(self.padding * factor)),
            projected=self.projected,
        )


PROJECTED_STYLE = CardStyle(
    width=330, height=200, text_pixels=23, small_pixels=16, lines=5, padding=12, projected=True
)


def wrapped_lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """The lines ``text`` takes in ``width`` pixels, at most ``most``, the last one elided
    with « … » when the text goes on."""
    sample = shown_text(text[:_LAID_OUT_CHARS]).replace("\n", "\u2028")
    layout = QTextLayout(sample, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) <= most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [sample[start : start + length].rstrip("\u2028 ") for start, length in spans]
    if len(spans) > most or len(text) > _LAID_OUT_CHARS:
        lines = lines[:most]
        start = spans[most - 1][0] if len(spans) >= most else spans[-1][0] if spans else 0
        rest = sample[start:].replace("\u2028", " ")
        metrics = QFontMetrics(font)
        last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        if not last.endswith("…"):  # the cut fell on a line end: say the text goes on
            last = metrics.elidedText(rest.rstrip() + " …", Qt.TextElideMode.ElideRight, width)
        lines[-1] = last
    return lines


class _Picture(NamedTuple):
    """A card drawn lately, valid while the card, its use case title and its state match."""

    capture: CaptureView
    key: tuple[object, ...]
    pixmap: QPixmap


class CardDelegate(QStyledItemDelegate):
    """See module docstring; ``paint_card`` is the fast road the wall view takes."""

    def __init__(self, model: WallModel, style: CardStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.style = style
        self.text_font = QFont()
        self.small_font = QFont()
        self.bold_font = QFont()
        self.set_style(style)

    def set_style(self, style: CardStyle) -> None:
        """Use ``style`` from now on (the projection scales its cards with its window)."""
        self.style = style
        self.text_font.setPixelSize(style.text_pixels)
        self.small_font.setPixelSize(style.small_pixels)
        self.bold_font.setPixelSize(style.small_pixels)
        self.bold_font.setBold(True)
        self._ink = QColor("#000000" if style.projected else "#1F1F1F")
        self._quiet = QColor("#202020" if style.projected else "#5F5F5F")
        self._backgrounds: dict[tuple[object, ...], QPixmap] = {}
        self._cards: OrderedDict[uuid.UUID, _Picture] = OrderedDict()

    def sizeHint(  # noqa: N802 (Qt API)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(self.style.width, self.style.height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        capture = index.data(CAPTURE_ROLE)
        if isinstance(capture, CaptureView):
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            self.paint_card(painter, QRect(option.rect), capture, selected=selected)

    def paint_card(
        self,
        painter: QPainter,
        rect: QRect,
        capture: CaptureView,
        *,
        selected: bool,
        focused: bool = False,
    ) -> None:
        """Draw ``capture`` in ``rect``, from its picture when it was drawn lately: shaping five
        lines of text costs far more than copying a picture."""
        ratio = painter.device().devicePixelRatioF()
        use_case = self.model.context.use_case_title(capture.use_case_id)
        key = (use_case, selected, focused, rect.width(), rect.height(), ratio)
        found = self._cards.get(capture.public_id)
        if found is not None and found.capture is capture and found.key == key:
            self._cards.move_to_end(capture.public_id)
            painter.drawPixmap(rect.topLeft(), found.pixmap)
            return
        pixmap = QPixmap(QSize(round(rect.width() * ratio), round(rect.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        card_painter = QPainter(pixmap)
        card_painter.drawPixmap(
            0,
            0,
            self._background(capture.kind, selected, focused, rect.width(), rect.height(), ratio),
        )
        self._draw_texts(card_painter, rect.width(), rect.height(), capture, use_case)
        card_painter.end()
        self._cards[capture.public_id] = _Picture(capture, key, pixmap)
        if len(self._cards) > self._card_limit(rect, ratio):
            self._cards.popitem(last=False)
        painter.drawPixmap(rect.topLeft(), pixmap)

    @staticmethod
    def _card_limit(rect: QRect, ratio: float) -> int:
        return max(64, int(_PICTURE_BUDGET / (rect.width() * rect.height() * 4 * ratio * ratio)))

    def _draw_texts(
        self, painter: QPainter, width: int, height: int, capture: CaptureView, use_case: str
    ) -> None:
        # drawText on a str draws it as plain text: tags, entities, controls never act.
        style = self.style
        pad = style.padding
        left = self._stripe() * 2 + pad
        inner = width - 1 - pad - left
        small = QFontMetrics(self.small_font)
        bold = QFontMetrics(self.bold_font)
        text_metrics = QFontMetrics(self.text_font)
        baseline = pad + bold.ascent()
        kind = capture.kind.label
        colours = KIND_COLOURS[capture.kind]
        painter.setFont(self.bold_font)
        painter.setPen(QColor("#000000") if style.projected else QColor(colours.accent))
        painter.drawText(QPointF(left, baseline), kind)
        painter.setFont(self.small_font)
        painter.setPen(self._quiet)
        if capture.stage is not None:
            room = inner - bold.horizontalAdvance(kind) - pad
            stage = small.elidedText(capture.stage.label, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QPointF(left + inner - small.horizontalAdvance(stage), baseline), stage
            )
        bottom = height - 1 - pad - small.height()
        if use_case:
            shown = small.elidedText(shown_text(use_case), Qt.TextElideMode.ElideRight, inner)
            painter.drawText(QPointF(left, bottom + small.ascent()), shown)
        painter.setFont(self.text_font)
        painter.setPen(self._ink)
        top = pad + bold.height() + pad // 2
        for line in wrapped_lines(capture.text, self.text_font, inner, style.lines):
            if top + text_metrics.height() > bottom:
                break
            painter.drawText(QPointF(left, top + text_metrics.ascent()), line)
            top += text_metrics.lineSpacing()

    def _background(
        self,
        kind: CaptureKind,
        selected: bool,
        focused: bool,
        width: int,
        height: int,
        ratio: float,
    ) -> QPixmap:
        key = (kind, selected, focused, width, height, ratio)
        found = self._backgrounds.get(key)
        if found is not None:
            return found
        pixmap = QPixmap(QSize(round(width * ratio), round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        colours = KIND_COLOURS[kind]
        pad = self.style.padding
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        box = QRectF(0, 0, width, height).adjusted(1, 1, -1, -1)
        radius = max(4.0, pad * 0.75)
        painter.setPen(QPen(QColor(colours.accent), 1))
        painter.setBrush(QColor(colours.projected if self.style.projected else colours.fill))
        painter.drawRoundedRect(box, radius, radius)
        stripe = self._stripe()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.accent))
        painter.drawRoundedRect(
            QRectF(box.left(), box.top(), stripe * 2, box.height()), radius, radius
        )
        painter.drawRect(QRectF(box.left() + stripe, box.top(), stripe, box.height()))
        if selected or focused:
            pen = QPen(QColor(SELECTION_COLOUR), 3 if selected else 1)
            if not selected:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), radius, radius)
        painter.end()
        self._backgrounds[key] = pixmap
        return pixmap

    def _stripe(self) -> int:
        return max(4, self.style.padding // 2)
