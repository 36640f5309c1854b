"""The yarn's web for the projection: the people on a circle, an arrow for each throw in order
(numbered, the latest one amber and thicker), and on the right the latest link in large type
with the earlier ones listed under it, newest first."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreaker_results import YarnLink, YarnNetwork
from capadesk.i18n import _
from capadesk.ui.icebreakers.canvas import BRIGHT, HIGHLIGHT, CanvasSlide, draw_text, pixel_font
from capadesk.ui.runner.style import current_theme

WOOL = "#E57373"  # the threads already thrown
BADGE = "#262626"
MAX_BADGES = 20
_SPOT_TIMES = (
    0.35,
    0.5,
    0.22,
    0.62,
    0.15,
    0.72,
)  # beyond, only the latest throws keep their number on the web


class YarnSlide(CanvasSlide):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Notre pelote de laine"), parent)
        self.network = YarnNetwork((), ())
        self.listed = 0  # earlier links listed at the last paint

    def show_network(self, network: YarnNetwork) -> None:
        """Draw ``network``."""
        self.network = network
        count = len(network.links)
        self.subheading = (
            _("{links} liens entre {people} personnes").format(
                links=count, people=len(network.people)
            )
            if count > 1
            else ""
        )
        self.setAccessibleDescription(
            "\n".join(f"{link.number}. {self._pair(link)} — {link.text}" for link in network.links)
        )
        self.update()

    def _pair(self, link: YarnLink) -> str:
        people = self.network.people
        return f"{people[link.giver]} → {people[link.receiver]}"

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        self.listed = 0
        if not self.network.links:
            self.paint_empty(
                painter, box, _("Lancez la pelote en disant ce qui vous relie à l'autre.")
            )
            return
        web = QRect(box.left(), box.top(), int(box.width() * 0.6), box.height())
        side = QRect(web.right() + int(box.width() * 0.03), box.top(), 0, box.height())
        side.setRight(box.right())
        self._paint_web(painter, web)
        self._paint_links(painter, side)

    # --- the web ----------------------------------------------------------------------------

    def _paint_web(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        people = self.network.people
        count = len(people)
        font = pixel_font(painter.font(), h * (0.04 if count <= 14 else 0.03), bold=True)
        metrics = QFontMetrics(font)
        label_width = max(metrics.horizontalAdvance(name) for name in people)
        gap = h * 0.02
        radius = min(
            box.height() / 2 - metrics.height() * 1.2,
            box.width() / 2 - min(label_width, box.width() * 0.3) - gap,
        )
        radius = max(radius, h * 0.08)
        centre = QPointF(box.center())
        points = [
            centre
            + QPointF(
                radius * math.cos(-math.pi / 2 + 2 * math.pi * i / count),
                radius * math.sin(-math.pi / 2 + 2 * math.pi * i / count),
            )
            for i in range(count)
        ]
        dot = h * 0.016
        links = self.network.links
        badged = {link.number for link in links[-MAX_BADGES:]}
        for link in links:
            latest = link is links[-1]
            self._arrow(painter, points[link.giver], points[link.receiver], dot, latest)
        radius = h * 0.02
        shown = [link for link in links if link.number in badged]
        for link, spot in zip(shown, self._spots(points, shown, radius), strict=True):
            self._badge(painter, spot, link, radius)
        for index, (point, name) in enumerate(zip(points, people, strict=True)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BRIGHT[index % len(BRIGHT)]))
            painter.drawEllipse(point, dot, dot)
            self._label(painter, centre, point, name, font, gap + dot, box)

    @staticmethod
    def _curve(start: QPointF, end: QPointF) -> QPointF:
        """The control point of a throw's curve: bent to its left, so that a throw back does
        not cover the first."""
        dx, dy = end.x() - start.x(), end.y() - start.y()
        middle = QPointF((start.x() + end.x()) / 2, (start.y() + end.y()) / 2)
        return middle + QPointF(dy * 0.12, -dx * 0.12)

    def _spots(
        self, points: list[QPointF], links: Sequence[YarnLink], radius: float
    ) -> list[QPointF]:
        """Where each throw's number goes: a third of the way from the thrower (the numbers of
        throws crossing the middle would pile up there), slid along its curve off any number
        placed before."""
        spots: list[QPointF] = []
        for link in links:
            start, end = points[link.giver], points[link.receiver]
            control = self._curve(start, end)
            candidates = [_along(start, control, end, t) for t in _SPOT_TIMES]
            free = (
                spot
                for spot in candidates
                if all(math.dist(_xy(spot), _xy(other)) > radius * 2.2 for other in spots)
            )
            spots.append(next(free, candidates[0]))
        return spots

    def _arrow(
        self, painter: QPainter, start: QPointF, end: QPointF, dot: float, latest: bool
    ) -> None:
        h = self.height()
        control = self._curve(start, end)
        # Stop the line at the receiver's dot, along the curve's last tangent.
        tx, ty = end.x() - control.x(), end.y() - control.y()
        length = math.hypot(tx, ty) or 1.0
        ux, uy = tx / length, ty / length
        tip = end - QPointF(ux * dot * 1.3, uy * dot * 1.3)
        colour = QColor(HIGHLIGHT if latest else WOOL)
        if not latest:
            colour.setAlpha(170)
        width = h * (0.007 if latest else 0.0035)
        path = QPainterPath(start)
        path.quadTo(control, tip)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        head = h * (0.03 if latest else 0.022)
        left = tip - QPointF(ux * head - uy * head * 0.5, uy * head + ux * head * 0.5)
        right = tip - QPointF(ux * head + uy * head * 0.5, uy * head - ux * head * 0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _badge(self, painter: QPainter, spot: QPointF, link: YarnLink, radius: float) -> None:
        h = self.height()
        latest = link is self.network.links[-1]
        painter.setPen(QPen(QColor(HIGHLIGHT if latest else WOOL), max(1.0, h * 0.002)))
        painter.setBrush(QColor(BADGE))
        painter.drawEllipse(spot, radius, radius)
        painter.setFont(pixel_font(painter.font(), radius * 1.1, bold=True))
        painter.setPen(QColor(current_theme().text))
        box = QRectF(spot.x() - radius, spot.y() - radius, radius * 2, radius * 2)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(link.number))

    @staticmethod
    def _label(
        painter: QPainter,
        centre: QPointF,
        point: QPointF,
        name: str,
        font: QFont,
        gap: float,
        bounds: QRect,
    ) -> None:
        metrics = QFontMetrics(font)
        dx, dy = point.x() - centre.x(), point.y() - centre.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        anchor = point + QPointF(ux * gap, uy * gap)
        width = min(metrics.horizontalAdvance(name) + 4, int(bounds.width() * 0.3))
        height = metrics.height()
        if ux > 0.35:
            x = anchor.x()
        elif ux < -0.35:
            x = anchor.x() - width
        else:
            x = anchor.x() - width / 2
        y = anchor.y() - height / 2 + uy * height * 0.5
        x = min(max(x, bounds.left()), bounds.right() - width)
        y = min(max(y, bounds.top()), bounds.bottom() - height)
        painter.setFont(font)
        painter.setPen(QColor(current_theme().text))
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(x, y, width, height), int(Qt.AlignmentFlag.AlignCenter), shown)

    # --- the links, in words ------------------------------------------------------------------

    def _paint_links(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        links = self.network.links
        latest = links[-1]
        pair_box = QRect(box.left(), box.top(), box.width(), int(h * 0.08))
        draw_text(
            painter,
            pair_box,
            f"{latest.number}. {self._pair(latest)}",
            largest=h * 0.05,
            smallest=h * 0.03,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            wrap=False,
        )
        text_box = QRect(box.left(), pair_box.bottom() + 1, box.width(), int(h * 0.2))
        draw_text(
            painter,
            text_box,
            _("«\u00a0{text}\u00a0»").format(text=latest.text),
            largest=h * 0.065,
            smallest=h * 0.032,
            colour=HIGHLIGHT,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
        y = text_box.bottom() + int(h * 0.04)
        line = int(h * 0.042)
        font = pixel_font(painter.font(), line * 0.78, bold=True)
        small = pixel_font(painter.font(), line * 0.72)
        for link in reversed(links[:-1]):
            if y + 2 * line > box.bottom():
                break
            pair = f"{link.number}. {self._pair(link)}"
            self._line(
                painter, QRect(box.left(), y, box.width(), line), pair, font, current_theme().text
            )
            text_line = QRect(box.left(), y + line, box.width(), line)
            self._line(painter, text_line, link.text, small, current_theme().secondary)
            y += int(line * 2.35)
            self.listed += 1

    @staticmethod
    def _line(painter: QPainter, box: QRect, text: str, font: QFont, colour: str) -> None:
        painter.setFont(font)
        painter.setPen(QColor(colour))
        shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(box, int(align), shown)


def _along(start: QPointF, control: QPointF, end: QPointF, t: float) -> QPointF:
    """The point at ``t`` (0 to 1) along the quadratic curve."""
    return start * ((1 - t) ** 2) + control * (2 * t * (1 - t)) + end * (t**2)


def _xy(point: QPointF) -> tuple[float, float]:
    return point.x(), point.y()
