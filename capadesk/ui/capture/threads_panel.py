"""The threads panel: each common thread with its card count and stages; cards dropped on a
thread go into it, dropped below the list start a new one.

The panel only asks: the presenter turns each signal into one undoable command.

Signals (ThreadsPanel):
    new_requested(): Ctrl+T, « Nouveau fil… » (with the wall's selected cards, if any).
    rename_requested(object): F2 on a thread (its ThreadView).
    delete_requested(object): Suppr on a thread.
    merge_requested(object, list): the target ThreadView and the other selected ones.
    split_requested(object): the current thread, to split with the wall's selected cards.
    take_out_requested(): the wall's selected cards leave their threads.
    stages_chosen(object, list): a thread and the stages now ticked for it.
    captures_dropped(object, list): a thread id (None: a new thread) and the dropped cards' ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import ThreadView
from capadesk.i18n import _
from capadesk.ui.capture.keys import KeyClaim
from capadesk.ui.capture.palette import STAGES, shown_text
from capadesk.ui.capture.wall_model import CAPTURE_MIME, capture_ids

_Index = QModelIndex | QPersistentModelIndex


def thread_details(thread: ThreadView) -> str:
    """« 12 cartes · Collecte, Partage · retenu »."""
    count = len(thread.capture_ids)
    parts = [
        _("{count} carte").format(count=count)
        if count == 1
        else _("{count} cartes").format(count=count)
    ]
    if thread.stages:
        parts.append(", ".join(stage.label for stage in thread.stages))
    if thread.kept:
        parts.append(_("★ retenu"))
    if not thread.from_this_workshop:
        parts.append(_("d'un atelier précédent"))
    return " · ".join(parts)


class ThreadModel(QAbstractListModel):
    """The threads, one line each (title, then details); a drop target for cards."""

    captures_dropped = Signal(object, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threads: list[ThreadView] = []

    def set_threads(self, threads: Sequence[ThreadView]) -> None:
        """Show ``threads`` (a handful: the list is simply refilled)."""
        self.beginResetModel()
        self.threads = list(threads)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.threads)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.threads):
            return None
        thread = self.threads[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{shown_text(thread.title)}\n{thread_details(thread)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{thread.title} — {thread_details(thread)}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base  # below the threads: a new thread
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [CAPTURE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return bool(capture_ids(data))

    def dropMimeData(  # noqa: N802 (Qt API)
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        ids = capture_ids(data)
        if not ids:
            return False
        thread_id = self.threads[parent.row()].public_id if parent.isValid() else None
        self.captures_dropped.emit(thread_id, ids)  # the presenter moves them, the list follows
        return True


class _ThreadList(QListView):
    """The list, saying what to do while it is empty."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                _("Pas encore de fil. Glissez des cartes ici, ou Ctrl+T."),
            )
            painter.end()


class ThreadsPanel(QWidget):
    """See module docstring."""

    new_requested = Signal()
    rename_requested = Signal(object)
    delete_requested = Signal(object)
    merge_requested = Signal(object, list)
    split_requested = Signal(object)
    take_out_requested = Signal()
    stages_chosen = Signal(object, list)
    captures_dropped = Signal(object, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ThreadModel(self)
        self.model.captures_dropped.connect(self.captures_dropped)
        self.list = _ThreadList()
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Fils communs"))
        self.list.setAccessibleDescription(
            _("Déposez des cartes sur un fil pour les y ranger, sous la liste pour créer un fil.")
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.list.setDragDropOverwriteMode(True)  # a drop lands on a thread, never between two
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #B00020; }")
        self.message_label.hide()
        heading = QLabel(_("Fils communs"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        self.new_action = QAction(_("Nouveau fil…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+T"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.setToolTip(
            _("Créer un fil, avec les cartes sélectionnées s'il y en a (Ctrl+T)")
        )
        self.new_action.triggered.connect(self.new_requested)
        self.rename_action = self._list_key(_("Renommer…"), "F2", self._rename)
        self.delete_action = self._list_key(_("Supprimer le fil"), "Del", self._delete)
        self.merge_action = QAction(_("Fusionner"), self)
        self.merge_action.setToolTip(_("Réunir les fils sélectionnés dans le premier"))
        self.merge_action.triggered.connect(self._merge)
        self.split_action = QAction(_("Séparer…"), self)
        self.split_action.setToolTip(
            _("Les cartes sélectionnées sur le mur forment un nouveau fil")
        )
        self.split_action.triggered.connect(self._split)
        self.take_out_action = QAction(_("Retirer du fil"), self)
        self.take_out_action.setToolTip(_("Les cartes sélectionnées sur le mur quittent leur fil"))
        self.take_out_action.triggered.connect(self.take_out_requested)
        self.stages_button = QToolButton()
        self.stages_button.setText(_("Étapes du cycle de vie du fil…"))
        self.stages_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.stages_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.stages_button.setAccessibleName(_("Étapes du cycle de vie du fil"))
        self.stages_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.stages_menu = QMenu(self.stages_button)
        self.stage_actions = []
        for stage in STAGES:
            action = self.stages_menu.addAction(stage.label)
            action.setCheckable(True)
            action.setData(stage.value)
            action.triggered.connect(self._stages_ticked)
            self.stage_actions.append(action)
        self.stages_button.setMenu(self.stages_menu)
        self.keys = KeyClaim(
            self.list, {Qt.Key.Key_F2: self._rename, Qt.Key.Key_Delete: self._delete}
        )
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.list.selectionModel().currentChanged.connect(self._selection_changed)
        self._lay_out(heading)
        self._selection_changed()

    def _list_key(self, text: str, keys: str, slot: object) -> QAction:
        # The key itself is claimed by the list (KeyClaim: the window has its own F2).
        action = QAction(text, self)
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shown})")
        action.triggered.connect(slot)
        return action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        button.setToolTip(action.toolTip())
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        button.setEnabled(action.isEnabled())
        return button

    def _lay_out(self, heading: QLabel) -> None:
        buttons = QGridLayout()
        actions = (
            self.new_action,
            self.rename_action,
            self.merge_action,
            self.split_action,
            self.take_out_action,
            self.delete_action,
        )
        for number, action in enumerate(actions):
            buttons.addWidget(self._button(action), number // 2, number % 2)
        buttons.addWidget(self.stages_button, len(actions) // 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

    # --- showing ----------------------------------------------------------------------------

    def set_threads(self, threads: Sequence[ThreadView]) -> None:
        """Show ``threads``, keeping the selection of those still there."""
        chosen = {t.public_id for t in self.selected()}
        current = self.current()
        self.model.set_threads(threads)
        selection = self.list.selectionModel()
        for row, thread in enumerate(self.model.threads):
            index = self.model.index(row, 0)
            if current is not None and thread.public_id == current.public_id:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            if thread.public_id in chosen:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        self._selection_changed()

    def show_message(self, message: str) -> None:
        """A French message under the buttons (empty hides it)."""
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def select_thread(self, thread_id: uuid.UUID) -> None:
        """Make ``thread_id`` the current and only selected thread."""
        for row, thread in enumerate(self.model.threads):
            if thread.public_id == thread_id:
                self.list.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> ThreadView | None:
        """The current thread (the one F2 renames)."""
        index = self.list.currentIndex()
        return self.model.threads[index.row()] if index.isValid() else None

    def selected(self) -> list[ThreadView]:
        """The selected threads, the current one first."""
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        chosen = [self.model.threads[row] for row in rows]
        current = self.current()
        if current in chosen:
            chosen.remove(current)
            chosen.insert(0, current)
        return chosen

    def _selection_changed(self) -> None:
        current = self.current()
        chosen = self.selected()
        for action in (self.rename_action, self.delete_action, self.split_action):
            action.setEnabled(current is not None)
        self.merge_action.setEnabled(len(chosen) >= 2)
        self.stages_button.setEnabled(current is not None)
        for action in self.stage_actions:
            action.setChecked(current is not None and action.data() in current.stages)

    # --- requests ---------------------------------------------------------------------------

    def _rename(self) -> None:
        if (current := self.current()) is not None:
            self.rename_requested.emit(current)

    def _delete(self) -> None:
        if (current := self.current()) is not None:
            self.delete_requested.emit(current)

    def _merge(self) -> None:
        chosen = self.selected()
        if len(chosen) >= 2:
            self.merge_requested.emit(chosen[0], chosen[1:])

    def _split(self) -> None:
        if (current := self.current()) is not None:
            self.split_requested.emit(current)

    def _stages_ticked(self) -> None:
        current = self.current()
        if current is None:
            return
        ticked = [
            stage
            for stage, action in zip(STAGES, self.stage_actions, strict=True)
            if action.isChecked()
        ]
        self.stages_chosen.emit(current, ticked)
