"""The dot vote on the laptop: the step's rules, one line per thread with the dots entered, the
ranking with its ties, the chart, and « Retenir les N premiers ».

Dots are entered in one of two ways (the switch on top): « Comptage au mur », the count read on
the paper wall for each thread, or « Par participant », one person's dots (picked in the roster,
type to search) with what is left of their budget. Each line shows what is entered that way
(the « Saisie » column) next to the thread's total; the total adds both up.

Lines stay in the threads' order while the chart sorts by dots, so typing counts one after the
other never makes the line under the cursor jump.

Signals:
    tally_changed(object, int): a thread id and the dots now counted for it on the wall.
    participant_dots_changed(object, object, int): a participant id, a thread id, their dots.
    voter_changed(): the way of entering or the participant changed (show their dots).
    keep_top_requested(): « Retenir les N premiers ».
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import RankedThread, ThreadView, VotingRules
from capadesk.core.domain.people import ParticipantView
from capadesk.i18n import _
from capadesk.ui.capture.chart import VoteChart, rank_label
from capadesk.ui.capture.palette import menu_text, shown_text

MAX_TALLY = 10_000
_RANK, _TITLE, _ENTERED, _TOTAL, _KEPT = range(5)


class VoteMode(StrEnum):
    """How dots are entered."""

    WALL = "wall"  # counted on the paper wall
    PARTICIPANT = "participant"  # one participant's dots


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def dots_left(left: int, budget: int) -> str:
    """« 2 gommettes restantes sur 4 » (singular under two, as French counts)."""
    if left < 2:
        return _("{left} gommette restante sur {budget}").format(left=left, budget=budget)
    return _("{left} gommettes restantes sur {budget}").format(left=left, budget=budget)


def participant_label(participant: ParticipantView) -> str:
    """A roster line as the participant list shows it: name, then organisation."""
    if participant.organisation:
        return menu_text(f"{participant.name} — {participant.organisation}", 90)
    return menu_text(participant.name, 90)


class VotePanel(QWidget):
    """See module docstring."""

    tally_changed = Signal(object, int)
    participant_dots_changed = Signal(object, object, int)
    voter_changed = Signal()
    keep_top_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = VotingRules()
        self.participants: list[ParticipantView] = []
        self.entered: dict[uuid.UUID, int] = {}  # thread → dots entered the current way
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.rules_label.setAccessibleName(_("Règles du vote"))
        self.total_label = QLabel()
        self.total_label.setAccessibleName(_("Total des gommettes"))
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #B00020; }")
        self.message_label.setAccessibleName(_("Message du vote"))
        self.message_label.hide()
        self._build_voter()
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Gommettes par fil"))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (_RANK, _ENTERED, _TOTAL, _KEPT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(self.keep_top_requested)
        self.chart = VoteChart()
        self.chart.setMinimumHeight(240)
        self._thread_ids: list[uuid.UUID] = []
        self.spin_boxes: dict[uuid.UUID, QSpinBox] = {}
        self._lay_out()
        self.set_rules(VotingRules(), has_step=False)
        self._show_voter()

    def _build_voter(self) -> None:
        self.wall_mode = QRadioButton(_("Comptage au mur"))
        self.wall_mode.setToolTip(_("Les gommettes comptées sur le mur de papier, fil par fil"))
        self.participant_mode = QRadioButton(_("Par participant"))
        self.participant_mode.setToolTip(_("Les gommettes de chaque participant, dans son budget"))
        self.wall_mode.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.wall_mode)
        self.modes.addButton(self.participant_mode)
        self.modes.buttonToggled.connect(self._mode_toggled)
        self.participant_choice = QComboBox()
        self.participant_choice.setEditable(True)
        self.participant_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant_choice.setMinimumContentsLength(24)
        self.participant_choice.setAccessibleName(_("Participant qui vote"))
        field = self.participant_choice.lineEdit()
        assert field is not None  # the combo box is editable
        field.setPlaceholderText(_("Tapez un nom…"))
        completer = QCompleter(self.participant_choice.model(), self.participant_choice)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.participant_choice.setCompleter(completer)
        self.participant_choice.currentIndexChanged.connect(self._participant_chosen)
        self.budget_label = QLabel()
        self.budget_label.setAccessibleName(_("Gommettes restantes"))
        self.voted_label = QLabel()
        self.voted_label.setStyleSheet("QLabel { color: palette(placeholder-text); }")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.rules_label, 1)
        top.addWidget(self.total_label)
        top.addWidget(self.keep_button)
        voter = QHBoxLayout()
        voter.addWidget(self.wall_mode)
        voter.addWidget(self.participant_mode)
        voter.addSpacing(12)
        voter.addWidget(self.participant_choice, 1)
        voter.addWidget(self.budget_label)
        voter.addWidget(self.voted_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(voter)
        layout.addWidget(self.message_label)
        layout.addWidget(splitter, 1)

    # --- the way of entering dots ------------------------------------------------------------

    @property
    def mode(self) -> VoteMode:
        """How dots are entered now."""
        return VoteMode.PARTICIPANT if self.participant_mode.isChecked() else VoteMode.WALL

    def set_mode(self, mode: VoteMode) -> None:
        """Switch the way of entering dots (as the radio buttons do)."""
        (self.participant_mode if mode is VoteMode.PARTICIPANT else self.wall_mode).setChecked(True)

    @property
    def participant_id(self) -> uuid.UUID | None:
        """The participant whose dots are entered (participant mode), if one is chosen."""
        if self.mode is not VoteMode.PARTICIPANT:
            return None
        found = self.participant_choice.currentData()
        return uuid.UUID(found) if isinstance(found, str) else None

    def choose_participant(self, participant_id: uuid.UUID | None) -> None:
        """Pick a participant in the list (None: nobody)."""
        wanted = str(participant_id) if participant_id is not None else None
        self.participant_choice.setCurrentIndex(self.participant_choice.findData(wanted))

    def set_participants(
        self, participants: Sequence[ParticipantView], totals: Mapping[uuid.UUID, int]
    ) -> None:
        """The roster to pick from (the chosen participant stays chosen while listed) and how
        many dots each placed so far."""
        chosen = self.participant_choice.currentData()
        self.participants = list(participants)
        choice = self.participant_choice
        choice.blockSignals(True)
        choice.clear()
        for participant in self.participants:  # ids as text: findData compares them exactly
            choice.addItem(participant_label(participant), str(participant.public_id))
        choice.setCurrentIndex(choice.findData(chosen) if chosen is not None else -1)
        choice.blockSignals(False)
        voted = sum(1 for p in self.participants if totals.get(p.public_id))
        self.voted_label.setText(
            _("{voted} sur {count} ont voté").format(voted=voted, count=len(self.participants))
        )
        if choice.currentData() != chosen:  # the chosen one left the roster
            self._participant_chosen()
        else:
            self._show_voter()

    def _mode_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.show_message("")
            self._show_voter()
            self.voter_changed.emit()

    def _participant_chosen(self) -> None:
        self.show_message("")
        self._show_voter()
        self.voter_changed.emit()

    def _show_voter(self) -> None:
        by_participant = self.mode is VoteMode.PARTICIPANT
        for widget in (self.participant_choice, self.budget_label, self.voted_label):
            widget.setVisible(by_participant)
        heading = _("Ses gommettes") if by_participant else _("Au mur")
        self.table.setHorizontalHeaderLabels(
            [_("Rang"), _("Fil"), heading, _("Total"), _("Retenu")]
        )
        editable = not by_participant or self.participant_id is not None
        for box in self.spin_boxes.values():
            box.setEnabled(editable)
        if by_participant and not self.participants:
            self.budget_label.setText(_("Aucun participant dans la liste"))
        elif by_participant and self.participant_id is None:
            self.budget_label.setText(_("Choisissez un participant"))
        else:
            budget = self.rules.dots_per_participant
            self.budget_label.setText(
                dots_left(max(0, budget - sum(self.entered.values())), budget)
            )

    # --- what is shown -------------------------------------------------------------------------

    def set_rules(self, rules: VotingRules, *, has_step: bool) -> None:
        """Show the step's rules (the defaults when the agenda has no vote step)."""
        self.rules = rules
        text = _("{dots} gommettes par participant · {kept} fils retenus au plus").format(
            dots=rules.dots_per_participant, kept=rules.kept_threads
        )
        if not has_step:
            text += " " + _("(règles par défaut\u00a0: le déroulé n'a pas d'étape de vote)")
        self.rules_label.setText(text)
        self.keep_button.setText(_("Retenir les {count} premiers").format(count=rules.kept_threads))
        self._show_voter()

    def show_message(self, message: str) -> None:
        """A French error above the table (empty hides it)."""
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def set_votes(self, threads: Sequence[ThreadView], ranked: Sequence[RankedThread]) -> None:
        """One line per thread (in the threads' order) and the chart (in rank order)."""
        by_id = {r.thread_id: r for r in ranked}
        ids = [t.public_id for t in threads]
        if ids != self._thread_ids:
            self._rebuild(threads)
        for row, thread in enumerate(threads):
            found = by_id.get(thread.public_id)
            self.table.setItem(row, _RANK, _cell(rank_label(found) if found else "—"))
            title = _cell(shown_text(thread.title))
            title.setToolTip(thread.title[:2000])
            self.table.setItem(row, _TITLE, title)
            total = _cell(str(found.dots if found else 0))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, _TOTAL, total)
            self.table.setItem(row, _KEPT, _cell(_("✓ retenu") if thread.kept else ""))
        self.total_label.setText(
            _("{count} gommette(s) au total").format(count=sum(r.dots for r in ranked))
        )
        self.keep_button.setEnabled(bool(ranked))
        self.chart.set_ranking(ranked)
        self._show_entered()

    def set_entered(self, dots: Mapping[uuid.UUID, int]) -> None:
        """The dots entered the current way (wall tally or the chosen participant's)."""
        self.entered = dict(dots)
        self._show_entered()
        self._show_voter()

    def _show_entered(self) -> None:
        for thread_id, box in self.spin_boxes.items():
            dots = self.entered.get(thread_id, 0)
            if box.value() != dots:
                box.blockSignals(True)
                box.setValue(dots)
                box.blockSignals(False)

    def _rebuild(self, threads: Sequence[ThreadView]) -> None:
        self._thread_ids = [t.public_id for t in threads]
        self.spin_boxes = {}
        self.table.setRowCount(0)  # hides and drops the old boxes (a replaced one would linger)
        self.table.setRowCount(len(threads))
        for row, thread in enumerate(threads):
            box = QSpinBox()
            box.setRange(0, MAX_TALLY)
            box.setKeyboardTracking(False)  # one vote when the number is typed, not per digit
            box.setAccessibleName(
                _("Gommettes pour «\u00a0{title}\u00a0»").format(title=thread.title[:200])
            )
            box.valueChanged.connect(lambda value, t=thread.public_id: self._entered(t, value))
            self.spin_boxes[thread.public_id] = box
            self.table.setCellWidget(row, _ENTERED, box)
        self._show_voter()

    def _entered(self, thread_id: uuid.UUID, dots: int) -> None:
        if self.mode is VoteMode.WALL:
            self.tally_changed.emit(thread_id, dots)
            return
        participant = self.participant_id
        if participant is not None:
            self.participant_dots_changed.emit(participant, thread_id, dots)
