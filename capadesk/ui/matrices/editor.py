"""The matrix page: which matrix (template) for whom (the workshop, a use case, a group), its
sheets, the grid, and what the current cell expects. Widgets only: the presenter fills them and
reacts to them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from capadesk.i18n import _
from capadesk.ui.matrices.grid_model import MatrixGridModel
from capadesk.ui.matrices.grid_view import MatrixGridView


class MatrixEditor(QWidget):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Matrices"))
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName(_("Matrice"))
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(_("Remplie pour"))
        self.create_button = QPushButton(_("Créer la matrice"))
        self.delete_button = QPushButton(_("Supprimer…"))
        self.blank_button = QPushButton(_("PDF vierge…"))
        self.blank_button.setToolTip(_("La matrice vide, à imprimer avant l'atelier (A4 ou A3)"))
        self.pdf_button = QPushButton(_("PDF rempli…"))
        chooser = QHBoxLayout()
        template_label = QLabel(_("&Matrice\u00a0:"))
        template_label.setBuddy(self.template_combo)
        owner_label = QLabel(_("&Pour\u00a0:"))
        owner_label.setBuddy(self.owner_combo)
        chooser.addWidget(template_label)
        chooser.addWidget(self.template_combo, 2)
        chooser.addWidget(owner_label)
        chooser.addWidget(self.owner_combo, 2)
        chooser.addWidget(self.create_button)
        chooser.addStretch(0)
        for button in (self.blank_button, self.pdf_button, self.delete_button):
            chooser.addWidget(button)

        self.sheet_tabs = QTabBar()
        self.sheet_tabs.setAccessibleName(_("Dimensions du projet"))
        self.add_stakeholder_button = QPushButton(_("Ajouter une partie prenante"))
        self.name_stakeholder_button = QPushButton(_("Nommer…"))
        self.remove_stakeholder_button = QPushButton(_("Retirer"))
        tools = QHBoxLayout()
        tools.addWidget(self.sheet_tabs)
        tools.addStretch(1)
        for button in (
            self.add_stakeholder_button,
            self.name_stakeholder_button,
            self.remove_stakeholder_button,
        ):
            tools.addWidget(button)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("À propos de la matrice"))
        # Two lines always: a wrapped label squeezed by the grid would otherwise overlap.
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing() * 2 + 4)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName(_("Ce que la case attend"))
        self.hint_label.setStyleSheet("QLabel { color: palette(dark); }")
        self.model = MatrixGridModel(self)
        self.grid = MatrixGridView(self.model)

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.status_label)
        layout.addLayout(tools)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.hint_label)
