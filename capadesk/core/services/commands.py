"""Undoable operations: small objects that apply and revert through services only.

The UI wraps each in one generic QUndoCommand adapter; tests drive them without Qt.
"""

from __future__ import annotations

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
