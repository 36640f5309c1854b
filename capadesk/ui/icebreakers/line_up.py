"""« Placez-vous en ligne » at the laptop: draw a question, hold the closing round, edit the deck.

Three tabs. « Questions »: Ctrl+T (or the button) draws a question not drawn yet; « Remettre
les questions dans le paquet » starts over. « Tour des km »: a first name, Enter, the km, Enter;
the roster's km is set, a newcomer is added to the roster; the total shows under the list.
« Paquet »: type a question and Enter to add it; Suppr takes the selected ones out. The
projection shows the question, or the round while its tab is open. Every action is undoable.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.icebreaker_results import (
    criterion,
    km_round,
    of_kind,
    remaining_prompts,
)
from capadesk.core.domain.icebreakers import EntryDraft, EntryKind, km_text, parse_number
from capadesk.core.services.icebreaker_commands import (
    DeleteEntries,
    DrawPrompt,
    RecordEntry,
    RemovePrompt,
)
from capadesk.core.services.icebreakers import IcebreakerData
from capadesk.i18n import N_, _
from capadesk.ui.capture.batch import Batch
from capadesk.ui.icebreakers.line_up_slide import LineUpSlide
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

DRAW_KEY = "Ctrl+T"


class LineUpControl(QWidget):
    """The three tabs of the line-up (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Placez-vous en ligne"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Questions, tour des km et paquet"))

        # « Questions »
        self.current_label = QLabel(_("Pas encore de question tirée."))
        self.current_label.setWordWrap(True)
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)
        self.current_label.setAccessibleName(_("Question en cours"))
        font = self.current_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.current_label.setFont(font)
        self.draw_button = QPushButton(_("Tirer une question"))
        self.draw_button.setToolTip(
            _("Une question pas encore tirée, au hasard ({key})").format(
                key=QKeySequence(DRAW_KEY).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.draw_button.setDefault(True)
        self.reshuffle_button = QPushButton(_("Remettre les questions dans le paquet"))
        self.count_label = QLabel()
        self.drawn_list = EntryList(_("Questions tirées"))
        questions = QWidget()
        column = QVBoxLayout(questions)
        column.addWidget(self.current_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.reshuffle_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.count_label)
        column.addWidget(self.drawn_list, 1)

        # « Tour des km »
        self.name_field = PersonField(_("Prénom"), _("Prénom (ou nom complet)"))
        self.km_field = QLineEdit()
        self.km_field.setAccessibleName(_("Kilomètres parcourus"))
        self.km_field.setPlaceholderText(_("km, par exemple 12,5"))
        self.type_choice = TypeChoice()
        self.add_km_button = QPushButton(_("Noter"))
        self.add_km_button.setToolTip(_("Noter le prénom et les kilomètres (Entrée)"))
        self.km_message = MessageLine()
        self.round_list = EntryList(_("Tour des kilomètres"))
        self.total_label = QLabel()
        self.total_label.setAccessibleName(_("Total des kilomètres"))
        total_font = self.total_label.font()
        total_font.setBold(True)
        total_font.setPointSizeF(total_font.pointSizeF() * 1.4)
        self.total_label.setFont(total_font)
        round_tab = QWidget()
        lay_out_answers(
            round_tab,
            [(_("Prénom"), self.name_field)],
            (_("Kilomètres"), self.km_field, self.add_km_button),
            self.type_choice,
            (self.km_message, self.round_list, self.total_label),
        )

        # « Paquet »
        self.prompt_field = QLineEdit()
        self.prompt_field.setAccessibleName(_("Nouvelle question"))
        self.prompt_field.setPlaceholderText(_("Selon… puis Entrée pour l'ajouter au paquet"))
        self.add_prompt_button = QPushButton(_("Ajouter"))
        self.deck_message = MessageLine()
        self.deck_label = QLabel()
        self.deck_list = EntryList(_("Questions du paquet"))
        deck_tab = QWidget()
        column = QVBoxLayout(deck_tab)
        row = QHBoxLayout()
        row.addWidget(self.prompt_field, 1)
        row.addWidget(self.add_prompt_button)
        column.addLayout(row)
        column.addWidget(self.deck_message)
        column.addWidget(self.deck_label)
        column.addWidget(self.deck_list, 1)

        self.questions_tab, self.round_tab, self.deck_tab = questions, round_tab, deck_tab
        self.tabs.addTab(questions, _("Questions"))
        self.tabs.addTab(round_tab, _("Tour des km"))
        self.tabs.addTab(deck_tab, _("Paquet"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.draw_shortcut = QShortcut(QKeySequence(DRAW_KEY), self)
        self.draw_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.draw_button)


class LineUpTool(Tool):
    """See module docstring. ``rng`` draws the questions (seeded in tests)."""

    TITLE = N_("Placez-vous en ligne")

    def __init__(
        self, context: ToolContext, parent: QObject | None = None, rng: random.Random | None = None
    ) -> None:
        super().__init__(context, parent)
        self.rng = rng or random.Random()
        self.control = LineUpControl()
        control = self.control
        control.draw_button.clicked.connect(self.draw)
        control.draw_shortcut.activated.connect(self.draw)
        control.reshuffle_button.clicked.connect(self.reshuffle)
        control.drawn_list.delete_requested.connect(self.delete)
        control.round_list.delete_requested.connect(self.delete)
        chain_fields([control.name_field, control.km_field], self.record_km)
        control.add_km_button.clicked.connect(self.record_km)
        control.name_field.textEdited.connect(self._name_edited)
        control.prompt_field.returnPressed.connect(self.add_prompt)
        control.add_prompt_button.clicked.connect(self.add_prompt)
        control.deck_list.delete_requested.connect(self.remove_prompts)
        control.tabs.currentChanged.connect(self._tab_changed)

    @property
    def view(self) -> QWidget:
        return self.control

    @property
    def round_shown(self) -> bool:
        """True while the closing round's tab is open (the projection then shows the round)."""
        return self.control.tabs.currentWidget() is self.control.round_tab

    # --- showing ------------------------------------------------------------------------------

    def fill(self, data: IcebreakerData) -> None:
        control = self.control
        draws = of_kind(data.entries, EntryKind.LINE_UP_DRAW)
        deck = [p.text for p in data.deck]
        left = len(remaining_prompts(deck, [e.text for e in draws]))
        control.current_label.setText(
            criterion(draws[-1].text) if draws else _("Pas encore de question tirée.")
        )
        control.count_label.setText(
            _("{drawn} tirée(s) · {left} restante(s) sur {total}").format(
                drawn=len(draws), left=left, total=len(deck)
            )
        )
        control.draw_button.setEnabled(left > 0)
        control.reshuffle_button.setEnabled(bool(draws))
        control.drawn_list.show_rows(
            [(e.public_id, f"{n}. {criterion(e.text)}") for n, e in enumerate(draws, start=1)]
        )
        spoken = of_kind(data.entries, EntryKind.LINE_UP_KM)
        control.round_list.show_rows(
            [(e.public_id, f"{e.name} — {km_text(e.number or 0.0)}") for e in spoken]
        )
        control.total_label.setText(
            _("Total\u00a0: {total} ({count} personne(s))").format(
                total=km_text(km_round(data.entries).total), count=len(spoken)
            )
        )
        control.name_field.set_names([p.name for p in data.people])
        control.deck_label.setText(
            _("Paquet de cette étape\u00a0: {count} question(s)").format(count=len(deck))
            if data.own_deck
            else _("Paquet par défaut\u00a0: {count} questions").format(count=len(deck))
        )
        control.deck_list.show_rows([(p.text, p.text) for p in data.deck])

    def new_slide(self) -> QWidget:
        slide = LineUpSlide()
        slide.show_round(self.round_shown)
        return slide

    def paint(self, slide: QWidget, data: IcebreakerData) -> None:
        assert isinstance(slide, LineUpSlide)
        draws = of_kind(data.entries, EntryKind.LINE_UP_DRAW)
        left = remaining_prompts([p.text for p in data.deck], [e.text for e in draws])
        slide.show_question(draws[-1].text if draws else None, len(draws), len(left))
        slide.show_km(km_round(data.entries))

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        for slide in self.slides:
            assert isinstance(slide, LineUpSlide)
            slide.show_round(self.round_shown)
        control = self.control
        first: QWidget = control.draw_button
        if self.round_shown:
            first = control.name_field
        elif control.tabs.currentWidget() is control.deck_tab:
            first = control.prompt_field
        control.setFocusProxy(first)  # the page's focus goes to the open tab's first field
        if control.isVisible():
            first.setFocus()

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def draw(self) -> None:
        """Draw a question (Ctrl+T)."""
        context = self.context
        self.control.tabs.setCurrentWidget(self.control.questions_tab)
        context.execute(DrawPrompt(context.workshop_id, context.step_id, self.rng))

    @Slot()
    def reshuffle(self) -> None:
        """All the questions drawn go back in the deck."""
        if self.data is None:
            return
        draws = [e.public_id for e in of_kind(self.data.entries, EntryKind.LINE_UP_DRAW)]
        if draws:
            self.context.execute(DeleteEntries(draws, _("Remettre les questions dans le paquet")))

    @Slot()
    def record_km(self) -> None:
        """Enter in the km field: note the first name and the km."""
        control = self.control
        typed_km = control.km_field.text()
        km = parse_number(typed_km)
        if typed_km.strip() and km is None:
            control.km_message.show_message(
                _("«\u00a0{typed}\u00a0» n'est pas un nombre de kilomètres.").format(
                    typed=typed_km.strip()
                ),
                error=True,
            )
            control.km_field.setFocus()
            return
        draft = EntryDraft(EntryKind.LINE_UP_KM, person=control.name_field.text(), number=km)
        if not self.checked(draft, control.km_message):
            return
        command = RecordEntry(
            self.context.workshop_id,
            self.context.step_id,
            draft,
            new_type=control.type_choice.chosen,
        )
        if self.context.execute(command):
            control.name_field.clear()
            control.km_field.clear()
            control.name_field.setFocus()

    @Slot(str)
    def _name_edited(self, typed: str) -> None:
        message, error = newcomer_hint(typed, self.people)
        self.control.km_message.show_message(message, error=error)

    @Slot()
    def add_prompt(self) -> None:
        """Enter in the new question's field: add it to the step's deck."""
        control = self.control
        draft = EntryDraft(EntryKind.LINE_UP_PROMPT, text=control.prompt_field.text())
        if not self.checked(draft, control.deck_message):
            return
        command = RecordEntry(self.context.workshop_id, self.context.step_id, draft)
        if self.context.execute(command):
            control.prompt_field.clear()

    @Slot(list)
    def remove_prompts(self, prompts: list[object]) -> None:
        """Suppr in the deck: take the selected questions out (one undo for them all)."""
        context = self.context
        commands = [
            RemovePrompt(context.workshop_id, context.step_id, prompt)
            for prompt in prompts
            if isinstance(prompt, str)
        ]
        if len(commands) == 1:
            context.execute(commands[0])
        elif commands:
            label = _("Retirer {count} questions").format(count=len(commands))
            context.execute(Batch(label, commands))
