"""Drives the journey map page: the workshop's maps, the chosen one's persona (from the
programme's library), scenario, framing, stages and cells; sending its irritants to the wall;
the projection draws the chosen map.

Every edit is one undoable ``PutDocument``; sending irritants adds one card per friction line
and marks them sent, as one undo step. The first thing typed on a blank page creates the map.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from capadesk.core.domain import journey_map as rules
from capadesk.core.domain.journey_map import JourneyMap
from capadesk.core.domain.persona import Persona
from capadesk.core.domain.tool_fields import new_item_id
from capadesk.core.services import journey_maps, personas
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text
from capadesk.ui.tools.base import ToolPresenter
from capadesk.ui.tools.journey_canvas import JourneyCanvas
from capadesk.ui.tools.journey_view import SATISFACTION_ROW, JourneyView, satisfaction_choices

ID_ROLE = Qt.ItemDataRole.UserRole


class JourneyPresenter(ToolPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = JourneyView(self.message)
        self.view = self.page
        self.documents: list[ToolDocument[JourneyMap]] = []
        self.personas: list[ToolDocument[Persona]] = []
        self.current_id: uuid.UUID | None = None
        page = self.page
        page.maps.activated.connect(self._on_map_choice)
        page.new_button.clicked.connect(self.new_map)
        page.delete_button.clicked.connect(self.delete_map)
        page.persona.activated.connect(self._on_persona_choice)
        page.scenario.committed.connect(
            lambda raw: self.edit(_("Écrire le scénario"), lambda j: rules.set_scenario(j, raw))
        )
        page.constrained.toggled.connect(lambda _on: self._framing())
        page.constraints.committed.connect(lambda _raw: self._framing())
        page.stage.returnPressed.connect(lambda: self.add_stage(page.stage.text()))
        page.grid.itemChanged.connect(self._on_cell)
        page.move_left_action.triggered.connect(lambda: self.move_stage(-1))
        page.move_right_action.triggered.connect(lambda: self.move_stage(+1))
        page.rename_button.clicked.connect(self.rename_stage)
        page.grid.horizontalHeader().sectionDoubleClicked.connect(lambda _i: self.rename_stage())
        page.remove_button.clicked.connect(self.remove_stage)
        page.send_button.clicked.connect(self.send_irritants)
        self.reload()
        if self.documents:
            self.current_id = self.documents[-1].public_id
            self.reload()

    # --- reading ----------------------------------------------------------------------------

    def current(self) -> ToolDocument[JourneyMap] | None:
        """The map on the page; None for a blank page."""
        return next((d for d in self.documents if d.public_id == self.current_id), None)

    @property
    def journey(self) -> JourneyMap:
        """The map shown."""
        found = self.current()
        return found.value if found else JourneyMap()

    def reload(self) -> None:
        found = self.guarded(lambda: journey_maps.list_maps(self.store, self.workshop_id))
        self.documents = found if found is not None else []
        library = self.guarded(lambda: personas.library(self.store, self.workshop_id))
        self.personas = library if library is not None else []
        page, journey = self.page, self.journey
        page.maps.clear()
        for number, document in enumerate(self.documents, start=1):
            title = document.stored.title or _("Parcours {number}").format(number=number)
            page.maps.addItem(menu_text(title), document.public_id)
            if document.public_id == self.current_id:
                page.maps.setCurrentIndex(page.maps.count() - 1)
        if self.current() is None:
            page.maps.addItem(_("(nouveau parcours)"), None)
            page.maps.setCurrentIndex(page.maps.count() - 1)
        page.delete_button.setEnabled(self.current() is not None)
        page.persona.clear()
        page.persona.addItem(_("(aucun persona)"), "")
        for persona in self.personas:
            page.persona.addItem(menu_text(persona.value.summary), str(persona.public_id))
        index = page.persona.findData(journey.persona_id)
        if index < 0 and journey.persona_id:  # deleted from the library: the name stays
            page.persona.addItem(journey.persona_name, journey.persona_id)
            index = page.persona.count() - 1
        page.persona.setCurrentIndex(max(0, index))
        page.scenario.set_saved(journey.scenario)
        page.constrained.blockSignals(True)
        page.constrained.setChecked(journey.constrained)
        page.constrained.blockSignals(False)
        page.constraints.set_saved(journey.constraints)
        page.constraints.setEnabled(journey.constrained)
        self._fill_grid(journey)
        pending = len(rules.unsent_irritants(journey))
        page.send_button.setText(_("Envoyer les irritants au mur ({count})").format(count=pending))
        page.send_button.setEnabled(pending > 0)
        self.update_slides()

    def _fill_grid(self, journey: JourneyMap) -> None:
        grid = self.page.grid
        current = grid.currentIndex()
        grid.blockSignals(True)
        grid.setColumnCount(len(journey.stages))
        choices = dict((score, label) for label, score in satisfaction_choices())
        for column, stage in enumerate(journey.stages):
            header = QTableWidgetItem(stage.title)
            header.setData(ID_ROLE, stage.id)
            grid.setHorizontalHeaderItem(column, header)
            for row, (key, _label) in enumerate(rules.ROWS):
                self._item(row, column).setText(stage.cell(key))
            item = self._item(SATISFACTION_ROW, column)
            item.setData(ID_ROLE, stage.satisfaction)
            item.setText(choices[stage.satisfaction])
        grid.blockSignals(False)
        if current.isValid() and current.column() < grid.columnCount():
            grid.setCurrentCell(current.row(), current.column())

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.page.grid.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.page.grid.setItem(row, column, item)
        return item

    def current_stage(self) -> str:
        """The id of the stage whose column has the focus, "" when none."""
        column = self.page.grid.currentColumn()
        stages = self.journey.stages
        return stages[column].id if 0 <= column < len(stages) else ""

    # --- editing ----------------------------------------------------------------------------

    def edit(self, label: str, change: Callable[[JourneyMap], JourneyMap]) -> bool:
        """Save one change of the map (a blank page creates it)."""
        saved = self.save(
            journey_maps.CODEC,
            self.current(),
            journey_maps.place(self.workshop_id, self.step_id),
            label,
            change,
        )
        if saved is not None and saved != self.current_id:
            self.current_id = saved
        self.reload()  # a refusal shows the stored values again
        return saved is not None

    @Slot(int)
    def _on_persona_choice(self, index: int) -> None:
        persona_id = str(self.page.persona.itemData(index) or "")
        found = next((p for p in self.personas if str(p.public_id) == persona_id), None)
        name = found.value.display_name if found else ""
        self.edit(_("Choisir le persona"), lambda j: rules.set_persona(j, persona_id, name))

    def _framing(self) -> None:
        page = self.page
        constrained, text = page.constrained.isChecked(), page.constraints.text()
        self.edit(_("Cadrer le scénario"), lambda j: rules.set_framing(j, constrained, text))

    def add_stage(self, raw: str) -> None:
        """Entrée in the stage field: a new column at the end."""
        item_id = new_item_id()
        if self.edit(_("Ajouter l'étape"), lambda j: rules.add_stage(j, raw, item_id)):
            self.page.stage.clear()

    @Slot(QTableWidgetItem)
    def _on_cell(self, item: QTableWidgetItem) -> None:
        stages = self.journey.stages
        if not 0 <= item.column() < len(stages):
            return
        stage_id = stages[item.column()].id
        if item.row() == SATISFACTION_ROW:
            score = item.data(ID_ROLE)
            self.edit(
                _("Noter la satisfaction"),
                lambda j: rules.set_satisfaction(j, stage_id, score),
            )
            return
        key = rules.ROW_KEYS[item.row()]
        text = item.text()
        self.edit(_("Remplir le parcours"), lambda j: rules.set_cell(j, stage_id, key, text))

    def move_stage(self, step: int) -> None:
        """Move the current column one place left (-1) or right (+1)."""
        stage_id = self.current_stage()
        if not stage_id:
            return
        column = self.page.grid.currentColumn() + step
        if self.edit(_("Déplacer l'étape"), lambda j: rules.move_stage(j, stage_id, column)):
            self.page.grid.setCurrentCell(
                max(0, self.page.grid.currentRow()),
                max(0, min(column, self.page.grid.columnCount() - 1)),
            )

    @Slot()
    def rename_stage(self) -> None:
        """Rename the current column."""
        stage_id = self.current_stage()
        stage = next((s for s in self.journey.stages if s.id == stage_id), None)
        if stage is None:
            return
        raw = self.dialogs.text(self.view, _("Renommer l'étape"), _("Étape\u00a0:"), stage.title)
        if raw is not None:
            self.edit(_("Renommer l'étape"), lambda j: rules.rename_stage(j, stage_id, raw))

    @Slot()
    def remove_stage(self) -> None:
        """Take the current column off."""
        stage_id = self.current_stage()
        if stage_id:
            self.edit(_("Retirer l'étape"), lambda j: rules.remove_stage(j, stage_id))

    @Slot()
    def send_irritants(self) -> None:
        """Every friction line not sent yet becomes an irritant card on the wall."""
        document = self.current()
        if document is None or document.problem:
            return
        command = journey_maps.send_irritants(document, self.workshop_id, self.step_id)
        if command is not None and self.run(command):
            self.say(_("Irritants envoyés sur le mur de l'atelier."))

    @Slot()
    def new_map(self) -> None:
        """A blank map: the first thing typed creates it."""
        self.current_id = None
        self.reload()
        self.page.scenario.setFocus()

    @Slot()
    def delete_map(self) -> None:
        """Delete the chosen map (undo brings it back)."""
        document = self.current()
        if document is None:
            return
        if self.dialogs.confirm(
            self.view, _("Supprimer le parcours"), _("Supprimer ce parcours usager\u00a0?")
        ):
            self.put(
                _("Supprimer le parcours"),
                journey_maps.place(self.workshop_id),
                document.public_id,
                document.stored.content,
                None,
            )

    @Slot(int)
    def _on_map_choice(self, index: int) -> None:
        chosen = self.page.maps.itemData(index)
        self.current_id = chosen if isinstance(chosen, uuid.UUID) else None
        self.reload()

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return JourneyCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, JourneyCanvas)
        slide.show_journey(self.journey)
