"""A workshop's roster: list, add, edit, remove (with what undo needs), arrivals, copies.

Removal is a real delete (the table has no « deleted » column): ``delete_participants`` returns
everything the rows carried, group seats and dots included, and ``restore_participants`` puts
it all back under the same ids.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from capadesk.core.domain.people import (
    ParticipantFields,
    ParticipantView,
    by_name,
    clean_fields,
    fields_of,
    identity_key,
)
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.workshops import summarise
from capadesk.core.storage.models import (
    GroupMembership,
    Participant,
    Step,
    Thread,
    Vote,
    WorkGroup,
    Workshop,
)
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

MAX_PARTICIPANTS = 2000  # a room, not a stadium: also bounds an import


def view_of(row: Participant, workshop_id: uuid.UUID) -> ParticipantView:
    """The plain view of a participant row."""
    return ParticipantView(
        public_id=row.public_id,
        workshop_id=workshop_id,
        name=row.name,
        organisation=row.organisation,
        type=ParticipantType(row.type),
        territory=row.territory,
        km_travelled=row.km_travelled,
        consent_named=row.consent_named,
        arrived_at=row.arrived_at,
        notes=row.notes,
    )


def roster_changed(workshop_id: uuid.UUID, *, groups: bool = False) -> Changes:
    """The Changes of a roster edit (``groups`` when seats in groups moved too)."""
    ids = frozenset({workshop_id})
    return Changes(participants=ids, groups=ids if groups else frozenset())


def _rows(session: Session, workshop: Workshop) -> list[Participant]:
    query = select(Participant).where(Participant.workshop_id == workshop.id)
    return list(session.scalars(query))


def list_participants(store: Store, workshop_id: uuid.UUID) -> list[ParticipantView]:
    """The roster, alphabetical (accents aside)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        return by_name(view_of(row, workshop_id) for row in _rows(session, workshop))


def _participant(session: Session, participant_id: uuid.UUID) -> tuple[Participant, Workshop]:
    row = session.scalars(
        select(Participant).where(Participant.public_id == participant_id)
    ).one_or_none()
    workshop = session.get(Workshop, row.workshop_id) if row is not None else None
    if row is None or workshop is None or workshop.deleted_at is not None:
        raise NotFoundError(_("Ce participant n'est plus dans la liste."))
    return row, workshop


def get_participant(store: Store, participant_id: uuid.UUID) -> ParticipantView:
    """One participant, or NotFoundError."""
    with store.read() as session:
        row, workshop = _participant(session, participant_id)
        return view_of(row, workshop.public_id)


def _check_room(session: Session, workshop: Workshop, adding: int) -> None:
    if len(_rows(session, workshop)) + adding > MAX_PARTICIPANTS:
        raise ValidationError(
            _("Un atelier compte au plus {limit} participants.").format(limit=MAX_PARTICIPANTS)
        )


def _new_row(
    public_id: uuid.UUID, workshop: Workshop, fields: ParticipantFields, arrived: dt.datetime | None
) -> Participant:
    return Participant(
        public_id=public_id,
        workshop_id=workshop.id,
        name=fields.name,
        organisation=fields.organisation,
        type=fields.type.value,
        territory=fields.territory,
        km_travelled=fields.km_travelled,
        consent_named=fields.consent_named,
        arrived_at=arrived,
    )


def add_participants(
    store: Store,
    workshop_id: uuid.UUID,
    entries: Sequence[tuple[uuid.UUID, ParticipantFields, dt.datetime | None]],
) -> tuple[list[ParticipantView], Changes]:
    """Add several people in one transaction: (public id, fields, arrival) each."""
    cleaned = [(pid, clean_fields(fields), arrived) for pid, fields, arrived in entries]
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        _check_room(session, workshop, len(cleaned))
        rows = [_new_row(pid, workshop, fields, arrived) for pid, fields, arrived in cleaned]
        session.add_all(rows)
        session.flush()
        views = [view_of(row, workshop_id) for row in rows]
    return views, roster_changed(workshop_id)


def add_participant(
    store: Store,
    workshop_id: uuid.UUID,
    fields: ParticipantFields,
    *,
    public_id: uuid.UUID | None = None,
) -> tuple[ParticipantView, Changes]:
    """Add one person to the roster."""
    views, changes = add_participants(
        store, workshop_id, [(public_id or uuid.uuid4(), fields, None)]
    )
    return views[0], changes


def update_participant(
    store: Store, participant_id: uuid.UUID, fields: ParticipantFields
) -> tuple[ParticipantView, Changes]:
    """Replace a participant's name, organisation, type, territory, km and consent."""
    fields = clean_fields(fields)
    with store.write() as session:
        row, workshop = _participant(session, participant_id)
        row.name, row.organisation, row.type = fields.name, fields.organisation, fields.type.value
        row.territory, row.km_travelled = fields.territory, fields.km_travelled
        row.consent_named = fields.consent_named
        session.flush()
        view = view_of(row, workshop.public_id)
    return view, roster_changed(workshop.public_id)


def mark_arrived(
    store: Store, participant_id: uuid.UUID, at: dt.datetime | None
) -> tuple[ParticipantView, Changes]:
    """Tick (``at``: the moment, aware) or untick (None) a participant's arrival."""
    if at is not None and at.tzinfo is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    with store.write() as session:
        row, workshop = _participant(session, participant_id)
        row.arrived_at = at.astimezone(dt.UTC) if at is not None else None
        session.flush()
        view = view_of(row, workshop.public_id)
    return view, roster_changed(workshop.public_id)


class Seat(NamedTuple):
    """A participant's place in a group, kept to put it back."""

    group_id: uuid.UUID
    role: str


class Dots(NamedTuple):
    """Dots a participant put on a thread, kept to put them back."""

    public_id: uuid.UUID
    thread_id: uuid.UUID
    step_id: uuid.UUID | None
    dots: int
    created_at: dt.datetime


class RemovedParticipant(NamedTuple):
    """Everything a deleted participant carried (see module docstring)."""

    participant: ParticipantView
    created_at: dt.datetime
    seats: tuple[Seat, ...]
    dots: tuple[Dots, ...]


def delete_participants(
    store: Store, participant_ids: Iterable[uuid.UUID]
) -> tuple[list[RemovedParticipant], Changes]:
    """Remove people from the roster, with their group seats and their own dots.

    Their dots are deleted rather than left behind anonymous: an anonymous dot reads as a tally
    counted on the paper wall. The returned data lets ``restore_participants`` undo it all.
    """
    removed: list[RemovedParticipant] = []
    touched: set[uuid.UUID] = set()
    seats_moved = votes_moved = False
    with store.write() as session:
        for participant_id in dict.fromkeys(participant_ids):
            row, workshop = _participant(session, participant_id)
            seats = tuple(
                Seat(group.public_id, membership.role)
                for membership, group in session.execute(
                    select(GroupMembership, WorkGroup)
                    .join(WorkGroup, WorkGroup.id == GroupMembership.group_id)
                    .where(GroupMembership.participant_id == row.id)
                )
            )
            dots = tuple(
                Dots(vote.public_id, thread.public_id, step_id, vote.dots, vote.created_at)
                for vote, thread, step_id in session.execute(
                    select(Vote, Thread, Step.public_id)
                    .join(Thread, Thread.id == Vote.thread_id)
                    .outerjoin(Step, Step.id == Vote.step_id)
                    .where(Vote.participant_id == row.id)
                )
            )
            removed.append(
                RemovedParticipant(view_of(row, workshop.public_id), row.created_at, seats, dots)
            )
            seats_moved = seats_moved or bool(seats)
            votes_moved = votes_moved or bool(dots)
            touched.add(workshop.public_id)
            session.execute(delete(Vote).where(Vote.participant_id == row.id))
            session.delete(row)
    ids = frozenset(touched)
    return removed, Changes(
        participants=ids,
        groups=ids if seats_moved else frozenset(),
        threads=ids if votes_moved else frozenset(),
    )


def restore_participants(store: Store, removed: Sequence[RemovedParticipant]) -> Changes:
    """Put deleted participants back as they were (ids, seats still possible, dots)."""
    touched: set[uuid.UUID] = set()
    seats_back = votes_back = False
    with store.write() as session:
        repository = WorkshopRepository(session)
        for entry in removed:
            person = entry.participant
            workshop = repository.get(person.workshop_id)
            row = Participant(
                public_id=person.public_id,
                workshop_id=workshop.id,
                name=person.name,
                organisation=person.organisation,
                type=person.type.value,
                territory=person.territory,
                km_travelled=person.km_travelled,
                consent_named=person.consent_named,
                arrived_at=person.arrived_at,
                notes=person.notes,
                created_at=entry.created_at,
            )
            session.add(row)
            session.flush()
            for seat in entry.seats:
                group = _by_public_id(session, WorkGroup, seat.group_id)
                if group is not None:  # a group removed since stays removed
                    session.add(
                        GroupMembership(group_id=group.id, participant_id=row.id, role=seat.role)
                    )
                    seats_back = True
            for dots in entry.dots:
                thread = _by_public_id(session, Thread, dots.thread_id)
                if thread is None:
                    continue
                step = _by_public_id(session, Step, dots.step_id) if dots.step_id else None
                session.add(
                    Vote(
                        public_id=dots.public_id,
                        workshop_id=workshop.id,
                        thread_id=thread.id,
                        step_id=step.id if step is not None else None,
                        participant_id=row.id,
                        dots=dots.dots,
                        created_at=dots.created_at,
                    )
                )
                votes_back = True
            touched.add(person.workshop_id)
    ids = frozenset(touched)
    return Changes(
        participants=ids,
        groups=ids if seats_back else frozenset(),
        threads=ids if votes_back else frozenset(),
    )


_Row = TypeVar("_Row", WorkGroup, Thread, Step)


def _by_public_id(session: Session, model: type[_Row], public_id: uuid.UUID | None) -> _Row | None:
    if public_id is None:
        return None
    return session.scalars(select(model).where(model.public_id == public_id)).one_or_none()


def sibling_workshops(store: Store, workshop_id: uuid.UUID) -> list[WorkshopSummary]:
    """The other listed workshops of the same programme (whose roster can be copied)."""
    with store.read() as session:
        repository = WorkshopRepository(session)
        workshop = repository.get(workshop_id)
        if workshop.programme_id is None:
            return []
        return [
            summarise(w)
            for w in repository.active()
            if w.programme_id == workshop.programme_id and w.id != workshop.id
        ]


def roster_copy(
    store: Store, source_id: uuid.UUID, target_id: uuid.UUID
) -> list[ParticipantFields]:
    """Who a copy of ``source_id``'s roster would add to ``target_id``, alphabetical.

    Only between two workshops of the same programme; people already on the target roster
    (same name and organisation) are left out. Km and arrival belong to a day: not copied.
    """
    with store.read() as session:
        return _copies(session, source_id, target_id)


def _copies(
    session: Session, source_id: uuid.UUID, target_id: uuid.UUID
) -> list[ParticipantFields]:
    repository = WorkshopRepository(session)
    source, target = repository.get(source_id), repository.get(target_id)
    if source.id == target.id:
        raise ValidationError(_("Choisissez un autre atelier que celui-ci."))
    if source.programme_id is None or source.programme_id != target.programme_id:
        raise ValidationError(_("Seule la liste d'un atelier du même programme peut être reprise."))
    present = {identity_key(p.name, p.organisation) for p in _rows(session, target)}
    copies: list[ParticipantFields] = []
    for person in by_name(view_of(r, source_id) for r in _rows(session, source)):
        key = identity_key(person.name, person.organisation)
        if key not in present:
            present.add(key)
            copies.append(fields_of(person)._replace(km_travelled=None))
    return copies


def copy_roster(
    store: Store, source_id: uuid.UUID, target_id: uuid.UUID
) -> tuple[list[ParticipantView], Changes]:
    """Add ``roster_copy``'s people to ``target_id`` in one transaction."""
    with store.write() as session:
        copies = _copies(session, source_id, target_id)
        workshop = WorkshopRepository(session).get(target_id)
        _check_room(session, workshop, len(copies))
        rows = [_new_row(uuid.uuid4(), workshop, fields, None) for fields in copies]
        session.add_all(rows)
        session.flush()
        views = [view_of(row, target_id) for row in rows]
    return views, roster_changed(target_id)
