"""Every question the app asks the user, behind one object tests can replace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.i18n import _

if TYPE_CHECKING:
    from capadesk.ui.dialogs.workshop_dialog import WorkshopFields


class Prompts:
    """Modal questions and messages. Tests subclass it with canned answers."""

    def workshop_fields(
        self, parent: QWidget, initial: WorkshopSummary | None, programmes: list[str]
    ) -> WorkshopFields | None:
        """Ask for a workshop's title, place, day and programme; None when cancelled."""
        from capadesk.ui.dialogs.workshop_dialog import WorkshopDialog  # not needed at start

        dialog = WorkshopDialog(parent, initial, programmes)
        return dialog.fields() if dialog.exec() == WorkshopDialog.DialogCode.Accepted else None

    def confirm_delete(self, parent: QWidget, workshop: WorkshopSummary) -> bool:
        """Ask before deleting; the default answer keeps the workshop."""
        from PySide6.QtWidgets import QMessageBox  # its enums are built on import: not at start

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Supprimer l'atelier"))
        box.setText(
            _("Supprimer l'atelier «\u00a0{title}\u00a0»\u00a0?").format(title=workshop.title)
        )
        box.setInformativeText(
            _("Il disparaît de la liste avec tout ce qu'il contient. Ctrl+Z le fait revenir.")
        )
        delete = box.addButton(_("Supprimer"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Garder"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def show_error(self, parent: QWidget, message: str) -> None:
        """Tell the user what went wrong and that nothing was changed."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, _("CapaDesk"), message)
