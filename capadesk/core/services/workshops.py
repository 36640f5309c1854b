"""Workshop use cases: list, create, edit, duplicate, delete and restore."""

from __future__ import annotations

import datetime as dt
import uuid

from capadesk.core.domain.workshop import (
    WorkshopSummary,
    clean_text,
    clean_title,
    copy_title,
    folded,
    in_list_order,
)
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import Step, Track, UseCase, Workshop, utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def summarise(workshop: Workshop) -> WorkshopSummary:
    """The plain view of a workshop row (its programme must be loaded)."""
    return WorkshopSummary(
        public_id=workshop.public_id,
        title=workshop.title,
        place=workshop.place,
        day=workshop.day,
        programme_title=workshop.programme.title if workshop.programme else None,
        updated_at=workshop.updated_at,
    )


def list_workshops(store: Store) -> list[WorkshopSummary]:
    """Every workshop not deleted, newest day first."""
    with store.read() as session:
        return in_list_order([summarise(w) for w in WorkshopRepository(session).active()])


def get_workshop(store: Store, public_id: uuid.UUID) -> WorkshopSummary:
    """One workshop, or NotFoundError."""
    with store.read() as session:
        return summarise(WorkshopRepository(session).get(public_id))


def list_programmes(store: Store) -> list[str]:
    """Programme titles, to offer when creating or editing a workshop."""
    with store.read() as session:
        return WorkshopRepository(session).programme_titles()


def create_workshop(
    store: Store,
    title: str,
    *,
    place: str = "",
    day: dt.date | None = None,
    programme: str | None = None,
    public_id: uuid.UUID | None = None,
) -> tuple[WorkshopSummary, Changes]:
    """Create an empty workshop; ``programme`` names a programme, created if new."""
    title = clean_title(title)
    with store.write() as session:
        repository = WorkshopRepository(session)
        workshop = Workshop(
            public_id=public_id or uuid.uuid4(), title=title, place=clean_text(place), day=day
        )
        programme_title = clean_text(programme)
        if programme_title:
            workshop.programme = repository.programme_titled(programme_title)
        repository.add(workshop)
        summary = summarise(workshop)
    return summary, Changes.of_workshop(summary.public_id, listing=True)


def edit_workshop(
    store: Store,
    public_id: uuid.UUID,
    *,
    title: str,
    place: str,
    day: dt.date | None,
    programme: str | None,
) -> tuple[WorkshopSummary, Changes]:
    """Change a workshop's title, place, day and programme."""
    title = clean_title(title)
    with store.write() as session:
        repository = WorkshopRepository(session)
        workshop = repository.get(public_id)
        workshop.title = title
        workshop.place = clean_text(place)
        workshop.day = day
        programme_title = clean_text(programme)
        workshop.programme = (
            repository.programme_titled(programme_title) if programme_title else None
        )
        session.flush()
        summary = summarise(workshop)
    return summary, Changes.of_workshop(public_id, listing=True)


def duplicate_workshop(
    store: Store, public_id: uuid.UUID, *, copy_id: uuid.UUID | None = None
) -> tuple[WorkshopSummary, Changes]:
    """Copy a workshop's preparation (agenda with its tracks, start time and step settings, use
    cases), not what the day produced.

    Participants, captures, votes, photos and the runner's state stay with the original.
    """
    with store.write() as session:
        repository = WorkshopRepository(session)
        source = repository.get(public_id)
        copy = Workshop(
            public_id=copy_id or uuid.uuid4(),
            title=copy_title(source.title, repository.active_titles()),
            place=source.place,
            day=source.day,
            protocol_ref=source.protocol_ref,
            day_start=source.day_start,
            notes=source.notes,
            programme=source.programme,
        )
        repository.add(copy)
        for step in repository.top_level_steps(source):
            step_copy = _copy_step(step, copy, track=None)
            session.add(step_copy)
            for track in step.tracks:
                track_copy = Track(step=step_copy, position=track.position, title=track.title)
                session.add(track_copy)
                for inner in track.steps:
                    session.add(_copy_step(inner, copy, track=track_copy))
        for use_case in repository.use_cases(source):
            session.add(
                UseCase(
                    workshop_id=copy.id,
                    title=use_case.title,
                    territory=use_case.territory,
                    description=use_case.description,
                    colour=use_case.colour,
                    position=use_case.position,
                )
            )
        session.flush()
        summary = summarise(copy)
    return summary, Changes.of_workshop(summary.public_id, listing=True)


def _copy_step(step: Step, workshop: Workshop, track: Track | None) -> Step:
    return Step(
        workshop=workshop,
        track=track,
        position=step.position,
        title=step.title,
        activity_kind=step.activity_kind,
        format=step.format,
        duration_min=step.duration_min,
        duration_max=step.duration_max,
        instructions=step.instructions,
        materials=step.materials,
        settings=step.settings,
    )


def delete_workshop(store: Store, public_id: uuid.UUID) -> Changes:
    """Move a workshop out of the list; ``restore_workshop`` brings it back intact."""
    with store.write() as session:
        WorkshopRepository(session).get(public_id).deleted_at = utc_now()
    return Changes.of_workshop(public_id, listing=True)


def restore_workshop(store: Store, public_id: uuid.UUID) -> Changes:
    """Bring a deleted workshop back into the list."""
    with store.write() as session:
        WorkshopRepository(session).get(public_id, include_deleted=True).deleted_at = None
    return Changes.of_workshop(public_id, listing=True)


def find_workshop(store: Store, reference: str) -> WorkshopSummary:
    """The listed workshop whose id is ``reference``, else whose title it is (exactly, then
    case, accents and repeated spaces aside), for the command line.

    NotFoundError when none matches; ValidationError when several share the title.
    """
    try:
        return get_workshop(store, uuid.UUID(reference.strip()))
    except ValueError:
        pass
    listed = list_workshops(store)
    wanted = " ".join(folded(reference).split())
    for same in (
        lambda title: title == reference,
        lambda title: " ".join(folded(title).split()) == wanted,
    ):
        found = [w for w in listed if same(w.title)]
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(
                _(
                    "Plusieurs ateliers s'appellent «\u00a0{title}\u00a0»\u00a0: "
                    "désignez-le par son identifiant ({ids})."
                ).format(title=reference, ids=", ".join(str(w.public_id) for w in found))
            )
    raise NotFoundError(
        _(
            "Aucun atelier n'a l'identifiant ou le titre «\u00a0{reference}\u00a0» "
            "(voir «\u00a0capadesk workshops list\u00a0»)."
        ).format(reference=reference)
    )
