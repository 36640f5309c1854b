"""Drives the persona page: the programme's library, the chosen card, its picture and its
« Comment pourrions-nous … ? » questions; the projection shows the chosen card and question.

Every edit is one ``PutDocument`` (« Modifier le persona »…): the first field typed on a blank
card creates the persona, and undo takes it away again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QListWidgetItem, QWidget

from capadesk.core.domain import persona as rules
from capadesk.core.domain.persona import HowMightWe, Persona
from capadesk.core.domain.tool_fields import new_item_id
from capadesk.core.services import personas
from capadesk.core.services.commands import Command
from capadesk.core.services.tool_commands import PutDocument, Steps
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text
from capadesk.ui.tools.base import ToolPresenter
from capadesk.ui.tools.persona_slide import PersonaCanvas
from capadesk.ui.tools.persona_view import PICTURE_SIDE, PersonaView
from capadesk.ui.tools.photos import PhotoPixmaps, pick_photo

ID_ROLE = Qt.ItemDataRole.UserRole


class PersonaPresenter(ToolPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = PersonaView(self.message)
        self.view = self.page
        self.pixmaps = PhotoPixmaps(self.app_paths)
        self.documents: list[ToolDocument[Persona]] = []
        self.current_id: uuid.UUID | None = None
        self.question_id: str | None = None
        page = self.page
        page.library.currentItemChanged.connect(self._on_library_choice)
        page.new_button.clicked.connect(self.new_persona)
        page.new_action.triggered.connect(self.new_persona)
        page.delete_button.clicked.connect(self.delete_persona)
        page.photo_button.clicked.connect(self.choose_photo)
        for key, field in page.fields.items():
            field.committed.connect(lambda raw, key=key: self.set_field(key, raw))
        page.frustration.currentIndexChanged.connect(self._suggest)
        page.question.returnPressed.connect(lambda: self.add_question(page.question.text()))
        page.questions.currentItemChanged.connect(self._on_question_choice)
        page.solution.committed.connect(self.set_solution)
        page.remove_question_action.triggered.connect(self.remove_question)
        self.reload()
        if self.documents:
            self.current_id = self.documents[0].public_id
            self.reload()

    # --- reading ----------------------------------------------------------------------------

    def current(self) -> ToolDocument[Persona] | None:
        """The persona on the page, None for a blank card."""
        return next((d for d in self.documents if d.public_id == self.current_id), None)

    @property
    def card(self) -> Persona:
        """The card on the page."""
        found = self.current()
        return found.value if found else Persona()

    def reload(self) -> None:
        found = self.guarded(lambda: personas.library(self.store, self.workshop_id))
        self.documents = found if found is not None else []
        # A persona gone (undone, deleted) stays the chosen one: a redo shows it again.
        self._show_library()
        self._show_card()

    def _show_library(self) -> None:
        library = self.page.library
        library.blockSignals(True)
        library.clear()
        for document in self.documents:
            item = QListWidgetItem(menu_text(document.value.summary))
            item.setData(ID_ROLE, document.public_id)
            if document.problem:
                item.setToolTip(document.problem)
            library.addItem(item)
            if document.public_id == self.current_id:
                library.setCurrentItem(item)
        library.blockSignals(False)
        self.page.delete_button.setEnabled(self.current() is not None)

    def _show_card(self) -> None:
        card, page = self.card, self.page
        document = self.current()
        for key, field in page.fields.items():
            field.set_saved(rules.field_text(card, key))
            field.setEnabled(document is None or not document.problem)
        if document is not None and document.problem:
            self.say(document.problem, error=True)
        self._show_picture()
        frustration = page.frustration.currentText()
        page.frustration.blockSignals(True)
        page.frustration.clear()
        page.frustration.addItems(list(card.frustrations))
        if frustration in card.frustrations:
            page.frustration.setCurrentText(frustration)
        page.frustration.blockSignals(False)
        page.question.setEnabled(bool(card.frustrations))
        if not page.question.text():
            self._suggest()
        page.questions.blockSignals(True)
        page.questions.clear()
        orphans = set(rules.orphan_questions(card))
        for question in card.questions:
            item = QListWidgetItem(question.question)
            item.setData(ID_ROLE, question.id)
            item.setToolTip(_("Frustration\u00a0: {text}").format(text=question.frustration))
            if question in orphans:
                item.setForeground(Qt.GlobalColor.darkGray)
            page.questions.addItem(item)
            if question.id == self.question_id:
                page.questions.setCurrentItem(item)
        page.questions.blockSignals(False)
        chosen = self.chosen_question()
        page.solution.setEnabled(chosen is not None)
        page.solution.set_saved(chosen.solution if chosen else "")
        self.update_slides()

    def _photo(self, side: int) -> QPixmap | None:
        document = self.current()
        return self.pixmaps.pixmap(document.stored.photo_file, side) if document else None

    def _show_picture(self) -> None:
        pixmap = self._photo(360)
        label = self.page.picture
        if pixmap is None:
            label.setPixmap(QPixmap())
            label.setText(_("Pas de photo"))
            return
        label.setPixmap(
            pixmap.scaled(
                PICTURE_SIDE,
                PICTURE_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def chosen_question(self) -> HowMightWe | None:
        """The question selected in the list (the one projected), else the last one."""
        questions = self.card.questions
        chosen = next((q for q in questions if q.id == self.question_id), None)
        return chosen

    # --- editing ----------------------------------------------------------------------------

    def edit(
        self, label: str, change: Callable[[Persona], Persona], *, photo: bool = False
    ) -> bool:
        """Apply ``change`` to the card and save it (creating the persona on a blank card)."""
        document = self.current()
        if document is not None and document.problem:
            self.say(document.problem, error=True)
            return False
        card = self.attempt(lambda: change(self.card))
        if card is None:
            return False
        if document is not None and card == document.value and not photo:
            return True
        command = self._put_command(label, card, document.photo_id if document else None)
        return self._execute(command, command.public_id)

    def _put_command(self, label: str, card: Persona, photo_id: uuid.UUID | None) -> PutDocument:
        document = self.current()
        public_id = document.public_id if document else uuid.uuid4()
        return PutDocument(
            label,
            personas.place(self.workshop_id, self.step_id),
            public_id,
            document.stored.content if document else None,
            personas.CODEC.content(card, photo_id),
        )

    def _execute(self, command: Command, public_id: uuid.UUID) -> bool:
        previous = self.current_id
        self.current_id = public_id  # a created persona is the one shown once saved
        if self.run(command):
            return True
        self.current_id = previous
        return False

    def set_field(self, key: str, raw: str) -> None:
        """A field of the card was typed."""
        label = _("Modifier le persona")
        if not self.edit(label, lambda card: rules.with_field(card, key, raw)):
            self.page.fields[key].set_saved(rules.field_text(self.card, key))

    @Slot()
    def new_persona(self) -> None:
        """A blank card: the first field typed creates the persona."""
        self.current_id = None
        self.question_id = None
        self.page.library.clearSelection()
        self.page.question.clear()
        self._show_library()
        self._show_card()
        self.page.fields["name"].setFocus()

    @Slot()
    def delete_persona(self) -> None:
        """Take the chosen persona out of the library (undo brings it back)."""
        document = self.current()
        if document is None:
            return
        question = _("Supprimer le persona «\u00a0{name}\u00a0» de la bibliothèque\u00a0?").format(
            name=document.value.display_name
        )
        if not self.dialogs.confirm(self.view, _("Supprimer le persona"), question):
            return
        self.put(
            _("Supprimer le persona"),
            personas.place(self.workshop_id),
            document.public_id,
            document.stored.content,
            None,
        )

    @Slot()
    def choose_photo(self) -> None:
        """Pick the persona's picture (a new persona is created with it)."""
        picked = pick_photo(self, _("Photo du persona"))
        if picked is None:
            return
        attach, photo_id = picked
        card = self.card
        put = self._put_command(_("Choisir la photo du persona"), card, photo_id)
        self._execute(Steps(put.label, [attach, put]) if attach is not None else put, put.public_id)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_library_choice(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        self.current_id = item.data(ID_ROLE)
        self.question_id = None
        self.page.question.clear()
        self.page.delete_button.setEnabled(True)
        self.say("")
        self._show_card()

    @Slot()
    def _suggest(self) -> None:
        frustration = self.page.frustration.currentText()
        if frustration:
            self.page.question.setText(rules.suggested_question(self.card, frustration))

    def add_question(self, raw: str) -> None:
        """Enter in the question field: a question from the chosen frustration."""
        frustration = self.page.frustration.currentText()
        item_id = new_item_id()
        label = _("Ajouter la question")
        if self.edit(label, lambda card: rules.add_question(card, frustration, raw, item_id)):
            self.question_id = item_id
            self.page.question.clear()
            self._show_card()
            self._suggest()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_question_choice(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.question_id = item.data(ID_ROLE) if item is not None else None
        chosen = self.chosen_question()
        self.page.solution.setEnabled(chosen is not None)
        self.page.solution.set_saved(chosen.solution if chosen else "")
        self.update_slides()

    def set_solution(self, raw: str) -> None:
        """The solution of the chosen question was typed."""
        chosen = self.chosen_question()
        if chosen is None:
            return
        self.edit(
            _("Écrire la solution"),
            lambda card: rules.edit_question(card, chosen.id, chosen.question, raw),
        )

    @Slot()
    def remove_question(self) -> None:
        """Suppr in the questions: remove the selected one."""
        chosen = self.chosen_question()
        if chosen is not None:
            self.edit(_("Retirer la question"), lambda card: rules.remove_question(card, chosen.id))

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return PersonaCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, PersonaCanvas)
        question = self.chosen_question() or (
            self.card.questions[-1] if self.card.questions else None
        )
        slide.show_persona(self.card, self._photo(1600), question)
