"""The « nous sommes en 2027 » page of the control window: the thread chosen, the story told
from 2027, the group's drawing; the page as the room sees it on the right.

Keyboard first: the story field takes the text (Ctrl+Entrée or leaving it saves); « Joindre le
dessin… » picks the photo. Layout only; StoryPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from capadesk.i18n import _
from capadesk.ui.tools.fields import CommitText
from capadesk.ui.tools.story_canvas import StoryCanvas
from capadesk.ui.tools.thread_choice import ThreadChoice


class StoryView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Projection «\u00a0nous sommes en 2027\u00a0»"))
        self.threads = ThreadChoice()
        self.heading = QLabel()
        self.heading.setStyleSheet("QLabel { font-size: 18pt; font-weight: bold; }")
        self.story = CommitText(
            _("Récit du succès"),
            _("Qu'avons-nous réussi\u00a0? Racontez le succès vu de 2027 (Ctrl+Entrée enregistre)"),
            lines=12,
        )
        self.story.setMaximumHeight(16_000)
        self.drawing_button = QPushButton(_("Joindre le dessin…"))
        self.drawing_label = QLabel(_("Pas de dessin joint"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.story, 1)
        left_layout.addWidget(self.drawing_label)
        left_layout.addWidget(self.drawing_button)
        self.preview = StoryCanvas()
        self.preview.setAccessibleName(_("Aperçu de la projection"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.threads)
        layout.addWidget(message)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.story)
