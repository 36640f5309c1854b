"""The home page: every workshop, a search box and the buttons that act on the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from capadesk.i18n import _


class WorkshopListView(QWidget):
    """Layout only; WorkshopListPresenter connects it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Ateliers"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(_("Ateliers"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Rechercher un atelier… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Rechercher un atelier"))

        self.table = QTreeView()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Liste des ateliers"))
        self.table.setAccessibleDescription(
            _("Entrée ouvre l'atelier, F2 le modifie, Suppr le supprime.")
        )
        self.table.header().setStretchLastSection(True)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.empty_label = QLabel(
            _("Aucun atelier pour l'instant.\nCréez le premier avec « Nouvel atelier » (Ctrl+N).")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.loading_label = QLabel(_("Ouverture de la base…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.loading_label)

        self.new_button = QPushButton(_("&Nouvel atelier"))
        self.open_button = QPushButton(_("&Ouvrir"))
        self.edit_button = QPushButton(_("&Modifier"))
        self.duplicate_button = QPushButton(_("D&upliquer"))
        self.delete_button = QPushButton(_("&Supprimer"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.edit_button, self.duplicate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)

    def show_state(self, *, loading: bool, empty: bool) -> None:
        """Show the table, the « nothing yet » hint or the « opening » message."""
        if loading:
            self.body.setCurrentWidget(self.loading_label)
        elif empty:
            self.body.setCurrentWidget(self.empty_label)
        else:
            self.body.setCurrentWidget(self.table)
