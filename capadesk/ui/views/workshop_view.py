"""An opened workshop. Later issues fill it with the agenda, live capture and votes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.i18n import _


class WorkshopView(QWidget):
    """Header with the workshop's identity, a way back, and room for the day's tools."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(_("← Tous les ateliers"))
        self.back_button.setToolTip(_("Revenir à la liste (Échap)"))
        self.edit_button = QPushButton(_("Modifier…"))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)

        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)

        self.placeholder = QLabel(
            _(
                "Cet atelier est prêt.\n\n"
                "Le déroulé de la journée, la saisie en direct des irritants et des souhaits, "
                "les fils communs et les votes s'afficheront ici."
            )
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.placeholder, 1)

    def show_workshop(self, workshop: WorkshopSummary) -> None:
        """Display ``workshop``'s identity."""
        self.title_label.setText(workshop.title)
        self.title_label.setAccessibleName(workshop.title)
        parts = [
            workshop.place,
            workshop.day.strftime("%d/%m/%Y") if workshop.day else "",
            _("programme {title}").format(title=workshop.programme_title)
            if workshop.programme_title
            else "",
        ]
        self.details_label.setText(" · ".join(p for p in parts if p) or _("Lieu et date à fixer"))
