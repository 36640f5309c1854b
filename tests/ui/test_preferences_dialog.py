"""« Préférences »: shows the saved preferences, writes the chosen ones and says so."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk import settings as prefs
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.preferences_dialog import PreferencesDialog

from .helpers import press


def test_the_dialog_starts_from_the_saved_preferences(qtbot: QtBot, app_paths: AppPaths) -> None:
    prefs.save(app_paths, prefs.Settings("en", "high-contrast", 1.5))
    dialog = PreferencesDialog(None, app_paths)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == prefs.Settings("en", "high-contrast", 1.5)
    assert dialog.font_size.text() == "150\u00a0%"


def test_ok_saves_and_emits_the_new_preferences(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = PreferencesDialog(None, app_paths)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == prefs.Settings()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("high-contrast"))
    dialog.font_size.setValue(180)
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        dialog.accept()
    expected = prefs.Settings("fr", "high-contrast", 1.8)
    assert saved.args == [expected]
    assert prefs.load(app_paths) == expected


def test_cancel_writes_nothing(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = PreferencesDialog(None, app_paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.font_size.setValue(200)
    press(qtbot, dialog, Qt.Key.Key_Escape)
    assert not prefs.settings_path(app_paths).exists()


def test_the_font_size_stays_within_the_preferences_range(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    dialog = PreferencesDialog(None, app_paths)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(500)
    assert dialog.chosen().projection_font_scale == prefs.FONT_SCALE_RANGE[1]
