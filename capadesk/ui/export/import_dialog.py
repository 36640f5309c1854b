"""« Importer une archive »: the import runs off the GUI thread with progress and « Annuler »,
then the dialog shows the report (or the French reason the archive was refused)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.archive.importer import import_archive
from capadesk.core.archive.report import ImportReport
from capadesk.core.errors import KnownError
from capadesk.core.export.files import ExportCancelledError, Progress
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.export.jobs import ProgressPanel


def import_cancelled() -> ExportCancelledError:
    return ExportCancelledError(_("Import annulé\u00a0: la base n'a pas changé."))


class ImportArchiveDialog(QDialog):
    """Imports ``source`` as soon as ``start`` is called; see module docstring."""

    imported = Signal(object)  # ImportReport: the caller refreshes the workshop list
    failed = Signal(str)  # the French message shown (a cancel too)

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        source: Path,
        app_paths: AppPaths,
        *,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.source, self.app_paths = store, source, app_paths
        self.clock = clock or SystemClock()
        self.setWindowTitle(_("Importer une archive"))
        heading = QLabel(_("Import de {file}").format(file=source.name))
        self.progress = ProgressPanel()
        self.progress.done.connect(self._finish)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(_("Compte rendu de l'import"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("Fermer"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 360)

    @property
    def working(self) -> bool:
        return self.progress.working

    def start(self) -> None:
        """Import the archive on the pool."""
        store, source, paths, now = self.store, self.source, self.app_paths, self.clock.now()

        def work(progress: Progress) -> ImportReport:
            return import_archive(store, source, paths, now, progress=progress)

        self.report.setPlainText(_("Vérification de l'archive…"))
        self.progress.start(work, _("Import en cours…"), import_cancelled)
        self.close_button.setEnabled(False)

    def _finish(self, outcome: object) -> None:
        self.close_button.setEnabled(True)
        if isinstance(outcome, KnownError):
            self.report.setPlainText(outcome.message)
            self.failed.emit(outcome.message)
            return
        if isinstance(outcome, Exception):
            self.report.setPlainText(_("Erreur inattendue\u00a0: un rapport a été enregistré."))
            raise outcome
        assert isinstance(outcome, ImportReport)
        self.report.setPlainText("\n".join(outcome.lines()))
        self.imported.emit(outcome)

    def reject(self) -> None:
        """Closing while importing cancels first (the import stops before its backup)."""
        if self.working:
            self.progress.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.working:
            self.progress.cancel()
            event.ignore()
            return
        super().closeEvent(event)
