"""« Sauvegardes »: the backups with their time and content, « Sauvegarder maintenant » and
« Restaurer… ». Backing up and restoring run on the thread pool, behind a busy indicator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.errors import KnownError
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.storage.backups import (
    BackupInfo,
    BackupKind,
    content_text,
    create_backup,
    list_backups,
    size_text,
    time_text,
)
from capadesk.core.storage.restore import RestoreReport, restore_backup
from capadesk.i18n import _
from capadesk.paths import AppPaths

ID_ROLE = Qt.ItemDataRole.UserRole


class BackupPrompts:
    """The dialog's questions and messages. Tests subclass it with canned answers."""

    def confirm_restore(self, parent: QWidget, backup: BackupInfo, when: str) -> bool:
        """Ask before restoring; the default answer cancels."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Restaurer une sauvegarde"))
        box.setText(_("Remettre la base dans son état du {when}\u00a0?").format(when=when))
        box.setInformativeText(restore_warning())
        restore = box.addButton(_("Restaurer"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def show_error(self, parent: QWidget, message: str) -> None:
        """Tell the user what went wrong."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, _("Sauvegardes"), message)


def restore_warning() -> str:
    """What the confirmation says happens to the current state."""
    return _(
        "L'état actuel de la base est d'abord sauvegardé («\u00a0avant restauration\u00a0»)\u00a0: "
        "vous pourrez y revenir depuis cette liste."
    )


class _JobSignals(QObject):
    done = Signal(object)  # the result, or the exception raised


class _Job(QRunnable):
    """Runs ``work`` on the pool and hands its result (or exception) to the GUI thread."""

    def __init__(self, work: Callable[[], object], signals: _JobSignals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the GUI thread, re-raised there if a bug
            self._signals.done.emit(error)
        else:
            self._signals.done.emit(result)


class BackupsDialog(QDialog):
    """Lists the backups of ``app_paths``; backs up and restores off the GUI thread."""

    backup_made = Signal(object)  # BackupInfo
    restored = Signal(object)  # RestoreReport: the caller reopens the store
    failed = Signal(str)  # the French message shown

    def __init__(
        self,
        parent: QWidget | None,
        app_paths: AppPaths,
        *,
        clock: Clock | None = None,
        prompts: BackupPrompts | None = None,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.app_paths = app_paths
        self.clock = clock or SystemClock()
        self.prompts = prompts or BackupPrompts()
        self.zone = zone
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals: _JobSignals | None = None
        self.setWindowTitle(_("Sauvegardes"))

        intro = QLabel(
            _(
                "CapaDesk sauvegarde la base toutes les 10\u00a0minutes quand elle change, et "
                "avant chaque mise à jour, import ou restauration. Dossier\u00a0: {folder}"
            ).format(folder=app_paths.backups_dir)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Contenu"), _("Type"), _("Taille")])
        self.table.setAccessibleName(_("Liste des sauvegardes, la plus récente d'abord"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(_("Aucune sauvegarde pour l'instant."))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no known end: a moving bar
        self.busy.setAccessibleName(_("Travail en cours"))
        self.busy.setMaximumWidth(160)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.backup_button = QPushButton(_("&Sauvegarder maintenant"))
        self.restore_button = QPushButton(_("&Restaurer…"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(status_row)
        layout.addWidget(self.buttons)
        self.resize(760, 440)
        self._set_busy(None)
        self.refresh()

    # --- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the backups folder again (newest first)."""
        backups = list_backups(self.app_paths.backups_dir)
        self.table.setRowCount(len(backups))
        for row, backup in enumerate(backups):
            cells = (
                time_text(backup.taken_at, self.zone),
                content_text(backup.content),
                backup.kind.label,
                size_text(backup.size),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, backup.id)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(backups))
        self.empty_label.setVisible(not backups)
        self._update_buttons()

    def selected_id(self) -> str | None:
        """The id of the selected backup, if any."""
        rows = self.table.selectionModel().selectedRows(0)
        return str(rows[0].data(ID_ROLE)) if rows else None

    def select(self, backup_id: str) -> None:
        """Select the row of ``backup_id``."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == backup_id:
                self.table.selectRow(row)
                return

    # --- the work ---------------------------------------------------------------------------

    @property
    def working(self) -> bool:
        """True while a backup or a restore runs."""
        return self._signals is not None

    def back_up_now(self) -> None:
        """« Sauvegarder maintenant »."""
        paths, now = self.app_paths, self.clock.now()
        self._start(
            _("Sauvegarde en cours…"),
            lambda: create_backup(paths.db_path, paths.backups_dir, BackupKind.MANUAL, now),
            self._backed_up,
        )

    def restore_selected(self) -> None:
        """« Restaurer… »: confirm, then restore the selected backup."""
        backup_id = self.selected_id()
        chosen = next(
            (b for b in list_backups(self.app_paths.backups_dir) if b.id == backup_id), None
        )
        if chosen is None:
            return
        if not self.prompts.confirm_restore(self, chosen, time_text(chosen.taken_at, self.zone)):
            return
        paths, now = self.app_paths, self.clock.now()
        self._start(
            _("Restauration en cours… (l'état actuel est sauvegardé d'abord)"),
            lambda: restore_backup(paths.db_path, paths.backups_dir, chosen.id, now),
            self._restored,
        )

    def _start(
        self, doing: str, work: Callable[[], object], then: Callable[[object], None]
    ) -> None:
        signals = _JobSignals(self)
        signals.done.connect(lambda outcome: self._finish(outcome, then))
        self._set_busy(signals, doing)
        self.pool.start(_Job(work, signals))

    def _finish(self, outcome: object, then: Callable[[object], None]) -> None:
        self._set_busy(None)
        self.refresh()
        if isinstance(outcome, KnownError):
            self.status.setText(outcome.message)
            self.failed.emit(outcome.message)
            self.prompts.show_error(self, outcome.message)
            return
        if isinstance(outcome, Exception):
            self.status.setText(_("Erreur inattendue\u00a0: un rapport a été enregistré."))
            raise outcome
        then(outcome)

    def _backed_up(self, outcome: object) -> None:
        assert isinstance(outcome, BackupInfo)
        self.select(outcome.id)
        self.status.setText(
            _("Sauvegarde faite\u00a0: {when}.").format(when=time_text(outcome.taken_at, self.zone))
        )
        self.backup_made.emit(outcome)

    def _restored(self, outcome: object) -> None:
        report = outcome
        assert isinstance(report, RestoreReport)
        text = _("Base remise dans son état du {when}.").format(
            when=time_text(report.restored.taken_at, self.zone)
        )
        if report.safety is not None:
            text += " " + _("L'état d'avant est gardé dans la sauvegarde du {when}.").format(
                when=time_text(report.safety.taken_at, self.zone)
            )
        self.status.setText(text)
        self.restored.emit(report)

    def _set_busy(self, signals: _JobSignals | None, doing: str = "") -> None:
        self._signals = signals
        self.busy.setVisible(signals is not None)
        if signals is not None:
            self.status.setText(doing)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(not self.working)
        self.restore_button.setEnabled(not self.working and self.selected_id() is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not self.working)

    def reject(self) -> None:
        """Closing waits for the work: a backup or restore is never left half-done."""
        if not self.working:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.working:
            event.ignore()
            return
        super().closeEvent(event)
