"""The roster editor: a quick-add line for the welcome desk, a searchable table edited in place
(type as a list, arrival and consent as boxes), and the file actions (CSV, sign-in sheet)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.i18n import _
from capadesk.ui.people.roster_model import NAME, TYPE, RosterFilter, RosterModel


def type_combo(parent: QWidget | None = None) -> QComboBox:
    """The participant types, labels shown, values as item data."""
    combo = QComboBox(parent)
    for kind in ParticipantType:
        combo.addItem(kind.label, kind.value)
    return combo


class TypeDelegate(QStyledItemDelegate):
    """Edits the type column with a list of the six types."""

    def createEditor(  # noqa: N802 (Qt API)
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = type_combo(parent)
        combo.setAccessibleName(_("Type de participant"))
        # One choice is one edit: commit as soon as it is picked.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(  # noqa: N802 (Qt API)
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(  # noqa: N802 (Qt API)
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RosterEditor(QWidget):
    """See module docstring. The presenter connects the actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Liste des participants"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Prénom Nom"))
        self.name_edit.setAccessibleName(_("Nom du participant à ajouter"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(_("Organisation"))
        self.organisation_edit.setAccessibleName(_("Organisation du participant à ajouter"))
        self.type_choice = type_combo()
        self.type_choice.setAccessibleName(_("Type du participant à ajouter"))
        self.add_button = QPushButton(_("&Ajouter"))
        self.add_button.setToolTip(_("Ajouter à la liste (Entrée dans le nom)"))

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Rechercher un nom, une organisation…"))
        self.search_edit.setAccessibleName(_("Rechercher dans la liste"))
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Nombre de participants"))
        self.status_label = QLabel()
        self.status_label.setAccessibleName(_("Dernière action sur la liste"))
        self.status_label.setWordWrap(True)

        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Participants"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.type_delegate = TypeDelegate(self.table)
        self.table.setItemDelegateForColumn(TYPE, self.type_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)

        self.delete_action = QAction(_("&Supprimer"), self)
        self.delete_action.setToolTip(_("Retirer les personnes choisies de la liste (Suppr)"))
        self.delete_key = QAction(self.table)
        self.delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_key.triggered.connect(self.delete_action.trigger)
        self.table.addAction(self.delete_key)
        self.import_action = QAction(_("&Importer un CSV…"), self)
        self.export_action = QAction(_("E&xporter en CSV…"), self)
        self.sheet_action = QAction(_("Feuille d'é&margement (PDF)…"), self)
        self.copy_action = QAction(_("Reprendre la liste d'un autre atelier…"), self)
        self._lay_out()

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        button.setToolTip(action.toolTip())
        button.setAccessibleName(action.text().replace("&", ""))
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        button.setEnabled(action.isEnabled())
        return button

    def _lay_out(self) -> None:
        adding = QHBoxLayout()
        adding.addWidget(self.name_edit, 3)
        adding.addWidget(self.organisation_edit, 2)
        adding.addWidget(self.type_choice, 1)
        adding.addWidget(self.add_button)
        files = QHBoxLayout()
        for action in (self.import_action, self.export_action, self.sheet_action, self.copy_action):
            files.addWidget(self._button(action))
        files.addStretch(1)
        below = QHBoxLayout()
        below.addWidget(self.search_edit, 2)
        below.addWidget(self.count_label, 3)
        below.addWidget(self._button(self.delete_action))
        layout = QVBoxLayout(self)
        layout.addLayout(files)
        layout.addLayout(adding)
        layout.addLayout(below)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

    def selected_rows(self) -> list[int]:
        """Rows of the model (not of the filtered view) the user selected, in order."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)
