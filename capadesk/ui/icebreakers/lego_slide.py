"""The Lego towers' ranking for the projection: a podium (first in the middle, second on the
left, third on the right; tied teams share their step, and a rank nobody holds leaves its step
empty, in dark grey), each step with the height reached, then the other teams on a line below."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreaker_results import RankedTower, podium
from capadesk.core.domain.icebreakers import cm_text
from capadesk.i18n import _
from capadesk.ui.icebreakers.canvas import CanvasSlide, draw_text
from capadesk.ui.runner.style import current_theme

STEP_COLOURS = {1: "#FFD54F", 2: "#CFD8DC", 3: "#FFAB91"}  # gold, silver, bronze
STEP_HEIGHTS = {1: 1.0, 2: 0.72, 3: 0.5}
STEP_COLUMNS = {2: 0, 1: 1, 3: 2}  # left to right: second, first, third
STEP_INK = "#101010"
EMPTY_STEP = "#262626"


def rank_text(tower: RankedTower) -> str:
    """« 2 » or « 2 ex æquo »."""
    return f"{tower.rank}\u00a0" + _("ex æquo") if tower.tied else str(tower.rank)


class LegoSlide(CanvasSlide):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Tour de Lego\u00a0: le classement"), parent)
        self.ranked: list[RankedTower] = []

    def show_ranking(self, ranked: Sequence[RankedTower]) -> None:
        """Draw ``ranked`` (highest first)."""
        self.ranked = list(ranked)
        self.setAccessibleDescription(
            "\n".join(f"{rank_text(t)} — {t.team} — {cm_text(t.height)}" for t in self.ranked)
        )
        self.update()

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        if not self.ranked:
            self.paint_empty(painter, box, _("Au signal, on arrête de construire et on mesure."))
            return
        others = [t for t in self.ranked if t.rank > 3]
        stage = QRect(box)
        if others:
            stage.setBottom(box.bottom() - int(h * 0.12))
            footer = QRect(box.left(), stage.bottom() + int(h * 0.02), box.width(), int(h * 0.1))
            listed = " · ".join(f"{t.rank}. {t.team} ({cm_text(t.height)})" for t in others)
            draw_text(
                painter,
                footer,
                listed,
                largest=h * 0.04,
                smallest=h * 0.022,
                colour=current_theme().secondary,
            )
        column_width = stage.width() / 3
        names_height = int(stage.height() * 0.26)
        tallest = stage.height() - names_height
        steps = dict(podium(self.ranked))
        for rank in (1, 2, 3):
            teams = steps.get(rank, [])
            column = STEP_COLUMNS[rank]
            left = stage.left() + column * column_width
            block_height = tallest * STEP_HEIGHTS[rank]
            block = QRectF(
                left + column_width * 0.06,
                stage.bottom() - block_height,
                column_width * 0.88,
                block_height,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(STEP_COLOURS[rank] if teams else EMPTY_STEP))
            painter.drawRoundedRect(block, h * 0.012, h * 0.012)
            if not teams:  # a tie above took this place: the step stays, empty
                continue
            names = QRect(
                int(block.left()), int(block.top() - names_height), int(block.width()), names_height
            )
            draw_text(
                painter,
                names.adjusted(0, 0, 0, -int(h * 0.015)),
                "\n".join(t.team for t in teams),
                largest=h * 0.06,
                smallest=h * 0.025,
                bold=True,
                align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            )
            inner = block.toRect().adjusted(8, int(h * 0.015), -8, -int(h * 0.015))
            rank_box = QRect(inner.left(), inner.top(), inner.width(), int(inner.height() * 0.55))
            draw_text(
                painter,
                rank_box,
                rank_text(teams[0]),
                largest=h * 0.11,
                smallest=h * 0.03,
                colour=STEP_INK,
                bold=True,
                wrap=False,
            )
            height_box = QRect(inner.left(), rank_box.bottom(), inner.width(), 0)
            height_box.setBottom(inner.bottom())
            draw_text(
                painter,
                height_box,
                cm_text(teams[0].height),
                largest=h * 0.06,
                smallest=h * 0.022,
                colour=STEP_INK,
                wrap=False,
            )
