"""The Spider Web boards of a workshop (several tables may each draw one)."""

from __future__ import annotations

import uuid

from capadesk.core.domain import spider_web
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.core.services.participants import list_participants
from capadesk.core.services.tool_documents import (
    Codec,
    DocumentPlace,
    ToolDocument,
    read_documents,
)
from capadesk.core.storage.store import Store

CODEC: Codec[SpiderWeb] = Codec(
    spider_web.KIND,
    spider_web.FORMAT_VERSION,
    spider_web.load,
    spider_web.dump,
    spider_web.title,
    SpiderWeb,
)


def place(workshop_id: uuid.UUID, step_id: uuid.UUID | None = None) -> DocumentPlace:
    """Where a new board goes."""
    return DocumentPlace(spider_web.KIND, workshop_id, step_id=step_id)


def list_webs(store: Store, workshop_id: uuid.UUID) -> list[ToolDocument[SpiderWeb]]:
    """The workshop's boards, oldest first."""
    return [CODEC.decode(d) for d in read_documents(store, workshop_id, spider_web.KIND)]


def voters(store: Store, workshop_id: uuid.UUID) -> int:
    """How many dots a new board starts with: the people marked arrived, else the roster."""
    people = list_participants(store, workshop_id)
    arrived = [p for p in people if p.arrived_at is not None]
    return len(arrived or people)
