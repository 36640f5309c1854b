"""Undoable operations: small objects that apply and revert through services only.

The UI wraps each in one generic QUndoCommand adapter; tests drive them without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from capadesk.core.services.changes import Changes

if TYPE_CHECKING:  # the UI imports this before SQLAlchemy is loaded (fast first frame)
    from capadesk.core.storage.store import Store


class Command(Protocol):
    """An action the user can undo and redo."""

    @property
    def text(self) -> str:
        """The French label shown in « Annuler … » and « Rétablir … »."""
        ...

    def apply(self, store: Store) -> Changes:
        """Do (or redo) the action."""
        ...

    def revert(self, store: Store) -> Changes:
        """Undo the action, leaving the store as it was before ``apply``."""
        ...


class CommandGroup:
    """Several commands as one undo entry (« Supprimer 3 cartes »): applied in order, reverted
    in reverse; all or nothing: when one fails, those already done are undone before the error
    goes on."""

    def __init__(self, text: str, commands: Sequence[Command]) -> None:
        self._text = text
        self.commands = list(commands)

    @property
    def text(self) -> str:
        return self._text

    def apply(self, store: Store) -> Changes:
        return self._run(store, self.commands, forward=True)

    def revert(self, store: Store) -> Changes:
        return self._run(store, self.commands[::-1], forward=False)

    @staticmethod
    def _run(store: Store, commands: Sequence[Command], *, forward: bool) -> Changes:
        changes: list[Changes] = []
        done: list[Command] = []
        try:
            for command in commands:
                changes.append(command.apply(store) if forward else command.revert(store))
                done.append(command)
        except Exception:
            for command in reversed(done):
                (command.revert if forward else command.apply)(store)
            raise
        return Changes().merged(*changes)
