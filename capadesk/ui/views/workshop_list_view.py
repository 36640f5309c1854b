"""The home page: every workshop, a search box and the buttons that act on the selection.

Shown in the first frame: no ``Qt`` namespace here (see capadesk.ui.models.workshop_list_model).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from capadesk.i18n import _
from capadesk.ui.richtext import centred, escape


class WorkshopListView(QWidget):
    """Layout only; WorkshopListPresenter connects it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(f"<h2>{escape(_('Ateliers'))}</h2>")
        heading.setAccessibleName(_("Ateliers"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Rechercher un atelier… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Rechercher un atelier"))

        self.table = QTreeView()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        # QTreeView already selects single whole rows, and the model's items are read-only:
        # setting those again would build QAbstractItemView's enums in the first frame.
        self.table.setAccessibleName(_("Liste des ateliers"))
        self.table.setAccessibleDescription(
            _("Entrée ouvre l'atelier, F2 le modifie, Suppr le supprime.")
        )
        self.table.header().setStretchLastSection(True)

        self.empty_page = CentredMessage(
            _("Aucun atelier pour l'instant."),
            _("Créez le premier avec «\u00a0Nouvel atelier\u00a0» (Ctrl+N)."),
        )
        self.empty_label = self.empty_page.label
        self.loading_page = CentredMessage(_("Ouverture de la base…"))
        self.loading_label = self.loading_page.label
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_page)
        self.body.addWidget(self.loading_page)

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

    def show_unavailable(self, reason: str) -> None:
        """Say the store could not be opened, instead of inviting to create a workshop."""
        self.loading_label.setText(
            centred(_("La base de données n'a pas pu être ouverte."), reason)
        )
        self.body.setCurrentWidget(self.loading_page)

    def show_state(self, *, loading: bool, empty: bool) -> None:
        """Show the table, the « nothing yet » hint or the « opening » message."""
        if loading:
            self.body.setCurrentWidget(self.loading_page)
        elif empty:
            self.body.setCurrentWidget(self.empty_page)
        else:
            self.body.setCurrentWidget(self.table)


class CentredMessage(QWidget):
    """A few lines of text centred in the page, one under another.

    Centred with HTML and stretches rather than Qt.AlignmentFlag, to stay off the ``Qt``
    namespace in the first frame.
    """

    def __init__(self, *lines: str) -> None:
        super().__init__()
        self.label = QLabel(centred(*lines))
        self.label.setWordWrap(True)
        self.label.setAccessibleName(" ".join(lines))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addStretch(1)
