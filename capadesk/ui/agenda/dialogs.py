"""The agenda builder's questions (files, a template's name, dropping tracks), behind one
replaceable object."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from capadesk.i18n import _


def _filter() -> str:
    return _("Protocoles CapaDesk (*.json)")


class AgendaDialogs:
    """Modal file and name choosers. Tests subclass it with canned answers."""

    def open_protocol_path(self, parent: QWidget) -> Path | None:
        """The protocol file to import; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getOpenFileName(
            parent, _("Importer un protocole"), "", _filter()
        )
        return Path(name) if name else None

    def save_protocol_path(self, parent: QWidget, suggested: str) -> Path | None:
        """Where to export the protocol (``suggested`` is a file name); None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getSaveFileName(
            parent, _("Exporter le déroulé"), suggested, _filter()
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".json")

    def template_title(self, parent: QWidget, suggested: str) -> str | None:
        """The title of a new personal template; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        title, accepted = QInputDialog.getText(
            parent,
            _("Enregistrer comme modèle"),
            _("Nom du modèle\u00a0:"),
            text=suggested,
        )
        return title.strip() if accepted and title.strip() else None

    def confirm_drop_tracks(self, parent: QWidget, title: str, count: int) -> bool:
        """Ask before a step that leaves the parallel format drops its tracks; default: keep."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Changer le format"))
        box.setText(
            _("Retirer les {count} ateliers en parallèle de «\u00a0{title}\u00a0»\u00a0?").format(
                count=count, title=title
            )
        )
        box.setInformativeText(_("Leurs étapes disparaissent avec eux. Ctrl+Z les fait revenir."))
        drop = box.addButton(_("Retirer"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Garder"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is drop
