"""« Exporter l'atelier »: choose what, then where; the export runs off the GUI thread with a
progress bar and « Annuler », then says what it wrote and offers « Ouvrir le dossier »."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.errors import KnownError
from capadesk.core.export.files import ExportCancelledError, Progress
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.export.choosers import ExportChoosers
from capadesk.ui.export.jobs import ProgressPanel
from capadesk.ui.export.kinds import (
    ExportKind,
    ExportRequest,
    ExportResult,
    default_name,
    run_export,
    with_suffix,
)


class ExportDialog(QDialog):
    """See module docstring. ``result_folder`` is the last export's folder."""

    exported = Signal(object)  # ExportResult
    failed = Signal(str)  # the French message shown (a cancel too)

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        workshop_id: uuid.UUID,
        title: str,
        app_paths: AppPaths,
        *,
        choosers: ExportChoosers | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.workshop_id, self.title = store, workshop_id, title
        self.app_paths = app_paths
        self.choosers = choosers or ExportChoosers()
        self.result_folder: Path | None = None
        self.setWindowTitle(_("Exporter l'atelier"))

        heading = QLabel(_("Exporter «\u00a0{title}\u00a0»").format(title=title))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[ExportKind, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for index, kind in enumerate(ExportKind):
            button = QRadioButton(kind.label)
            button.setToolTip(kind.hint)
            button.setAccessibleDescription(kind.hint)
            self.kind_group.addButton(button, index)
            self.kind_buttons[kind] = button
            layout.addWidget(button)
        self.kind_buttons[ExportKind.RESTITUTION].setChecked(True)
        self.full_box = QCheckBox(_("Export complet\u00a0: tous les noms, même sans accord"))
        self.full_box.setToolTip(_("Copie de l'organisateur, à ne pas partager"))
        layout.addWidget(self.full_box)
        self.progress = ProgressPanel()
        self.progress.done.connect(self._finish)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.export_button = QPushButton(_("&Exporter…"))
        self.export_button.setDefault(True)
        self.open_folder_button = QPushButton(_("&Ouvrir le dossier"))
        self.open_folder_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("Fermer"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.export_button.clicked.connect(self.export)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.kind_group.idToggled.connect(lambda _id, _on: self._update())
        self._update()

    @property
    def working(self) -> bool:
        return self.progress.working

    def chosen(self) -> ExportKind:
        """The kind whose button is checked."""
        return list(ExportKind)[max(self.kind_group.checkedId(), 0)]

    def choose(self, kind: ExportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def export(self) -> None:
        """« Exporter… »: ask where (and, for every name, confirm), then export off-thread."""
        kind = self.chosen()
        full = kind.has_names and self.full_box.isChecked()
        target = self._ask_target(kind)
        if target is None:
            return
        if full and not self.choosers.confirm_full_export(self):
            return
        request = ExportRequest(kind, self.workshop_id, self.title, target, full)
        store, paths = self.store, self.app_paths

        def work(progress: Progress) -> ExportResult:
            return run_export(store, paths, request, progress)

        self.open_folder_button.hide()
        self.status.clear()
        self.progress.start(work, _("Export en cours…"), ExportCancelledError)
        self._update()

    def _ask_target(self, kind: ExportKind) -> Path | None:
        suggested = default_name(kind, self.title)
        if kind.to_folder:
            return self.choosers.folder(self, _("Dossier où écrire les CSV"), suggested)
        chosen = self.choosers.save_file(self, kind.label, suggested, kind.file_filter)
        return None if chosen is None else with_suffix(kind, chosen)

    def cancel(self) -> None:
        """« Annuler » the running export."""
        self.progress.cancel()

    def open_folder(self) -> None:
        """« Ouvrir le dossier » of the last export."""
        if self.result_folder is not None:
            self.choosers.open_folder(self.result_folder)

    def _finish(self, outcome: object) -> None:
        self._update()
        if isinstance(outcome, ExportCancelledError):
            self.status.setText(outcome.message)
            self.failed.emit(outcome.message)
            return
        if isinstance(outcome, KnownError):
            self.status.setText(outcome.message)
            self.failed.emit(outcome.message)
            self.choosers.show_error(self, outcome.message)
            return
        if isinstance(outcome, Exception):
            self.status.setText(_("Erreur inattendue\u00a0: un rapport a été enregistré."))
            raise outcome
        assert isinstance(outcome, ExportResult)
        self.result_folder = outcome.folder
        self.status.setText(outcome.summary)
        self.open_folder_button.show()
        self.exported.emit(outcome)

    def _update(self) -> None:
        working = self.working
        for button in self.kind_buttons.values():
            button.setEnabled(not working)
        self.full_box.setEnabled(not working and self.chosen().has_names)
        self.export_button.setEnabled(not working)
        self.close_button.setEnabled(not working)

    def reject(self) -> None:
        """Closing while exporting cancels first: no export is left half-done."""
        if self.working:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.working:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
