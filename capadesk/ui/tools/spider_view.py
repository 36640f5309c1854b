"""The Spider Web page of the control window: the board chosen, the problem and the two
constraints, the ideas typed ring by ring, the dots; the web as the room sees it on the right.

Keyboard first: type an idea, Entrée puts it on the chosen ring (Alt+1, Alt+2, Alt+3 choose
the ring); in the list, « + » sticks a dot on the selected idea, « - » takes one off, F2
rewords it, Suppr removes it. Layout only; SpiderPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain import spider_web as rules
from capadesk.i18n import _
from capadesk.ui.tools.fields import CommitLine
from capadesk.ui.tools.spider_canvas import WebCanvas


def _action(parent: QWidget, text: str, keys: str, context: Qt.ShortcutContext) -> QAction:
    action = QAction(text, parent)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(context)
    parent.addAction(action)
    return action


class SpiderView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Toile d'araignée"))
        self.boards = QComboBox()
        self.boards.setAccessibleName(_("Toile"))
        self.new_button = QPushButton(_("Nouvelle toile"))
        self.delete_button = QPushButton(_("Supprimer la toile"))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Toile\u00a0:")))
        top.addWidget(self.boards, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        self.problem = CommitLine(_("Problème au centre"), _("Comment pourrions-nous…\u00a0?"))
        self.constraints = {
            ring: CommitLine(
                _("Contrainte du cercle {ring}").format(ring=ring),
                _("Par exemple\u00a0: {text}").format(
                    text=_(rules.SUGGESTED_CONSTRAINTS[ring - 2])
                ),
            )
            for ring in (2, 3)
        }
        self.participants = QSpinBox()
        self.participants.setRange(0, rules.MAX_PARTICIPANTS)
        self.participants.setAccessibleName(_("Participants (une gommette chacun)"))
        self.keep = QSpinBox()
        self.keep.setRange(1, 20)
        self.keep.setAccessibleName(_("Idées retenues"))
        form = QFormLayout()
        form.addRow(_("Problème"), self.problem)
        form.addRow(_("Contrainte du cercle 2"), self.constraints[2])
        form.addRow(_("Contrainte du cercle 3"), self.constraints[3])
        numbers = QHBoxLayout()
        numbers.addWidget(self.participants)
        numbers.addWidget(QLabel(_("participants, une gommette chacun · garder les")))
        numbers.addWidget(self.keep)
        numbers.addWidget(QLabel(_("idées les plus votées")))
        numbers.addStretch(1)
        form.addRow(_("Vote"), numbers)
        self.ring = QComboBox()
        self.ring.setAccessibleName(_("Cercle de la nouvelle idée"))
        for ring in rules.RINGS:
            self.ring.addItem(_("Cercle {ring}").format(ring=ring), ring)
        self.idea = QLineEdit()
        self.idea.setAccessibleName(_("Nouvelle idée"))
        self.idea.setPlaceholderText(_("Une idée par post-it (Entrée pour l'ajouter)"))
        entry = QHBoxLayout()
        entry.addWidget(self.ring)
        entry.addWidget(self.idea, 1)
        self.ideas = QTreeWidget()
        self.ideas.setAccessibleName(_("Idées de la toile"))
        self.ideas.setHeaderLabels([_("Idée"), _("Cercle"), _("Gommettes")])
        self.ideas.setRootIsDecorated(False)
        self.ideas.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.ideas.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        context = Qt.ShortcutContext.WidgetShortcut
        self.dot_action = _action(self.ideas, _("Ajouter une gommette"), "+", context)
        self.undot_action = _action(self.ideas, _("Retirer une gommette"), "-", context)
        self.rename_action = _action(self.ideas, _("Reformuler l'idée"), "F2", context)
        self.remove_action = _action(self.ideas, _("Retirer l'idée"), "Del", context)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.ring_actions = [
            _action(self, _("Cercle {ring}").format(ring=ring), f"Alt+{ring}", within)
            for ring in rules.RINGS
        ]
        self.dots_label = QLabel()
        buttons = QHBoxLayout()
        for text, action in (
            (_("+ gommette"), self.dot_action),
            (_("− gommette"), self.undot_action),
            (_("Retirer l'idée"), self.remove_action),
        ):
            button = QPushButton(text)
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.dots_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addLayout(entry)
        left_layout.addWidget(self.ideas, 1)
        left_layout.addLayout(buttons)
        self.preview = WebCanvas()
        self.preview.setAccessibleName(_("Aperçu de la toile"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(message)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.idea)
