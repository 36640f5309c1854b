"""Keys a widget keeps for itself while it has the focus (F2, Suppr on the wall and the threads).

The main window binds F2 (« Modifier l'atelier ») for the whole window: two enabled shortcuts on
one key cancel each other in Qt. Claiming the key at ShortcutOverride makes the focused widget
receive it as a plain key press, so the wall's F2 edits the card and the window's F2 still works
everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class KeyClaim(QObject):
    """Routes the claimed unmodified keys pressed in ``widget`` to their handlers."""

    def __init__(self, widget: QWidget, handlers: dict[Qt.Key, Callable[[], None]]) -> None:
        super().__init__(widget)
        self.handlers = handlers
        widget.installEventFilter(self)

    def _handler(self, event: QEvent) -> Callable[[], None] | None:
        if not isinstance(event, QKeyEvent):
            return None
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return None
        return self.handlers.get(Qt.Key(event.key()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._handler(event) is not None:
            event.accept()  # « this key is mine »: no window shortcut fires
            return True
        if kind == QEvent.Type.KeyPress:
            handler = self._handler(event)
            if handler is not None:
                handler()
                return True
        return False
