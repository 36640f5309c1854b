"""Projection 2027 and rétroplanning: per thread, a story document and a backcast document."""

from __future__ import annotations

import datetime as dt
import uuid

from capadesk.core.domain import backcast
from capadesk.core.domain.backcast import Backcast, Story
from capadesk.core.domain.capture import ThreadView
from capadesk.core.services.threads import list_threads
from capadesk.core.services.tool_documents import (
    Codec,
    DocumentPlace,
    ToolDocument,
    read_documents,
)
from capadesk.core.storage.store import Store

STORY_CODEC: Codec[Story] = Codec(
    backcast.STORY_KIND,
    backcast.FORMAT_VERSION,
    backcast.load_story,
    backcast.dump_story,
    lambda story: story.heading,
    Story,
)
CODEC: Codec[Backcast] = Codec(
    backcast.KIND, backcast.FORMAT_VERSION, backcast.load, backcast.dump, backcast.title, Backcast
)


def threads_for(store: Store, workshop_id: uuid.UUID) -> list[ThreadView]:
    """The threads a projection works on: the kept ones first (the vote's choice), then the
    others, each group in the wall's order."""
    threads = list_threads(store, workshop_id)
    return [t for t in threads if t.kept] + [t for t in threads if not t.kept]


def story_place(
    workshop_id: uuid.UUID, thread_id: uuid.UUID, step_id: uuid.UUID | None = None
) -> DocumentPlace:
    """Where a thread's story goes."""
    return DocumentPlace(backcast.STORY_KIND, workshop_id, step_id=step_id, thread_id=thread_id)


def backcast_place(
    workshop_id: uuid.UUID, thread_id: uuid.UUID, step_id: uuid.UUID | None = None
) -> DocumentPlace:
    """Where a thread's backcast goes."""
    return DocumentPlace(backcast.KIND, workshop_id, step_id=step_id, thread_id=thread_id)


def story_of(
    store: Store, workshop_id: uuid.UUID, thread_id: uuid.UUID
) -> ToolDocument[Story] | None:
    """The thread's story in this workshop, None before it is written."""
    found = read_documents(store, workshop_id, backcast.STORY_KIND, thread_id=thread_id)
    return STORY_CODEC.decode(found[0]) if found else None


def backcast_of(
    store: Store, workshop_id: uuid.UUID, thread_id: uuid.UUID
) -> ToolDocument[Backcast] | None:
    """The thread's backcast in this workshop, None before its first post-it."""
    found = read_documents(store, workshop_id, backcast.KIND, thread_id=thread_id)
    return CODEC.decode(found[0]) if found else None


def new_story(today: dt.date) -> Story:
    """An empty story told from the default target year."""
    return Story(year=backcast.default_target(today))
