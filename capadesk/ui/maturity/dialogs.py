"""The maturity page's questions, behind one object tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from capadesk.i18n import _


class MaturityDialogs:
    """Modal file choosers and small forms. Tests subclass it with canned answers."""

    def open_csv_path(self, parent: QWidget) -> Path | None:
        """The CSV file of answers to import; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getOpenFileName(
            parent, _("Importer des réponses"), "", _("Fichiers CSV (*.csv *.txt)")
        )
        return Path(name) if name else None

    def subject_label(self, parent: QWidget, current: str) -> str | None:
        """A subject's new wording; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        text, accepted = QInputDialog.getText(
            parent, _("Renommer le sujet"), _("Sujet\u00a0:"), text=current
        )
        return text if accepted else None

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        """A yes-or-no question; the default answer is no."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_message(self, parent: QWidget, message: str) -> None:
        """Say what an import did."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, _("Autodiagnostic de maturité"), message)
