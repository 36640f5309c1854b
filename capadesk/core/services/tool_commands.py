"""The method tools' undoable commands: write a document (create, edit, delete), and run several
commands as one (a photo attached and linked, irritants sent to the wall and marked sent).

Every edit of a tool is a ``PutDocument`` holding the content before and after: undo writes
the content before back (or deletes a document the edit created), redo writes the one after.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from capadesk.core.services import tool_documents
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import CommandGroup
from capadesk.core.services.tool_documents import Content, DocumentPlace
from capadesk.core.storage.store import Store


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


Steps = CommandGroup  # the tools' name for several commands run as one undo entry
