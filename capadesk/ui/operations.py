"""The one road from a user action to the store: apply, record for undo, broadcast what changed.

Signals:
    changes_made(Changes): after any successful apply, undo or redo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from capadesk.core.errors import KnownError
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.i18n import _
from capadesk.ui.dialogs.prompts import Prompts

if TYPE_CHECKING:  # SQLAlchemy loads with the store, after the first frame
    from capadesk.core.storage.store import Store


class _UndoAdapter(QUndoCommand):
    """Wraps a core command; the first redo is skipped because the command already ran."""

    def __init__(self, command: Command, operations: Operations) -> None:
        super().__init__(command.text)
        self._command = command
        self._operations = operations
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._operations._run(self, self._command.apply)

    def undo(self) -> None:
        self._operations._run(self, self._command.revert)


class Operations(QObject):
    """Runs commands against the store for every presenter (see module docstring)."""

    changes_made = Signal(object)

    def __init__(self, undo_stack: QUndoStack, prompts: Prompts, parent: QWidget) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._prompts = prompts
        self._window = parent
        self._store: Store | None = None

    @property
    def store(self) -> Store | None:
        """The open store, or None while it is opening or could not be opened."""
        return self._store

    def attach(self, store: Store) -> None:
        """Start working on ``store``."""
        self._store = store

    def execute(self, command: Command) -> bool:
        """Apply ``command``; on success make it undoable and return True."""
        if self._store is None:
            # The store opens on a worker thread just after the window shows (or it failed,
            # which the banner already says): never drop an action without a word.
            self._prompts.show_error(
                self._window,
                _("La base de données n'est pas encore ouverte\u00a0; rien n'a été enregistré."),
            )
            return False
        try:
            changes = command.apply(self._store)
        except KnownError as error:
            self._prompts.show_error(self._window, error.message)
            return False
        self.undo_stack.push(_UndoAdapter(command, self))
        self.changes_made.emit(changes)
        return True

    def _run(self, adapter: _UndoAdapter, step: Callable[[Store], Changes]) -> None:
        if self._store is None:
            return
        try:
            changes = step(self._store)
        except KnownError as error:
            # The store refused: this history entry can no longer be replayed safely.
            adapter.setObsolete(True)
            self._prompts.show_error(self._window, error.message)
            return
        self.changes_made.emit(changes)
