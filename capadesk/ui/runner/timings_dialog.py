"""« Prévu / réel »: the day's plan beside what happened, step by step, with a total line.

A passive, non-modal window (the day goes on while it is open); RunPresenter fills it with
``show_timings``. Overruns are in a warm colour; the parallel tracks' steps are indented under
their step; a step never entered shows dashes, a skipped one « passée ».
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.core.runner.timings import StepTiming, Timings
from capadesk.i18n import N_, _
from capadesk.ui.runner.style import PANEL_LEVELS

COLUMNS = (
    N_("Étape"),
    N_("Heure prévue"),
    N_("Durée prévue"),
    N_("Début réel"),
    N_("Durée réelle"),
    N_("Écart"),
)
STEP, PLANNED_AT, PLANNED, STARTED_AT, ACTUAL, DRIFT = range(len(COLUMNS))
OVERRUN_COLOUR = PANEL_LEVELS[CountdownLevel.WARNING]  # warm, readable on the light palette
AHEAD_COLOUR = "#1B5E20"
TRACK_INDENT = "\u2003\u2003"  # two em spaces: a track's steps sit under their step


def minutes_text(seconds: float) -> str:
    """« 12 min », « 1 h 05 », « 0 min » (rounded to the nearest minute)."""
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours}\u00a0h\u00a0{rest:02d}" if hours else f"{rest}\u00a0min"


def drift_text(seconds: float | None) -> str:
    """« +5 min », « −3 min », « 0 min », or « — » when there is none."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if not minutes:
        return "0\u00a0min"
    sign = "+" if minutes > 0 else "\u2212"
    return sign + minutes_text(math.fabs(minutes) * 60)


class TimingsDialog(QDialog):
    """See module docstring. ``table`` holds one line per step, then the total line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Prévu / réel"))
        self.setAccessibleName(_("Prévu / réel"))
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(_("Écart de la journée"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STEP, QHeaderView.ResizeMode.Stretch)
        for column in range(PLANNED_AT, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def show_timings(self, timings: Timings, zone: dt.tzinfo | None = None) -> None:
        """Fill the table from ``timings``; actual times in ``zone`` (default local)."""
        rows = timings.rows
        self.table.setRowCount(len(rows) + 1)
        for line, row in enumerate(rows):
            self._fill(line, _cells(row, zone), row.drift_seconds, bold=False)
        total = (
            _("Total"),
            "",
            minutes_text(timings.planned_seconds),
            "",
            minutes_text(timings.actual_seconds),
            drift_text(timings.drift_seconds),
        )
        self._fill(len(rows), total, timings.drift_seconds, bold=True)
        late = round(timings.drift_seconds / 60)
        if late > 0:
            summary = _("La journée a pris {drift} de retard.")
        elif late < 0:
            summary = _("La journée a {drift} d'avance.")
        else:
            summary = _("La journée suit son plan.")
        summary = summary.format(drift=minutes_text(abs(late) * 60))
        if self.summary_label.text() != summary:
            self.summary_label.setText(summary)

    def _fill(self, line: int, cells: tuple[str, ...], drift: float | None, *, bold: bool) -> None:
        """One line; a drift of a minute or more is warm (late), of minus one or less green."""
        minutes = round(drift / 60) if drift is not None else 0
        for column, text in enumerate(cells):
            item = self.table.item(line, column)
            if item is None:
                item = QTableWidgetItem()
                if column != STEP:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(line, column, item)
            if item.text() != text:
                item.setText(text)
            font = QFont(item.font())
            font.setBold(bold or (minutes > 0 and column in (ACTUAL, DRIFT)))
            item.setFont(font)
            colour = None
            if minutes > 0 and column in (ACTUAL, DRIFT):
                colour = OVERRUN_COLOUR
            elif minutes < 0 and column == DRIFT:
                colour = AHEAD_COLOUR
            item.setForeground(QBrush(QColor(colour)) if colour else QBrush())


def _cells(row: StepTiming, zone: dt.tzinfo | None) -> tuple[str, ...]:
    title = TRACK_INDENT + f"{row.track} — {row.title}" if row.track else row.title
    if row.actual_start is None:
        started, actual = "—", "—"
    else:
        started = row.actual_start.astimezone(zone).strftime("%H:%M")
        actual = minutes_text(row.actual_seconds)
        if row.skipped:
            actual = _("passée ({time})").format(time=actual)
        elif row.in_progress:
            actual = _("{time} (en cours)").format(time=actual)
    return (
        title,
        row.planned_start.strftime("%H:%M"),
        minutes_text(row.planned_minutes * 60),
        started,
        actual,
        drift_text(row.drift_seconds),
    )
