"""The Lego builds of a workshop: per défi group, one document per photo of the build."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from capadesk.core.domain import lego
from capadesk.core.domain.lego import LegoBuild
from capadesk.core.domain.people import GroupView
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.groups import list_groups
from capadesk.core.services.tool_documents import (
    Codec,
    DocumentPlace,
    ToolDocument,
    read_documents,
)
from capadesk.core.storage.models import WorkGroup
from capadesk.core.storage.store import Store

CODEC: Codec[LegoBuild] = Codec(
    lego.KIND, lego.FORMAT_VERSION, lego.load, lego.dump, lego.title, LegoBuild
)


def place(
    workshop_id: uuid.UUID, group_id: uuid.UUID, step_id: uuid.UUID | None = None
) -> DocumentPlace:
    """Where a new build photo of ``group_id`` goes."""
    return DocumentPlace(lego.KIND, workshop_id, step_id=step_id, group_id=group_id)


def build_groups(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None
) -> list[GroupView]:
    """The groups that build: the step's own, else the day's, else those of the latest step
    before it whose groups have défis (formed when each person chose a défi)."""
    groups = list_groups(store, workshop_id, step_id) if step_id is not None else []
    groups = groups or list_groups(store, workshop_id, None)
    if groups:
        return groups
    steps = list(read_agenda(store, workshop_id).step_ids)
    if step_id in steps:
        steps = steps[: steps.index(step_id)]
    for earlier in reversed(steps):
        found = list_groups(store, workshop_id, earlier)
        if any(g.challenge for g in found):
            return found
    return []


def builds_of(
    store: Store, workshop_id: uuid.UUID, group_id: uuid.UUID | None = None
) -> list[ToolDocument[LegoBuild]]:
    """The build photos of one group (of every group when None), in the order taken."""
    found = read_documents(store, workshop_id, lego.KIND, group_id=group_id)
    return [CODEC.decode(d) for d in found]


def group_labels(store: Store, group_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    """(name, défi) of each group asked, whatever step it belongs to."""
    wanted = list(set(group_ids))
    if not wanted:
        return {}
    with store.read() as session:
        rows = session.execute(
            select(WorkGroup.public_id, WorkGroup.name, WorkGroup.challenge).where(
                WorkGroup.public_id.in_(wanted)
            )
        )
        return {public_id: (name, challenge) for public_id, name, challenge in rows}
