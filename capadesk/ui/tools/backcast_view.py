"""The rétroplanning page of the control window: the thread chosen, the timeline's span and
step (quarters or years), the post-it being typed and the period it goes to, the timeline
(drag and drop) and, beside it, the roadmap it reads as.

Keyboard first: type an idea, Entrée puts it at the bottom of the chosen period (one idea per
post-it); Ctrl+Maj+Gauche / Droite change that period; the timeline takes the arrows (see
``timeline``). Layout only; BackcastPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain import backcast as rules
from capadesk.i18n import _
from capadesk.ui.tools.thread_choice import ThreadChoice
from capadesk.ui.tools.timeline import TimelineEditor


class BackcastView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Rétroplanning"))
        self.threads = ThreadChoice()
        self.granularity = QComboBox()
        self.granularity.setAccessibleName(_("Pas de la frise"))
        self.granularity.addItem(_("par trimestre"), rules.QUARTERS)
        self.granularity.addItem(_("par année"), rules.YEARS)
        self.target = QSpinBox()
        self.target.setAccessibleName(_("Horizon"))
        self.target.setRange(2000, 2200)
        span = QHBoxLayout()
        span.addWidget(QLabel(_("Frise d'aujourd'hui à")))
        span.addWidget(self.target)
        span.addWidget(self.granularity)
        span.addStretch(1)
        self.period = QComboBox()
        self.period.setAccessibleName(_("Période du post-it"))
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Nouveau post-it"))
        self.note.setPlaceholderText(_("Une idée, une action par post-it (Entrée pour la placer)"))
        entry = QHBoxLayout()
        entry.addWidget(self.period)
        entry.addWidget(self.note, 1)
        self.timeline = TimelineEditor()
        self.timeline.setMinimumHeight(320)
        self.edit_button = QPushButton(_("Reformuler (F2)"))
        self.remove_button = QPushButton(_("Retirer (Suppr)"))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_("Glissez les post-its d'une période à l'autre.")))
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.timeline, 1)
        left_layout.addLayout(buttons)
        self.roadmap = QListWidget()
        self.roadmap.setAccessibleName(_("Feuille de route"))
        self.roadmap.setWordWrap(True)
        roadmap_box = QGroupBox(_("Feuille de route"))
        QVBoxLayout(roadmap_box).addWidget(self.roadmap)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(roadmap_box)
        splitter.setSizes([900, 320])
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.earlier_action = self._action(_("Période précédente"), "Ctrl+Shift+Left", within)
        self.later_action = self._action(_("Période suivante"), "Ctrl+Shift+Right", within)
        layout = QVBoxLayout(self)
        layout.addWidget(self.threads)
        layout.addLayout(span)
        layout.addWidget(message)
        layout.addLayout(entry)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.note)

    def _action(self, text: str, keys: str, context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        self.addAction(action)
        return action
