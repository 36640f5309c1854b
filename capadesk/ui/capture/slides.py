"""What the room sees: the wall in big cards, and the vote's chart, for the projection window.

Both are read from 10 m: black background, saturated cards under black text, large type scaled
with the window's height (designed at 1080 px), no selection, no scroll bar, no editing chrome.
The wall slide shares the laptop wall's model, so a card typed on the laptop shows here at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QVBoxLayout, QWidget

from capadesk.core.domain.capture import RankedThread, VotingRules
from capadesk.i18n import _
from capadesk.ui.capture.card_delegate import PROJECTED_STYLE
from capadesk.ui.capture.chart import PROJECTED_CHART, VoteChart
from capadesk.ui.capture.wall_layout import Grouping, WallFilter
from capadesk.ui.capture.wall_model import WallModel
from capadesk.ui.capture.wall_view import WallView
from capadesk.ui.runner.slides import ProjectedPage, projection_label
from capadesk.ui.runner.style import PROJECTION_SECONDARY, ProjectionTheme, current_theme

DESIGN_HEIGHT = 1080


class WallSlide(QWidget):
    """The wall for the room (see module docstring); grouped and filtered like the laptop's."""

    def __init__(self, model: WallModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Mur projeté"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        theme = current_theme()
        self.view = WallView(
            model, PROJECTED_STYLE, background=theme.background, heading=theme.text
        )
        self._paint_background(theme)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setDragEnabled(False)
        self.view.setAcceptDrops(False)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _paint_background(self, theme: ProjectionTheme) -> None:
        self.setStyleSheet(f"WallSlide {{ background: {theme.background}; }}")

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Follow the projection's ``theme`` (the cards keep their kinds' colours)."""
        del font_scale  # the cards are sized by the window's height
        self._paint_background(theme)
        self.view.viewport().setStyleSheet(f"background: {theme.background};")
        self.view.heading_colour = QColor(theme.text)
        self.view.viewport().update()

    def set_grouping(self, grouping: Grouping) -> None:
        """Group like the laptop's wall."""
        self.view.set_grouping(grouping)

    def set_filter(self, wall_filter: WallFilter) -> None:
        """Filter like the laptop's wall."""
        self.view.set_filter(wall_filter)

    def show_card(self, row: int) -> None:
        """Scroll so that the card at ``row`` (just typed) is in sight."""
        self.view.scrollTo(self.view.wall_model.index(row, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        factor = max(0.5, self.height() / DESIGN_HEIGHT)
        style = PROJECTED_STYLE.scaled(factor)
        if style != self.view.delegate.style:
            self.view.set_card_style(style)


class VoteSlide(ProjectedPage):
    """« Résultats du vote », the rule of the threads kept, and the chart in large type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Résultats du vote projetés"))
        self.setStyleSheet(f"VoteSlide {{ background: {self.theme.background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading_label = projection_label(_("Résultats du vote"), bold=True)
        self.heading_label.setParent(self)
        self.heading_label.setText(_("Résultats du vote"))
        self.rules_label = projection_label(_("Règle du vote"), PROJECTION_SECONDARY)
        self.rules_label.setParent(self)
        self.chart = VoteChart(PROJECTED_CHART, self)
        self.set_rules(VotingRules())

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        self.setStyleSheet(f"VoteSlide {{ background: {theme.background}; }}")
        super().apply_look(theme, font_scale)
        self.chart.update()  # the chart reads the theme when it paints

    def set_rules(self, rules: VotingRules) -> None:
        """Say how many threads are kept."""
        self.rules_label.setText(
            _("{dots} gommettes chacun · les {kept} premiers fils sont retenus").format(
                dots=rules.dots_per_participant, kept=rules.kept_threads
            )
        )
        self.arrange()

    def set_ranking(self, ranked: Sequence[RankedThread]) -> None:
        """Draw the ranking."""
        self.chart.set_ranking(ranked)

    def arrange(self) -> None:
        w, h, m = self.width(), self.height(), self.margin()
        inner = w - 2 * m
        self.place(self.heading_label, QRect(m, m // 2, inner, int(h * 0.10)), h * 0.07, h * 0.035)
        self.place(
            self.rules_label,
            QRect(m, m // 2 + int(h * 0.10), inner, int(h * 0.06)),
            h * 0.04,
            h * 0.025,
        )
        top = m // 2 + int(h * 0.17)
        self.chart.setGeometry(QRect(m, top, inner, h - top - m // 2))
