"""An opened workshop. Later issues fill it with the agenda, live capture and votes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.i18n import _
from capadesk.ui.richtext import escape
from capadesk.ui.views.workshop_list_view import CentredMessage


class WorkshopView(QWidget):
    """Header with the workshop's identity, a way back, and room for the day's tools."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(_("← Tous les ateliers"))
        self.back_button.setToolTip(_("Revenir à la liste (Échap)"))
        self.back_button.setAccessibleName(_("Revenir à la liste des ateliers"))
        self.edit_button = QPushButton(_("Modifier…"))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)

        self.placeholder_page = CentredMessage(
            _("Cet atelier est prêt."),
            _(
                "Le déroulé de la journée, la saisie en direct des irritants et des souhaits, "
                "les fils communs et les votes s'afficheront ici."
            ),
        )

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.placeholder_page, 1)

    def show_workshop(self, workshop: WorkshopSummary) -> None:
        """Display ``workshop``'s identity."""
        from PySide6.QtCore import Qt  # after the first frame (see workshop_list_view)

        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)  # user text, never markup
        self.title_label.setText(f"<h1>{escape(workshop.title)}</h1>")
        self.title_label.setAccessibleName(workshop.title)
        parts = [
            workshop.place,
            workshop.day.strftime("%d/%m/%Y") if workshop.day else "",
            _("programme {title}").format(title=workshop.programme_title)
            if workshop.programme_title
            else "",
        ]
        self.details_label.setText(" · ".join(p for p in parts if p) or _("Lieu et date à fixer"))
