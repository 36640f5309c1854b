"""Long work on a one-thread pool, with a progress bar and « Annuler ».

Cancelling is cooperative: the work's progress callback raises ExportCancelledError at its
next call, and the core then writes nothing (files are written whole, an import stops before
its backup).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from capadesk.i18n import _

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress], object]


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)  # the result, or the exception raised


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancelled: Callable[[], Exception]) -> None:
        super().__init__()
        self._work, self._signals, self._cancelled = work, signals, cancelled
        self.stop = threading.Event()

    def run(self) -> None:
        def progress(done: int, total: int, label: str) -> None:
            if self.stop.is_set():
                raise self._cancelled()
            self._signals.progress.emit(done, total, label)

        try:
            result: object = self._work(progress)
        except Exception as error:  # handed to the GUI thread, re-raised there if a bug
            result = error
        self._signals.done.emit(result)


class ProgressPanel(QWidget):
    """A progress bar, what is being done, and « Annuler »; hidden while idle.

    ``done`` carries the work's result or the exception it raised (ExportCancelledError after
    a cancel), on the GUI thread.
    """

    progressed = Signal(int, int, str)
    done = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._job: _Job | None = None
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Progression"))
        self.label = QLabel()
        self.cancel_button = QPushButton(_("&Annuler"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.cancel_button)
        self.hide()

    @property
    def working(self) -> bool:
        return self._job is not None

    def start(self, work: Work, doing: str, cancelled: Callable[[], Exception]) -> None:
        """Run ``work(progress)`` on the pool; ``cancelled()`` builds what a cancel raises."""
        signals = _Signals(self)
        signals.progress.connect(self._on_progress)
        signals.done.connect(self._on_done)
        self._job = _Job(work, signals, cancelled)
        self.bar.setRange(0, 0)  # moving until the work says how much there is
        self.label.setText(doing)
        self.cancel_button.setEnabled(True)
        self.show()
        self.pool.start(self._job)

    def cancel(self) -> None:
        """Ask the work to stop at its next step."""
        if self._job is not None:
            self._job.stop.set()
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Annulation…"))

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self._job is None or self._job.stop.is_set():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.label.setText(label)
        self.progressed.emit(done, total, label)

    def _on_done(self, outcome: object) -> None:
        self._job = None
        self.hide()
        self.done.emit(outcome)
