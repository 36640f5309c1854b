"""Drives the opened workshop's page: choose a protocol, then run the day.

One RunPresenter lives while a workshop with an agenda is open; leaving the page stops its
clock and takes its projection down.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.services.changes import Changes
from capadesk.ui.operations import Operations
from capadesk.ui.runner.run_panel import RunPanel
from capadesk.ui.runner.run_presenter import RunPresenter
from capadesk.ui.views.workshop_view import WorkshopView


class WorkshopPagePresenter(QObject):
    """See module docstring."""

    def __init__(self, view: WorkshopView, operations: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self._operations = operations
        self._parent = parent
        self.workshop_id: uuid.UUID | None = None
        self.run: RunPresenter | None = None
        self._protocols: list[Protocol] = []
        view.apply_protocol_button.clicked.connect(self.apply_chosen_protocol)
        operations.changes_made.connect(self._on_changes_made)

    def open(self, workshop: WorkshopSummary) -> None:
        """Show ``workshop``: its runner if it has an agenda, else the protocol chooser."""
        self.leave()
        self.workshop_id = workshop.public_id
        self._fill_protocol_choice()
        self._show_agenda()

    @Slot()
    def leave(self) -> None:
        """The page is left: stop the runner's clock and its projection."""
        if self.run is not None:
            self.run.close()
            self.view.body.removeWidget(self.run.panel)
            self.run.panel.deleteLater()
            self.run.deleteLater()
            self.run = None
        self.workshop_id = None

    def _show_agenda(self) -> None:
        from capadesk.core.runner import SystemClock
        from capadesk.core.services.agenda import read_agenda

        store = self._operations.store
        if store is None or self.workshop_id is None:
            return
        if not read_agenda(store, self.workshop_id).step_ids:
            self.view.show_run_panel(None)
            return
        panel = RunPanel()
        self.run = RunPresenter(store, self.workshop_id, SystemClock(), panel, self.view)
        self.view.show_run_panel(panel)
        panel.setFocus()

    def _fill_protocol_choice(self) -> None:
        if self._protocols:
            return
        from capadesk.core.services.protocols import builtin_protocols

        self._protocols = builtin_protocols()
        for protocol in self._protocols:
            self.view.protocol_choice.addItem(protocol.title, protocol.id)

    @Slot()
    def apply_chosen_protocol(self) -> None:
        """« Utiliser ce protocole » (undoable)."""
        from capadesk.core.services.agenda_commands import ApplyProtocol

        index = self.view.protocol_choice.currentIndex()
        if self.workshop_id is None or not 0 <= index < len(self._protocols):
            return
        self._operations.execute(ApplyProtocol(self.workshop_id, self._protocols[index]))

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        workshop_id = self.workshop_id
        if workshop_id is None or workshop_id not in changes.agendas:
            return
        self.leave()  # the steps changed (« Utiliser… » or its undo): start the page afresh
        self.workshop_id = workshop_id
        self._show_agenda()
