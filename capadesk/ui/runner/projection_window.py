"""The projection window, for the room: never editing chrome, read from 10 m.

It shows one page at a time: the timer (step title, the huge countdown coloured by level, the
instructions, « Ensuite : … »), the welcome slide, or the collaboration-rules slide. Fullscreen
and frameless on a second screen; a normal, movable window when the laptop has only one.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QHideEvent, QScreen
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.i18n import _
from capadesk.ui.runner.screen import RunScreen
from capadesk.ui.runner.slides import ProjectedPage, RulesSlide, WelcomeSlide, projection_label
from capadesk.ui.runner.style import (
    PROJECTION_LEVELS,
    PROJECTION_SECONDARY,
    ProjectionTheme,
    current_font_scale,
    current_theme,
    cut_to_fit,
    scaled_font,
    set_look,
    theme_named,
)
from capadesk.ui.runner.track_columns import TrackColumns

# The last four are lent by the workshop page: the capture page's wall and vote chart, the
# current step's tool (an ice-breaker…) and the groups.
SLIDES = ("welcome", "rules", "wall", "vote", "tool", "groups")
WINDOWED_SIZE = (1280, 720)


class TimerPage(ProjectedPage):
    """Step title on top, « Ensuite : … » at the bottom; between them the huge countdown (and the
    pause marker) on the left and the instructions on the right, or the countdown alone across
    the page when the step has no instructions.

    A step with parallel tracks shows, instead of its instructions, the tracks' countdowns side
    by side under a smaller countdown of the whole step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Minuteur projeté"))
        self.title_label = projection_label(_("Titre de l'étape"), bold=True)
        self.countdown_label = projection_label(_("Temps restant"), bold=True)
        self.countdown_label.setWordWrap(False)
        self.state_label = projection_label(_("État"), PROJECTION_LEVELS[CountdownLevel.WARNING])
        self.instructions_label = projection_label(_("Consignes"))
        self.instructions_label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.next_label = projection_label(_("Étape suivante"), PROJECTION_SECONDARY)
        for label in (
            self.title_label,
            self.countdown_label,
            self.state_label,
            self.instructions_label,
            self.next_label,
        ):
            label.setParent(self)
        self.tracks = TrackColumns(self)
        self.tracks.hide()
        self.instructions = ""  # in full: the label may show only its beginning
        self.level = CountdownLevel.NORMAL
        self._set_level(CountdownLevel.NORMAL)
        self._sample = _countdown_sample("")

    def show_screen(self, screen: RunScreen) -> None:
        """Render ``screen``; lay the page out again only when a text other than the time
        changed, or the countdown changed shape (« 00:00 » → « 1:00:00 »)."""
        instructions = _bulleted(screen.instructions)
        changed = self.instructions != instructions
        self.instructions = instructions
        if bool(screen.tracks) != self.tracks.isVisibleTo(self):
            self.tracks.setVisible(bool(screen.tracks))
            changed = True
        self.tracks.show_tracks(screen.tracks)
        texts = (
            (self.title_label, screen.title),
            (self.state_label, screen.room_state),
            (self.next_label, screen.next_text),
        )
        for label, text in texts:
            if label.text() != text:
                changed = True
                label.setText(text)
        time = screen.countdown.text if screen.countdown else ""
        if self.countdown_label.text() != time:
            self.countdown_label.setText(time)
        sample = _countdown_sample(time)
        if changed or sample != self._sample:
            self._sample = sample
            self.arrange()
        if screen.level is not self.level:
            self._set_level(screen.level)

    def _set_level(self, level: CountdownLevel) -> None:
        self.level = level
        self.countdown_label.setStyleSheet(self.theme.countdown_style(level, self.height()))

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        self.tracks.apply_look(theme, font_scale)
        super().apply_look(theme, font_scale)
        self._set_level(self.level)

    def arrange(self) -> None:
        w, h, m = self.width(), self.height(), self.margin()
        inner = w - 2 * m
        scale = self.font_scale
        self.fit(self.title_label, QRect(m, m, inner, int(h * 0.14)), h * 0.075, h * 0.04)
        next_height = int(h * 0.08)
        self.fit(
            self.next_label, QRect(m, h - m - next_height, inner, next_height), h * 0.05, h * 0.03
        )
        top = m + int(h * 0.17)
        middle = h - m - next_height - int(h * 0.03) - top
        if self.tracks.isVisibleTo(self):
            self._arrange_tracks(QRect(m, top, inner, middle))
            return
        self.instructions_label.show()
        # A larger scale gives the countdown a larger share of the width, next to instructions.
        left = int(inner * min(0.6, 0.42 * max(1.0, scale))) if self.instructions else inner
        clock = QRect(m, top, left, int(middle * 0.78))
        self.countdown_label.setGeometry(clock)
        big = scaled_font(
            self.countdown_label.font(), self._sample, clock, int(h * 0.3), 12, scale, wrap=False
        )
        self.countdown_label.setFont(big)
        state = QRect(m, clock.bottom() + 1, left, middle - clock.height())
        self.fit(self.state_label, state, h * 0.07, h * 0.03)
        body = QRect(m + left + m, top, inner - left - m, middle)
        if not self.instructions:
            self.instructions_label.setText("")
            return
        font = scaled_font(
            self.instructions_label.font(),
            self.instructions,
            body,
            int(h * 0.048),
            int(h * 0.03),
            scale,
        )
        self.instructions_label.setGeometry(body)
        self.instructions_label.setFont(font)
        self.instructions_label.setText(cut_to_fit(font, self.instructions, body))

    def _arrange_tracks(self, box: QRect) -> None:
        """The whole step's countdown in a band, the tracks' columns under it."""
        h = self.height()
        self.instructions_label.hide()
        band = int(box.height() * 0.24)
        clock_width = int(box.width() * 0.5)
        clock = QRect(box.x() + (box.width() - clock_width) // 2, box.y(), clock_width, band)
        self.countdown_label.setGeometry(clock)
        self.countdown_label.setFont(
            scaled_font(
                self.countdown_label.font(),
                self._sample,
                clock,
                int(h * 0.14),
                12,
                self.font_scale,
                wrap=False,
            )
        )
        state = QRect(clock.right() + 1, box.y(), box.right() - clock.right(), band)
        self.fit(self.state_label, state, h * 0.05, h * 0.03)
        gap = int(h * 0.03)
        self.tracks.setGeometry(
            QRect(box.x(), box.y() + band + gap, box.width(), box.height() - band - gap)
        )


_windows: weakref.WeakSet[ProjectionWindow] = weakref.WeakSet()


def apply_projection_look(theme_key: str, font_scale: float) -> None:
    """The preferences' projection look (« standard » / « high-contrast », 0.8–2.0): current
    for pages built from now on, and applied at once to every open projection window."""
    theme = theme_named(theme_key)
    set_look(theme, font_scale)
    done: set[QWidget] = set()
    for window in list(_windows):
        window.apply_look(theme, font_scale)
        done.update((window, window.timer_page, window.welcome_slide, window.rules_slide))
    # The pages lent by the workshop's tools (and the handoff's own window): those with a style
    # sheet restyle themselves; the painted ones read the theme at their next paint.
    for widget in QApplication.allWidgets():
        look = getattr(widget, "apply_look", None)
        if widget not in done and callable(look):
            look(theme, font_scale)
        widget.update()


def _bulleted(text: str) -> str:
    """Instructions with their « - » list marks drawn as bullets, for the room."""
    return "\n".join(
        "•\u00a0" + line[2:] if line.startswith("- ") else line for line in text.split("\n")
    )


def _countdown_sample(text: str) -> str:
    """A text as wide as any countdown of the same shape: the type keeps its size as it ticks."""
    return "+0:00:00" if text.count(":") == 2 else "+00:00"


class ProjectionWindow(QWidget):
    """The room's window (see module docstring); ``show_on`` places it, ``show_page`` picks.

    Signals:
        hidden(): the window went away, however (Esc, the panel, its own close button).
    """

    hidden = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("CapaDesk — projection"))
        self.setAccessibleName(_("Écran projeté"))
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = current_theme()
        self.font_scale = current_font_scale()
        self._paint_background()
        _windows.add(self)
        self.timer_page = TimerPage()
        self.welcome_slide = WelcomeSlide()
        self.rules_slide = RulesSlide()
        self.pages = QStackedWidget()
        for page in (self.timer_page, self.welcome_slide, self.rules_slide):
            self.pages.addWidget(page)
        for _lent in SLIDES[2:]:
            self.pages.addWidget(QWidget())  # blank until the workshop page lends the slide
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.resize(*WINDOWED_SIZE)
        self.setCursor(Qt.CursorShape.BlankCursor)  # no pointer drawn over the countdown

    def _paint_background(self) -> None:
        self.setStyleSheet(f"ProjectionWindow {{ background: {self.theme.background}; }}")

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Re-render the window's own pages in ``theme`` at ``font_scale`` (lent pages read
        ``style.current_theme()`` when they are built)."""
        self.theme, self.font_scale = theme, font_scale
        self._paint_background()
        for page in (self.timer_page, self.welcome_slide, self.rules_slide):
            page.apply_look(theme, font_scale)

    @property
    def slide(self) -> str | None:
        """« welcome », « rules », or None for the timer."""
        index = self.pages.currentIndex()
        return SLIDES[index - 1] if index else None

    def show_page(self, slide: str | None) -> None:
        """Show the timer (None) or one of ``SLIDES``."""
        if slide is not None and slide not in SLIDES:
            raise ValueError(f"unknown slide: {slide!r}")
        self.pages.setCurrentIndex(SLIDES.index(slide) + 1 if slide else 0)

    def set_slide_page(self, slide: str, page: QWidget) -> None:
        """Project ``page`` as ``slide`` (« wall », « vote », « tool », « groups »: pages the
        workshop page's tools own)."""
        index = SLIDES.index(slide) + 1
        showing = self.pages.currentIndex() == index
        old = self.pages.widget(index)
        assert old is not None  # every slide has a page, a blank one until lent
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(old)
        old.deleteLater()
        if showing:
            self.pages.setCurrentIndex(index)

    def show_screen(self, screen: RunScreen) -> None:
        """Render the runner's ``screen`` on the timer page."""
        self.timer_page.show_screen(screen)

    @property
    def is_fullscreen(self) -> bool:
        """True when shown fullscreen (on a second screen)."""
        return self.isFullScreen()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        super().hideEvent(event)
        self.hidden.emit()

    def show_on(self, screen: QScreen | None) -> None:
        """Fullscreen and frameless on ``screen``; a normal window when it is None."""
        if screen is None:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
            self.showNormal()
            return
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
