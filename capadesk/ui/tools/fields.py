"""Entry fields that save when the typing is done, not at each key: Enter or leaving the field
(Tab, a click elsewhere) commits what changed, Échap puts back the saved text.

``set_saved`` shows the stored value without committing anything, and leaves the text alone
when it is already the same (so a refresh after one's own edit never moves the cursor).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


class CommitLine(QLineEdit):
    """One line, committed on Enter or when focus leaves.

    Signals:
        committed(str): the text typed differs from the saved one.
    """

    committed = Signal(str)

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self._saved = ""
        self.editingFinished.connect(self.commit)

    def set_saved(self, text: str) -> None:
        """Show the stored ``text``."""
        self._saved = text
        if self.text() != text:
            self.setText(text)

    def commit(self) -> None:
        """Emit ``committed`` when the text changed."""
        if self.text() != self._saved:
            self._saved = self.text()
            self.committed.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape and self.text() != self._saved:
            self.setText(self._saved)
            return
        super().keyPressEvent(event)


class CommitText(QPlainTextEdit):
    """Several lines (one item per line), committed on Ctrl+Enter or when focus leaves; Tab
    moves on to the next field instead of typing a tab.

    Signals:
        committed(str): the text typed differs from the saved one.
    """

    committed = Signal(str)

    def __init__(
        self, name: str, placeholder: str = "", lines: int = 3, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._saved = ""
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 3)

    def set_saved(self, text: str) -> None:
        """Show the stored ``text``."""
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        """Emit ``committed`` when the text changed."""
        if self.toPlainText() != self._saved:
            self._saved = self.toPlainText()
            self.committed.emit(self._saved)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit()
            return
        if event.key() == Qt.Key.Key_Escape and self.toPlainText() != self._saved:
            self.setPlainText(self._saved)
            return
        super().keyPressEvent(event)
