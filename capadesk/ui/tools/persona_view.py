"""The persona page of the control window: the programme's library on the left, the card in the
middle (one field per line of the paper sheet, lists one item per line), the picture and the
« Comment pourrions-nous … ? » questions on the right.

Keyboard first: Tab walks the card; Ctrl+N starts a new persona (the first field typed creates
it); in the questions, pick a frustration, complete the question, Enter adds it; Suppr removes
the selected question. Layout only; PersonaPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain import persona as rules
from capadesk.i18n import _
from capadesk.ui.tools.fields import CommitLine, CommitText

PICTURE_SIDE = 180


class PersonaView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Persona et «\u00a0Comment pourrions-nous\u00a0?\u00a0»"))
        # The library.
        self.library = QListWidget()
        self.library.setAccessibleName(_("Personas du programme"))
        self.library.setWordWrap(True)
        self.library.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton(_("Nouveau persona"))
        self.new_button.setToolTip(_("Ctrl+N"))
        self.delete_button = QPushButton(_("Supprimer"))
        self.new_action = QAction(_("Nouveau persona"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.new_action)
        library_box = QGroupBox(_("Personas du programme"))
        library_layout = QVBoxLayout(library_box)
        library_layout.addWidget(self.library, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        library_layout.addLayout(buttons)
        # The card.
        self.fields: dict[str, CommitLine | CommitText] = {}
        card_box = QGroupBox(_("Fiche persona"))
        form = QFormLayout(card_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, label in rules.TEXT_FIELDS[:1]:
            self._line(form, key, _(label))
        self._line(form, "age", _(rules.AGE_LABEL), _("en années"))
        for key, label in rules.TEXT_FIELDS[1:]:
            self._line(form, key, _(label))
        for key, label in rules.LIST_FIELDS:
            field = CommitText(_(label), _("Un élément par ligne"))
            self.fields[key] = field
            form.addRow(_(label), field)
        # The picture and the questions.
        self.picture = QLabel(_("Pas de photo"))
        self.picture.setAccessibleName(_("Photo du persona"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(PICTURE_SIDE, PICTURE_SIDE)
        self.picture.setStyleSheet("QLabel { border: 1px solid palette(mid); }")
        self.photo_button = QPushButton(_("Choisir une photo…"))
        self.frustration = QComboBox()
        self.frustration.setAccessibleName(_("Frustration à reformuler"))
        self.question = QLineEdit()
        self.question.setAccessibleName(_("Nouvelle question"))
        self.question.setPlaceholderText(_("Comment pourrions-nous…\u00a0? (Entrée pour ajouter)"))
        self.questions = QListWidget()
        self.questions.setAccessibleName(_("Questions «\u00a0Comment pourrions-nous\u00a0?\u00a0»"))
        self.questions.setWordWrap(True)
        self.solution = CommitText(_("Solution imaginée"), _("La solution de la question choisie"))
        self.remove_question_action = QAction(_("Retirer la question"), self.questions)
        self.remove_question_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_question_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.questions.addAction(self.remove_question_action)
        cpn_box = QGroupBox(_("Comment pourrions-nous…\u00a0?"))
        cpn = QVBoxLayout(cpn_box)
        cpn.addWidget(QLabel(_("À partir de la frustration\u00a0:")))
        cpn.addWidget(self.frustration)
        cpn.addWidget(self.question)
        cpn.addWidget(self.questions, 1)
        cpn.addWidget(QLabel(_("Solution\u00a0:")))
        cpn.addWidget(self.solution)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        side_layout.addWidget(self.photo_button)
        side_layout.addWidget(cpn_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for part in (library_box, card_box, side):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([220, 560, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.fields["name"])

    def _line(self, form: QFormLayout, key: str, label: str, placeholder: str = "") -> None:
        field = CommitLine(label, placeholder)
        self.fields[key] = field
        form.addRow(label, field)
