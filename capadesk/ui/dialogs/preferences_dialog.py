"""« Préférences »: the interface's language and the projection's look, saved on « OK ».

The language is read once, before the first frame: a change applies at the next start (the
dialog says so). The projection's theme and font size apply at once: the dialog emits
``settings_saved`` and the main window hands them to the projection.

Signals:
    settings_saved(Settings): the preferences just written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from capadesk import settings as prefs
from capadesk.i18n import N_, _
from capadesk.paths import AppPaths

LANGUAGES = ((None, N_("Langue du système")), ("fr", N_("Français")), ("en", N_("English")))
THEMES = (("standard", N_("Standard")), ("high-contrast", N_("Contraste élevé")))


class PreferencesDialog(QDialog):
    """See module docstring."""

    settings_saved = Signal(object)

    def __init__(self, parent: QWidget | None, app_paths: AppPaths) -> None:
        super().__init__(parent)
        self.app_paths = app_paths
        self.setWindowTitle(_("Préférences"))
        current = prefs.load(app_paths)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Langue de l'interface"))
        for code, name in LANGUAGES:
            self.language.addItem(_(name), code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        note = QLabel(_("La langue change au prochain démarrage de CapaDesk."))
        note.setWordWrap(True)
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Thème de la projection"))
        self.theme.setAccessibleDescription(
            _("Contraste élevé\u00a0: noir, blanc et jaune, lisible malgré les daltonismes")
        )
        for key, name in THEMES:
            self.theme.addItem(_(name), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current.projection_theme)))
        self.font_size = QSpinBox()
        self.font_size.setAccessibleName(_("Taille du texte projeté"))
        low, high = prefs.FONT_SCALE_RANGE
        self.font_size.setRange(round(low * 100), round(high * 100))
        self.font_size.setSingleStep(10)
        self.font_size.setSuffix("\u00a0%")
        self.font_size.setValue(round(current.projection_font_scale * 100))

        form = QFormLayout()
        form.addRow(_("&Langue\u00a0:"), self.language)
        form.addRow("", note)
        form.addRow(_("&Thème de la projection\u00a0:"), self.theme)
        form.addRow(_("Taille du te&xte projeté\u00a0:"), self.font_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.language.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> prefs.Settings:
        """The preferences as the fields say."""
        language = self.language.currentData()
        return prefs.Settings(
            language=language if isinstance(language, str) else None,
            projection_theme=str(self.theme.currentData()),
            projection_font_scale=self.font_size.value() / 100,
        )

    def accept(self) -> None:
        chosen = self.chosen()
        prefs.save(self.app_paths, chosen)
        super().accept()
        self.settings_saved.emit(chosen)
