"""The Spider Web drawn with QPainter, for the room and as the page's preview.

The web sits on the left: the problem in the central disc, three rings around it (a ring still
closed, waiting for its constraint, is drawn dim), radial threads, the ideas as post-its spread
round their ring with their dots (gommettes) as red discs; once dots are stuck, the kept ideas
turn green. On the right: the constraints of rings 2 and 3, the dots left, the ideas kept.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import spider_web as rules
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import INK, POST_IT, POST_IT_KEPT, Canvas

RING_COLOURS = ("#FFD54F", "#64B5F6", "#BA68C8")
DOT = "#FF3D00"
SPOKES = 12


def note_size(angle: float, radial: float, tangential: float, ring: float) -> tuple[float, float]:
    """The largest upright post-it (width, height) centred on a ring at ``angle`` that stays
    within ``radial`` across the ring and ``tangential`` along it: upright rectangles stick out
    differently at the sides and at the top of a ring, so neighbours never overlap."""
    cos, sin = abs(math.cos(angle)), abs(math.sin(angle))
    best = (0.0, 0.0)
    for aspect in (1.0, 1.3, 1.6, 2.0):
        height = min(
            radial / (aspect * cos + sin),
            tangential / (aspect * sin + cos),
            ring * 0.85,
        )
        if aspect * height * height > best[0] * best[1]:
            best = (aspect * height, height)
    return best


class WebCanvas(Canvas):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Toile d'araignée projetée"), projected=projected, parent=parent)
        self.web = SpiderWeb()
        self.selected = ""

    def show_web(self, web: SpiderWeb, selected: str = "") -> None:
        """Draw ``web`` (``selected``: the idea to outline, on the page's preview)."""
        self.web, self.selected = web, selected
        self.update()

    def paint(self, painter: QPainter) -> None:
        m = self.px(30)
        side = min(self.height() - 2 * m, int(self.width() * 0.64))
        web_box = QRect(m, (self.height() - side) // 2, side, side)
        self._web(painter, web_box)
        left = web_box.right() + self.px(40)
        self._panel(painter, QRect(left, m, self.width() - left - m, self.height() - 2 * m))

    def _web(self, painter: QPainter, box: QRect) -> None:
        web = self.web
        centre = QPointF(box.center())
        outer = box.width() / 2
        core = outer * 0.24
        width = (outer - core) / 3
        for ring in (3, 2, 1):
            colour = QColor(RING_COLOURS[ring - 1])
            colour.setAlpha(70 if web.ring_open(ring) else 22)
            painter.setBrush(colour)
            painter.setPen(QPen(QColor(255, 255, 255, 90), max(1, self.px(2))))
            radius = core + width * ring
            painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(QColor(255, 255, 255, 60), max(1, self.px(2))))
        for spoke in range(SPOKES):
            angle = 2 * math.pi * spoke / SPOKES
            direction = QPointF(math.cos(angle), math.sin(angle))
            painter.drawLine(centre + direction * core, centre + direction * outer)
        painter.setBrush(QColor("#FFFFFF"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(centre, core, core)
        inner = int(core * 1.35)
        problem_box = QRect(int(centre.x() - inner / 2), int(centre.y() - inner / 2), inner, inner)
        self.text(
            painter, problem_box, web.problem or _("Le problème"), 40, 16, colour=INK, bold=True
        )
        kept = {i.id for i in rules.kept_ideas(web)}
        for ring in rules.RINGS:
            ideas = web.on_ring(ring)
            middle = core + width * (ring - 0.5)
            count = max(1, len(ideas))
            for index, idea in enumerate(ideas):
                # Half a slot off the top (where the ring's number sits), rings staggered.
                angle = -math.pi / 2 + 2 * math.pi * (index + 0.5 + 0.2 * (ring - 1)) / count
                w, h = note_size(angle, width * 1.1, 2 * math.pi * middle / count * 0.92, width)
                x = centre.x() + middle * math.cos(angle) - w / 2
                y = centre.y() + middle * math.sin(angle) - h / 2
                note = QRect(int(x), int(y), int(w), int(h))
                fill = POST_IT_KEPT if idea.id in kept else POST_IT
                self.post_it(
                    painter,
                    note,
                    idea.text,
                    fill=fill,
                    largest=30,
                    smallest=15,
                    selected=idea.id == self.selected,
                )
                self._dots(painter, note, idea.dots)
        badge = self.px(20)
        for ring in rules.RINGS:
            top = QPointF(centre.x(), centre.y() - core - width * ring + badge * 1.15)
            painter.setBrush(QColor(RING_COLOURS[ring - 1]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(top, badge, badge)
            label = QRect(int(top.x() - badge), int(top.y() - badge), 2 * badge, 2 * badge)
            self.text(painter, label, str(ring), 26, 10, colour=INK, bold=True)

    def _dots(self, painter: QPainter, note: QRect, dots: int) -> None:
        if dots <= 0:
            return
        radius = max(3, min(self.px(11), note.width() // 12))
        painter.setPen(QPen(QColor("#FFFFFF"), max(1, self.px(2))))
        painter.setBrush(QColor(DOT))
        shown = min(dots, 6)
        for index in range(shown):
            centre = QPointF(note.right() - radius * (1.2 + 2.3 * index), note.top())
            painter.drawEllipse(centre, radius, radius)
        if dots > shown:
            box = QRect(
                note.left(), note.top() - radius * 3, note.width() - int(radius * 15), radius * 3
            )
            self.text(
                painter,
                box,
                f"× {dots}",
                24,
                10,
                colour=DOT,
                bold=True,
                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            )

    def _panel(self, painter: QPainter, box: QRect) -> None:
        web = self.web
        secondary = current_theme().secondary if self.projected else None
        top = box.top()
        line = self.px(66)
        for ring in (2, 3):
            constraint = web.constraint_of(ring)
            heading = QRect(box.left(), top, box.width(), line)
            painter.setBrush(QColor(RING_COLOURS[ring - 1]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(heading), self.px(8), self.px(8))
            self.text(
                painter,
                heading.adjusted(self.px(12), 0, -self.px(12), 0),
                _("Cercle {ring}").format(ring=ring),
                36,
                18,
                colour=INK,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            body = QRect(box.left(), heading.bottom() + self.px(8), box.width(), int(line * 1.8))
            self.text(
                painter,
                body,
                constraint or _("Contrainte à venir"),
                38,
                18,
                colour=None if constraint else secondary,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
            top = body.bottom() + self.px(20)
        if web.participants:
            dots = _("Gommettes\u00a0: {used} / {total}").format(
                used=web.dots_used, total=web.participants
            )
            self.text(
                painter,
                QRect(box.left(), top, box.width(), line),
                dots,
                36,
                18,
                colour=DOT,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            top += line + self.px(10)
        kept = rules.kept_ideas(web)
        if kept:
            self.text(
                painter,
                QRect(box.left(), top, box.width(), line),
                _("Idées retenues"),
                36,
                18,
                colour=POST_IT_KEPT,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            top += line
            listing = "\n".join(f"• {i.text} ({i.dots})" for i in kept)
            self.text(
                painter,
                QRect(box.left(), top, box.width(), box.bottom() - top),
                listing,
                36,
                16,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
