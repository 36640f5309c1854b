"""The dialogs on their own: workshop form, About box, crash report, and the real Prompts."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QWidget

from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, WorkshopSummary
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.about_dialog import AboutDialog
from capadesk.ui.dialogs.crash_dialog import CrashDialog
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.dialogs.workshop_dialog import WorkshopDialog, WorkshopFields
from capadesk.ui.main_window import MainWindow

from .helpers import click, displayed_text, type_text


def existing(day: dt.date | None = dt.date(2026, 3, 14)) -> WorkshopSummary:
    return WorkshopSummary(
        public_id=uuid.uuid4(),
        title="Atelier Écully",
        place="Écully",
        day=day,
        programme_title="CAPACities 2022",
        updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def ok_button(dialog: WorkshopDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


@pytest.fixture
def new_dialog(qtbot: QtBot) -> WorkshopDialog:
    dialog = WorkshopDialog(None, None, ["CAPACities 2022", "Été numérique"])
    qtbot.addWidget(dialog)
    dialog.show()  # laid out, so clicks land on the widgets
    qtbot.waitExposed(dialog)
    return dialog


# --- WorkshopDialog -------------------------------------------------------------------------


def test_ok_stays_off_until_the_title_has_text(qtbot: QtBot, new_dialog: WorkshopDialog) -> None:
    assert new_dialog.windowTitle() == "Nouvel atelier"
    assert ok_button(new_dialog).text() == "Créer"
    assert not ok_button(new_dialog).isEnabled()

    type_text(qtbot, new_dialog.title_edit, "   ")
    assert not ok_button(new_dialog).isEnabled()

    type_text(qtbot, new_dialog.title_edit, "Atelier")
    assert ok_button(new_dialog).isEnabled()

    new_dialog.title_edit.clear()
    assert not ok_button(new_dialog).isEnabled()


def test_fields_of_a_new_workshop(qtbot: QtBot, new_dialog: WorkshopDialog) -> None:
    assert not new_dialog.day_known.isChecked()
    assert not new_dialog.day_edit.isEnabled()
    assert new_dialog.programme_edit.count() == 3  # blank, then the known programmes

    type_text(qtbot, new_dialog.title_edit, "Dessine-moi ton cas d'usage")
    type_text(qtbot, new_dialog.place_edit, "Toulon")
    new_dialog.day_edit.setDate(QDate(2026, 5, 4))

    assert new_dialog.fields() == WorkshopFields(
        title="Dessine-moi ton cas d'usage", place="Toulon", day=None, programme=None
    )

    click(qtbot, new_dialog.day_known)
    assert new_dialog.day_known.isChecked()
    assert new_dialog.day_edit.isEnabled()
    new_dialog.programme_edit.setCurrentIndex(2)

    assert new_dialog.fields() == WorkshopFields(
        title="Dessine-moi ton cas d'usage",
        place="Toulon",
        day=dt.date(2026, 5, 4),
        programme="Été numérique",
    )

    new_dialog.programme_edit.setEditText("Un programme neuf")
    assert new_dialog.fields().programme == "Un programme neuf"


def test_ok_accepts_and_cancel_rejects(qtbot: QtBot, new_dialog: WorkshopDialog) -> None:
    new_dialog.title_edit.setText("Atelier")
    with qtbot.waitSignal(new_dialog.accepted):
        click(qtbot, ok_button(new_dialog))
    assert new_dialog.result() == QDialog.DialogCode.Accepted

    new_dialog.show()
    cancel = new_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuler"
    with qtbot.waitSignal(new_dialog.rejected):
        click(qtbot, cancel)


def test_the_title_is_capped_at_the_maximum_length(
    qtbot: QtBot, new_dialog: WorkshopDialog
) -> None:
    new_dialog.title_edit.setText("x" * (TITLE_MAX_LENGTH + 20))
    assert len(new_dialog.fields().title) == TITLE_MAX_LENGTH


def test_editing_prefills_every_field(qtbot: QtBot) -> None:
    initial = existing()
    dialog = WorkshopDialog(None, initial, ["CAPACities 2022"])
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Modifier l'atelier"
    assert ok_button(dialog).text() == "Enregistrer"
    assert ok_button(dialog).isEnabled()
    assert dialog.title_edit.text() == "Atelier Écully"
    assert dialog.place_edit.text() == "Écully"
    assert dialog.day_known.isChecked()
    assert dialog.day_edit.isEnabled()
    assert dialog.day_edit.date() == QDate(2026, 3, 14)
    assert dialog.programme_edit.currentText() == "CAPACities 2022"
    assert dialog.fields() == WorkshopFields(
        "Atelier Écully", "Écully", dt.date(2026, 3, 14), "CAPACities 2022"
    )

    dialog.day_known.setChecked(False)  # « date à fixer » again
    assert dialog.fields().day is None


def test_editing_a_workshop_without_day_leaves_the_date_unset(qtbot: QtBot) -> None:
    dialog = WorkshopDialog(None, existing(day=None), [])
    qtbot.addWidget(dialog)

    assert not dialog.day_known.isChecked()
    assert not dialog.day_edit.isEnabled()
    assert dialog.fields().day is None


# --- About and crash dialogs ----------------------------------------------------------------


def test_about_credits_the_method(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = AboutDialog(None, app_paths)
    qtbot.addWidget(dialog)

    text = displayed_text(dialog.body)
    for expected in ("CAPACities", "Chronos", "Auxilia", "Cerema", "CC BY-NC"):
        assert expected in text, expected
    assert str(app_paths.data_dir) in text
    assert dialog.windowTitle() == "À propos de CapaDesk"


def test_the_help_menu_opens_the_about_box(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(dialog: AboutDialog) -> int:
        shown.append(displayed_text(dialog.body))
        return 0

    monkeypatch.setattr(AboutDialog, "exec", fake_exec)
    about = next(
        action
        for menu_action in window.menuBar().actions()
        if (menu := menu_action.menu()) is not None
        for action in menu.actions()  # type: ignore[attr-defined]
        if action.text() == "À &propos de CapaDesk"
    )

    about.trigger()

    assert len(shown) == 1
    assert "CAPACities" in shown[0]


def test_crash_dialog_shows_the_report_and_copies_it(qtbot: QtBot, tmp_path: Path) -> None:
    report = tmp_path / "crash-20260101T000000000000Z.txt"
    text = "Erreur inattendue : ZeroDivisionError\nTraceback (most recent call last): …"
    dialog = CrashDialog(None, report, text, earlier=True)
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()

    assert dialog.details.toPlainText() == text
    assert dialog.details.isReadOnly()
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "dernière utilisation" in labels
    assert str(report) in labels

    click(qtbot, dialog.copy_button)

    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == text)


def test_crash_dialog_for_a_crash_now(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog(None, tmp_path / "crash.txt", "détails", earlier=False)
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "vient de se produire" in labels
    assert "dernière utilisation" not in labels


# --- the real Prompts, with the modal loop replaced -----------------------------------------


def test_prompts_returns_the_fields_of_an_accepted_form(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[WorkshopDialog] = []

    def fill_and_accept(dialog: WorkshopDialog) -> int:
        seen.append(dialog)
        assert dialog.title_edit.text() == "Atelier Écully"
        dialog.title_edit.setText("Atelier Écully — suite")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(WorkshopDialog, "exec", fill_and_accept)

    fields = Prompts().workshop_fields(window, existing(), ["CAPACities 2022"])

    assert fields == WorkshopFields(
        "Atelier Écully — suite", "Écully", dt.date(2026, 3, 14), "CAPACities 2022"
    )
    assert seen[0].parent() is window


def test_prompts_returns_none_for_a_cancelled_form(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        WorkshopDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected.value)
    )

    assert Prompts().workshop_fields(window, None, []) is None


@pytest.mark.parametrize(("button_text", "expected"), [("Supprimer", True), ("Garder", False)])
def test_prompts_confirm_delete(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    button_text: str,
    expected: bool,
) -> None:
    asked: list[str] = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        assert box.defaultButton().text() == "Garder"  # the safe answer is the default
        next(b for b in box.buttons() if b.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)

    assert Prompts().confirm_delete(window, existing()) is expected
    assert asked == ["Supprimer l'atelier «\u00a0Atelier Écully\u00a0»\u00a0?"]


def test_prompts_show_error_warns_in_french(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[tuple[QWidget, str, str]] = []

    def warning(parent: QWidget, title: str, text: str) -> QMessageBox.StandardButton:
        warnings.append((parent, title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)

    Prompts().show_error(window, "Rien n'a été modifié.")

    assert warnings == [(window, "CapaDesk", "Rien n'a été modifié.")]
