"""The group board: one column per group of the chosen step (and one for those in no group),
people dragged from column to column, each column's public / private / partner mix in colour.

A move is asked with ``member_moved``; the board shows the groups again once they are stored.
Keyboard: the context menu of a person (Menu key, Shift+F10) offers « Déplacer vers ».
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.people import Family, ParticipantView, by_name
from capadesk.i18n import _
from capadesk.ui.people.colours import family_icon, mix_html
from capadesk.ui.richtext import escape

MIME_TYPE = "application/x-capadesk-participant"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTH = 240


class BoardColumn(NamedTuple):
    """What one column shows: a group (``group_id`` None for « Sans groupe »)."""

    group_id: uuid.UUID | None
    name: str
    members: tuple[ParticipantView, ...]
    missing: tuple[Family, ...] = ()


def participant_mime(participant_id: uuid.UUID) -> QMimeData:
    """The drag payload of one person."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, str(participant_id).encode("ascii"))
    return mime


def dragged_id(mime: QMimeData) -> uuid.UUID | None:
    """The person a drag carries, or None for anything else."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return uuid.UUID(bytes(mime.data(MIME_TYPE).data()).decode("ascii"))
    except ValueError:
        return None


class MemberList(QListWidget):
    """The people of one column; a drop here asks to move the dragged person into it."""

    dropped = Signal(object, object)  # participant id, group id (None: no group)

    def __init__(self, group_id: uuid.UUID | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_id = group_id
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # A long organisation is cut with « … » (its full text is in the tooltip).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def fill(self, members: Sequence[ParticipantView]) -> None:
        """Show ``members``, alphabetical."""
        self.clear()
        for person in by_name(members):
            text = f"{person.name} — {person.organisation}" if person.organisation else person.name
            item = QListWidgetItem(family_icon(person.type), text)
            item.setData(ID_ROLE, person.public_id)
            item.setToolTip(f"{text}\n{person.type.label}")
            self.addItem(item)

    def ids(self) -> list[uuid.UUID]:
        """The ids shown, top to bottom."""
        return [self.item(row).data(ID_ROLE) for row in range(self.count())]

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N802, N803 (Qt API)
        # Our own drag: the list must not remove the item itself, the store decides.
        row = self.currentRow()
        if row < 0:
            return
        drag = QDrag(self)
        drag.setMimeData(participant_mime(self.item(row).data(ID_ROLE)))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if dragged_id(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt API)
        if dragged_id(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        participant_id = dragged_id(event.mimeData())
        if participant_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(participant_id, self.group_id)


class GroupColumnWidget(QFrame):
    """A column: the group's name, its mix, its members, rename and remove buttons."""

    def __init__(self, column: BoardColumn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_id = column.group_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.mix_label = QLabel()
        self.mix_label.setTextFormat(Qt.TextFormat.RichText)
        self.mix_label.setWordWrap(True)
        self.members = MemberList(column.group_id)
        self.rename_button = QToolButton()
        self.rename_button.setText(_("Renommer"))
        self.remove_button = QToolButton()
        self.remove_button.setText(_("Retirer"))
        self.remove_button.setToolTip(_("Retirer ce groupe (ses membres restent dans la liste)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        if column.group_id is not None:
            layout.addLayout(buttons)
        layout.addWidget(self.mix_label)
        layout.addWidget(self.members, 1)
        self.show_column(column)

    def show_column(self, column: BoardColumn) -> None:
        """Show ``column``'s name, mix and members."""
        self.name_label.setText(f"<b>{escape(column.name)}</b> ({len(column.members)})")
        self.name_label.setAccessibleName(column.name)
        self.rename_button.setAccessibleName(_("Renommer {name}").format(name=column.name))
        self.remove_button.setAccessibleName(_("Retirer {name}").format(name=column.name))
        self.mix_label.setText(mix_html([m.type for m in column.members], list(column.missing)))
        self.members.setAccessibleName(_("Membres de {name}").format(name=column.name))
        self.members.fill(column.members)


class GroupBoard(QWidget):
    """See module docstring.

    Signals:
        member_moved(participant id, group id or None)
        rename_requested(group id), remove_requested(group id)
    """

    member_moved = Signal(object, object)
    rename_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Tableau des groupes"))
        self.step_choice = QComboBox()
        self.step_choice.setAccessibleName(_("Étape dont on forme les groupes"))
        self.propose_button = QPushButton(_("&Proposer des groupes…"))
        self.propose_button.setToolTip(
            _("Des groupes équilibrés public / privé / partenaires, selon les choix de chacun")
        )
        self.add_button = QPushButton(_("Ajouter un &groupe…"))
        self.use_cases_button = QPushButton(_("Un groupe par cas d'&usage"))
        self.challenges_button = QPushButton(_("Un groupe par &défi…"))
        self.print_button = QPushButton(_("&Imprimer les groupes…"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Dernière action sur les groupes"))
        self.columns: list[GroupColumnWidget] = []
        self._strip = QWidget()
        self._strip_layout = QHBoxLayout(self._strip)
        self._strip_layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._strip)
        self.scroll_area = scroll
        top = QHBoxLayout()
        step_label = QLabel(_("Groupes pour\u00a0:"))
        step_label.setBuddy(self.step_choice)
        top.addWidget(step_label)
        top.addWidget(self.step_choice, 1)
        for button in (
            self.propose_button,
            self.add_button,
            self.use_cases_button,
            self.challenges_button,
            self.print_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_label)

    def show_columns(self, columns: Sequence[BoardColumn]) -> None:
        """Show ``columns``; existing column widgets are kept when the groups are the same."""
        if [c.group_id for c in columns] == [w.group_id for w in self.columns]:
            for widget, column in zip(self.columns, columns, strict=True):
                widget.show_column(column)
            return
        for widget in self.columns:
            self._strip_layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.columns = []
        for column in columns:
            widget = GroupColumnWidget(column)
            group_id = column.group_id
            widget.members.dropped.connect(self.member_moved)
            widget.members.customContextMenuRequested.connect(
                lambda point, w=widget: self._menu(w, point)
            )
            widget.rename_button.clicked.connect(
                lambda _c=False, g=group_id: self.rename_requested.emit(g)
            )
            widget.remove_button.clicked.connect(
                lambda _c=False, g=group_id: self.remove_requested.emit(g)
            )
            self._strip_layout.addWidget(widget)
            self.columns.append(widget)

    def column_of(self, group_id: uuid.UUID | None) -> GroupColumnWidget:
        """The column showing ``group_id`` (None: « Sans groupe »)."""
        return next(w for w in self.columns if w.group_id == group_id)

    def move_menu(self, widget: GroupColumnWidget, participant_id: uuid.UUID) -> QMenu:
        """« Déplacer vers » each other column."""
        menu = QMenu(self)
        menu.setTitle(_("Déplacer vers"))
        for other in self.columns:
            if other is widget:
                continue
            action = menu.addAction(other.name_label.accessibleName().replace("&", "&&"))
            action.triggered.connect(
                lambda _c=False, g=other.group_id: self.member_moved.emit(participant_id, g)
            )
        return menu

    def _menu(self, widget: GroupColumnWidget, point: QPoint) -> None:
        row = widget.members.indexAt(point).row()
        row = row if row >= 0 else widget.members.currentRow()
        if row < 0:
            return
        menu = self.move_menu(widget, widget.members.item(row).data(ID_ROLE))
        menu.exec(widget.members.viewport().mapToGlobal(point))
