"""Drives the opened workshop's page: choose a protocol, prepare the agenda, run the day,
capture what the room says, keep the roster and the groups.

The « Journée » tab shows either the agenda builder (« Modifier le déroulé » checked) or the
day: the runner's panel when there are steps, the protocol chooser otherwise. The runner is
rebuilt from the stored agenda whenever the day view comes back, and leaving the page stops its
clock and takes its projection down. The other tabs' tools are built when first shown (the
capture page also when the projection asks for the wall or the votes); the step the day is on
tells the capture page which step new cards belong to, and opens the votes on a dot-vote step.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.errors import KnownError
from capadesk.core.services.changes import Changes
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations
from capadesk.ui.views.workshop_view import WorkshopView

if TYPE_CHECKING:
    from capadesk.ui.agenda import AgendaPresenter
    from capadesk.ui.capture import CapturePresenter
    from capadesk.ui.people import GroupBoardPresenter, RosterPresenter
    from capadesk.ui.people.groups_slide import GroupsSlidePresenter
    from capadesk.ui.presenters.step_tool import StepToolHost
    from capadesk.ui.runner.run_presenter import RunPresenter


class WorkshopPagePresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        view: WorkshopView,
        operations: Operations,
        prompts: Prompts,
        app_paths: AppPaths,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._operations = operations
        self._prompts = prompts
        self._app_paths = app_paths
        self.workshop_id: uuid.UUID | None = None
        self.run: RunPresenter | None = None
        self.builder: AgendaPresenter | None = None
        self.capture: CapturePresenter | None = None
        self.roster: RosterPresenter | None = None
        self.groups: GroupBoardPresenter | None = None
        self.step_tool: StepToolHost | None = None
        self._groups_feed: GroupsSlidePresenter | None = None
        self._protocols: list[Protocol] = []
        view.apply_protocol_button.clicked.connect(self.apply_chosen_protocol)
        view.tabs.currentChanged.connect(self._on_tab_changed)
        view.open_tool_button.clicked.connect(self.open_chosen_tool)
        view.agenda_button.toggled.connect(self._on_agenda_button_toggled)
        operations.changes_made.connect(self._on_changes_made)

    @property
    def editing(self) -> bool:
        """True while the agenda builder is shown."""
        return self.view.agenda_button.isChecked()

    def open(self, workshop: WorkshopSummary) -> None:
        """Show ``workshop``'s day: its runner if it has an agenda, else the protocol chooser."""
        self.leave()
        self.workshop_id = workshop.public_id
        self._fill_protocol_choice()
        self.view.tabs.blockSignals(True)
        self.view.tabs.setCurrentWidget(self.view.body)
        self.view.tabs.blockSignals(False)
        self._show()

    @Slot()
    def leave(self) -> None:
        """The page is left: stop the runner, drop the builder."""
        self._close_run()
        self._close_tools()
        if self.builder is not None:
            self.view.body.removeWidget(self.builder.view)
            self.builder.view.deleteLater()
            self.builder.deleteLater()
            self.builder = None
        self.view.agenda_button.blockSignals(True)
        self.view.agenda_button.setChecked(False)
        self.view.agenda_button.blockSignals(False)
        self.workshop_id = None

    def _close_run(self) -> None:
        if self.run is not None:
            self.run.close()
            self.view.body.removeWidget(self.run.panel)
            self.run.panel.deleteLater()
            self.run.deleteLater()
            self.run = None

    def _close_tools(self) -> None:
        """Drop the tabs' tools (the capture page saves the text being typed first)."""
        widgets: list[QWidget] = []
        if self.capture is not None:
            self.capture.close()
            widgets.append(self.capture.page)
        if self.roster is not None:
            widgets.append(self.roster.view)
        if self.groups is not None:
            widgets.append(self.groups.view)
        for widget in widgets:
            widget.setParent(None)  # out of its tab at once; deleted with its presenter
            widget.deleteLater()
        if self.step_tool is not None:
            self.step_tool.close()
        if self._groups_feed is not None:
            self._groups_feed.close()
        for presenter in (
            self.capture,
            self.roster,
            self.groups,
            self.step_tool,
            self._groups_feed,
        ):
            if presenter is not None:
                presenter.deleteLater()
        self.capture = self.roster = self.groups = None
        self.step_tool = self._groups_feed = None

    def _capture(self) -> CapturePresenter:
        """The capture page, built on first use and placed in the « Mur » tab."""
        if self.capture is None:
            from capadesk.ui.capture import CapturePresenter

            store = self._operations.store
            assert store is not None and self.workshop_id is not None
            self.capture = CapturePresenter(
                store,
                self._operations,
                self.workshop_id,
                photos_dir=self._app_paths.photos_dir,
                parent=self.view,
            )
            self.view.set_tab_content(self.view.wall_tab, self.capture.page)
            self._follow_the_day()
        return self.capture

    def _people_tools(self) -> None:
        """The roster and the group board, built together on first use (both are light)."""
        if self.roster is not None and self.groups is not None:
            return
        from capadesk.ui.people import GroupBoardPresenter, PeopleDialogs, RosterPresenter

        store = self._operations.store
        assert store is not None and self.workshop_id is not None
        arguments = (store, self.workshop_id, self._operations, self._prompts, PeopleDialogs())
        self.roster = RosterPresenter(*arguments, self.view)
        self.groups = GroupBoardPresenter(*arguments, self.view)
        self.view.set_tab_content(self.view.roster_tab, self.roster.view)
        self.view.set_tab_content(self.view.groups_tab, self.groups.view)
        if self._groups_feed is not None:
            self._groups_feed.follow(self.groups)

    def _groups_slide(self) -> QWidget:
        """The projected groups, following the group board once it is open."""
        if self._groups_feed is None:
            from capadesk.ui.people.groups_slide import GroupsSlidePresenter

            store = self._operations.store
            assert store is not None and self.workshop_id is not None
            self._groups_feed = GroupsSlidePresenter(
                store, self._operations, self.workshop_id, parent=self
            )
            if self.groups is not None:
                self._groups_feed.follow(self.groups)
        return self._groups_feed.slide()

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        if self.workshop_id is None or self._operations.store is None:
            return
        current = self.view.tabs.currentWidget()
        if current is self.view.wall_tab:
            self._capture().page.setFocus()
        elif current in (self.view.roster_tab, self.view.groups_tab):
            self._people_tools()
        elif current is self.view.tool_tab:
            self._step_tool()  # its « Autre outil » list
        elif self.run is not None and self.view.body.currentWidget() is self.run.panel:
            self.run.panel.setFocus()

    def _follow_the_day(self) -> None:
        """New cards belong to the step the day is on; a dot-vote step opens the votes; the
        « Outil » tab and the « tool » slide show the step's tool."""
        from capadesk.core.domain.vocabulary import ActivityKind

        if self.run is None:
            return
        current = self.run.current_step()
        if self.capture is not None:
            self.capture.step_id = current[0] if current else None
            if current is not None and current[1] is ActivityKind.DOT_VOTE:
                self.capture.page.show_vote(True)
        if self._step_tool().follow(current):  # a new tool: its page replaces the old one
            self.run.provide_slide("tool", self._tool_slide)

    @Slot()
    def open_chosen_tool(self) -> None:
        """« Ouvrir »: the tool chosen in the « Outil » tab, whatever step the day is on."""
        from capadesk.core.domain.vocabulary import ActivityKind

        if self.workshop_id is None or self._operations.store is None:
            return
        activity = ActivityKind(self.view.tool_choice.currentData())
        if not self._step_tool().open(None, activity):
            self._prompts.show_error(
                self.view,
                _(
                    "Cet outil s'ouvre à une étape «\u00a0{kind}\u00a0» du déroulé\u00a0: "
                    "ajoutez-en une d'abord."
                ).format(kind=activity.label),
            )
            return
        if self.run is not None:
            self.run.provide_slide("tool", self._tool_slide)
        opened = self._step_tool().tool
        if opened is not None:
            opened.view.setFocus()

    def _tool_slide(self) -> QWidget:
        return self._step_tool().slide()

    def _step_tool(self) -> StepToolHost:
        if self.step_tool is None:
            from capadesk.ui.presenters.step_tool import StepToolHost

            store = self._operations.store
            assert store is not None and self.workshop_id is not None
            self.step_tool = StepToolHost(
                store, self._operations, self.workshop_id, self.view, self._app_paths, self
            )
        return self.step_tool

    def _show(self) -> None:
        store = self._operations.store
        if store is None or self.workshop_id is None:
            return
        if self.editing:
            self.view.show_body(self._builder().view)
            return
        from capadesk.core.services.agenda import read_agenda

        self._allow_agenda_edits()
        if not read_agenda(store, self.workshop_id).step_ids:
            self.view.show_body(None)
            return
        if self.run is None:
            from capadesk.core.runner import SystemClock
            from capadesk.ui.runner.run_panel import RunPanel
            from capadesk.ui.runner.run_presenter import RunPresenter

            panel = RunPanel()
            self.run = RunPresenter(store, self.workshop_id, SystemClock(), panel, self.view)
            # Through Operations, so every listener (the backup keeper's end-of-run backup,
            # this page) hears the day move.
            self.run.changes_made.connect(self._operations.changes_made)
            self.run.provide_slide("wall", lambda: self._capture().wall_slide())
            self.run.provide_slide("vote", lambda: self._capture().vote_slide())
            self.run.provide_slide("groups", self._groups_slide)
            self.run.provide_slide("tool", self._tool_slide)
            self._follow_the_day()
        self.view.show_body(self.run.panel)
        self.run.panel.setFocus()

    def _allow_agenda_edits(self) -> None:
        """Once the day has started the agenda is frozen: opening the builder would only stop
        the runner and take the projection off the wall for edits the store refuses."""
        from capadesk.core.domain.vocabulary import RunnerStatus
        from capadesk.core.runner import SystemClock
        from capadesk.core.services.runner import load_runner

        store = self._operations.store
        if store is None or self.workshop_id is None:
            return
        try:
            started = load_runner(store, self.workshop_id, SystemClock()).state.status
        except KnownError:  # no steps yet: nothing has started
            started = RunnerStatus.IDLE
        self.view.agenda_button.setEnabled(started == RunnerStatus.IDLE)

    def _builder(self) -> AgendaPresenter:
        if self.builder is None:
            from capadesk.core.services.protocols import user_protocols_dir
            from capadesk.ui.agenda import AgendaDialogs, AgendaPresenter

            store = self._operations.store
            assert store is not None and self.workshop_id is not None
            self.builder = AgendaPresenter(
                store,
                self.workshop_id,
                self._operations,
                self._prompts,
                AgendaDialogs(),
                self.view,
                templates_dir=user_protocols_dir(self._app_paths),
            )
        return self.builder

    def _fill_protocol_choice(self) -> None:
        from capadesk.core.services.protocols import library, user_protocols_dir

        self._protocols = library(user_protocols_dir(self._app_paths))  # templates may be new
        self.view.protocol_choice.clear()
        for protocol in self._protocols:
            self.view.protocol_choice.addItem(protocol.title, protocol.id)

    @Slot()
    def apply_chosen_protocol(self) -> None:
        """« Utiliser ce protocole » (undoable)."""
        from capadesk.core.services.agenda_commands import SetAgenda

        index = self.view.protocol_choice.currentIndex()
        if self.workshop_id is None or not 0 <= index < len(self._protocols):
            return
        protocol = self._protocols[index]
        label = _("Utiliser le protocole «\u00a0{title}\u00a0»").format(title=protocol.title)
        self._operations.execute(SetAgenda(self.workshop_id, protocol, label))

    @Slot(bool)
    def _on_agenda_button_toggled(self, _checked: bool) -> None:
        self._close_run()  # the day view comes back with the agenda as it now is
        self.view.tabs.setCurrentWidget(self.view.body)
        self._show()

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id is not None and self.workshop_id in changes.runners:
            self._allow_agenda_edits()
            self._follow_the_day()
        if self.workshop_id is None or self.workshop_id not in changes.agendas:
            return
        if not self.editing:  # « Utiliser… » or an undo: the day view follows the new steps
            self._close_run()
            self._show()
