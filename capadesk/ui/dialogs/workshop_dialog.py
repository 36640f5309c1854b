"""« Nouvel atelier » and « Modifier l'atelier »: title, place, day, programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, WorkshopSummary
from capadesk.i18n import _


@dataclass(frozen=True)
class WorkshopFields:
    """What the dialog collected."""

    title: str
    place: str
    day: dt.date | None
    programme: str | None


class WorkshopDialog(QDialog):
    """A form whose OK button stays off until the title has text."""

    def __init__(
        self, parent: QWidget | None, initial: WorkshopSummary | None, programmes: list[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Modifier l'atelier") if initial else _("Nouvel atelier"))
        self.title_edit = QLineEdit(initial.title if initial else "")
        self.title_edit.setMaxLength(TITLE_MAX_LENGTH)
        self.title_edit.setPlaceholderText(_("ex. Dessine-moi ton cas d'usage — Toulon"))
        self.title_edit.setAccessibleName(_("Titre de l'atelier"))
        self.place_edit = QLineEdit(initial.place if initial else "")
        self.place_edit.setPlaceholderText(_("ville ou territoire"))
        self.place_edit.setAccessibleName(_("Lieu"))

        self.day_known = QCheckBox(_("&Date fixée"))
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setAccessibleName(_("Date de l'atelier"))
        day = initial.day if initial and initial.day else dt.date.today()  # noqa: DTZ011 (local day)
        self.day_edit.setDate(QDate(day.year, day.month, day.day))
        self.day_known.setChecked(bool(initial and initial.day))
        self.day_edit.setEnabled(self.day_known.isChecked())
        self.day_known.toggled.connect(self.day_edit.setEnabled)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_known)
        day_row.addWidget(self.day_edit, 1)

        self.programme_edit = QComboBox()
        self.programme_edit.setEditable(True)
        self.programme_edit.addItem("")
        self.programme_edit.addItems(programmes)
        self.programme_edit.setCurrentText(initial.programme_title or "" if initial else "")
        self.programme_edit.setAccessibleName(_("Programme"))
        line_edit = self.programme_edit.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(_("facultatif, ex. CAPACities 2022"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Enregistrer") if initial else _("Créer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._update_ok)
        self._update_ok()

        form = QFormLayout(self)
        form.addRow(_("&Titre\u00a0:"), self.title_edit)
        form.addRow(_("&Lieu\u00a0:"), self.place_edit)
        form.addRow(_("Date\u00a0:"), day_row)
        form.addRow(_("&Programme\u00a0:"), self.programme_edit)
        form.addRow(self.buttons)
        self.setMinimumWidth(480)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def fields(self) -> WorkshopFields:
        """The values as typed (the service cleans and checks them)."""
        day = self.day_edit.date().toPython() if self.day_known.isChecked() else None
        assert day is None or isinstance(day, dt.date)
        return WorkshopFields(
            title=self.title_edit.text(),
            place=self.place_edit.text(),
            day=day,
            programme=self.programme_edit.currentText() or None,
        )
