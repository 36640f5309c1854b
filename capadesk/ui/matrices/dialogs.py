"""The matrix editor's questions, behind one object tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from capadesk.i18n import _


class MatrixDialogs:
    """Modal file choosers and small forms. Tests subclass it with canned answers."""

    def save_pdf_path(self, parent: QWidget, title: str, suggested: str) -> Path | None:
        """Where to write a PDF (« .pdf » added when missing); None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getSaveFileName(
            parent, title, suggested, _("Documents PDF (*.pdf)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".pdf")

    def page_format(self, parent: QWidget) -> str | None:
        """« a4 » or « a3 » (landscape) for a blank sheet; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        choices = [_("A4 paysage"), _("A3 paysage")]
        chosen, accepted = QInputDialog.getItem(
            parent, _("Matrice vierge"), _("Format de la page\u00a0:"), choices, 0, False
        )
        if not accepted:
            return None
        return "a3" if chosen == choices[1] else "a4"

    def stakeholder_name(self, parent: QWidget, current: str) -> str | None:
        """The name of a stakeholder (« Entreprise », « Associations »); None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        name, accepted = QInputDialog.getText(
            parent, _("Partie prenante"), _("Nom de la partie prenante\u00a0:"), text=current
        )
        return name if accepted else None

    def confirm_delete(self, parent: QWidget, title: str) -> bool:
        """Ask before deleting a matrix; the default answer keeps it."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Supprimer la matrice"))
        box.setText(_("Supprimer la matrice «\u00a0{title}\u00a0»\u00a0?").format(title=title))
        box.setInformativeText(_("Ctrl+Z la fait revenir."))
        delete = box.addButton(_("Supprimer"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Garder"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def show_error(self, parent: QWidget, message: str) -> None:
        """Say what went wrong (a PDF that could not be written)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, _("CapaDesk"), message)
