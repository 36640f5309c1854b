"""Several commands undone and redone as one (« Supprimer 3 cartes »)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command

if TYPE_CHECKING:
    from capadesk.core.storage.store import Store


def merged(first: Changes, second: Changes) -> Changes:
    """Everything either touched (every field, so a field added to Changes is never lost)."""
    return Changes._make(
        a | b if isinstance(a, frozenset) and isinstance(b, frozenset) else bool(a or b)
        for a, b in zip(first, second, strict=True)
    )


class Batch:
    """Applies ``commands`` in order and reverts them in reverse; all or nothing: when one
    fails, those already applied are reverted before the error goes on."""

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
        changes = Changes()
        done: list[Command] = []
        try:
            for command in commands:
                step = command.apply if forward else command.revert
                changes = merged(changes, step(store))
                done.append(command)
        except Exception:
            for command in reversed(done):
                (command.revert if forward else command.apply)(store)
            raise
        return changes
