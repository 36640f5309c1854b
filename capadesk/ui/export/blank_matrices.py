"""« Imprimer les matrices vierges »: a template and a page size, then the PDF to print."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.matrix import MatrixTemplate, template_library, user_templates_dir
from capadesk.core.errors import KnownError
from capadesk.core.export.files import slug, write_atomically
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.export.choosers import ExportChoosers


class BlankMatricesDialog(QDialog):
    """Writes the chosen template's blank sheet (landscape A4 or A3) where the user says."""

    written = Signal(object)  # the Path of the PDF

    def __init__(
        self,
        parent: QWidget | None,
        app_paths: AppPaths,
        *,
        title: str = "",
        choosers: ExportChoosers | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.choosers = choosers or ExportChoosers()
        self.templates: list[MatrixTemplate] = template_library(user_templates_dir(app_paths))
        self.setWindowTitle(_("Imprimer les matrices vierges"))
        self.template_box = QComboBox()
        for template in self.templates:
            self.template_box.addItem(template.title, template.id)
        self.a4 = QRadioButton(_("A4 paysage"))
        self.a3 = QRadioButton(_("A3 paysage"))
        self.a4.setChecked(True)
        pages = QHBoxLayout()
        pages.addWidget(self.a4)
        pages.addWidget(self.a3)
        form = QFormLayout()
        form.addRow(_("&Matrice\u00a0:"), self.template_box)
        form.addRow(_("Format\u00a0:"), pages)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(_("&Enregistrer le PDF…"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(bool(self.templates))
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def page(self) -> str:
        return "a3" if self.a3.isChecked() else "a4"

    def template(self) -> MatrixTemplate | None:
        index = self.template_box.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def save(self) -> None:
        """Ask where, then write the blank PDF (a few pages: quick enough for the GUI thread)."""
        from capadesk.core.export.matrix_pdf import write_matrix_pdf

        template = self.template()
        if template is None:
            return
        page = self.page()
        suggested = f"matrice-{slug(template.title)}-{page}.pdf"
        chosen = self.choosers.save_file(
            self, _("Matrice vierge"), suggested, _("Documents PDF (*.pdf)")
        )
        if chosen is None:
            return
        path = chosen if chosen.suffix else chosen.with_suffix(".pdf")
        buffer = io.BytesIO()
        try:
            write_matrix_pdf(template, buffer, page=page, title=self.title)
            write_atomically(path, buffer.getvalue())
        except KnownError as error:
            self.status.setText(error.message)
            self.choosers.show_error(self, error.message)
            return
        self.status.setText(_("Matrice vierge écrite\u00a0: {name}.").format(name=path.name))
        self.written.emit(Path(path))
