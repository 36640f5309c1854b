"""The persona library of a programme: every workshop of the programme lists its personas."""

from __future__ import annotations

import uuid

from capadesk.core.domain import persona
from capadesk.core.domain.persona import Persona
from capadesk.core.services.tool_documents import (
    Codec,
    DocumentPlace,
    ToolDocument,
    read_documents,
)
from capadesk.core.storage.store import Store

CODEC: Codec[Persona] = Codec(
    persona.KIND, persona.FORMAT_VERSION, persona.load, persona.dump, persona.title, Persona
)


def place(workshop_id: uuid.UUID, step_id: uuid.UUID | None = None) -> DocumentPlace:
    """Where a new persona goes: the programme's library (the workshop's own without one)."""
    return DocumentPlace(persona.KIND, workshop_id, step_id=step_id, library=True)


def library(store: Store, workshop_id: uuid.UUID) -> list[ToolDocument[Persona]]:
    """The personas the workshop can use, in the library's order."""
    return [CODEC.decode(d) for d in read_documents(store, workshop_id, persona.KIND)]
