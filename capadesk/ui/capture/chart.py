"""The vote's bar chart: one band per thread, most dots first, the kept threads in green.

Each band has the rank on the left (« ex æquo » under tied ranks), the thread's title on top and
its bar with the number of dots below. The type grows with the widget, so the same chart serves
the laptop and, with ``PROJECTED_CHART``, the wall 10 m away. Threads that do not fit are
counted on a last line rather than drawn too small to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from capadesk.core.domain.capture import RankedThread
from capadesk.i18n import _
from capadesk.ui.capture.palette import KEPT_COLOUR, PROJECTED_KEPT, PROJECTED_OTHER, shown_text
from capadesk.ui.runner.style import current_theme


@dataclass(frozen=True)
class ChartStyle:
    """Colours and band heights (pixels) of a chart."""

    background: str = "#FFFFFF"
    ink: str = "#1F1F1F"
    secondary: str = "#5F6368"
    bar: str = "#7A8A99"
    kept: str = KEPT_COLOUR
    smallest_band: int = 44
    largest_band: int = 84


PROJECTED_CHART = ChartStyle(
    background="#000000",
    ink="#FFFFFF",
    secondary="#C8C8C8",
    bar=PROJECTED_OTHER,
    kept=PROJECTED_KEPT,
    smallest_band=64,
    largest_band=150,
)


def rank_label(ranked: RankedThread) -> str:
    """« 2 » or « 2 ex æquo »."""
    return f"{ranked.rank}\u00a0" + _("ex æquo") if ranked.tied else str(ranked.rank)


class VoteChart(QWidget):
    """See module docstring."""

    def __init__(self, style: ChartStyle | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_style = style or ChartStyle()
        self.ranked: list[RankedThread] = []
        self.shown_count = 0  # bands drawn at the last paint (the others are counted)
        self.setAccessibleName(_("Diagramme des votes"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(520, 360)

    def set_ranking(self, ranked: Sequence[RankedThread]) -> None:
        """Draw ``ranked`` (already in rank order)."""
        self.ranked = list(ranked)
        lines = [f"{rank_label(r)} — {r.title} — {r.dots}" for r in self.ranked]
        self.setAccessibleDescription("\n".join(lines))
        self.update()

    def band_height(self) -> int:
        """The height of one thread's band at the current size."""
        style = self.chart_style
        if not self.ranked:
            return style.largest_band
        even = (self.height() - self._margin() * 2) // len(self.ranked)
        return max(style.smallest_band, min(style.largest_band, even))

    def _margin(self) -> int:
        return max(8, min(self.width(), self.height()) // 40)

    def painted_style(self) -> ChartStyle:
        """The style to paint with: the projected chart takes its background, ink and
        secondary colours from the projection's theme now (the bars keep theirs)."""
        if self.chart_style is not PROJECTED_CHART:
            return self.chart_style
        theme = current_theme()
        return replace(
            self.chart_style,
            background=theme.background,
            ink=theme.text,
            secondary=theme.secondary,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        style = self.painted_style()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.background))
        margin = self._margin()
        if not self.ranked:
            font = QFont(self.font())
            font.setPixelSize(max(14, self.height() // 14))
            painter.setFont(font)
            painter.setPen(QColor(style.secondary))
            painter.drawText(
                self.rect().adjusted(margin, margin, -margin, -margin),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                _("Pas encore de fil à départager."),
            )
            painter.end()
            return
        band = self.band_height()
        room = self.height() - 2 * margin
        fitting = max(1, room // band)
        if fitting < len(self.ranked):
            fitting = max(1, (room - band // 2) // band)  # leave a line to count the others
        shown = self.ranked[:fitting]
        self.shown_count = len(shown)
        most = max((r.dots for r in self.ranked), default=0) or 1
        title_font = QFont(self.font())
        title_font.setPixelSize(max(10, int(band * 0.30)))
        rank_font = QFont(title_font)
        rank_font.setBold(True)
        rank_font.setPixelSize(max(12, int(band * 0.42)))
        small_font = QFont(title_font)
        small_font.setPixelSize(max(9, int(band * 0.2)))
        tie_width = QFontMetrics(small_font).horizontalAdvance(_("ex æquo"))
        rank_width = max(QFontMetrics(rank_font).horizontalAdvance("00"), tie_width) + margin
        left = margin + rank_width
        width = self.width() - left - margin
        value_width = QFontMetrics(title_font).horizontalAdvance("0000") + margin
        y = margin
        for ranked in shown:
            self._band(painter, ranked, QRect(left, y, width, band), most, value_width)
            painter.setFont(rank_font)
            painter.setPen(QColor(style.ink))
            rank_box = QRect(margin, y, rank_width - margin // 2, int(band * 0.62))
            painter.drawText(
                rank_box,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(ranked.rank),
            )
            if ranked.tied:
                painter.setFont(small_font)
                painter.setPen(QColor(style.secondary))
                tie_box = QRect(
                    margin, y + int(band * 0.58), rank_width - margin // 2, int(band * 0.36)
                )
                painter.drawText(
                    tie_box,
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                    _("ex æquo"),
                )
            y += band
        hidden = len(self.ranked) - len(shown)
        if hidden:
            painter.setFont(title_font)
            painter.setPen(QColor(style.secondary))
            painter.drawText(
                QRect(left, y, width, band // 2),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                _("… et {count} autre(s) fil(s)").format(count=hidden),
            )
        painter.end()

    def _band(
        self, painter: QPainter, ranked: RankedThread, box: QRect, most: int, value_width: int
    ) -> None:
        style = self.painted_style()
        title_font = QFont(self.font())
        title_font.setPixelSize(max(10, int(box.height() * 0.30)))
        metrics = QFontMetrics(title_font)
        mark = f"  ✓\u00a0{_('retenu')}" if ranked.kept else ""
        painter.setFont(title_font)
        title_height = int(box.height() * 0.46)
        mark_width = metrics.horizontalAdvance(mark)
        title = metrics.elidedText(
            shown_text(ranked.title).replace("\n", " "),
            Qt.TextElideMode.ElideRight,
            box.width() - mark_width,
        )
        painter.setPen(QColor(style.ink))
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(QRect(box.left(), box.top(), box.width(), title_height), align, title)
        if mark:
            painter.setPen(QColor(style.kept))
            start = box.left() + metrics.horizontalAdvance(title)
            painter.drawText(QRect(start, box.top(), mark_width + 4, title_height), align, mark)
        bar_top = box.top() + title_height
        bar_height = int(box.height() * 0.38)
        length = (box.width() - value_width) * ranked.dots / most
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.kept if ranked.kept else style.bar))
        painter.drawRect(QRectF(box.left(), bar_top, max(2.0, length), bar_height))
        painter.setPen(QColor(style.ink))
        value_box = QRect(box.left() + int(length) + 8, bar_top, value_width, bar_height)
        painter.drawText(value_box, align, str(ranked.dots))
