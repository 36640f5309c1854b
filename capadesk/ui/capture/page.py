"""The capture page of the control window: the capture bar on top; below it, the wall with the
threads panel on its right, and the vote in a second tab (Ctrl+Tab switches).

Layout only; CapturePresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from capadesk.i18n import _
from capadesk.ui.capture.bar import CaptureBar
from capadesk.ui.capture.threads_panel import ThreadsPanel
from capadesk.ui.capture.vote_panel import VotePanel
from capadesk.ui.capture.wall_model import WallModel
from capadesk.ui.capture.wall_panel import WallPanel


class CapturePage(QWidget):
    """See module docstring."""

    def __init__(self, model: WallModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Saisie, mur et vote"))
        self.bar = CaptureBar()
        self.wall = WallPanel(model)
        self.threads = ThreadsPanel()
        self.votes = VotePanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.wall)
        splitter.addWidget(self.threads)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 280])
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, _("Mur et fils communs"))
        self.tabs.addTab(self.votes, _("Vote par gommettes"))
        self.tabs.setTabToolTip(0, _("Les cartes et les fils (Ctrl+Tab\u00a0: onglet suivant)"))
        self.tabs.setTabToolTip(
            1, _("Les gommettes comptées par fil (Ctrl+Tab\u00a0: onglet suivant)")
        )
        self.wall_tab, self.vote_tab = splitter, self.votes
        # Page-wide keys: the note-taker changes kind or stage from the wall or a panel too.
        self.addActions([*self.bar.key_actions, self.threads.new_action])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.bar.field)

    def show_vote(self, shown: bool = True) -> None:
        """Show the vote tab (True) or the wall tab."""
        self.tabs.setCurrentWidget(self.vote_tab if shown else self.wall_tab)
