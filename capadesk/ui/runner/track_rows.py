"""The control panel's parallel tracks: one compact row per track, each with its own timer.

A passive view: ``show_tracks`` renders the TrackScreens; a button asks for an action through
``requested(track_id, action)``, where action is « start », « pause » (pause or resume: one
button), « next » or « extend » (one minute). The buttons never take the keyboard focus, so
Space and the arrows keep driving the day's main timer.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.i18n import _
from capadesk.ui.runner.screen import TrackScreen
from capadesk.ui.runner.style import PANEL_LEVELS, coloured

TRACK_COUNTDOWN_PIXELS = 30
ACTIONS = ("start", "pause", "next", "extend")


class TrackRow:
    """The widgets of one track's row (in the group's grid)."""

    def __init__(self, screen: TrackScreen, parent: QWidget) -> None:
        self.track_id = screen.track_id
        self.level: CountdownLevel | None = None
        self.title_label = _label(_("Groupe en parallèle"), parent)
        self.title_label.setText(screen.title)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.step_label = _label(_("Étape du groupe"), parent)
        self.step_label.setWordWrap(True)
        self.countdown_label = _label(_("Temps restant du groupe"), parent)
        big = QFont(self.countdown_label.font())
        big.setPixelSize(TRACK_COUNTDOWN_PIXELS)
        big.setBold(True)
        self.countdown_label.setFont(big)
        self.countdown_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.start_button = _button(_("Démarrer"), _("Lancer le minuteur de ce groupe"), parent)
        self.pause_button = _button(_("Pause"), _("Arrêter ou relancer ce minuteur"), parent)
        self.next_button = _button(_("Suivant"), _("Étape suivante de ce groupe"), parent)
        self.extend_button = _button(_("+1\u00a0min"), _("Prolonger d'une minute"), parent)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        """In the order of ``ACTIONS``."""
        return (self.start_button, self.pause_button, self.next_button, self.extend_button)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        """Left to right."""
        return (self.title_label, self.step_label, self.countdown_label, *self.buttons)

    def show(self, screen: TrackScreen) -> None:
        """Render ``screen`` and enable the buttons that make sense in its state."""
        step = screen.step_text
        if step and screen.status != RunnerStatus.RUNNING:  # the time stands still: say why
            step = f"{screen.state_text} · {step}"
        _set(self.step_label, step)
        time = screen.countdown.text if screen.countdown else screen.state_text
        _set(self.countdown_label, time)
        if screen.level is not self.level:
            self.level = screen.level
            self.countdown_label.setStyleSheet(coloured("QLabel", PANEL_LEVELS[screen.level]))
        description = "" if screen.status == RunnerStatus.RUNNING else screen.state_text
        self.countdown_label.setAccessibleDescription(description)
        self.countdown_label.setToolTip(screen.state_text)
        self.start_button.setEnabled(screen.status == RunnerStatus.IDLE)
        self.pause_button.setEnabled(screen.on_a_step)
        _set_button(self.pause_button, _("Reprendre") if screen.is_paused else _("Pause"))
        self.next_button.setEnabled(screen.on_a_step)
        self.extend_button.setEnabled(screen.on_a_step)


class TrackRows(QGroupBox):
    """See module docstring. ``rows`` are in the tracks' order; hidden when there are none."""

    requested = Signal(object, str)  # track id (uuid.UUID), action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Groupes en parallèle"), parent)
        self.setAccessibleName(_("Groupes en parallèle"))
        self.rows: list[TrackRow] = []
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self.hide()

    def show_tracks(self, screens: Sequence[TrackScreen]) -> None:
        """Render ``screens``; the rows are built again only when the tracks change."""
        if [row.track_id for row in self.rows] != [screen.track_id for screen in screens]:
            self._rebuild(screens)
        for row, screen in zip(self.rows, screens, strict=True):
            row.show(screen)
        self.setVisible(bool(screens))

    def _rebuild(self, screens: Sequence[TrackScreen]) -> None:
        for row in self.rows:
            for widget in row.widgets:
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = [TrackRow(screen, self) for screen in screens]
        for line, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets):
                self._grid.addWidget(widget, line, column)
            for action, button in zip(ACTIONS, row.buttons, strict=True):
                button.clicked.connect(
                    lambda _checked=False, track=row.track_id, name=action: self._request(
                        track, name
                    )
                )

    def _request(self, track: uuid.UUID, action: str) -> None:
        self.requested.emit(track, action)


def _label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles are user text, never markup
    label.setAccessibleName(name)
    return label


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(text)
    button.setAccessibleDescription(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and the arrows stay the day's
    return button


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _set_button(button: QPushButton, text: str) -> None:
    if button.text() != text:
        button.setText(text)
        button.setAccessibleName(text)
