"""« Modifier la carte »: kind, text, stage, use case and note of one card.

The text is kept exactly as typed (no trimming, no-break spaces kept). A refused text leaves
the dialog open with the French reason under the fields.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import KnownError
from capadesk.i18n import _
from capadesk.ui.capture.bar import plain_text
from capadesk.ui.capture.palette import KINDS, STAGES, shown_text


class CaptureEditDialog(QDialog):
    """See module docstring."""

    def __init__(
        self,
        parent: QWidget | None,
        capture: CaptureView,
        use_cases: Sequence[UseCaseView],
        check: Callable[[CaptureView], None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Modifier la carte"))
        self.capture = capture
        self._check = check
        self.kind_choice = QComboBox()
        self.kind_choice.setAccessibleName(_("Type de carte"))
        for kind in KINDS:
            self.kind_choice.addItem(kind.label, kind.value)
        self.kind_choice.setCurrentIndex(self.kind_choice.findData(capture.kind.value))
        self.stage_choice = QComboBox()
        self.stage_choice.setAccessibleName(_("Étape du cycle de vie"))
        self.stage_choice.addItem(_("Sans étape"), "")
        for stage in STAGES:
            self.stage_choice.addItem(stage.label, stage.value)
        self.stage_choice.setCurrentIndex(
            self.stage_choice.findData(capture.stage.value if capture.stage else "")
        )
        self.use_case_choice = QComboBox()
        self.use_case_choice.setAccessibleName(_("Cas d'usage"))
        self.use_case_choice.addItem(_("Sans cas d'usage"), "")
        for use_case in use_cases:
            self.use_case_choice.addItem(
                shown_text(use_case.title[:80]).replace("\n", " "), str(use_case.public_id)
            )
        found = self.use_case_choice.findData(
            str(capture.use_case_id) if capture.use_case_id else ""
        )
        self.use_case_choice.setCurrentIndex(max(0, found))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(_("Texte de la carte"))
        self.text_edit.setPlainText(capture.text)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(_("Note (contrats, partenariats…)"))
        self.note_edit.setPlainText(capture.note)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel { color: #B00020; }")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&Type\u00a0:"), self.kind_choice)
        form.addRow(_("É&tape\u00a0:"), self.stage_choice)
        form.addRow(_("&Cas d'usage\u00a0:"), self.use_case_choice)
        form.addRow(_("Te&xte\u00a0:"), self.text_edit)
        form.addRow(_("&Note\u00a0:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def edited(self) -> CaptureView:
        """The card with the dialog's values."""
        stage = self.stage_choice.currentData()
        use_case = self.use_case_choice.currentData()
        return self.capture._replace(
            kind=CaptureKind(self.kind_choice.currentData()),
            stage=LifecycleStage(stage) if stage else None,
            use_case_id=uuid.UUID(use_case) if use_case else None,
            text=plain_text(self.text_edit),
            note=plain_text(self.note_edit),
        )

    def accept(self) -> None:
        try:
            self._check(self.edited())
        except KnownError as error:
            self.error_label.setText(error.message)
            self.error_label.show()
            return
        super().accept()
