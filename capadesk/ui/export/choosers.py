"""The export dialogs' questions, behind one object tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from capadesk.i18n import _


def _start_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


class ExportChoosers:
    """Modal file choosers and questions. Tests subclass it with canned answers."""

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        """Where to write one file; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getSaveFileName(
            parent, title, str(_start_folder() / suggested), filters
        )
        return Path(name) if name else None

    def folder(self, parent: QWidget, title: str, suggested: str) -> Path | None:
        """The folder to fill: ``suggested`` is created inside the chosen one; None when
        cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(parent, title, str(_start_folder()))
        return Path(name) / suggested if name else None

    def archive_to_import(self, parent: QWidget) -> Path | None:
        """The ``.capadesk`` file to import; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getOpenFileName(
            parent,
            _("Importer une archive"),
            str(_start_folder()),
            _("Archives CapaDesk (*.capadesk)"),
        )
        return Path(name) if name else None

    def confirm_full_export(self, parent: QWidget) -> bool:
        """Ask before writing every name; the default answer cancels."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Export complet"))
        box.setText(
            _(
                "Écrire tous les noms, même ceux des personnes qui n'ont pas donné "
                "leur accord\u00a0?"
            )
        )
        box.setInformativeText(
            _(
                "Ce fichier est pour l'organisateur seulement\u00a0: ne le partagez pas avec les "
                "participants."
            )
        )
        write = box.addButton(_("Écrire tous les noms"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is write

    def show_error(self, parent: QWidget, message: str) -> None:
        """Tell the user what went wrong."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, _("Export"), message)

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the system's file manager."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
