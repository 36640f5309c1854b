"""The thread the projection and the backcast work on: a list of the workshop's threads (the
vote's kept ones first, marked « ★ ») and « Nouveau fil… » when the wall has none yet."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from capadesk.core.domain.capture import ThreadView
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text


class ThreadChoice(QWidget):
    """See module docstring. ``current_id`` is the chosen thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Fil commun"))
        self.new_button = QPushButton(_("Nouveau fil…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Fil commun\u00a0:")))
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.threads: list[ThreadView] = []

    @property
    def current_id(self) -> uuid.UUID | None:
        """The chosen thread, None when the workshop has none."""
        data = self.combo.currentData()
        return data if isinstance(data, uuid.UUID) else None

    @property
    def current_title(self) -> str:
        """The chosen thread's title."""
        return next((t.title for t in self.threads if t.public_id == self.current_id), "")

    def set_threads(self, threads: Sequence[ThreadView], chosen: uuid.UUID | None) -> None:
        """List ``threads`` and keep ``chosen`` (else the first) chosen, without signals."""
        self.threads = list(threads)
        self.combo.blockSignals(True)
        self.combo.clear()
        for thread in threads:
            mark = "★ " if thread.kept else ""
            self.combo.addItem(mark + menu_text(thread.title), thread.public_id)
        if not threads:
            self.combo.addItem(_("(aucun fil commun\u00a0: créez-en un)"), None)
        index = self.combo.findData(chosen) if chosen is not None else -1
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
