"""The method tools of a workshop as plain data for the restitution: read once, in the order the
PDF prints them, with the paths of their photos (``method_tools_pdf`` turns them into pages).

Personas are the programme's library as the workshop sees it; stories and backcasts are given
per thread (the kept threads first); Lego builds per défi group. Unreadable documents (damaged,
or written by a newer CapaDesk) are left out and counted in ``skipped``.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TypeVar

from capadesk.core.domain.method_tools import LegoGroup, MethodTools, ThreadProjection
from capadesk.core.errors import ValidationError
from capadesk.core.services import backcasts, journey_maps, lego_builds, personas, spider_webs
from capadesk.core.services.photo_files import photo_file
from capadesk.core.services.tool_documents import StoredDocument, ToolDocument
from capadesk.core.storage.store import Store

T = TypeVar("T")


def _photo(photos_dir: Path, stored: StoredDocument) -> Path | None:
    if not stored.photo_file:
        return None
    try:
        return photo_file(photos_dir, stored.photo_file)
    except ValidationError:  # a name from an imported archive that is not one of ours
        return None


def _readable(documents: list[ToolDocument[T]]) -> tuple[list[ToolDocument[T]], int]:
    good = [d for d in documents if not d.problem]
    return good, len(documents) - len(good)


def read_method_tools(store: Store, workshop_id: uuid.UUID, photos_dir: Path) -> MethodTools:
    """See module docstring."""
    cards, skipped_cards = _readable(personas.library(store, workshop_id))
    webs, skipped_webs = _readable(spider_webs.list_webs(store, workshop_id))
    journeys, skipped_journeys = _readable(journey_maps.list_maps(store, workshop_id))
    builds, skipped_builds = _readable(lego_builds.builds_of(store, workshop_id))
    skipped = skipped_cards + skipped_webs + skipped_journeys + skipped_builds
    projections = []
    for thread in backcasts.threads_for(store, workshop_id):
        story = backcasts.story_of(store, workshop_id, thread.public_id)
        timeline = backcasts.backcast_of(store, workshop_id, thread.public_id)
        skipped += sum(1 for d in (story, timeline) if d is not None and d.problem)
        story = story if story is not None and not story.problem else None
        timeline = timeline if timeline is not None and not timeline.problem else None
        if story is None and timeline is None:
            continue
        projections.append(
            ThreadProjection(
                thread.title,
                story.value if story else None,
                _photo(photos_dir, story.stored) if story else None,
                timeline.value if timeline else None,
            )
        )
    labels = lego_builds.group_labels(
        store, (d.stored.group_id for d in builds if d.stored.group_id is not None)
    )
    lego = []
    for group_id in dict.fromkeys(d.stored.group_id for d in builds):
        name, challenge = labels.get(group_id, ("", "")) if group_id else ("", "")
        photos = tuple(
            (d.value, _photo(photos_dir, d.stored)) for d in builds if d.stored.group_id == group_id
        )
        lego.append(LegoGroup(name, challenge, photos))
    return MethodTools(
        tuple((d.value, _photo(photos_dir, d.stored)) for d in cards),
        tuple(d.value for d in webs),
        tuple(d.value for d in journeys),
        tuple(projections),
        tuple(lego),
        skipped,
    )
