"""The dot vote on the laptop: the step's rules, one line per thread with the dots counted on the
paper wall, the ranking with its ties, the chart, and « Retenir les N premiers ».

Lines stay in the threads' order while the chart sorts by dots, so typing counts one after the
other never makes the line under the cursor jump.

Signals:
    tally_changed(object, int): a thread id and the dots now counted for it.
    keep_top_requested(): « Retenir les N premiers ».
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import RankedThread, ThreadView, VotingRules
from capadesk.i18n import _
from capadesk.ui.capture.chart import VoteChart, rank_label
from capadesk.ui.capture.palette import shown_text

MAX_TALLY = 10_000
_RANK, _TITLE, _DOTS, _KEPT = range(4)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class VotePanel(QWidget):
    """See module docstring."""

    tally_changed = Signal(object, int)
    keep_top_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = VotingRules()
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.rules_label.setAccessibleName(_("Règles du vote"))
        self.total_label = QLabel()
        self.total_label.setAccessibleName(_("Total des gommettes"))
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #B00020; }")
        self.message_label.hide()
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(_("Gommettes par fil"))
        self.table.setHorizontalHeaderLabels([_("Rang"), _("Fil"), _("Gommettes"), _("Retenu")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (_RANK, _DOTS, _KEPT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(self.keep_top_requested)
        self.chart = VoteChart()
        self.chart.setMinimumHeight(240)
        self._thread_ids: list[uuid.UUID] = []
        self.spin_boxes: dict[uuid.UUID, QSpinBox] = {}
        self._lay_out()
        self.set_rules(VotingRules(), has_step=False)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.rules_label, 1)
        top.addWidget(self.total_label)
        top.addWidget(self.keep_button)
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
        layout.addWidget(self.message_label)
        layout.addWidget(splitter, 1)

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
            dots = found.dots if found else 0
            self.table.setItem(row, _RANK, _cell(rank_label(found) if found else "—"))
            title = _cell(shown_text(thread.title))
            title.setToolTip(thread.title[:2000])
            self.table.setItem(row, _TITLE, title)
            self.table.setItem(row, _KEPT, _cell(_("✓ retenu") if thread.kept else ""))
            box = self.spin_boxes[thread.public_id]
            if box.value() != dots:
                box.blockSignals(True)
                box.setValue(dots)
                box.blockSignals(False)
        total = sum(r.dots for r in ranked)
        self.total_label.setText(_("{count} gommette(s) au total").format(count=total))
        self.keep_button.setEnabled(bool(ranked))
        self.chart.set_ranking(ranked)

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
            box.valueChanged.connect(
                lambda value, t=thread.public_id: self.tally_changed.emit(t, value)
            )
            self.spin_boxes[thread.public_id] = box
            self.table.setCellWidget(row, _DOTS, box)
