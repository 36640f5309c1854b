"""A QR code painted from its matrix: crisp at any size, dark on white with its quiet zone."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from capadesk.core.handoff.qr import Matrix, qr_matrix

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


class QrView(QWidget):
    """Paints the QR code of ``data`` as large as the widget allows (whole modules only)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.data = ""
        self._matrix: Matrix = []

    def set_data(self, data: str) -> None:
        """Show ``data``'s code (nothing when empty)."""
        self.data = data
        self._matrix = qr_matrix(data) if data else []
        self.setAccessibleDescription(data)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(320, 320)

    def code_rect(self) -> QRect:
        """Where the code and its quiet zone are painted."""
        count = len(self._matrix) + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        module = max(1, side // count) if count else 1
        size = module * count
        return QRect((self.width() - size) // 2, (self.height() - size) // 2, size, size)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if not self._matrix:
            return
        painter = QPainter(self)
        area = self.code_rect()
        module = area.width() // (len(self._matrix) + 2 * QUIET_ZONE)
        painter.fillRect(area, QColor(Qt.GlobalColor.white))
        dark = QColor(Qt.GlobalColor.black)
        left = area.left() + QUIET_ZONE * module
        top = area.top() + QUIET_ZONE * module
        for y, row in enumerate(self._matrix):
            for x, on in enumerate(row):
                if on:
                    painter.fillRect(left + x * module, top + y * module, module, module, dark)
        painter.end()
