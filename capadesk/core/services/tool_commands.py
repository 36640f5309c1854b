"""The method tools' undoable commands: write a document (create, edit, delete), and run several
commands as one (a photo attached and linked, irritants sent to the wall and marked sent).

Every edit of a tool is a ``PutDocument`` holding the content before and after: undo writes
the content before back (or deletes a document the edit created), redo writes the one after.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from capadesk.core.services import tool_documents
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.tool_documents import Content, DocumentPlace
from capadesk.core.storage.store import Store


def merged(*all_changes: Changes) -> Changes:
    """Everything any of ``all_changes`` touched."""
    fields: dict[str, object] = {}
    for name in Changes._fields:
        values = [getattr(c, name) for c in all_changes]
        fields[name] = any(values) if name == "workshop_list" else frozenset().union(*values)
    return Changes(**fields)  # type: ignore[arg-type]


@dataclass
class PutDocument:
    """One edit of a tool's document. ``before`` None: the edit creates it; ``after`` None: the
    edit deletes it."""

    label: str
    place: DocumentPlace
    public_id: uuid.UUID
    before: Content | None
    after: Content | None

    @property
    def text(self) -> str:
        return self.label

    def _write(self, store: Store, content: Content | None) -> Changes:
        if content is None:
            return tool_documents.delete_document(store, self.public_id, self.place.workshop_id)
        return tool_documents.put_document(store, self.public_id, self.place, content)

    def apply(self, store: Store) -> Changes:
        return self._write(store, self.after)

    def revert(self, store: Store) -> Changes:
        return self._write(store, self.before)


class Steps:
    """Several commands as one undo entry: applied in order, reverted in reverse; when one fails
    the ones already done are undone before the error goes on (all or nothing)."""

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
        done: list[Command] = []
        changes: list[Changes] = []
        try:
            for command in commands:
                changes.append(command.apply(store) if forward else command.revert(store))
                done.append(command)
        except Exception:
            for command in reversed(done):
                if forward:
                    command.revert(store)
                else:
                    command.apply(store)
            raise
        return merged(*changes)
