"""« Partager avec les participants »: choose the network, start and stop the local server,
show its QR codes (page, Wi-Fi, text summary) large, and the time left.

Building the publication (the restitution PDF, the CSV files) runs on a one-thread pool with a
progress bar; starting and stopping the server is quick and stays on the GUI thread. Closing the
dialog stops the server and deletes the published copies.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.errors import KnownError
from capadesk.core.handoff.access import DEFAULT_MINUTES, MAX_MINUTES
from capadesk.core.handoff.interfaces import (
    Interface,
    list_interfaces,
    no_private_address_advice,
    proposed,
)
from capadesk.core.handoff.publication import Publication, publish
from capadesk.core.handoff.qr import summary_text
from capadesk.core.handoff.server import HandoffServer
from capadesk.core.handoff.wifi import WifiNetwork, load_wifi, save_wifi
from capadesk.core.runner.clock import Clock
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.handoff.projection import SLIDES, HandoffProjection
from capadesk.ui.handoff.qr_view import QrView

Lister = Callable[[], Sequence[Interface]]


def time_left_text(seconds: float) -> str:
    """« Se ferme dans 1 h 05 min », « … dans 40 s », « Fermé »."""
    whole = int(seconds)
    if whole <= 0:
        return _("Fermé")
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        left = f"{hours}\u00a0h\u00a0{minutes:02d}\u00a0min"
    elif minutes:
        left = f"{minutes}\u00a0min"
    else:
        left = f"{secs}\u00a0s"
    return _("Se ferme dans {time}").format(time=left)


class _Signals(QObject):
    progress = Signal(int, str)
    done = Signal(object)  # the Publication, or the exception raised


class _PublishJob(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Publication]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work

    def run(self) -> None:
        def progress(done: int, total: int, label: str) -> None:
            self.signals.progress.emit(100 * done // max(total, 1), label)

        try:
            result: object = self._work(progress)
        except Exception as error:  # handed to the GUI thread, re-raised there if a bug
            result = error
        self.signals.done.emit(result)


class HandoffDialog(QDialog):
    """See module docstring. ``server`` is the running server, None when stopped."""

    started = Signal(str)  # the URL (with its token)
    stopped = Signal()
    failed = Signal(str)  # the French message shown

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        workshop_id: uuid.UUID,
        app_paths: AppPaths,
        *,
        clock: Clock | None = None,
        lister: Lister = list_interfaces,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.workshop_id, self.app_paths = store, workshop_id, app_paths
        self.clock, self.zone, self._lister = clock, zone, lister
        self.server: HandoffServer | None = None
        self.publication: Publication | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="capadesk-partage-")
        self._jobs: list[_PublishJob] = []
        self._closing = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.projection = HandoffProjection()
        self.setWindowTitle(_("Partager avec les participants"))

        self.interface_box = QComboBox()
        self.interface_box.setAccessibleName(_("Réseau à utiliser"))
        self.refresh_button = QPushButton(_("Ac&tualiser"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { color: #9A4D00; font-weight: bold; }")
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(5, MAX_MINUTES)
        self.minutes_box.setValue(DEFAULT_MINUTES)
        self.minutes_box.setSuffix("\u00a0min")
        self.minutes_box.setAccessibleName(_("Durée du partage en minutes"))
        self.ssid_edit = QLineEdit()
        self.ssid_edit.setAccessibleName(_("Nom du Wi-Fi de la salle"))
        self.password_edit = QLineEdit()
        self.password_edit.setAccessibleName(_("Mot de passe du Wi-Fi"))
        self.after_edit = QPlainTextEdit()
        self.after_edit.setAccessibleName(_("Et après l'atelier\u00a0?"))
        self.after_edit.setPlaceholderText(
            _("Ce qui se passe ensuite (laissé vide\u00a0: un texte par défaut)")
        )
        self.after_edit.setMaximumHeight(64)
        remembered = load_wifi(app_paths.config_dir)
        if remembered:
            self.ssid_edit.setText(remembered.ssid)
            self.password_edit.setText(remembered.password)

        self.start_button = QPushButton(_("&Démarrer le partage"))
        self.stop_button = QPushButton(_("&Arrêter"))
        self.project_button = QPushButton(_("&Projeter"))
        self.project_button.setCheckable(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(_("Préparation du compte rendu"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.url_label = QLabel()
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setAccessibleName(_("Adresse de la page"))
        self.url_label.setWordWrap(True)
        self.time_left = QLabel()
        self.time_left.setAccessibleName(_("Temps restant"))
        self.page_qr = QrView(_("QR code de la page"))
        self.wifi_qr = QrView(_("QR code du Wi-Fi"))
        self.text_qr = QrView(_("QR code du résumé"))
        self.text_view = QLabel()
        self.text_view.setTextFormat(Qt.TextFormat.PlainText)
        self.text_view.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tab(self.wifi_qr), _("1. Wi-Fi"))
        self.tabs.addTab(self._tab(self.page_qr, self.url_label, self.time_left), _("2. Page"))
        self.tabs.addTab(self._tab(self.text_qr, self.text_view), _("Sans réseau"))
        self.tabs.setCurrentIndex(1)

        form = QFormLayout()
        network_row = QHBoxLayout()
        network_row.addWidget(self.interface_box, 1)
        network_row.addWidget(self.refresh_button)
        form.addRow(_("Réseau\u00a0:"), network_row)
        form.addRow(self.warning)
        form.addRow(_("Durée\u00a0:"), self.minutes_box)
        wifi_row = QHBoxLayout()
        wifi_row.addWidget(self.ssid_edit)
        wifi_row.addWidget(QLabel(_("Mot de passe\u00a0:")))
        wifi_row.addWidget(self.password_edit)
        form.addRow(_("Wi-Fi de la salle\u00a0:"), wifi_row)
        form.addRow(_("Et après\u00a0?"), self.after_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.project_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.refresh_button.clicked.connect(self.refresh_interfaces)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.project_button.toggled.connect(self.show_projection)
        self.tabs.currentChanged.connect(self._follow_tab)
        self.ssid_edit.textChanged.connect(self._update_wifi)
        self.password_edit.textChanged.connect(self._update_wifi)
        self.resize(760, 820)
        self.refresh_interfaces()
        self._update_wifi()
        self._set_state()

    @staticmethod
    def _tab(*widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(widgets[0], 1)
        for widget in widgets[1:]:
            layout.addWidget(widget)
        return page

    # --- the network -----------------------------------------------------------------------

    def refresh_interfaces(self) -> None:
        """List the addresses again; select the private one proposed, warn when there is none."""
        found = list(self._lister())
        choice = proposed(found)
        self.interface_box.clear()
        for interface in found:
            self.interface_box.addItem(interface.label, interface.address)
        if choice is not None:
            self.interface_box.setCurrentIndex(self.interface_box.findData(choice.address))
        self.warning.setText("" if choice else no_private_address_advice())
        self.warning.setVisible(choice is None)

    def address(self) -> str | None:
        """The address chosen in the list."""
        data = self.interface_box.currentData()
        return str(data) if data else None

    def _update_wifi(self) -> None:
        network = WifiNetwork(self.ssid_edit.text().strip(), self.password_edit.text())
        payload = network.payload() if network.ssid else ""
        self.wifi_qr.set_data(payload)
        self.projection.set_wifi(payload, network.ssid)

    # --- start and stop --------------------------------------------------------------------

    def start(self) -> None:
        """Build the publication off the GUI thread, then serve it."""
        if self.server is not None or self._jobs:
            return
        ssid = self.ssid_edit.text().strip()
        if ssid:
            try:
                save_wifi(self.app_paths.config_dir, WifiNetwork(ssid, self.password_edit.text()))
            except KnownError as error:
                self.status.setText(error.message)
        after = self.after_edit.toPlainText()
        folder = Path(self._folder.name) / uuid.uuid4().hex

        from capadesk.core.domain.matrix import user_templates_dir

        def work(progress: Callable[[int, int, str], None]) -> Publication:
            return publish(
                self.store,
                self.workshop_id,
                folder,
                photos_dir=self.app_paths.photos_dir,
                matrix_templates_dir=user_templates_dir(self.app_paths),
                after=after,
                progress=progress,
            )

        job = _PublishJob(work)
        job.signals.progress.connect(self._progress)
        job.signals.done.connect(lambda result: self._published(job, result))
        self._jobs.append(job)
        self.progress.setValue(0)
        self.status.setText(_("Préparation du compte rendu…"))
        self._set_state()
        self.pool.start(job)

    def _progress(self, percent: int, label: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(label)

    def _published(self, job: _PublishJob, result: object) -> None:
        self._jobs.remove(job)
        if self._closing:  # closed while the files were being written: nothing to serve
            return
        if isinstance(result, KnownError):
            self._fail(result.message)
            return
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, Publication)
        self.publication = result
        self._serve(result)

    def _serve(self, publication: Publication) -> None:
        address = self.address()
        if address is None:
            self._fail(_("Aucun réseau choisi."))
            return
        server = HandoffServer(
            publication, address, minutes=self.minutes_box.value(), clock=self.clock, zone=self.zone
        )
        try:
            server.start()
        except OSError as error:
            self._fail(
                _("Impossible d'ouvrir le partage sur {address}\u00a0: {error}").format(
                    address=address, error=error.strerror or error
                )
            )
            return
        self.server = server
        self.page_qr.set_data(server.url)
        self.url_label.setText(server.url)
        self.projection.set_page(server.url)
        text = summary_text(publication)
        self.text_qr.set_data(text)
        self.text_view.setText(text)
        self.projection.set_text(text)
        self.progress.setValue(100)
        self.status.setText(_("Partage ouvert. Les téléphones doivent être sur le même réseau."))
        self.tabs.setCurrentIndex(0 if self.wifi_qr.data else 1)
        self.timer.start()
        self.tick()
        self._set_state()
        self.started.emit(server.url)

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.progress.setValue(0)
        self._set_state()
        self.failed.emit(message)

    def stop(self) -> None:
        """Stop serving: every phone is refused from now on, the port is freed."""
        server, self.server = self.server, None
        self.timer.stop()
        if server is None:
            return
        server.stop()
        self.page_qr.set_data("")
        self.url_label.setText("")
        self.projection.set_page("")
        self.time_left.setText(_("Fermé"))
        self.status.setText(_("Partage arrêté."))
        self._set_state()
        self.stopped.emit()

    def tick(self) -> None:
        """Show the time left; stop at the expiry."""
        if self.server is None:
            return
        left = self.server.access.seconds_left()
        self.time_left.setText(time_left_text(left))
        if left <= 0 or not self.server.running:
            self.stop()
            self.status.setText(_("Le partage a expiré."))

    def _set_state(self) -> None:
        busy = bool(self._jobs)
        serving = self.server is not None
        self.start_button.setEnabled(not busy and not serving)
        self.stop_button.setEnabled(serving)
        self.interface_box.setEnabled(not busy and not serving)
        self.refresh_button.setEnabled(not busy and not serving)
        self.minutes_box.setEnabled(not busy and not serving)
        self.progress.setVisible(busy)

    # --- the projection --------------------------------------------------------------------

    def show_projection(self, shown: bool) -> None:
        """Show the slides full screen on the last screen (the projector when there is one)."""
        if not shown:
            self.projection.hide()
            return
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.projection.setScreen(screens[-1])
            self.projection.setGeometry(screens[-1].geometry())
        self.projection.showFullScreen()
        self._follow_tab(self.tabs.currentIndex())

    def _follow_tab(self, index: int) -> None:
        self.projection.show_slide(SLIDES[index])

    # --- closing ---------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._shut()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self._shut()
        super().closeEvent(event)

    def _shut(self) -> None:
        self._closing = True
        self.stop()
        self.projection.close()
        self.pool.waitForDone()
        self._folder.cleanup()
