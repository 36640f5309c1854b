"""Dixit at the laptop: each person's mood word or card number.

A name, Enter, the word (or the card's number), Enter: noted; a second answer for the same
person replaces the first. Suppr deletes the selected answers; every action is undoable. The
projection draws the room's mood as a cloud of words.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from capadesk.core.domain.icebreaker_results import mood_cards, mood_words, of_kind
from capadesk.core.domain.icebreakers import EntryDraft, EntryKind, EntryView, parse_number
from capadesk.core.services.icebreaker_commands import RecordEntry
from capadesk.core.services.icebreakers import IcebreakerData
from capadesk.i18n import N_, _
from capadesk.ui.icebreakers.dixit_slide import DixitSlide
from capadesk.ui.icebreakers.tool import Tool, ToolContext
from capadesk.ui.icebreakers.widgets import (
    EntryList,
    MessageLine,
    PersonField,
    TypeChoice,
    chain_fields,
    lay_out_answers,
    newcomer_hint,
)


def mood_text(entry: EntryView) -> str:
    """« sereine », « carte 12 » or « sereine (carte 12) »."""
    card = _("carte {number}").format(number=int(entry.number)) if entry.number else ""
    if entry.text and card:
        return f"{entry.text} ({card})"
    return entry.text or card


def mood_draft(name: str, typed: str) -> EntryDraft:
    """A whole number is a card; anything else is a word."""
    number = parse_number(typed)
    if number is not None and number == int(number) and typed.strip().isdigit():
        return EntryDraft(EntryKind.DIXIT_MOOD, person=name, number=number)
    return EntryDraft(EntryKind.DIXIT_MOOD, person=name, text=typed)


class DixitControl(QWidget):
    """The form and the list of moods (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Dixit"))
        self.name_field = PersonField(_("Nom"), _("Prénom ou nom"))
        self.mood_field = QLineEdit()
        self.mood_field.setAccessibleName(_("Mot d'humeur ou numéro de carte"))
        self.mood_field.setPlaceholderText(_("Un mot, ou le numéro de la carte"))
        self.add_button = QPushButton(_("Noter"))
        self.add_button.setToolTip(_("Noter l'humeur (Entrée)"))
        self.type_choice = TypeChoice()
        self.message = MessageLine()
        self.moods_list = EntryList(_("Humeurs notées"))
        self.count_label = QLabel()
        lay_out_answers(
            self,
            [(_("Nom"), self.name_field)],
            (_("Humeur"), self.mood_field, self.add_button),
            self.type_choice,
            (self.message, self.moods_list, self.count_label),
        )
        self.setFocusProxy(self.name_field)


class DixitTool(Tool):
    """See module docstring."""

    TITLE = N_("Dixit")

    def __init__(self, context: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.control = DixitControl()
        control = self.control
        chain_fields([control.name_field, control.mood_field], self.record)
        control.add_button.clicked.connect(self.record)
        control.name_field.textEdited.connect(self._name_edited)
        control.moods_list.delete_requested.connect(self.delete)

    @property
    def view(self) -> QWidget:
        return self.control

    def fill(self, data: IcebreakerData) -> None:
        moods = of_kind(data.entries, EntryKind.DIXIT_MOOD)
        self.control.moods_list.show_rows(
            [(e.public_id, f"{e.name} — {mood_text(e)}") for e in moods]
        )
        self.control.count_label.setText(_("{count} humeur(s) notée(s)").format(count=len(moods)))
        self.control.name_field.set_names([p.name for p in data.people])

    def new_slide(self) -> QWidget:
        return DixitSlide()

    def paint(self, slide: QWidget, data: IcebreakerData) -> None:
        assert isinstance(slide, DixitSlide)
        people = len(of_kind(data.entries, EntryKind.DIXIT_MOOD))
        slide.show_moods(mood_words(data.entries), mood_cards(data.entries), people)

    @Slot()
    def record(self) -> None:
        """Enter in the mood field: note the person's mood."""
        control = self.control
        draft = mood_draft(control.name_field.text(), control.mood_field.text())
        if not self.checked(draft, control.message):
            return
        context = self.context
        command = RecordEntry(
            context.workshop_id, context.step_id, draft, new_type=control.type_choice.chosen
        )
        if context.execute(command):
            control.name_field.clear()
            control.mood_field.clear()
            control.name_field.setFocus()

    @Slot(str)
    def _name_edited(self, typed: str) -> None:
        message, error = newcomer_hint(typed, self.people)
        self.control.message.show_message(message, error=error)
