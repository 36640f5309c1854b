"""The projection's parallel tracks: one column per track, side by side, each with its own
countdown in large type coloured by the same levels as the day's (read from 10 m).

Placed by the timer page (``setGeometry``), it lays its labels out itself on resize, like the
projection's pages: the track's title, its current step, its countdown, and « Pause » /
« Terminé » when its time stands still. Every column's countdown has the same size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.i18n import _
from capadesk.ui.runner.screen import TrackScreen
from capadesk.ui.runner.slides import ProjectedPage, projection_label, recolour
from capadesk.ui.runner.style import (
    PROJECTION_LEVELS,
    PROJECTION_SECONDARY,
    ProjectionTheme,
    current_font_scale,
    current_theme,
    scaled_font,
)


@dataclass
class TrackColumn:
    """The labels of one track's column."""

    title_label: QLabel
    step_label: QLabel
    countdown_label: QLabel
    state_label: QLabel
    level: CountdownLevel | None = None

    @property
    def labels(self) -> tuple[QLabel, ...]:
        """Top to bottom."""
        return (self.title_label, self.step_label, self.countdown_label, self.state_label)


class TrackColumns(QWidget):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Groupes en parallèle"))
        self.columns: list[TrackColumn] = []
        self._ids: list[object] = []
        self._sample = ""
        self.theme = current_theme()
        self.font_scale = current_font_scale()

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Recolour the columns and re-size their type."""
        self.theme, self.font_scale = theme, font_scale
        for column in self.columns:
            recolour(column.labels, theme)
            if column.level is not None:
                column.countdown_label.setStyleSheet(
                    theme.countdown_style(column.level, self.height())
                )
        self.arrange()

    def show_tracks(self, screens: Sequence[TrackScreen]) -> None:
        """Render ``screens``; lay out again only when a text other than a time changed, or a
        countdown changed shape."""
        changed = False
        if self._ids != [screen.track_id for screen in screens]:
            self._rebuild(screens)
            changed = True
        for column, screen in zip(self.columns, screens, strict=True):
            texts = (
                (column.title_label, screen.title),
                (column.step_label, screen.step_text),
                (column.state_label, screen.room_state),
            )
            for label, text in texts:
                if label.text() != text:
                    label.setText(text)
                    changed = True
            time = screen.countdown.text if screen.countdown else ""
            if column.countdown_label.text() != time:
                column.countdown_label.setText(time)
            if screen.level is not column.level:
                column.level = screen.level
                column.countdown_label.setStyleSheet(
                    self.theme.countdown_style(screen.level, self.height())
                )
        sample = _sample(screen.countdown.text if screen.countdown else "" for screen in screens)
        if changed or sample != self._sample:
            self._sample = sample
            self.arrange()

    def _rebuild(self, screens: Sequence[TrackScreen]) -> None:
        for column in self.columns:
            for label in column.labels:
                label.deleteLater()
        self.columns = []
        for _screen in screens:
            column = TrackColumn(
                title_label=projection_label(_("Groupe en parallèle"), bold=True),
                step_label=projection_label(_("Étape du groupe"), PROJECTION_SECONDARY),
                countdown_label=projection_label(_("Temps restant du groupe"), bold=True),
                state_label=projection_label(
                    _("État du groupe"), PROJECTION_LEVELS[CountdownLevel.WARNING]
                ),
            )
            column.countdown_label.setWordWrap(False)
            for label in column.labels:
                label.setParent(self)
                label.show()
            self.columns.append(column)
        self._ids = [screen.track_id for screen in screens]
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        """Place the columns side by side across the whole widget."""
        count = len(self.columns)
        if not count:
            return
        w, h = self.width(), self.height()
        gap = int(w * 0.03)
        width = (w - gap * (count - 1)) // count
        title_h, step_h, state_h = int(h * 0.16), int(h * 0.16), int(h * 0.12)
        clock_h = h - title_h - step_h - state_h
        clock_font = None
        for index, column in enumerate(self.columns):
            x = index * (width + gap)
            scale = self.font_scale
            ProjectedPage.place(
                column.title_label, QRect(x, 0, width, title_h), h * 0.11, h * 0.05, scale=scale
            )
            ProjectedPage.place(
                column.step_label,
                QRect(x, title_h, width, step_h),
                h * 0.075,
                h * 0.04,
                scale=scale,
            )
            clock = QRect(x, title_h + step_h, width, clock_h)
            if clock_font is None:
                clock_font = scaled_font(
                    column.countdown_label.font(),
                    self._sample,
                    clock,
                    int(h * 0.5),
                    12,
                    scale,
                    wrap=False,
                )
            column.countdown_label.setGeometry(clock)
            column.countdown_label.setFont(clock_font)
            ProjectedPage.place(
                column.state_label,
                QRect(x, h - state_h, width, state_h),
                h * 0.09,
                h * 0.04,
                scale=scale,
            )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """Thin rules between the columns, so the room reads each track apart."""
        super().paintEvent(event)
        count = len(self.columns)
        if count < 2:
            return
        w, h = self.width(), self.height()
        gap = int(w * 0.03)
        width = (w - gap * (count - 1)) // count
        painter = QPainter(self)
        painter.setPen(QPen(QColor(self.theme.separator), max(1, int(h * self.theme.outline))))
        for index in range(1, count):
            x = index * (width + gap) - gap // 2
            painter.drawLine(x, int(h * 0.05), x, int(h * 0.95))
        painter.end()


def _sample(times: Iterable[str]) -> str:
    """A text as wide as any of the columns' countdowns: they all keep one size as they tick."""
    return "+0:00:00" if any(text.count(":") == 2 for text in times) else "+00:00"
