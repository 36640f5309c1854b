"""Drives the runner: buttons and keys → ``services.runner.act``; a 1 s tick → both screens.

The clock is injected (SystemClock in the app, FakeClock in tests, which advance it and call
``tick()``). Every transition is saved by the service before the screens change, so a crash
resumes where the room was. A refusal (RunnerError, or any KnownError such as a read-only
store) shows its French message in the panel; nothing else changes.

Chime: ``QApplication.beep()`` when the time left crosses one minute, and zero, unless muted.
QtMultimedia is not installed (PySide6-Essentials), so there is no chime sound file; the system
bell is what the laptop plays.

Keys (the panel's while it has focus; the projection window's while it is active):
Space pause / resume (start when idle), → / Page suiv. next, ← / Page préc. back, + (also =
and the keypad's +) one more minute, F5 projection on, Esc projection off. − is bound but only
says, in the status line, that a step cannot be shortened: the runner refuses negative
extensions, and a clicker's stray − should get an answer rather than silence. Ctrl+G (panel
only) opens the « Aller à l'étape… » list. The keys always drive the day's main timer.

Parallel tracks: when the current step has some, each track's timer (services.track_runner) is
driven by its row's buttons, reloaded after every transition, and shown on both screens.
« Prévu / réel » opens a non-modal table (services.timings) that follows the day while open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from capadesk.core.domain.countdown import chimes_between
from capadesk.core.domain.vocabulary import ActivityKind, RunnerStatus
from capadesk.core.errors import KnownError
from capadesk.core.runner import Clock, Runner, RunnerEvent
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.runner import act, load_runner
from capadesk.core.services.timings import load_timings
from capadesk.core.services.track_runner import TrackTimer, act_on_track, load_track_runners
from capadesk.core.services.workshops import get_workshop
from capadesk.core.storage.store import Store
from capadesk.i18n import N_, _
from capadesk.ui.runner.displays import projection_screen
from capadesk.ui.runner.projection_window import ProjectionWindow
from capadesk.ui.runner.run_panel import RunPanel
from capadesk.ui.runner.screen import RunScreen, jump_labels, screen_of
from capadesk.ui.runner.timings_dialog import TimingsDialog

TICK_MS = 1000
NO_SHORTENING = N_(
    "Une étape ne se raccourcit pas\u00a0: «\u00a0Suivant\u00a0» (→) passe à la suite."
)
TRACK_ACTIONS: dict[str, Callable[[Runner], RunnerEvent]] = {
    "start": Runner.start,
    "next": Runner.next,
    "extend": lambda runner: runner.extend(1),
}


class RunPresenter(QObject):
    """See module docstring. ``panel`` is the control view; ``projection`` is built on demand.

    Signals:
        changes_made(Changes): after each transition the store accepted.
    """

    changes_made = Signal(object)

    def __init__(
        self, store: Store, workshop_id: uuid.UUID, clock: Clock, panel: RunPanel, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._store, self._workshop_id, self._clock = store, workshop_id, clock
        self.panel = panel
        self._parent = parent
        self._projection: ProjectionWindow | None = None
        self._slide: str | None = None
        self._last: tuple[int | None, float] | None = None  # (step, time left) at the last tick
        self.chimes = 0
        self.screen: RunScreen | None = None
        agenda = read_agenda(store, workshop_id)
        self._protocol = agenda.protocol
        self._step_ids = agenda.step_ids
        self._slide_pages: dict[str, Callable[[], QWidget]] = {}
        self._runner: Runner | None = None
        self.tracks: list[TrackTimer] = []
        self.timings_dialog: TimingsDialog | None = None
        try:
            self._runner = load_runner(store, workshop_id, clock)
            self.tracks = load_track_runners(store, workshop_id, clock)
        except KnownError as error:  # no steps yet, or a saved state that no longer fits
            panel.show_message(error.message)
        panel.set_jump_targets(jump_labels(self._protocol, agenda.start))

        self._bind_buttons()
        self._bind_keys(panel, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        jump = QShortcut(QKeySequence("Ctrl+G"), panel)
        jump.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        jump.activated.connect(self.open_jump_list)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        parent.destroyed.connect(self._close_projection)
        self.refresh()

    # Public API ----------------------------------------------------------------------------

    @property
    def projection(self) -> ProjectionWindow:
        """The projection window, created (hidden) on first use."""
        if self._projection is None:
            window = ProjectionWindow()
            summary = get_workshop(self._store, self._workshop_id)
            window.welcome_slide.set_workshop(summary.title, summary.place, summary.day)
            for slide, make_page in self._slide_pages.items():
                window.set_slide_page(slide, make_page())
            window.show_page(self._slide)
            self._bind_keys(window, Qt.ShortcutContext.WindowShortcut)
            window.hidden.connect(self._sync_toggles)  # closed by its own button, say
            self._projection = window
            self.refresh()
        return self._projection

    def provide_slide(self, slide: str, make_page: Callable[[], QWidget]) -> None:
        """Let the projection show ``slide`` (« wall », « vote », « tool », « groups ») as a page
        ``make_page`` builds (the workshop page's tools lend their projected pages); providing
        it again replaces the page (the step's tool changed)."""
        self._slide_pages[slide] = make_page
        if self._projection is not None:
            self._projection.set_slide_page(slide, make_page())

    def current_step(self) -> tuple[uuid.UUID, ActivityKind] | None:
        """The store id and activity of the step the day is on, or None before the start."""
        index = self._runner.state.step_index if self._runner is not None else None
        if index is None or index >= len(self._step_ids):
            return None
        return self._step_ids[index], self._protocol.steps[index].activity

    @property
    def muted(self) -> bool:
        """True when the chime is switched off."""
        return self.panel.mute_check.isChecked()

    def close(self) -> None:
        """Stop ticking, take the projection down and close « Prévu / réel » (the workshop
        page is being left)."""
        self.timer.stop()
        self._close_projection()
        if self.timings_dialog is not None:
            self.timings_dialog.close()

    def tick(self) -> None:
        """Refresh both screens from the clock, and chime if a chime moment was crossed."""
        self.refresh()

    def show_projection(self, visible: bool) -> None:
        """Show the projection (fullscreen on a second screen, else a window) or hide it."""
        if visible:
            window = self.projection
            window.show_on(projection_screen(QGuiApplication.screens(), self.panel.screen()))
            window.raise_()
        elif self._projection is not None:
            self._projection.hide()
        self._sync_toggles()

    def show_slide(self, slide: str | None) -> None:
        """Project one of ``SLIDES`` or the timer (None)."""
        self._slide = slide
        if self._projection is not None:
            self._projection.show_page(slide)
        self._sync_toggles()

    def refresh(self) -> None:
        """Render the runner's current figures on the panel and the projection."""
        if self._runner is None:
            return
        screen = screen_of(self._runner, self._protocol, tracks=self.tracks)
        self.screen = screen
        self.panel.show_screen(screen)
        if self._projection is not None:
            self._projection.show_screen(screen)
        self._chime(screen)
        if self.timings_dialog is not None and self.timings_dialog.isVisible():
            self._fill_timings(self.timings_dialog)

    def show_timings(self) -> None:
        """« Prévu / réel »: open (or bring up) the table, filled as of now."""
        if self.timings_dialog is None:
            self.timings_dialog = TimingsDialog(self.panel)
        dialog = self.timings_dialog
        if self._fill_timings(dialog):
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()

    def open_jump_list(self) -> None:
        """Ctrl+G: drop the « Aller à l'étape… » list down (once the day has started)."""
        if self.panel.jump_choice.isEnabled():
            self.panel.jump_choice.showPopup()

    def jump_to(self, index: int) -> None:
        """Go to step ``index`` chosen in the list; the list goes back to its placeholder."""
        self.panel.jump_choice.setCurrentIndex(-1)
        self.perform(lambda runner: runner.jump(index))

    # Actions -------------------------------------------------------------------------------

    def perform(self, action: Callable[[Runner], RunnerEvent]) -> bool:
        """Apply ``action`` through the service; show a refusal's message. True when applied."""
        try:
            self._runner, changes = act(self._store, self._workshop_id, self._clock, action)
        except KnownError as error:
            self.panel.show_message(error.message)
            return False
        self._reload_tracks()
        self.refresh()
        self.changes_made.emit(changes)
        return True

    def perform_on_track(self, track_id: uuid.UUID, name: str) -> bool:
        """A track row's button: « start », « pause » (or resume), « next », « extend »."""
        timer = next((timer for timer in self.tracks if timer.track_id == track_id), None)
        if timer is None:
            return False
        action = TRACK_ACTIONS.get(name)
        if name == "pause":
            action = Runner.resume if timer.runner.state.is_paused else Runner.pause
        if action is None:
            raise ValueError(f"unknown track action: {name!r}")
        try:
            _runner, changes = act_on_track(
                self._store, self._workshop_id, track_id, self._clock, action
            )
        except KnownError as error:
            self.panel.show_message(error.message)
            return False
        self._reload_tracks()
        self.refresh()
        self.changes_made.emit(changes)
        return True

    def toggle(self) -> None:
        """Space: start when idle, pause when running, resume when paused."""
        status = self._runner.state.status if self._runner else None
        if status == RunnerStatus.IDLE:
            self.perform(Runner.start)
        elif status == RunnerStatus.RUNNING:
            self.perform(Runner.pause)
        else:
            self.perform(Runner.resume)

    def shorten(self) -> None:
        """−: refused (see module docstring)."""
        self.panel.show_message(_(NO_SHORTENING))

    # Internals -----------------------------------------------------------------------------

    def _chime(self, screen: RunScreen) -> None:
        running = screen.status == RunnerStatus.RUNNING and self._runner is not None
        now = (screen.step_index, self._runner.remaining()) if running and self._runner else None
        last, self._last = self._last, now
        if now is None or last is None or last[0] != now[0]:
            return
        rings = chimes_between(last[1], now[1])
        if rings and not self.muted:
            self.chimes += rings
            for _ring in range(rings):
                QApplication.beep()

    def _bind_buttons(self) -> None:
        panel = self.panel
        actions: dict[QPushButton, Callable[[], object]] = {
            panel.start_button: lambda: self.perform(Runner.start),
            panel.pause_button: lambda: self.perform(Runner.pause),
            panel.resume_button: lambda: self.perform(Runner.resume),
            panel.time_out_button: lambda: self.perform(Runner.time_out),
            panel.back_button: lambda: self.perform(Runner.back),
            panel.next_button: lambda: self.perform(Runner.next),
            panel.extend_1_button: lambda: self.perform(lambda runner: runner.extend(1)),
            panel.extend_5_button: lambda: self.perform(lambda runner: runner.extend(5)),
            panel.skip_button: lambda: self.perform(Runner.skip),
        }
        for button, slot in actions.items():
            button.clicked.connect(slot)
        panel.tracks.requested.connect(self.perform_on_track)
        panel.jump_choice.activated.connect(self.jump_to)
        panel.timings_button.clicked.connect(self.show_timings)
        panel.projection_button.clicked.connect(self.show_projection)
        panel.timer_slide_button.clicked.connect(lambda: self.show_slide(None))
        panel.welcome_slide_button.clicked.connect(lambda: self.show_slide("welcome"))
        panel.rules_slide_button.clicked.connect(lambda: self.show_slide("rules"))
        panel.wall_slide_button.clicked.connect(lambda: self.show_slide("wall"))
        panel.vote_slide_button.clicked.connect(lambda: self.show_slide("vote"))
        panel.tool_slide_button.clicked.connect(lambda: self.show_slide("tool"))
        panel.groups_slide_button.clicked.connect(lambda: self.show_slide("groups"))

    def _bind_keys(self, widget: QWidget, context: Qt.ShortcutContext) -> None:
        keys: tuple[tuple[tuple[str, ...], Callable[[], object]], ...] = (
            (("Space",), self.toggle),
            (("Right", "PgDown"), lambda: self.perform(Runner.next)),
            (("Left", "PgUp"), lambda: self.perform(Runner.back)),
            (("+", "=", "Num++"), lambda: self.perform(lambda runner: runner.extend(1))),
            (("-", "Num+-"), self.shorten),
            (("F5",), lambda: self.show_projection(True)),
            (("Esc",), lambda: self.show_projection(False)),
        )
        for sequences, slot in keys:
            shortcut = QShortcut(widget)
            shortcut.setKeys([QKeySequence(key) for key in sequences])
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _sync_toggles(self) -> None:
        panel = self.panel
        shown = self._projection is not None and self._projection.isVisible()
        panel.projection_button.setChecked(shown)
        buttons = {
            None: panel.timer_slide_button,
            "welcome": panel.welcome_slide_button,
            "rules": panel.rules_slide_button,
            "wall": panel.wall_slide_button,
            "vote": panel.vote_slide_button,
            "tool": panel.tool_slide_button,
            "groups": panel.groups_slide_button,
        }
        buttons[self._slide].setChecked(True)

    def _reload_tracks(self) -> None:
        """The current step's track timers as saved; clears the message line (an action
        was just accepted) unless a saved track state no longer fits its steps."""
        self.panel.show_message("")
        try:
            self.tracks = load_track_runners(self._store, self._workshop_id, self._clock)
        except KnownError as error:
            self.tracks = []
            self.panel.show_message(error.message)

    def _fill_timings(self, dialog: TimingsDialog) -> bool:
        try:
            dialog.show_timings(load_timings(self._store, self._workshop_id, self._clock))
        except KnownError as error:
            self.panel.show_message(error.message)
            return False
        return True

    def _close_projection(self) -> None:
        if self._projection is not None:
            self._projection.close()
