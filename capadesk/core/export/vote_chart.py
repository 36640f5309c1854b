"""The dot-vote bar chart: one horizontal bar per thread, most dots on top, kept ones darker."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]

from capadesk.core.domain.capture import RankedThread
from capadesk.core.export.pdf_base import FONT, plain

MAX_BARS = 20  # more would not be readable; the table under the chart lists them all
LABEL_CHARACTERS = 48
BAR_HEIGHT = 15.0
LABEL_WIDTH = 210.0
KEPT = colors.Color(0.08, 0.4, 0.75)
NOT_KEPT = colors.Color(0.62, 0.74, 0.87)


def short_label(title: str, limit: int = LABEL_CHARACTERS) -> str:
    """A thread title fit for a bar's label: one line, drawable, cut with « … »."""
    label = plain(title)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def vote_chart(ranked: Sequence[RankedThread], width: float) -> Drawing:
    """The chart of the first ``MAX_BARS`` ranked threads (most dots first, top down)."""
    shown = list(ranked[:MAX_BARS])
    height = BAR_HEIGHT * max(len(shown), 1) + 30
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # else the renderer starts every drawing in Helvetica
    chart = HorizontalBarChart()
    chart.x = LABEL_WIDTH
    chart.y = 20
    chart.width = width - LABEL_WIDTH - 30
    chart.height = height - 30
    # The chart draws its first category at the bottom: reverse so the winner is on top.
    ordered = list(reversed(shown))
    chart.data = [[r.dots for r in ordered]]
    chart.categoryAxis.categoryNames = [short_label(r.title) for r in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    top = max((r.dots for r in shown), default=0)
    chart.valueAxis.valueMax = max(top, 1)
    chart.valueAxis.valueStep = max(1, _step(top))
    chart.bars.strokeColor = None
    chart.barWidth = BAR_HEIGHT * 0.7
    chart.bars[0].fillColor = NOT_KEPT
    for index, thread in enumerate(ordered):
        if thread.kept:
            chart.bars[(0, index)].fillColor = KEPT
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    if not shown:
        drawing.add(String(LABEL_WIDTH, height / 2, "—", fontName=FONT, fontSize=9))
    return drawing


def _step(top: int) -> int:
    """A round value step giving at most about eight ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 8:
            return step
    return max(1, top // 8)
