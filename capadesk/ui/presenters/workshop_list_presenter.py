"""Drives the workshop list and the opened-workshop page.

Services and commands are imported inside the methods that use them: they pull in SQLAlchemy,
which must load after the first frame so the window shows at once.

Signals:
    workshop_opened(WorkshopSummary): the user opened a workshop.
    opened_changed(WorkshopSummary): the opened workshop was edited (or an edit undone).
    list_shown(): the user went back to the list.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.services.changes import Changes
from capadesk.i18n import _
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.models.workshop_list_model import WorkshopFilter, WorkshopListModel
from capadesk.ui.operations import Operations
from capadesk.ui.shortcuts import Shortcuts
from capadesk.ui.views.workshop_list_view import WorkshopListView

if TYPE_CHECKING:
    from capadesk.ui.views.workshop_view import WorkshopView


# Titre, Lieu, Date (Programme takes the rest): titles are long, « Dessine-moi ton cas d'usage… ».
COLUMN_WIDTHS = (440, 220, 100)


class WorkshopListPresenter(QObject):
    """See module docstring."""

    workshop_opened = Signal(object)
    opened_changed = Signal(object)
    list_shown = Signal()

    def __init__(
        self,
        pages: QStackedWidget,
        list_view: WorkshopListView,
        operations: Operations,
        prompts: Prompts,
        shortcuts: Shortcuts,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._shortcuts = shortcuts
        self._pages = pages
        self.view = list_view
        self._workshop_view: WorkshopView | None = None
        self._operations = operations
        self._prompts = prompts
        self._window = window
        self.opened: WorkshopSummary | None = None

        self.model = WorkshopListModel()
        self.proxy = WorkshopFilter()
        self.proxy.setSourceModel(self.model)
        list_view.table.setModel(self.proxy)
        for column, width in enumerate(COLUMN_WIDTHS):
            list_view.table.setColumnWidth(column, width)

        self.new_action = self._action(_("&Nouvel atelier…"), standard="New")
        self.open_action = self._action(_("&Ouvrir"), "Ctrl+O")
        self.edit_action = self._action(_("&Modifier…"), "F2")
        self.duplicate_action = self._action(_("D&upliquer"), "Ctrl+D")
        self.delete_action = self._action(_("&Supprimer…"), standard="Delete")
        # Not Esc: during a run, Esc takes the projection down (capadesk/ui/runner).
        self.back_action = self._action(_("&Tous les ateliers"), standard="Back")
        self.find_action = self._action(_("&Rechercher"), standard="Find")

        self.new_action.triggered.connect(self.create)
        self.open_action.triggered.connect(self.open_selected)
        self.edit_action.triggered.connect(self.edit_current)
        self.duplicate_action.triggered.connect(self.duplicate_current)
        self.delete_action.triggered.connect(self.delete_current)
        self.back_action.triggered.connect(self.show_list)
        self.find_action.triggered.connect(self._focus_search)
        list_view.new_button.clicked.connect(self.new_action.trigger)
        list_view.open_button.clicked.connect(self.open_action.trigger)
        list_view.edit_button.clicked.connect(self.edit_action.trigger)
        list_view.duplicate_button.clicked.connect(self.duplicate_action.trigger)
        list_view.delete_button.clicked.connect(self.delete_action.trigger)
        list_view.table.activated.connect(self._on_table_activated)
        list_view.search.textChanged.connect(self.proxy.set_query)
        selection = list_view.table.selectionModel()
        selection.selectionChanged.connect(self._update_actions)
        operations.changes_made.connect(self._on_changes_made)
        self._update_actions()

    @property
    def workshop_view(self) -> WorkshopView:
        """The opened-workshop page, built on first use rather than in the first frame."""
        if self._workshop_view is None:
            from capadesk.ui.views.workshop_view import WorkshopView

            view = WorkshopView()
            view.back_button.clicked.connect(self.show_list)
            view.edit_button.clicked.connect(self.edit_current)
            self._pages.addWidget(view)
            self._workshop_view = view
            self._update_actions()
        return self._workshop_view

    def _on_workshop_page(self) -> bool:
        return (
            self._workshop_view is not None and self._pages.currentWidget() is self._workshop_view
        )

    def _action(self, text: str, *keys: str, standard: str | None = None) -> QAction:
        action = QAction(text, self._window)
        self._shortcuts.assign(action, *keys, standard=standard)
        self._window.addAction(action)
        return action

    # --- data -------------------------------------------------------------------------------

    def show_snapshot(self, snapshot: list[WorkshopSummary] | None) -> None:
        """Fill the list before the store is open (None: say it is opening)."""
        if snapshot is None:
            self.view.show_state(loading=True, empty=False)
            return
        self.model.replace(snapshot)
        self._select_row(0)
        self._refresh_state()

    def store_opened(self) -> None:
        """The store is ready: list from it and allow changes."""
        self._reload()
        if self.current() is None:
            self._select_row(0)
        self._update_actions()

    def _reload(self) -> None:
        store = self._operations.store
        if store is None:
            return
        from capadesk.core.services.workshops import list_workshops

        self.model.replace(list_workshops(store))
        self._refresh_state()

    def _refresh_state(self) -> None:
        self.view.show_state(loading=False, empty=self.model.rowCount() == 0)
        self._update_actions()

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if not (changes.workshop_list or changes.workshops):
            return
        previous_row = self.view.table.currentIndex().row()
        self._reload()
        if self.opened is not None and self.opened.public_id in changes.workshops:
            row = self.model.row_of(self.opened.public_id)
            if row is None:
                self.show_list()
            else:
                self.opened = self.model.workshop_at(row)
                self.workshop_view.show_workshop(self.opened)
                self.opened_changed.emit(self.opened)
        if not any(self.select(public_id) for public_id in changes.workshops):
            # The changed row left the list (deleted): keep the keyboard on its neighbour.
            self._select_row(max(0, min(previous_row, self.proxy.rowCount() - 1)))

    # --- selection --------------------------------------------------------------------------

    def current(self) -> WorkshopSummary | None:
        """The workshop the actions apply to: the opened one, else the selected row."""
        if self.opened is not None and self._on_workshop_page():
            return self.opened
        index = self.view.table.currentIndex()
        if not index.isValid() or not self.view.table.selectionModel().isSelected(index):
            return None
        source = self.proxy.mapToSource(index)
        return self.model.workshop_at(source.row())

    def select(self, public_id: uuid.UUID) -> bool:
        """Select and show the row of ``public_id``; False when it is not listed."""
        row = self.model.row_of(public_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the search: clear it so the user sees the row
            self.view.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._select_index(index)
        return True

    def _select_row(self, row: int) -> None:
        if self.proxy.rowCount() > row:
            self._select_index(self.proxy.index(row, 0))

    def _select_index(self, index: QModelIndex) -> None:
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.table.selectionModel().setCurrentIndex(index, flags)
        self.view.table.scrollTo(index)

    @Slot()
    def _update_actions(self) -> None:
        ready = self._operations.store is not None and self._operations.store.writable
        on_list = self._pages.currentWidget() is self.view
        chosen = self.current() is not None
        self.new_action.setEnabled(ready)
        self.open_action.setEnabled(on_list and chosen)
        self.edit_action.setEnabled(ready and chosen)
        # Not on a workshop's page: its Del deletes a step, and a stray key mid-day must never
        # offer to delete the workshop being run.
        self.duplicate_action.setEnabled(ready and chosen and on_list)
        self.delete_action.setEnabled(ready and chosen and on_list)
        self.back_action.setEnabled(not on_list)
        self.find_action.setEnabled(on_list)
        for button, action in (
            (self.view.new_button, self.new_action),
            (self.view.open_button, self.open_action),
            (self.view.edit_button, self.edit_action),
            (self.view.duplicate_button, self.duplicate_action),
            (self.view.delete_button, self.delete_action),
        ):
            button.setEnabled(action.isEnabled())
        if self._workshop_view is not None:
            self._workshop_view.edit_button.setEnabled(self.edit_action.isEnabled())

    # --- actions ----------------------------------------------------------------------------

    @Slot()
    def create(self) -> None:
        """« Nouvel atelier »."""
        from capadesk.core.services.workshop_commands import CreateWorkshop

        fields = self._prompts.workshop_fields(self._window, None, self._programmes())
        if fields is None:
            return
        self._operations.execute(
            CreateWorkshop(fields.title, fields.place, fields.day, fields.programme)
        )

    @Slot()
    def edit_current(self) -> None:
        """« Modifier l'atelier »."""
        from capadesk.core.services.workshop_commands import EditWorkshop

        workshop = self.current()
        if workshop is None:
            return
        fields = self._prompts.workshop_fields(self._window, workshop, self._programmes())
        if fields is None:
            return
        self._operations.execute(
            EditWorkshop(workshop, fields.title, fields.place, fields.day, fields.programme)
        )

    @Slot()
    def duplicate_current(self) -> None:
        """« Dupliquer »."""
        from capadesk.core.services.workshop_commands import DuplicateWorkshop

        workshop = self.current()
        if workshop is not None:
            self._operations.execute(DuplicateWorkshop(workshop))

    @Slot()
    def delete_current(self) -> None:
        """« Supprimer », after confirmation."""
        from capadesk.core.services.workshop_commands import DeleteWorkshop

        workshop = self.current()
        if workshop is not None and self._prompts.confirm_delete(self._window, workshop):
            self._operations.execute(DeleteWorkshop(workshop))

    @Slot()
    def open_selected(self) -> None:
        """Open the selected workshop's page."""
        workshop = self.current()
        if workshop is None:
            return
        self.opened = workshop
        self.workshop_view.show_workshop(workshop)
        self._pages.setCurrentWidget(self.workshop_view)
        self._update_actions()
        self.workshop_opened.emit(workshop)

    @Slot()
    def show_list(self) -> None:
        """Back to the workshop list, the last opened one selected."""
        self._pages.setCurrentWidget(self.view)
        if self.opened is not None:
            self.select(self.opened.public_id)
        self.opened = None
        self.view.table.setFocus()
        self._update_actions()
        self.list_shown.emit()

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_selected()

    def _focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def _programmes(self) -> list[str]:
        store = self._operations.store
        from capadesk.core.services.workshops import list_programmes

        return list_programmes(store) if store is not None else []
