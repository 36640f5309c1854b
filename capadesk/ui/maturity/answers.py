"""Answers entered in the room: one row per subject, one column per respondent; the keys 1 to 5
place the current subject at that stage and go down, 0 or Delete clears it.

The model never changes the store: ``answer_requested`` goes to the presenter, which runs the
command; ``fill`` shows what was stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from capadesk.core.domain.maturity import Assessment, Stage
from capadesk.i18n import _

_Index = QModelIndex | QPersistentModelIndex
STAGE_COLOURS = {  # light, so the stage's name stays readable; deeper as the stage rises
    Stage.SLEEP: "#F3F3F3",
    Stage.AWAKENING: "#E4EEF9",
    Stage.DRIVE: "#CFE3F5",
    Stage.REFLEXIVITY: "#B8D6F0",
    Stage.CAPABLE: "#9FC8EA",
}


class AnswersModel(QAbstractTableModel):
    """See module docstring.

    Signals:
        answer_requested(str, str, object): respondent id, subject id, Stage or None.
    """

    answer_requested = Signal(str, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.assessment = Assessment("", None, ())

    def fill(self, assessment: Assessment) -> None:
        """Show ``assessment``; cells keep their place when only answers changed."""
        same = [s.id for s in assessment.subjects] == [s.id for s in self.assessment.subjects] and [
            r.id for r in assessment.respondents
        ] == [r.id for r in self.assessment.respondents]
        if same:
            self.assessment = assessment
            self.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1)
            )
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.rowCount() - 1))
            if self.rowCount() and self.columnCount():
                last = self.index(self.rowCount() - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.assessment = assessment
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.assessment.subjects)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.assessment.respondents)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def stage_at(self, index: _Index) -> Stage | None:
        """The stage given at ``index``."""
        if not index.isValid():
            return None
        respondent = self.assessment.respondents[index.column()]
        subject = self.assessment.subjects[index.row()]
        return self.assessment.answer(respondent.id, subject.id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        stage = self.stage_at(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{int(stage)} · {stage.label}" if stage is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and stage is not None:
            return f"{stage.label}\u00a0: {stage.definition}"
        if role == Qt.ItemDataRole.BackgroundRole and stage is not None:
            return QBrush(QColor(STAGE_COLOURS[stage]))
        if role == Qt.ItemDataRole.ForegroundRole and stage is not None:
            return QBrush(QColor("#1A1A1A"))
        return None

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.assessment.respondents):
                respondent = self.assessment.respondents[section]
                return f"{respondent.name}\n{respondent.profile.label}"
            return None
        if 0 <= section < len(self.assessment.subjects):
            return self.assessment.subjects[section].label
        return None

    def answer(self, index: _Index, stage: Stage | None) -> None:
        """Ask for the subject at ``index`` to be placed at ``stage`` by its respondent."""
        if not index.isValid() or self.stage_at(index) == stage:
            return
        respondent = self.assessment.respondents[index.column()]
        subject = self.assessment.subjects[index.row()]
        self.answer_requested.emit(respondent.id, subject.id, stage)


class AnswersTable(QTableView):
    """See module docstring."""

    def __init__(self, model: AnswersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.answers = model
        self.setAccessibleName(_("Réponses\u00a0: un sujet par ligne, un répondant par colonne"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setFixedWidth(240)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setDefaultSectionSize(104)
        self.horizontalHeader().setMinimumHeight(44)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        index = self.currentIndex()
        text = event.text()
        if index.isValid() and text in ("1", "2", "3", "4", "5"):
            self.answers.answer(index, Stage(int(text)))
            self._down(index)
            return
        if index.isValid() and (
            text == "0" or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.answers.answer(index, None)
            return
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._down(index)
            return
        super().keyPressEvent(event)

    def _down(self, index: QModelIndex) -> None:
        below = self.answers.index(index.row() + 1, index.column())
        if below.isValid():
            self.setCurrentIndex(below)
