"""An opened workshop: its identity, then one tab per job of the day.

« Journée » holds the protocol chooser, the agenda builder or the runner; « Mur » the capture
bar, the wall, the threads and the votes; « Outil » the current step's tool (an ice-breaker…);
« Participants » the roster; « Groupes » the group board. The tools are built by the page
presenter when their tab is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.i18n import _
from capadesk.ui.richtext import escape
from capadesk.ui.views.workshop_list_view import CentredMessage


class WorkshopView(QWidget):
    """Header with the workshop's identity, a way back, and room for the day's tools."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(_("← Tous les ateliers"))
        self.back_button.setToolTip(_("Revenir à la liste (Alt+←)"))
        self.back_button.setAccessibleName(_("Revenir à la liste des ateliers"))
        self.edit_button = QPushButton(_("Modifier…"))
        self.agenda_button = QPushButton(_("Modifier le déroulé"))
        self.agenda_button.setCheckable(True)
        # Alt+letters are all taken by the menus and the builder's form: a key of its own.
        self.agenda_button.setShortcut(QKeySequence("Ctrl+E"))
        self.agenda_button.setToolTip(
            _("Préparer les étapes de la journée (Ctrl+E)\u00a0; recliquer pour la dérouler")
        )
        # Clicking these must not take the focus from the runner's panel, whose keys (Space,
        # arrows, F5…) work while it has the focus; each has a key of its own instead.
        for button in (self.back_button, self.edit_button, self.agenda_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.agenda_button)
        top.addWidget(self.edit_button)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)

        self.placeholder_page = CentredMessage(
            _("Cet atelier n'a pas encore de déroulé."),
            _("Partez d'un protocole de la bibliothèque, puis lancez la journée."),
        )
        self.protocol_choice = QComboBox()
        self.protocol_choice.setAccessibleName(_("Protocole de départ"))
        self.apply_protocol_button = QPushButton(_("&Utiliser ce protocole"))
        chooser = QHBoxLayout()
        chooser.addStretch(1)
        chooser.addWidget(self.protocol_choice, 2)
        chooser.addWidget(self.apply_protocol_button)
        chooser.addStretch(1)
        no_agenda = QWidget()
        no_agenda_layout = QVBoxLayout(no_agenda)
        no_agenda_layout.addWidget(self.placeholder_page, 1)
        no_agenda_layout.addLayout(chooser)
        no_agenda_layout.addStretch(1)
        self.no_agenda_page = no_agenda

        self.body = QStackedWidget()
        self.body.addWidget(no_agenda)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Onglets de l'atelier"))
        self.tabs.tabBar().setAccessibleName(_("Onglets de l'atelier"))
        self.tabs.setDocumentMode(True)
        self.wall_tab, self.tool_tab = QWidget(), QWidget()
        self.roster_tab, self.groups_tab = QWidget(), QWidget()
        self.no_tool_page = CentredMessage(
            _("Pas d'outil pour cette étape."),
            _(
                "Les brise-glaces, les outils de méthode et les matrices s'ouvrent ici quand la "
                "journée arrive à leur étape, ou par «\u00a0Ouvrir\u00a0» ci-dessus."
            ),
        )
        self.tool_choice = QComboBox()
        self.tool_choice.setAccessibleName(_("Outil à ouvrir"))
        self.open_tool_button = QPushButton(_("Ouvrir"))
        self.open_tool_button.setToolTip(_("Ouvrir l'outil choisi, quelle que soit l'étape"))
        for tab in (self.wall_tab, self.tool_tab, self.roster_tab, self.groups_tab):
            tab_layout = QVBoxLayout(tab)
            tab_layout.setContentsMargins(0, 0, 0, 0)
        tabs = (
            (self.body, _("Journée"), "Ctrl+Shift+J", _("Le déroulé et le minuteur")),
            (self.wall_tab, _("Mur"), "Ctrl+Shift+M", _("Saisie, mur, fils communs et votes")),
            (self.tool_tab, _("Outil"), "Ctrl+Shift+O", _("L'outil de l'étape en cours")),
            (self.roster_tab, _("Participants"), "Ctrl+Shift+P", _("Liste et émargement")),
            (self.groups_tab, _("Groupes"), "Ctrl+Shift+G", _("Groupes de travail")),
        )
        for index, (page, title, key, about) in enumerate(tabs):
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(
                index,
                f"{about} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})",
            )
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(_("Onglet {tab}").format(tab=title))  # the F1 panel's text
            shortcut.activated.connect(lambda index=index: self.tabs.setCurrentIndex(index))

        tool_bar = QHBoxLayout()
        tool_bar.addWidget(QLabel(_("Autre outil\u00a0:")))
        tool_bar.addWidget(self.tool_choice, 1)
        tool_bar.addWidget(self.open_tool_button)
        tool_bar.addStretch(2)
        tool_layout = self.tool_tab.layout()
        assert isinstance(tool_layout, QVBoxLayout)
        tool_layout.addLayout(tool_bar)
        self.set_tab_content(self.tool_tab, self.no_tool_page)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.tabs, 1)

    def set_tab_content(self, tab: QWidget, widget: QWidget) -> None:
        """Put a tool (the capture page, the roster…) in its tab."""
        layout = tab.layout()
        assert layout is not None
        layout.addWidget(widget)

    def show_body(self, widget: QWidget | None) -> None:
        """Show ``widget`` (the runner's panel, the agenda builder) or (None) the chooser."""
        if widget is None:
            self.body.setCurrentWidget(self.no_agenda_page)
            return
        if self.body.indexOf(widget) < 0:
            self.body.addWidget(widget)
        self.body.setCurrentWidget(widget)

    def show_workshop(self, workshop: WorkshopSummary) -> None:
        """Display ``workshop``'s identity."""
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
