"""The preview of a CSV import: what will be added, and each refused line with its reason.
Nothing is saved before « Importer »."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.roster_format import RosterPreview
from capadesk.i18n import _

PREVIEW_ROWS = 500  # a preview, not the whole file: more would only slow the dialog


class ImportPreviewDialog(QDialog):
    """See module docstring."""

    def __init__(self, preview: RosterPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Importer des participants"))
        self.resize(820, 560)
        self.preview = preview
        self.summary_label = QLabel(preview.summary())
        self.summary_label.setWordWrap(True)

        headers = [_("Ligne"), _("Nom"), _("Organisation"), _("Type"), _("Territoire"), _("Km")]
        self.table = QTableWidget(min(len(preview.lines), PREVIEW_ROWS), len(headers))
        self.table.setAccessibleName(_("Participants prêts à être importés"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, line in enumerate(preview.lines[:PREVIEW_ROWS]):
            fields = line.fields
            km = "" if fields.km_travelled is None else f"{fields.km_travelled:g}"
            values = (
                str(line.line),
                fields.name,
                fields.organisation,
                fields.type.label,
                fields.territory,
                km,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

        self.errors_label = QLabel(
            _("Lignes en erreur (elles ne seront pas importées)\u00a0:")
            if preview.errors
            else _("Aucune ligne en erreur.")
        )
        self.errors = QListWidget()
        self.errors.setAccessibleName(_("Lignes en erreur"))
        self.errors.addItems([str(error) for error in preview.errors])
        self.errors.setVisible(bool(preview.errors))
        self.errors.setWordWrap(True)

        self.skip_box = QCheckBox(_("Importer quand même les lignes valides"))
        self.skip_box.setVisible(bool(preview.errors))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Importer"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.skip_box.toggled.connect(self._update)

        if preview.ignored_headers:
            ignored = ", ".join(
                _("«\u00a0{text}\u00a0»").format(text=h) for h in preview.ignored_headers
            )
            note = QLabel(_("Colonnes ignorées\u00a0: {names}").format(names=ignored))
            note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        if preview.ignored_headers:
            layout.addWidget(note)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.buttons)
        self._update()

    @property
    def skip_invalid(self) -> bool:
        """True when the valid lines are to be imported despite the others."""
        return self.skip_box.isChecked()

    def _update(self) -> None:
        allowed = bool(self.preview.lines) and (not self.preview.errors or self.skip_invalid)
        self.import_button.setEnabled(allowed)
