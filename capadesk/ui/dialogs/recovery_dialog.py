"""The question at start when the store was damaged, lost its journal or vanished: restore the
newest good backup, or start on an empty store. Damaged files are already set aside by then
(``recovery.check_at_start``): neither answer deletes anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from capadesk.core.storage.recovery import StartCheck, StartState
from capadesk.i18n import _


def menu_path() -> str:
    """Where the backups are listed, as the menu names it."""
    return _("Fichier › Sauvegardes…")


def _title(check: StartCheck) -> str:
    if check.state is StartState.MISSING:
        return _("Base introuvable")
    if check.state is StartState.JOURNAL_LOST:
        return _("Base incomplète après un arrêt brutal")
    return _("Base endommagée")


def question(check: StartCheck) -> str:
    """What the buttons do, in words (for the dialog's informative text)."""
    if check.offer is None:
        return _(
            "CapaDesk démarre avec une base vide. Rien n'a été supprimé\u00a0: les fichiers mis "
            "de côté restent à leur place."
        )
    return _(
        "Restaurer cette sauvegarde\u00a0? Ce qui a été saisi après elle n'y figure pas. "
        "Sinon, CapaDesk démarre avec une base vide\u00a0; la sauvegarde reste disponible "
        "dans {menu}"
    ).format(menu=menu_path())


class RecoveryDialog(QMessageBox):
    """The start-up question; ``restore_chosen`` once it was answered."""

    def __init__(self, parent: QWidget | None, check: StartCheck) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_title(check))
        self.setText(check.message)
        self.setInformativeText(question(check))
        self.restore_button = None
        if check.offer is not None:
            self.restore_button = self.addButton(
                _("&Restaurer la sauvegarde"), QMessageBox.ButtonRole.AcceptRole
            )
        self.empty_button = self.addButton(
            _("Démarrer avec une base &vide"),
            QMessageBox.ButtonRole.RejectRole
            if check.offer is not None
            else QMessageBox.ButtonRole.AcceptRole,
        )
        # Restoring is the safe answer: the current state was set aside, never overwritten.
        self.setDefaultButton(self.restore_button or self.empty_button)
        self.setEscapeButton(self.empty_button)

    def restore_chosen(self) -> bool:
        """True when « Restaurer la sauvegarde » was clicked."""
        return self.restore_button is not None and self.clickedButton() is self.restore_button


class RecoveryPrompts:
    """The start-up recovery question and messages. Tests subclass it with canned answers."""

    def restore_offered(self, parent: QWidget | None, check: StartCheck) -> bool:
        """Tell the user what was found; True to restore ``check.offer``, False to start empty.

        Without an offer it only tells, and returns False.
        """
        dialog = RecoveryDialog(parent, check)
        dialog.exec()
        return dialog.restore_chosen()

    def show_error(self, parent: QWidget | None, message: str) -> None:
        """A restore at start failed."""
        QMessageBox.warning(parent, _("Restauration impossible"), message)
