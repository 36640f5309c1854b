"""Fichier's end-of-day items: export, import an archive, share with the participants, print
blank matrices. Built with the window, so only Qt's light parts are imported here."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from capadesk.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from capadesk.core.archive.report import ImportReport
    from capadesk.core.storage.store import Store
    from capadesk.ui.export.choosers import ExportChoosers
    from capadesk.ui.main_window import MainWindow


class EndOfDayActions(QObject):
    """The four actions and what they open. ``choosers`` (tests) answers the file dialogs;
    ``dialog`` is the last dialog opened (window-modal, deleted on close)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.choosers: ExportChoosers | None = None
        self.dialog: QDialog | None = None
        keys = window.shortcuts
        self.export_action = keys.assign(QAction(_("&Exporter l'atelier…"), self), "Ctrl+Shift+E")
        self.import_action = keys.assign(QAction(_("&Importer une archive…"), self), "Ctrl+I")
        self.handoff_action = keys.assign(
            QAction(_("&Partager avec les participants…"), self), "Ctrl+Shift+H"
        )
        self.blank_matrices_action = QAction(_("Imprimer les &matrices vierges…"), self)
        self.export_action.triggered.connect(self.export_workshop)
        self.import_action.triggered.connect(self.import_archive)
        self.handoff_action.triggered.connect(self.share)
        self.blank_matrices_action.triggered.connect(self.print_blank_matrices)
        # After the window's own slots: the page knows its workshop by then.
        window.workshops.workshop_opened.connect(self.update)
        window.workshops.list_shown.connect(self.update)
        self.update()

    @property
    def actions(self) -> list[QAction]:
        return [
            self.export_action,
            self.import_action,
            self.handoff_action,
            self.blank_matrices_action,
        ]

    def opened_workshop(self) -> tuple[uuid.UUID, str] | None:
        """The id and title of the workshop whose page is open."""
        page, opened = self.window.page, self.window.workshops.opened
        if page is None or page.workshop_id is None or opened is None:
            return None
        return page.workshop_id, opened.title

    def update(self, *_args: object) -> None:
        """Export and share need a workshop page open (importing and printing do not)."""
        has_store = self.window.operations.store is not None
        on_page = has_store and self.opened_workshop() is not None
        self.export_action.setEnabled(on_page)
        self.handoff_action.setEnabled(on_page)

    def _choosers(self) -> ExportChoosers:
        if self.choosers is None:
            from capadesk.ui.export.choosers import ExportChoosers

            self.choosers = ExportChoosers()
        return self.choosers

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.destroyed.connect(lambda: self._forget(dialog))
        self.dialog = dialog
        dialog.show()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _store(self) -> Store | None:
        return self.window.operations.store

    def export_workshop(self) -> None:
        """Fichier › Exporter l'atelier…"""
        store, opened = self._store(), self.opened_workshop()
        if store is None or opened is None:
            return
        from capadesk.ui.export.dialog import ExportDialog

        workshop_id, title = opened
        paths = self.window.app_paths
        choosers = self._choosers()
        self._show(ExportDialog(self.window, store, workshop_id, title, paths, choosers=choosers))

    def import_archive(self) -> None:
        """Fichier › Importer une archive…: choose the file, import it, refresh the list."""
        store = self._store()
        if store is None:  # still opening, or it could not be opened (the banner says why)
            self.window.prompts.show_error(self.window, _("La base n'est pas encore ouverte."))
            return
        source: Path | None = self._choosers().archive_to_import(self.window)
        if source is None:
            return
        from capadesk.ui.export.import_dialog import ImportArchiveDialog

        dialog = ImportArchiveDialog(
            self.window, store, source, self.window.app_paths, clock=self.window.clock
        )
        dialog.imported.connect(self._imported)
        self._show(dialog)
        dialog.start()

    def _imported(self, report: ImportReport) -> None:
        from capadesk.core.services.changes import Changes

        changes = Changes(workshop_list=True, workshops=frozenset({report.workshop_id}))
        self.window.operations.changes_made.emit(changes)

    def share(self) -> None:
        """Fichier › Partager avec les participants…"""
        store, opened = self._store(), self.opened_workshop()
        if store is None or opened is None:
            return
        from capadesk.ui.handoff.dialog import HandoffDialog

        paths = self.window.app_paths
        self._show(HandoffDialog(self.window, store, opened[0], paths, clock=self.window.clock))

    def print_blank_matrices(self) -> None:
        """Fichier › Imprimer les matrices vierges…"""
        from capadesk.ui.export.blank_matrices import BlankMatricesDialog

        opened = self.opened_workshop()
        title = opened[1] if opened is not None else ""
        paths = self.window.app_paths
        self._show(BlankMatricesDialog(self.window, paths, title=title, choosers=self._choosers()))
