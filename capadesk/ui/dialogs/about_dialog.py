"""« À propos de CapaDesk »: version, where the data lives, and the method's credit."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from capadesk import APP_NAME, __version__
from capadesk.i18n import N_, _
from capadesk.paths import AppPaths

METHOD_CREDIT = N_(
    "Méthode CAPACities — Chronos × Auxilia × Cerema, sous licence Creative Commons "
    "Attribution – Pas d'utilisation commerciale (CC BY-NC)."
)


class AboutDialog(QDialog):
    """Plain text, selectable, so it can be copied into an e-mail."""

    def __init__(self, parent: QWidget | None, app_paths: AppPaths) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("À propos de {app}").format(app=APP_NAME))
        body = QLabel(
            "<h2>{name} {version}</h2>"
            "<p>{pitch}</p>"
            "<p><b>{credit_title}</b><br>{credit}</p>"
            "<p>{data_title} <code>{data}</code></p>"
            "<p><small>Python {python} · Qt {qt}</small></p>".format(
                name=APP_NAME,
                version=__version__,
                pitch=html.escape(
                    _(
                        "Le bureau de l'animateur pour les ateliers participatifs\u00a0: déroulé "
                        "minuté, saisie en direct, fils communs, votes, matrices et restitution."
                    )
                ),
                credit_title=html.escape(_("Méthode")),
                credit=html.escape(_(METHOD_CREDIT)),
                data_title=html.escape(_("Vos données\u00a0:")),
                data=html.escape(str(app_paths.data_dir)),
                python=platform.python_version(),
                qt=PySide6.__version__,
            )
        )
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setAccessibleName(_("À propos de {app}").format(app=APP_NAME))
        self.body = body
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
