"""The agenda builder: the day's steps with their clock times, a form for the selected line,
and the actions that add, remove, duplicate, move, import, export and save them.

A parallel step shows its tracks under it, and each track its own steps: the same actions work
on the selected line among its siblings (a track among its step's tracks, a track's step inside
its track), and « Ajouter un atelier en parallèle » adds a track to a parallel step.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTimeEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.schedule import DEFAULT_DAY_START
from capadesk.i18n import _
from capadesk.ui.agenda.step_form import StepForm
from capadesk.ui.agenda.step_model import TITLE_COLUMN, StepModel
from capadesk.ui.agenda.track_form import TrackForm


class AgendaBuilder(QWidget):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Construction du déroulé"))
        self.start_edit = QTimeEdit(QTime(DEFAULT_DAY_START.hour, DEFAULT_DAY_START.minute))
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName(_("Heure de début de la journée"))
        self.start_edit.setToolTip(_("Enregistrée en quittant le champ ou avec Entrée"))
        self.total_label = QLabel()
        self.total_label.setAccessibleName(_("Durée prévue"))
        self.end_label = QLabel()
        self.end_label.setAccessibleName(_("Heure de fin prévue"))

        self.model = StepModel(self)
        self.table = QTreeView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Étapes du déroulé"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(TITLE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.form = StepForm()
        self.track_form = TrackForm()
        self.forms = QStackedWidget()
        self.forms.addWidget(self.form)
        self.forms.addWidget(self.track_form)
        self.add_action = self._action(_("Ajouter"), "Ins", _("Ajouter une étape après"))
        self.add_break_action = self._action(_("Ajouter une &pause"), "", _("Pause de 15 min"))
        self.duplicate_action = self._action(_("Dupliquer"), "Ctrl+Shift+D", "")
        self.remove_action = self._action(_("Supprimer"), "", _("Supprimer l'étape (Suppr)"))
        self.up_action = self._action(_("Monter"), "Alt+Up", "")
        self.down_action = self._action(_("Descendre"), "Alt+Down", "")
        self.add_track_action = self._action(
            _("Ajouter un atelier en parallèle"),
            "Ctrl+Shift+A",
            _("Un atelier de plus dans l'étape en groupes en parallèle"),
        )
        self.import_action = self._action(_("&Importer…"), "", _("Remplacer par un fichier"))
        self.export_action = self._action(_("E&xporter…"), "", _("Enregistrer dans un fichier"))
        self.template_action = self._action(_("Enregistrer comme modè&le…"), "", "")
        # Suppr deletes a step only from the table: in the form it deletes text.
        self.delete_key = QAction(self.table)
        self.delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_key.triggered.connect(self.remove_action.trigger)
        self.table.addAction(self.delete_key)
        self._lay_out()

    def _action(self, text: str, keys: str, tip: str) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown_keys = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({shown_keys})" if tip else shown_keys
        if tip:
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        # A push button keeps the « … » of « Importer… » (a tool button's icon text drops it).
        button = QPushButton(action.text())
        button.setToolTip(action.toolTip())
        button.setAccessibleName(action.text().replace("&", ""))
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        action.changed.connect(lambda: button.setToolTip(action.toolTip()))
        return button

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        start_label = QLabel(_("Dé&but de la journée\u00a0:"))
        start_label.setBuddy(self.start_edit)
        top.addWidget(start_label)
        top.addWidget(self.start_edit)
        top.addSpacing(24)
        top.addWidget(self.total_label)
        top.addSpacing(12)
        top.addWidget(self.end_label)
        top.addStretch(1)
        for action in (self.import_action, self.export_action, self.template_action):
            top.addWidget(self._button(action))
        edits = QHBoxLayout()
        for action in (
            self.add_action,
            self.add_break_action,
            self.duplicate_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            self.add_track_action,
        ):
            edits.addWidget(self._button(action))
        edits.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(edits)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.forms)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def start_edit_time(self) -> dt.time:
        """The day's start time chosen above the table."""
        time = self.start_edit.time()
        return dt.time(time.hour(), time.minute())

    def end_time(self, minutes: int) -> str:
        """« 12:05 »: the start time plus ``minutes`` (« J+1 » past midnight)."""
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.start_edit_time())
        end = start + dt.timedelta(minutes=minutes)
        suffix = _(" (lendemain)") if end.date() != start.date() else ""
        return end.strftime("%H:%M") + suffix

    def set_start_time(self, time: dt.time) -> None:
        """Show ``time`` in the start field without it counting as the user's change."""
        self.start_edit.blockSignals(True)
        self.start_edit.setTime(QTime(time.hour, time.minute))
        self.start_edit.blockSignals(False)

    def selected_place(self) -> Place | None:
        """Where the selected line is; None when none is."""
        return self.model.place_of(self.table.currentIndex())

    def selected_row(self) -> int | None:
        """The index of the selected line's day step (a track's line selects its step)."""
        place = self.selected_place()
        return place.step if place is not None else None

    def select_place(self, place: Place | None) -> None:
        """Select the line at ``place`` (each level clamped), or nothing."""
        if place is None or not self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(-1, 0))
            return
        self.table.setCurrentIndex(self.model.index_of(place))

    def select_row(self, row: int | None) -> None:
        """Select the day's step at ``row`` (clamped), or nothing."""
        self.select_place(Place(row) if row is not None else None)

    def show_track_form(self, shown: bool) -> None:
        """The track's form instead of the step's, or back."""
        self.forms.setCurrentWidget(self.track_form if shown else self.form)
