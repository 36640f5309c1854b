"""The runner's control panel, on the facilitator's laptop: a passive view (RunPresenter drives it).

Big countdown, the current step (title, format, instructions), the parallel tracks' own timers
when the step has some, what comes next, the projected end of the day, the buttons of every
transition, the « Aller à l'étape… » list (Ctrl+G), « Prévu / réel », and the projection's
controls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.i18n import N_, _
from capadesk.ui.runner.screen import RunScreen
from capadesk.ui.runner.style import PANEL_LEVELS, coloured
from capadesk.ui.runner.track_rows import TrackRows

COUNTDOWN_PIXELS = 84


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", ""))
    button.setAccessibleDescription(tip)
    return button


LEVEL_DESCRIPTIONS = {  # read by screen readers with the countdown
    CountdownLevel.NORMAL: N_("temps suffisant"),
    CountdownLevel.WARNING: N_("moins de 20\u00a0% du temps restant"),
    CountdownLevel.CRITICAL: N_("moins de 5\u00a0% du temps restant, ou dépassement"),
}


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # step texts are user text, never markup
    label.setWordWrap(wrap)
    label.setAccessibleName(name)
    return label


class RunPanel(QWidget):
    """Layout only, plus ``show_screen`` to render one RunScreen (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the runner's keys act while it has focus
        self.setAccessibleName(_("Déroulé de la journée"))
        self._level = CountdownLevel.NORMAL

        self.status_label = _label(_("État du déroulé"))
        self.message_label = _label(_("Message du déroulé"))
        self.message_label.setStyleSheet(coloured("QLabel", PANEL_LEVELS[CountdownLevel.CRITICAL]))
        self.end_label = _label(_("Fin prévue de la journée"), wrap=False)
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.end_label)

        self.countdown_label = _label(_("Temps restant"), wrap=False)
        big = QFont(self.countdown_label.font())
        big.setPixelSize(COUNTDOWN_PIXELS)
        big.setBold(True)
        self.countdown_label.setFont(big)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details_label = _label(_("Étape, format et durée"))
        self.title_label = _label(_("Titre de l'étape"))
        heading = QFont(self.title_label.font())
        heading.setPointSizeF(heading.pointSizeF() * 1.6)
        heading.setBold(True)
        self.title_label.setFont(heading)
        self.instructions_label = _label(_("Consignes de l'étape"))
        self.instructions_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.instructions_label.setContentsMargins(8, 6, 8, 6)
        self.instructions_area = QScrollArea()
        self.instructions_area.setWidgetResizable(True)
        self.instructions_area.setWidget(self.instructions_label)
        self.instructions_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows stay the runner's
        self.next_label = _label(_("Étape suivante"))
        self.tracks = TrackRows()

        self.start_button = _button(
            _("Démarrer"), _("Lancer la journée sur la première étape (Espace)")
        )
        self.pause_button = _button(_("Pause"), _("Arrêter le minuteur (Espace)"))
        self.resume_button = _button(_("Reprendre"), _("Relancer le minuteur (Espace)"))
        self.time_out_button = _button(_("Temps mort"), _("Une pause notée comme temps mort"))
        self.back_button = _button(
            _("← Précédent"), _("Revenir à l'étape précédente (←, Page préc.)")
        )
        self.next_button = _button(_("Suivant →"), _("Passer à l'étape suivante (→, Page suiv.)"))
        self.extend_1_button = _button(_("+1\u00a0min"), _("Prolonger l'étape d'une minute (+)"))
        self.extend_5_button = _button(_("+5\u00a0min"), _("Prolonger l'étape de cinq minutes"))
        self.skip_button = _button(_("Passer"), _("Sauter l'étape (notée comme passée)"))
        buttons = QGridLayout()
        row_one = (self.start_button, self.pause_button, self.resume_button, self.time_out_button)
        row_two = (self.back_button, self.next_button, self.extend_1_button, self.extend_5_button)
        for column, button in enumerate(row_one):
            buttons.addWidget(button, 0, column)
        for column, button in enumerate(row_two):
            buttons.addWidget(button, 1, column)
        buttons.addWidget(self.skip_button, 0, 4)
        self.jump_choice = QComboBox()
        self.jump_choice.setPlaceholderText(_("Aller à l'étape… (Ctrl+G)"))
        self.jump_choice.setToolTip(_("Aller directement à une étape du déroulé (Ctrl+G)"))
        self.jump_choice.setAccessibleName(_("Aller à l'étape"))
        self.jump_choice.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows stay the runner's
        self.jump_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.jump_choice.setMinimumContentsLength(16)
        self.jump_choice.view().setMinimumWidth(420)  # the popup shows whole step titles
        buttons.addWidget(self.jump_choice, 1, 4)

        self.projection_button = _button(_("Projeter"), _("Afficher l'écran projeté (F5, Échap)"))
        self.projection_button.setCheckable(True)
        self.timer_slide_button = _button(_("Minuteur"), _("Projeter l'étape et le minuteur"))
        self.welcome_slide_button = _button(_("Accueil"), _("Projeter la diapositive d'accueil"))
        self.rules_slide_button = _button(_("Règles"), _("Projeter les règles de collaboration"))
        self.wall_slide_button = _button(_("Mur"), _("Projeter le mur des cartes"))
        self.vote_slide_button = _button(_("Votes"), _("Projeter les résultats du vote"))
        self.tool_slide_button = _button(_("Outil"), _("Projeter l'outil de l'étape en cours"))
        self.groups_slide_button = _button(_("Groupes"), _("Projeter les groupes de travail"))
        slide_buttons = (
            self.timer_slide_button,
            self.welcome_slide_button,
            self.rules_slide_button,
            self.wall_slide_button,
            self.vote_slide_button,
            self.tool_slide_button,
            self.groups_slide_button,
        )
        self.slide_group = QButtonGroup(self)
        for button in slide_buttons:
            button.setCheckable(True)
            self.slide_group.addButton(button)
        self.timer_slide_button.setChecked(True)
        self.timings_button = _button(
            _("Prévu / réel…"), _("Comparer le déroulé prévu et le déroulé réel")
        )
        self.mute_check = QCheckBox(_("Couper le carillon"))
        self.mute_check.setToolTip(_("Le carillon sonne à une minute de la fin et à zéro."))
        self.mute_check.setAccessibleName(_("Couper le carillon"))
        projection = QHBoxLayout()
        projection.addWidget(self.projection_button)
        for button in slide_buttons:
            projection.addWidget(button)
        projection.addStretch(1)
        projection.addWidget(self.timings_button)
        projection.addWidget(self.mute_check)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.instructions_area, 1)
        layout.addWidget(self.tracks)
        layout.addWidget(self.next_label)
        layout.addLayout(buttons)
        layout.addLayout(projection)
        self.message_label.hide()

    @property
    def countdown_level(self) -> CountdownLevel:
        """The level the countdown is coloured with."""
        return self._level

    def show_screen(self, screen: RunScreen) -> None:
        """Render ``screen`` and enable the buttons that make sense in its state."""
        _set(self.status_label, screen.state_text)
        _set(self.end_label, screen.end_text)
        _set(self.countdown_label, screen.countdown.text if screen.countdown else "—")
        if screen.level is not self._level or not self.countdown_label.styleSheet():
            self._level = screen.level
            self.countdown_label.setStyleSheet(coloured("QLabel", PANEL_LEVELS[screen.level]))
        self.countdown_label.setAccessibleDescription(_(LEVEL_DESCRIPTIONS[screen.level]))
        _set(self.details_label, screen.details)
        _set(self.title_label, screen.title)
        _set(self.instructions_label, screen.instructions)
        _set(self.next_label, screen.next_text)
        idle = screen.status.value == "idle"
        on_step = screen.step_index is not None and not idle
        self.start_button.setEnabled(idle)
        self.pause_button.setEnabled(on_step and not screen.is_paused)
        self.time_out_button.setEnabled(on_step and not screen.is_paused)
        self.resume_button.setEnabled(on_step and screen.is_paused)
        self.back_button.setEnabled(on_step and bool(screen.step_index))
        for button in (self.next_button, self.extend_1_button, self.extend_5_button):
            button.setEnabled(on_step)
        self.skip_button.setEnabled(on_step)
        self.jump_choice.setEnabled(on_step)
        self.tracks.show_tracks(screen.tracks)

    def set_jump_targets(self, labels: list[str]) -> None:
        """The « Aller à l'étape… » list: one label per step, in order."""
        self.jump_choice.clear()
        self.jump_choice.addItems(labels)
        self.jump_choice.setCurrentIndex(-1)  # the placeholder: the list is a command

    def show_message(self, message: str) -> None:
        """Show a refusal (in French) under the status line; an empty message hides it."""
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))


def _set(label: QLabel, text: str) -> None:
    """Set ``text`` only when it changed: the tick repaints once a second."""
    if label.text() != text:
        label.setText(text)
