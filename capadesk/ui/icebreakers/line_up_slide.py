"""« Placez-vous en ligne » for the room: the question drawn, huge; then the closing round,
with the total of kilometres travelled, big and amber, over the first names said so far."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreaker_results import KmRound, criterion
from capadesk.core.domain.icebreakers import km_text, short_names
from capadesk.i18n import _
from capadesk.ui.icebreakers.canvas import HIGHLIGHT, CanvasSlide, draw_text, pixel_font
from capadesk.ui.runner.style import current_theme

CHIP_BACKGROUND = "#1C1C1C"


class LineUpSlide(CanvasSlide):
    """See module docstring; ``show_round(True)`` switches to the closing round."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Placez-vous en ligne\u00a0!"), parent)
        self.prompt: str | None = None
        self.drawn = 0
        self.left = 0
        self.round = KmRound((), 0.0)
        self.showing_round = False
        self.shown_people = 0  # chips drawn at the last paint (the others are counted)

    def show_question(self, prompt: str | None, drawn: int, left: int) -> None:
        """The question drawn last (None: none yet), how many were drawn and are left."""
        self.prompt, self.drawn, self.left = prompt, drawn, left
        self._describe()

    def show_km(self, round_: KmRound) -> None:
        """The closing round so far."""
        self.round = round_
        self._describe()

    def show_round(self, on: bool) -> None:
        """Project the closing round (True) or the question (False)."""
        self.showing_round = on
        self._describe()

    def _describe(self) -> None:
        if self.showing_round:
            self.heading = _("Le tour des kilomètres")
            self.setAccessibleDescription(
                _("Total\u00a0: {total}").format(total=km_text(self.round.total))
            )
        else:
            self.heading = _("Placez-vous en ligne\u00a0!")
            self.setAccessibleDescription(criterion(self.prompt) if self.prompt else "")
        self.setAccessibleName(self.heading)
        self.update()

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        if self.showing_round:
            self._paint_round(painter, box)
        else:
            self._paint_question(painter, box)

    def _paint_question(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        if self.prompt is None:
            self.paint_empty(
                painter, box, _("Rangez-vous en une seule ligne, selon la question tirée.")
            )
            return
        footer_height = int(h * 0.07)
        question = QRect(box.left(), box.top(), box.width(), box.height() - footer_height)
        draw_text(
            painter,
            question,
            criterion(self.prompt),
            largest=h * 0.12,
            smallest=h * 0.04,
            bold=True,
        )
        footer = QRect(box.left(), question.bottom() + 1, box.width(), footer_height)
        line = _("Question {number} · encore {left} dans le paquet").format(
            number=self.drawn, left=self.left
        )
        draw_text(
            painter,
            footer,
            line,
            largest=h * 0.04,
            smallest=h * 0.025,
            colour=current_theme().secondary,
            wrap=False,
        )

    def _paint_round(self, painter: QPainter, box: QRect) -> None:
        h = self.height()
        total_box = QRect(box.left(), box.top(), box.width(), int(box.height() * 0.30))
        draw_text(
            painter,
            total_box,
            km_text(self.round.total),
            largest=h * 0.17,
            smallest=h * 0.06,
            colour=HIGHLIGHT,
            bold=True,
            wrap=False,
        )
        caption = QRect(box.left(), total_box.bottom() + 1, box.width(), int(h * 0.06))
        count = len(self.round.people)
        said = (
            _("parcourus à {count} pour venir jusqu'ici").format(count=count)
            if count > 1
            else _("parcourus pour venir jusqu'ici")
        )
        draw_text(
            painter,
            caption,
            said,
            largest=h * 0.045,
            smallest=h * 0.025,
            colour=current_theme().secondary,
            wrap=False,
        )
        grid = QRect(box.left(), caption.bottom() + int(h * 0.03), box.width(), 0)
        grid.setBottom(box.bottom())
        self._paint_chips(painter, grid)

    def _paint_chips(self, painter: QPainter, grid: QRect) -> None:
        people = self.round.people
        self.shown_people = 0
        if not people or grid.height() <= 0:
            return
        h = self.height()
        smallest, largest = h * 0.05, h * 0.085
        best: tuple[float, int] = (0.0, 1)
        for columns in range(1, 7):
            rows = math.ceil(len(people) / columns)
            chip = min(largest, grid.height() / rows, grid.width() / columns / 5.0)
            best = max(best, (chip, columns))
        chip_height, columns = best
        shown = list(people)
        hidden = 0
        if chip_height < smallest:  # too many: the latest ones, and a count of the others
            chip_height, columns = smallest, max(1, int(grid.width() / (smallest * 5.0)))
            capacity = max(1, int(grid.height() // chip_height) * columns - 1)
            hidden = len(people) - capacity
            shown = shown[-capacity:]
        names = short_names([name for name, _km in people])[len(people) - len(shown) :]
        width = grid.width() / columns
        font = pixel_font(painter.font(), chip_height * 0.42, bold=True)
        km_font = pixel_font(painter.font(), chip_height * 0.42)
        for index, ((_name, km), name) in enumerate(zip(shown, names, strict=True)):
            row, column = divmod(index, columns)
            cell = QRect(
                int(grid.left() + column * width),
                int(grid.top() + row * chip_height),
                int(width),
                int(chip_height),
            ).adjusted(4, 4, -4, -4)
            latest = index == len(shown) - 1
            self._chip(painter, cell, name, km_text(km), font, km_font, latest)
        self.shown_people = len(shown)
        if hidden > 0:
            row, column = divmod(len(shown), columns)
            cell = QRect(
                int(grid.left() + column * width),
                int(grid.top() + row * chip_height),
                int(width),
                int(chip_height),
            )
            draw_text(
                painter,
                cell,
                _("… et {count} autres").format(count=hidden),
                largest=chip_height * 0.42,
                smallest=chip_height * 0.25,
                colour=current_theme().secondary,
                wrap=False,
            )

    @staticmethod
    def _chip(
        painter: QPainter,
        cell: QRect,
        name: str,
        km: str,
        font: QFont,
        km_font: QFont,
        latest: bool,
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CHIP_BACKGROUND))
        painter.drawRoundedRect(cell, cell.height() * 0.2, cell.height() * 0.2)
        inner = cell.adjusted(int(cell.height() * 0.3), 0, -int(cell.height() * 0.3), 0)
        km_width = QFontMetrics(km_font).horizontalAdvance(km)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.setFont(km_font)
        painter.setPen(QColor(HIGHLIGHT if latest else current_theme().secondary))
        painter.drawText(inner, int(align | Qt.AlignmentFlag.AlignRight), km)
        room = max(0, inner.width() - km_width - int(cell.height() * 0.2))
        shown = QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, room)
        painter.setFont(font)
        painter.setPen(QColor(current_theme().text))
        painter.drawText(inner, int(align | Qt.AlignmentFlag.AlignLeft), shown)
