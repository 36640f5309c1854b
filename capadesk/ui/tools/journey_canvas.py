"""The journey map drawn for the room: the persona and the framing on top, the stages as columns,
the six rows as tinted bands, and between the thoughts and the frictions a satisfaction band
where the scores of the stages are joined by a curve (red when it dips, green when it rises).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import journey_map as rules
from capadesk.core.domain.journey_map import JourneyMap
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import INK, Canvas

ROW_TINTS = {
    "actions": "#263238",
    "expectations": "#263238",
    "thoughts": "#263238",
    "frictions": "#4A1C1C",
    "opportunities": "#1B3A22",
    "data_traces": "#0D2A45",
}
SCORE_COLOURS = {-2: "#FF5252", -1: "#FF9E80", 0: "#E0E0E0", 1: "#B9F6CA", 2: "#69F0AE"}
STAGE_FILL = "#FFD54F"
CURVE = "#FFFFFF"


def satisfaction_label(score: int | None) -> str:
    """« +2 » … « -2 », or « — »."""
    return "—" if score is None else f"{score:+d}"


class JourneyCanvas(Canvas):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Parcours usager projeté"), projected=projected, parent=parent)
        self.journey = JourneyMap()

    def show_journey(self, journey: JourneyMap) -> None:
        """Draw ``journey``."""
        self.journey = journey
        self.update()

    def paint(self, painter: QPainter) -> None:
        journey = self.journey
        m = self.px(28)
        title = _("Parcours de {name}").format(name=journey.persona_name or _("l'usager"))
        if journey.scenario:
            title += " — " + journey.scenario.replace("\n", " ")
        self.text(
            painter,
            QRect(m, m // 2, self.width() - 2 * m, self.px(64)),
            title,
            46,
            22,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        self.text(
            painter,
            QRect(m, m // 2 + self.px(64), self.width() - 2 * m, self.px(40)),
            journey.framing,
            30,
            18,
            colour=current_theme().secondary if self.projected else None,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        top = m // 2 + self.px(116)
        if not journey.stages:
            self.text(
                painter,
                QRect(m, top, self.width() - 2 * m, self.height() - top - m),
                _("Nommez les grandes étapes du parcours"),
                48,
                colour=current_theme().secondary,
            )
            return
        self._grid(painter, QRect(m, top, self.width() - 2 * m, self.height() - top - m))

    def _grid(self, painter: QPainter, area: QRect) -> None:
        stages = self.journey.stages
        gap = self.px(6)
        label_width = self.px(250)
        column = (area.width() - label_width) / len(stages)
        head = self.px(74)
        curve_band = self.px(150)
        row_height = (area.height() - head - curve_band - gap * (len(rules.ROWS) + 1)) / len(
            rules.ROWS
        )

        def column_box(index: int, top: float, height: float) -> QRect:
            left = area.left() + label_width + column * index
            return QRect(int(left + gap / 2), int(top), int(column - gap), int(height))

        for index, stage in enumerate(stages):
            box = column_box(index, area.top(), head)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(STAGE_FILL))
            painter.drawRoundedRect(QRectF(box), self.px(8), self.px(8))
            self.text(
                painter,
                box.adjusted(self.px(8), 0, -self.px(8), 0),
                stage.title,
                36,
                16,
                colour=INK,
                bold=True,
            )
        top: float = area.top() + head + gap
        for key, label in rules.ROWS:
            label_box = QRect(area.left(), int(top), label_width - gap, int(row_height))
            self.text(
                painter,
                label_box,
                _(label),
                28,
                15,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            for index, stage in enumerate(stages):
                box = column_box(index, top, row_height)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(ROW_TINTS[key]))
                painter.drawRoundedRect(QRectF(box), self.px(6), self.px(6))
                self.text(
                    painter,
                    box.adjusted(self.px(8), self.px(4), -self.px(8), -self.px(4)),
                    stage.cell(key),
                    28,
                    13,
                    align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                )
            top += row_height + gap
            if key == "thoughts":
                self._curve(painter, area, label_width, column, top, curve_band)
                top += curve_band + gap

    def _curve(
        self,
        painter: QPainter,
        area: QRect,
        label_width: int,
        column: float,
        top: float,
        height: float,
    ) -> None:
        label_box = QRect(area.left(), int(top), label_width - self.px(6), int(height))
        self.text(
            painter,
            label_box,
            _("Satisfaction"),
            28,
            15,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        pad = self.px(22)

        def y_of(score: int) -> float:
            return top + pad + (2 - score) / 4 * (height - 2 * pad)

        left = area.left() + label_width
        painter.setPen(QPen(QColor(255, 255, 255, 50), 1, Qt.PenStyle.DashLine))
        for score in rules.SATISFACTION:
            painter.drawLine(QPointF(left, y_of(score)), QPointF(area.right(), y_of(score)))
        points = [
            (QPointF(left + column * (index + 0.5), y_of(score)), score)
            for index, score in self.journey.curve()
        ]
        if len(points) > 1:
            path = QPainterPath(points[0][0])
            for point, _score in points[1:]:
                path.lineTo(point)
            painter.setPen(QPen(QColor(CURVE), max(2, self.px(5))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        radius = self.px(22)
        for point, score in points:
            painter.setPen(QPen(QColor("#000000"), max(1, self.px(3))))
            painter.setBrush(QColor(SCORE_COLOURS[score]))
            painter.drawEllipse(point, radius, radius)
            box = QRect(int(point.x() - radius), int(point.y() - radius), 2 * radius, 2 * radius)
            self.text(painter, box, satisfaction_label(score), 24, 12, colour=INK, bold=True)
