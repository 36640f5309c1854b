"""The maturity profile as a picture: one row per subject, the five stages across, a dot per
respondent at the stage they gave, coloured by their profile; a band from the lowest to the
highest answer shows the spread, and a mark flags subjects where profiles see things two stages
or more apart. There is no total, no average, no score: only who placed what where.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from capadesk.core.domain.maturity import Profile, Stage, SubjectProfile
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme

PROFILE_COLOURS = {  # Okabe–Ito: told apart by most colour-blind readers
    Profile.ELECTED: "#D55E00",
    Profile.GENERAL_MANAGEMENT: "#0072B2",
    Profile.IT: "#009E73",
    Profile.DIGITAL: "#CC79A7",
    Profile.BUSINESS: "#6A3D9A",
    Profile.AGENT: "#56B4E9",
    Profile.PARTNER: "#8C6D31",
    Profile.OTHER: "#7F7F7F",
}
DIVERGENT_MARK = "≠"


class Theme(NamedTuple):
    """Colours of the picture: on the laptop's light page, or on the projection's black."""

    background: str
    text: str
    secondary: str
    grid: str
    band: str
    capacity: str
    warning: str


LIGHT = Theme("#FFFFFF", "#1A1A1A", "#555555", "#D0D0D0", "#E3E7EF", "#F2F4F8", "#B00020")
DARK = Theme("#000000", "#FFFFFF", "#C8C8C8", "#555555", "#34383F", "#1A1A1A", "#FF6E6E")


class PictureRow(NamedTuple):
    """One row: a subject's wording, its capacity (for the headings) and its profile (None when
    the subject is not in this assessment, for a comparison)."""

    label: str
    capacity: str
    profile: SubjectProfile | None


class MaturityPicture(QWidget):
    """See module docstring. ``show_rows`` gives it what to draw."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.title = ""
        self.rows: list[PictureRow] = []
        self.profiles: list[Profile] = []
        self.scale = 1.0
        self.largest = 1.0  # with ``fit``, the scale it shrinks from to fit the height
        self.fit = False
        self.setAccessibleName(_("Profil de maturité par sujet"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_rows(
        self, title: str, rows: Sequence[PictureRow], profiles: Sequence[Profile]
    ) -> None:
        """Draw ``rows``; the legend lists ``profiles``."""
        self.title, self.rows, self.profiles = title, list(rows), list(profiles)
        self._fit()
        self.updateGeometry()
        self.update()

    def set_scale(self, scale: float, *, fit: bool = False) -> None:
        """Type and dots ``scale`` times larger (the projection); with ``fit``, smaller when
        every subject would not fit the widget's height (a slide has no scroll bar)."""
        self.scale = self.largest = scale
        self.fit = fit
        self._fit()
        self.updateGeometry()
        self.update()

    def _fit(self) -> None:
        if not self.fit or self.height() <= 0:
            return
        self.scale = self.largest
        while self.scale > 0.5 and self._layout_height() > self.height():
            self.scale *= 0.95

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    # --- geometry --------------------------------------------------------------------------------

    def _font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, int(points * self.scale)))
        font.setBold(bold)
        return font

    def _label_width(self) -> int:
        return int(self.width() * 0.34)

    def _row_height(self, label: str) -> int:
        metrics = QFontMetrics(self._font(13))
        box = metrics.boundingRect(
            0, 0, self._label_width() - 12, 10_000, int(Qt.TextFlag.TextWordWrap), label
        )
        return max(int(34 * self.scale), box.height() + int(12 * self.scale))

    def _layout_height(self) -> int:
        height = int(40 * self.scale) + int(36 * self.scale)  # title, stage heads
        capacity = None
        for row in self.rows:
            if row.capacity != capacity:
                capacity = row.capacity
                if capacity:
                    height += int(24 * self.scale)
            height += self._row_height(row.label)
        return height + int(48 * self.scale)  # legend

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(int(900 * self.scale), self._layout_height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._layout_height()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(int(500 * self.scale), self._layout_height())

    # --- drawing ---------------------------------------------------------------------------------

    def texts(self) -> list[str]:
        """Every text the picture draws (tests check what it says, and what it never says)."""
        found = [self.title, *(stage.label for stage in Stage)]
        for row in self.rows:
            found.append(row.capacity)
            found.append(row.label)
            if row.profile is not None and row.profile.divergent:
                found.append(DIVERGENT_MARK)
            if row.profile is None:
                found.append(_("(absent de cet autodiagnostic)"))
        found += [profile.label for profile in self.profiles]
        found.append(self._legend_note())
        return [text for text in found if text]

    def _legend_note(self) -> str:
        return _("{mark}\u00a0: profils éloignés de deux étapes ou plus").format(
            mark=DIVERGENT_MARK
        )

    def painted_theme(self) -> Theme:
        """The colours to paint with: the projected (``DARK``) picture takes its background,
        text and secondary colours from the projection's theme now."""
        if self.theme is not DARK:
            return self.theme
        look = current_theme()
        return DARK._replace(background=look.background, text=look.text, secondary=look.secondary)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme, s = self.painted_theme(), self.scale
        painter.fillRect(self.rect(), QColor(theme.background))
        width = self.width()
        label_width = self._label_width()
        stage_width = (width - label_width - int(16 * s)) / len(Stage)
        left = label_width
        y = 0
        painter.setPen(QColor(theme.text))
        painter.setFont(self._font(17, bold=True))
        painter.drawText(
            QRectF(8, y, width - 16, 40 * s), Qt.AlignmentFlag.AlignVCenter, self.title
        )
        y += int(40 * s)
        painter.setFont(self._font(13, bold=True))
        for number, stage in enumerate(Stage):
            box = QRectF(left + number * stage_width, y, stage_width, 36 * s)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, stage.label
            )
        y += int(36 * s)
        capacity = None
        for row in self.rows:
            if row.capacity != capacity:
                capacity = row.capacity
                if capacity:
                    band = QRectF(0, y, width, 24 * s)
                    painter.fillRect(band, QColor(theme.capacity))
                    painter.setPen(QColor(theme.secondary))
                    painter.setFont(self._font(12, bold=True))
                    painter.drawText(
                        band.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, capacity
                    )
                    y += int(24 * s)
            height = self._row_height(row.label)
            self._draw_row(painter, row, QRectF(0, y, width, height), left, stage_width)
            y += height
        self._draw_legend(painter, y + int(10 * s))
        painter.end()

    def _draw_row(
        self, painter: QPainter, row: PictureRow, box: QRectF, left: float, stage_width: float
    ) -> None:
        theme, s = self.painted_theme(), self.scale
        painter.setPen(QPen(QColor(theme.grid), 1))
        painter.drawLine(QPointF(0, box.bottom()), QPointF(box.right(), box.bottom()))
        for number in range(len(Stage) + 1):
            x = left + number * stage_width
            painter.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()))
        painter.setPen(QColor(theme.text))
        painter.setFont(self._font(13))
        painter.drawText(
            QRectF(8, box.top() + 4 * s, left - 12, box.height() - 8 * s),
            Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            row.label,
        )
        profile = row.profile
        if profile is None:
            painter.setPen(QColor(theme.secondary))
            painter.setFont(self._font(12))
            painter.drawText(
                QRectF(left, box.top(), stage_width * len(Stage), box.height()),
                Qt.AlignmentFlag.AlignCenter,
                _("(absent de cet autodiagnostic)"),
            )
            return
        if profile.lowest is not None and profile.highest is not None:
            start = left + (profile.lowest - 1) * stage_width + stage_width * 0.15
            end = left + (profile.highest - 1) * stage_width + stage_width * 0.85
            spread = QRectF(start, box.center().y() - 9 * s, end - start, 18 * s)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.band))
            painter.drawRoundedRect(spread, 9 * s, 9 * s)
        radius = min(7 * s, stage_width / 14)
        for number, stage in enumerate(Stage):
            people = [r for r, given in profile.answers if given is stage]
            people.sort(key=lambda r: list(Profile).index(r.profile))
            per_line = max(1, int((stage_width - 8) // (radius * 2.6)))
            lines = -(-len(people) // per_line) if people else 0
            top = box.center().y() - (lines - 1) * radius * 1.3
            for place, respondent in enumerate(people):
                line, column = divmod(place, per_line)
                in_line = min(per_line, len(people) - line * per_line)
                x = left + number * stage_width + stage_width / 2
                x += (column - (in_line - 1) / 2) * radius * 2.6
                centre = QPointF(x, top + line * radius * 2.6)
                painter.setPen(QPen(QColor(theme.background), max(1.0, 1.5 * s)))
                painter.setBrush(QColor(PROFILE_COLOURS[respondent.profile]))
                painter.drawEllipse(centre, radius, radius)
        if profile.divergent:
            painter.setPen(QColor(theme.warning))
            painter.setFont(self._font(16, bold=True))
            painter.drawText(
                QRectF(box.right() - 16 * s, box.top(), 16 * s, box.height()),
                Qt.AlignmentFlag.AlignCenter,
                DIVERGENT_MARK,
            )

    def _draw_legend(self, painter: QPainter, y: int) -> None:
        s = self.scale
        x = 8.0
        painter.setFont(self._font(12))
        metrics = QFontMetrics(painter.font())
        for profile in self.profiles:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PROFILE_COLOURS[profile]))
            painter.drawEllipse(QPointF(x + 6 * s, y + 8 * s), 6 * s, 6 * s)
            painter.setPen(QColor(self.painted_theme().text))
            painter.drawText(QPointF(x + 16 * s, y + 13 * s), profile.label)
            x += 16 * s + metrics.horizontalAdvance(profile.label) + 18 * s
        painter.setPen(QColor(self.painted_theme().warning))
        painter.drawText(QPointF(x + 8 * s, y + 13 * s), self._legend_note())
