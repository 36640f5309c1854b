"""The journey map page of the control window: the map chosen, its persona, scenario and
framing; the stages as the grid's columns, the six rows and the satisfaction scale as its rows.

Keyboard first: type a stage's name and Entrée adds a column; in the grid the arrows move,
typing starts editing a cell (Entrée saves, Maj+Entrée starts a new line: one item per line),
the satisfaction row takes -2 to +2 from a list. Ctrl+Maj+Gauche / Droite move the current
stage, F2 on the stage header renames it. Layout only; JourneyPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain import journey_map as rules
from capadesk.i18n import _
from capadesk.ui.tools.fields import CommitLine

SATISFACTION_ROW = len(rules.ROWS)  # the last row of the grid


def satisfaction_choices() -> list[tuple[str, int | None]]:
    """The satisfaction row's list: « — » then -2 … +2 with their words."""
    return [("—", None)] + [
        (f"{score:+d} · {_(rules.SATISFACTION_LABELS[score])}", score)
        for score in rules.SATISFACTION
    ]


class CellDelegate(QStyledItemDelegate):
    """Cells edited in a multi-line box (Entrée saves, Maj+Entrée: new line); the satisfaction
    row in a list."""

    def createEditor(  # noqa: N802 (Qt API)
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        if index.row() == SATISFACTION_ROW:
            combo = QComboBox(parent)
            combo.setAccessibleName(_("Satisfaction"))
            for label, score in satisfaction_choices():
                combo.addItem(label, score)
            return combo
        editor = QPlainTextEdit(parent)
        editor.setAccessibleName(_("Case du parcours"))
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def setEditorData(  # noqa: N802 (Qt API)
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            score = index.data(Qt.ItemDataRole.UserRole)
            editor.setCurrentIndex(max(0, editor.findData(score)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(  # noqa: N802 (Qt API)
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            # One write only: the presenter saves on it and shows the score's words itself.
            model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            isinstance(watched, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class JourneyView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Parcours usager"))
        self.maps = QComboBox()
        self.maps.setAccessibleName(_("Parcours"))
        self.new_button = QPushButton(_("Nouveau parcours"))
        self.delete_button = QPushButton(_("Supprimer le parcours"))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Parcours\u00a0:")))
        top.addWidget(self.maps, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        self.persona = QComboBox()
        self.persona.setAccessibleName(_("Persona du parcours"))
        self.scenario = CommitLine(_("Scénario"), _("Le service étudié, la situation"))
        self.constrained = QCheckBox(_("Avec contraintes"))
        self.constraints = CommitLine(
            _("Contraintes"), _("délais, budget… (sans contrainte\u00a0: lettre au Père Noël)")
        )
        framing = QHBoxLayout()
        framing.addWidget(self.constrained)
        framing.addWidget(self.constraints, 1)
        form = QFormLayout()
        form.addRow(_("Persona"), self.persona)
        form.addRow(_("Scénario"), self.scenario)
        form.addRow(_("Cadre"), framing)
        self.stage = QLineEdit()
        self.stage.setAccessibleName(_("Nouvelle étape"))
        self.stage.setPlaceholderText(
            _("Nouvelle grande étape du parcours (Entrée pour l'ajouter)")
        )
        self.left_button = QPushButton(_("◀ Déplacer"))
        self.right_button = QPushButton(_("Déplacer ▶"))
        self.rename_button = QPushButton(_("Renommer l'étape"))
        self.remove_button = QPushButton(_("Retirer l'étape"))
        self.send_button = QPushButton(_("Envoyer les irritants au mur"))
        stages = QHBoxLayout()
        stages.addWidget(self.stage, 1)
        for button in (self.left_button, self.right_button, self.rename_button, self.remove_button):
            stages.addWidget(button)
        self.grid = QTableWidget(len(rules.ROWS) + 1, 0)
        self.grid.setAccessibleName(_("Grille du parcours"))
        self.grid.setVerticalHeaderLabels(
            [_(label) for _key, label in rules.ROWS] + [_("Satisfaction")]
        )
        self.grid.setItemDelegate(CellDelegate(self.grid))
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setMinimumHeight(360)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.move_left_action = self._action(_("Étape vers la gauche"), "Ctrl+Shift+Left", within)
        self.move_right_action = self._action(_("Étape vers la droite"), "Ctrl+Shift+Right", within)
        self.left_button.clicked.connect(self.move_left_action.trigger)
        self.right_button.clicked.connect(self.move_right_action.trigger)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addLayout(stages)
        layout.addWidget(self.grid, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.stage)

    def _action(self, text: str, keys: str, context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        self.addAction(action)
        return action
