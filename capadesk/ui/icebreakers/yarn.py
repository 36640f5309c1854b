"""The yarn at the laptop: who threw it to whom, and the link they named.

« De » is who holds the yarn (filled in with the last catcher), « À » who catches it, then the
link; Enter moves along and Enter on the link notes the throw, after which the catcher holds
the yarn and the cursor waits in « À ». Suppr deletes the selected throws; all is undoable.
The projection draws the web.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from capadesk.core.domain.icebreaker_results import of_kind, yarn_network
from capadesk.core.domain.icebreakers import EntryDraft, EntryKind
from capadesk.core.services.icebreaker_commands import RecordEntry
from capadesk.core.services.icebreakers import IcebreakerData
from capadesk.i18n import N_, _
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
from capadesk.ui.icebreakers.yarn_slide import YarnSlide


class YarnControl(QWidget):
    """The throw's form and the list of throws (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Pelote de laine"))
        self.giver_field = PersonField(_("De"), _("Qui tient la pelote"))
        self.receiver_field = PersonField(_("À"), _("Qui la reçoit"))
        self.link_field = QLineEdit()
        self.link_field.setAccessibleName(_("Lien nommé"))
        self.link_field.setPlaceholderText(_("Ce qui les relie, puis Entrée"))
        self.add_button = QPushButton(_("Noter"))
        self.add_button.setToolTip(_("Noter le lancer (Entrée)"))
        self.type_choice = TypeChoice()
        self.message = MessageLine()
        self.links_list = EntryList(_("Lancers notés"))
        self.count_label = QLabel()
        lay_out_answers(
            self,
            [(_("De"), self.giver_field), (_("À"), self.receiver_field)],
            (_("Lien"), self.link_field, self.add_button),
            self.type_choice,
            (self.message, self.links_list, self.count_label),
        )
        self.setFocusProxy(self.giver_field)


class YarnTool(Tool):
    """See module docstring."""

    TITLE = N_("Pelote de laine")

    def __init__(self, context: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.control = YarnControl()
        self._holder = ""  # who holds the yarn, as last put in « De »
        control = self.control
        fields = [control.giver_field, control.receiver_field, control.link_field]
        chain_fields(fields, self.record)
        control.add_button.clicked.connect(self.record)
        control.giver_field.textEdited.connect(self._name_edited)
        control.receiver_field.textEdited.connect(self._name_edited)
        control.links_list.delete_requested.connect(self.delete)

    @property
    def view(self) -> QWidget:
        return self.control

    def fill(self, data: IcebreakerData) -> None:
        control = self.control
        links = of_kind(data.entries, EntryKind.YARN_LINK)
        control.links_list.show_rows(
            [
                (e.public_id, f"{n}. {e.name} → {e.other_name}\u00a0: {e.text}")
                for n, e in enumerate(links, start=1)
            ]
        )
        people = len(yarn_network(data.entries).people)
        control.count_label.setText(
            _("{links} lancer(s) entre {people} personne(s)").format(
                links=len(links), people=people
            )
        )
        names = [p.name for p in data.people]
        control.giver_field.set_names(names)
        control.receiver_field.set_names(names)
        self._follow_the_yarn()

    def new_slide(self) -> QWidget:
        return YarnSlide()

    def paint(self, slide: QWidget, data: IcebreakerData) -> None:
        assert isinstance(slide, YarnSlide)
        slide.show_network(yarn_network(data.entries))

    @Slot()
    def record(self) -> None:
        """Enter in the link field: note the throw; the catcher now holds the yarn."""
        control = self.control
        draft = EntryDraft(
            EntryKind.YARN_LINK,
            person=control.giver_field.text(),
            other=control.receiver_field.text(),
            text=control.link_field.text(),
        )
        if not self.checked(draft, control.message):
            return
        context = self.context
        command = RecordEntry(
            context.workshop_id, context.step_id, draft, new_type=control.type_choice.chosen
        )
        if context.execute(command):
            self._follow_the_yarn(force=True)
            control.receiver_field.clear()
            control.link_field.clear()
            control.receiver_field.setFocus()

    def _follow_the_yarn(self, *, force: bool = False) -> None:
        """« De » is the last catcher, unless something else was typed there."""
        links = of_kind(self.data.entries, EntryKind.YARN_LINK) if self.data else []
        holder = links[-1].other_name if links else ""
        field = self.control.giver_field
        if force or field.text() in ("", self._holder):
            field.setText(holder)
        self._holder = holder

    @Slot(str)
    def _name_edited(self, typed: str) -> None:
        message, error = newcomer_hint(typed, self.people)
        self.control.message.show_message(message, error=error)
