"""Shows a crash report: what happened, that saved work is safe, and the report to pass on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.i18n import _


class CrashDialog(QDialog):
    """Report text, a copy button and where the file is."""

    def __init__(self, parent: QWidget | None, report: Path, text: str, *, earlier: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("CapaDesk a rencontré un problème"))
        intro = (
            _("CapaDesk s'est arrêté de façon inattendue lors de sa dernière utilisation.")
            if earlier
            else _("Une erreur inattendue vient de se produire.")
        )
        message = QLabel(
            intro
            + "\n"
            + _(
                "Tout ce qui avait été enregistré est conservé. Pour nous aider à corriger le "
                "problème, transmettez ce rapport à l'équipe CapaDesk\u00a0:\n{path}"
            ).format(path=report)
        )
        message.setWordWrap(True)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName(_("Rapport d'erreur"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        self.copy_button = QPushButton(_("Copier le rapport"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(700, 420)

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details.toPlainText())
