"""The Lego tower at the laptop: the height each team reached, ranked.

The team is one of the step's groups (else the day's), picked in the list or typed; then the
height in cm, Enter. Measuring a team again replaces its height. The list shows the ranking
(« ex æquo » for equal heights); Suppr deletes; all is undoable. The step's timer is the
runner's. The projection shows a podium.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.icebreaker_results import rank_towers
from capadesk.core.domain.icebreakers import EntryDraft, EntryKind, cm_text, parse_number
from capadesk.core.domain.workshop import folded
from capadesk.core.services.icebreaker_commands import RecordEntry
from capadesk.core.services.icebreakers import IcebreakerData
from capadesk.i18n import N_, _
from capadesk.ui.icebreakers.lego_slide import LegoSlide, rank_text
from capadesk.ui.icebreakers.tool import Tool, ToolContext
from capadesk.ui.icebreakers.widgets import EntryList, MessageLine


class LegoControl(QWidget):
    """The measure's form and the ranking (see module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Tour de Lego"))
        self.team_choice = QComboBox()
        self.team_choice.setEditable(True)
        self.team_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.team_choice.setAccessibleName(_("Équipe"))
        line = self.team_choice.lineEdit()
        assert line is not None
        line.setPlaceholderText(_("Groupe, ou nom de l'équipe"))
        self.height_field = QLineEdit()
        self.height_field.setAccessibleName(_("Hauteur en centimètres"))
        self.height_field.setPlaceholderText(_("cm, par exemple 84,5"))
        self.add_button = QPushButton(_("Noter"))
        self.add_button.setToolTip(_("Noter la hauteur (Entrée)"))
        self.message = MessageLine()
        self.ranking_list = EntryList(_("Classement des tours"))
        form = QFormLayout()
        form.addRow(_("Équipe"), self.team_choice)
        row = QHBoxLayout()
        row.addWidget(self.height_field, 1)
        row.addWidget(self.add_button)
        form.addRow(_("Hauteur"), row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.ranking_list, 1)
        self.setFocusProxy(self.team_choice)

    @property
    def team_field(self) -> QLineEdit:
        """The team's text field."""
        line = self.team_choice.lineEdit()
        assert line is not None
        return line


class LegoTool(Tool):
    """See module docstring."""

    TITLE = N_("Tour de Lego")

    def __init__(self, context: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(context, parent)
        self.control = LegoControl()
        control = self.control
        control.team_field.returnPressed.connect(control.height_field.setFocus)
        control.height_field.returnPressed.connect(self.record)
        control.add_button.clicked.connect(self.record)
        control.ranking_list.delete_requested.connect(self.delete)

    @property
    def view(self) -> QWidget:
        return self.control

    def fill(self, data: IcebreakerData) -> None:
        control = self.control
        ranked = rank_towers(data.entries)
        control.ranking_list.show_rows(
            [(t.entry_id, f"{rank_text(t)} · {t.team} — {cm_text(t.height)}") for t in ranked]
        )
        names = [team.name for team in data.teams]
        choice = control.team_choice
        if [choice.itemText(i) for i in range(choice.count())] != names:
            typed = control.team_field.text()
            choice.clear()
            choice.addItems(names)
            control.team_field.setText(typed)

    def new_slide(self) -> QWidget:
        return LegoSlide()

    def paint(self, slide: QWidget, data: IcebreakerData) -> None:
        assert isinstance(slide, LegoSlide)
        slide.show_ranking(rank_towers(data.entries))

    @Slot()
    def record(self) -> None:
        """Enter in the height field: note the team's height."""
        control = self.control
        typed = control.team_field.text().strip()
        teams = self.data.teams if self.data is not None else ()
        team = next((t for t in teams if folded(t.name) == folded(typed)), None)
        height = parse_number(control.height_field.text())
        draft = EntryDraft(
            EntryKind.LEGO_TOWER,
            group_id=team.public_id if team is not None else None,
            label="" if team is not None else typed,
            number=height,
        )
        if not self.checked(draft, control.message):
            control.height_field.setFocus()
            return
        context = self.context
        name = team.name if team is not None else typed
        if context.execute(RecordEntry(context.workshop_id, context.step_id, draft, team=name)):
            control.team_field.clear()
            control.height_field.clear()
            control.team_choice.setFocus()
