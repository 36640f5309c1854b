"""The ice-breakers' answers in the store: read a step's, record one, take it back, remove some.

Each answer is a ``step_entry`` row of the step (see ``capadesk.core.domain.icebreakers``).
Names typed in the room are matched against the roster; a newcomer is added to it in the same
transaction (with the id the command chose, so a redo brings the same person back). Kinds that
keep one answer per person or team mark the previous one deleted (``deleted_at``).

The line-up's deck is the default deck (``resources/icebreakers/line-up.json``) until the step's
deck is first edited: the edit then copies the default deck into the step as « line-up-prompt »
entries, which stay the step's own deck from then on (undoing the edit leaves the copy, which
reads the same as the default). Protocol files have no room for a deck, hence the entries.

``Changes`` has no field for step entries yet: an edit of entries only returns an empty
``Changes`` (the ice-breaker presenter re-reads on any change), with ``participants`` set when
the roster changed too.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from capadesk.core.domain.icebreaker_results import pick_prompt
from capadesk.core.domain.icebreakers import (
    EntryDraft,
    EntryKind,
    EntryView,
    PersonName,
    clean_draft,
    match_person,
    one_each,
)
from capadesk.core.domain.people import ParticipantFields, clean_fields
from capadesk.core.domain.vocabulary import ActivityKind, ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.participants import MAX_PARTICIPANTS
from capadesk.core.storage.models import Participant, Step, StepEntry, WorkGroup, Workshop
from capadesk.core.storage.models.base import utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

DECK_FORMAT = "capadesk-line-up-deck"
MAX_ENTRIES = 5000  # per step: far above any room, bounds a runaway script


def entries_changed(workshop_id: uuid.UUID, *, roster: bool = False) -> Changes:
    """The Changes of an edit of step entries (``roster`` when people or km changed too)."""
    return Changes(
        entries=frozenset({workshop_id}),
        participants=frozenset({workshop_id}) if roster else frozenset(),
    )


@cache
def default_deck() -> tuple[str, ...]:
    """The questions of the default « Placez-vous en ligne » deck."""
    from capadesk.paths import resource_path

    data = json.loads(resource_path("icebreakers", "line-up.json").read_text(encoding="utf-8"))
    if data.get("format") != DECK_FORMAT:
        raise ValueError("line-up.json: unexpected format")
    return tuple(str(prompt) for prompt in data["prompts"])


class Prompt(NamedTuple):
    """A question of a step's deck; ``entry_id`` is None while the deck is the default one."""

    text: str
    entry_id: uuid.UUID | None = None


class Team(NamedTuple):
    """A group that can build a tower."""

    public_id: uuid.UUID
    name: str


class IcebreakerData(NamedTuple):
    """All an ice-breaker step shows: its entries, deck, the roster's names and the teams."""

    step_id: uuid.UUID
    step_title: str
    activity: ActivityKind
    entries: tuple[EntryView, ...]
    deck: tuple[Prompt, ...]
    own_deck: bool
    people: tuple[PersonName, ...]
    teams: tuple[Team, ...]


def _step(session: Session, workshop: Workshop, step_id: uuid.UUID) -> Step:
    step = session.scalars(
        select(Step).where(Step.public_id == step_id, Step.workshop_id == workshop.id)
    ).one_or_none()
    if step is None:
        raise NotFoundError(_("Cette étape n'existe pas ou plus."))
    return step


def _active(workshop: Workshop, step: Step, *kinds: EntryKind) -> Select[StepEntry]:
    return select(StepEntry).where(
        StepEntry.workshop_id == workshop.id,
        StepEntry.step_id == step.id,
        StepEntry.kind.in_([k.value for k in kinds]),
        StepEntry.deleted_at.is_(None),
    )


def _entries(session: Session, workshop: Workshop, step: Step) -> list[EntryView]:
    person, other = aliased(Participant), aliased(Participant)
    query = (
        select(StepEntry, person, other, WorkGroup)
        .outerjoin(person, person.id == StepEntry.participant_id)
        .outerjoin(other, other.id == StepEntry.other_participant_id)
        .outerjoin(WorkGroup, WorkGroup.id == StepEntry.group_id)
        .where(
            StepEntry.workshop_id == workshop.id,
            StepEntry.step_id == step.id,
            StepEntry.deleted_at.is_(None),
        )
        .order_by(StepEntry.kind, StepEntry.position, StepEntry.id)
    )
    views = []
    gone = _("(personne retirée)")
    for row, giver, receiver, group in session.execute(query):
        try:
            kind = EntryKind(row.kind)
        except ValueError:  # written by a newer tool: not ours to show
            continue
        given: Participant | None = giver  # None where the outer joins found nothing
        caught: Participant | None = receiver
        team: WorkGroup | None = group
        # The label is the name as recorded: it stays when the person or group has gone.
        name = team.name if team is not None else given.name if given is not None else row.label
        other_name = gone if kind is EntryKind.YARN_LINK else ""
        if caught is not None:
            other_name = caught.name
        views.append(
            EntryView(
                public_id=row.public_id,
                kind=kind,
                position=row.position,
                participant_id=given.public_id if given is not None else None,
                other_participant_id=caught.public_id if caught is not None else None,
                group_id=team.public_id if team is not None else None,
                name=name,
                other_name=other_name,
                text=row.text,
                number=row.number,
                created_at=row.created_at,
            )
        )
    return views


def _roster(session: Session, workshop: Workshop) -> list[Participant]:
    rows = session.scalars(select(Participant).where(Participant.workshop_id == workshop.id))
    return sorted(rows, key=lambda p: (folded(p.name), p.id))


def _teams(session: Session, workshop: Workshop, step: Step) -> tuple[Team, ...]:
    """The step's groups, else the day's own groups."""
    for step_id in (step.id, None):
        query = select(WorkGroup).where(WorkGroup.workshop_id == workshop.id)
        query = query.where(
            WorkGroup.step_id.is_(None) if step_id is None else WorkGroup.step_id == step_id
        )
        rows = list(session.scalars(query.order_by(WorkGroup.position, WorkGroup.id)))
        if rows:
            return tuple(Team(row.public_id, row.name) for row in rows)
    return ()


def _deck(session: Session, workshop: Workshop, step: Step) -> tuple[tuple[Prompt, ...], bool]:
    own = session.scalar(
        select(func.count())
        .select_from(StepEntry)
        .where(
            StepEntry.step_id == step.id,
            StepEntry.workshop_id == workshop.id,
            StepEntry.kind == EntryKind.LINE_UP_PROMPT.value,
        )
    )
    if not own:
        return tuple(Prompt(text) for text in default_deck()), False
    rows = session.scalars(
        _active(workshop, step, EntryKind.LINE_UP_PROMPT).order_by(StepEntry.position, StepEntry.id)
    )
    return tuple(Prompt(row.text, row.public_id) for row in rows), True


def read_icebreaker(store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID) -> IcebreakerData:
    """Everything the step's ice-breaker shows (see ``IcebreakerData``)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = _step(session, workshop, step_id)
        deck, own = _deck(session, workshop, step)
        try:
            activity = ActivityKind(step.activity_kind)
        except ValueError:
            activity = ActivityKind.FREE
        return IcebreakerData(
            step_id=step_id,
            step_title=step.title,
            activity=activity,
            entries=tuple(_entries(session, workshop, step)),
            deck=deck,
            own_deck=own,
            people=tuple(PersonName(p.public_id, p.name) for p in _roster(session, workshop)),
            teams=_teams(session, workshop, step),
        )


def next_prompt(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID, rng: random.Random
) -> str | None:
    """A question of the step's deck not drawn yet (draws are stored: none repeats after a
    restart); None once all were drawn."""
    data = read_icebreaker(store, workshop_id, step_id)
    drawn = [e.text for e in data.entries if e.kind is EntryKind.LINE_UP_DRAW]
    return pick_prompt([p.text for p in data.deck], drawn, rng)


# --- recording --------------------------------------------------------------------------------


class Recorded(NamedTuple):
    """What recording an answer did, for ``unrecord_entry``: the entry, the people it added to
    the roster, the answers it replaced and the km it overwrote."""

    workshop_id: uuid.UUID
    entry_id: uuid.UUID
    created: tuple[uuid.UUID, ...] = ()
    replaced: tuple[uuid.UUID, ...] = ()
    km_before: tuple[tuple[uuid.UUID, float | None], ...] = ()


class _People:
    """The roster during one recording: finds people by name, adds newcomers."""

    def __init__(self, session: Session, workshop: Workshop, new_type: ParticipantType) -> None:
        self._session, self._workshop, self._type = session, workshop, new_type
        self.rows = {row.public_id: row for row in _roster(session, workshop)}
        self.created: list[uuid.UUID] = []

    def resolve(self, typed: str, new_id: uuid.UUID) -> Participant | None:
        if not typed:
            return None
        names = [PersonName(pid, row.name) for pid, row in self.rows.items()]
        found = match_person(typed, names)
        if found is not None:
            return self.rows[found.public_id]
        if len(self.rows) >= MAX_PARTICIPANTS:
            raise ValidationError(
                _("Un atelier compte au plus {limit} participants.").format(limit=MAX_PARTICIPANTS)
            )
        fields = clean_fields(ParticipantFields(typed, type=self._type))
        row = Participant(
            public_id=new_id,
            workshop_id=self._workshop.id,
            name=fields.name,
            type=fields.type.value,
        )
        self._session.add(row)
        self._session.flush()
        self.rows[new_id] = row
        self.created.append(new_id)
        return row


def _copy_default_deck(session: Session, workshop: Workshop, step: Step) -> None:
    if _deck(session, workshop, step)[1]:
        return
    session.add_all(
        StepEntry(
            workshop_id=workshop.id,
            step_id=step.id,
            kind=EntryKind.LINE_UP_PROMPT.value,
            text=text,
            position=position,
        )
        for position, text in enumerate(default_deck())
    )
    session.flush()


def _refuse_twice(session: Session, workshop: Workshop, step: Step, text: str) -> None:
    wanted = " ".join(folded(text).split())
    for row in session.scalars(_active(workshop, step, EntryKind.LINE_UP_PROMPT)):
        if " ".join(folded(row.text).split()) == wanted:
            raise ValidationError(_("Cette question est déjà dans le paquet."))


def _previous(
    session: Session,
    workshop: Workshop,
    step: Step,
    kind: EntryKind,
    person: Participant | None,
    group: WorkGroup | None,
    label: str,
) -> list[StepEntry]:
    """The answers of ``kind`` the same person or team gave before (one each: replaced)."""
    query = _active(workshop, step, kind)
    if person is not None:
        return list(session.scalars(query.where(StepEntry.participant_id == person.id)))
    if group is not None:
        return list(session.scalars(query.where(StepEntry.group_id == group.id)))
    wanted = " ".join(folded(label).split())
    rows = session.scalars(query.where(StepEntry.group_id.is_(None)))
    return [row for row in rows if " ".join(folded(row.label).split()) == wanted]


def _group(session: Session, workshop: Workshop, group_id: uuid.UUID) -> WorkGroup:
    group = session.scalars(
        select(WorkGroup).where(
            WorkGroup.public_id == group_id, WorkGroup.workshop_id == workshop.id
        )
    ).one_or_none()
    if group is None:
        raise NotFoundError(_("Ce groupe n'existe pas ou plus."))
    return group


def record_entry(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID,
    draft: EntryDraft,
    *,
    public_id: uuid.UUID,
    new_ids: tuple[uuid.UUID, uuid.UUID],
    new_type: ParticipantType = ParticipantType.AGENT,
) -> tuple[Recorded, Changes]:
    """Record one answer (see module docstring). ``new_ids`` are the ids a newcomer named as
    ``person`` or ``other`` gets; ``new_type`` their type on the roster."""
    draft = clean_draft(draft)
    kind = draft.kind
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = _step(session, workshop, step_id)
        count = session.scalar(
            select(func.count()).select_from(StepEntry).where(StepEntry.step_id == step.id)
        )
        if (count or 0) >= MAX_ENTRIES:
            raise ValidationError(
                _("Cette étape a déjà {limit} réponses.").format(limit=MAX_ENTRIES)
            )
        people = _People(session, workshop, new_type)
        person = people.resolve(draft.person, new_ids[0])
        other = people.resolve(draft.other, new_ids[1])
        if person is not None and other is not None and person.id == other.id:
            raise ValidationError(_("La pelote passe à une autre personne."))
        group = _group(session, workshop, draft.group_id) if draft.group_id else None
        km_before: tuple[tuple[uuid.UUID, float | None], ...] = ()
        if kind is EntryKind.LINE_UP_KM and person is not None:
            km_before = ((person.public_id, person.km_travelled),)
            person.km_travelled = draft.number
        if kind is EntryKind.LINE_UP_PROMPT:
            _copy_default_deck(session, workshop, step)
            _refuse_twice(session, workshop, step, draft.text)
        replaced: list[uuid.UUID] = []
        if one_each(kind):
            for row in _previous(session, workshop, step, kind, person, group, draft.label):
                row.deleted_at = utc_now()
                replaced.append(row.public_id)
        last = session.scalar(
            select(func.max(StepEntry.position)).where(
                StepEntry.step_id == step.id, StepEntry.kind == kind.value
            )
        )
        label = group.name if group else person.name if person else draft.label
        session.add(
            StepEntry(
                public_id=public_id,
                workshop_id=workshop.id,
                step_id=step.id,
                kind=kind.value,
                participant_id=person.id if person else None,
                other_participant_id=other.id if other else None,
                group_id=group.id if group else None,
                label=label,
                text=draft.text,
                number=draft.number,
                position=(last + 1) if last is not None else 0,
            )
        )
    recorded = Recorded(workshop_id, public_id, tuple(people.created), tuple(replaced), km_before)
    return recorded, entries_changed(workshop_id, roster=bool(people.created or km_before))


def _rows(session: Session, ids: Iterable[uuid.UUID]) -> list[StepEntry]:
    wanted = list(ids)
    if not wanted:
        return []
    return list(session.scalars(select(StepEntry).where(StepEntry.public_id.in_(wanted))))


def unrecord_entry(store: Store, recorded: Recorded) -> Changes:
    """Take a recorded answer back: the entry goes, the replaced ones and the km come back,
    the people it added leave the roster."""
    with store.write() as session:
        for row in _rows(session, [recorded.entry_id]):
            session.delete(row)
        for row in _rows(session, recorded.replaced):
            row.deleted_at = None
        session.flush()
        for participant_id, km in recorded.km_before:
            person = _participant(session, participant_id)
            if person is not None:
                person.km_travelled = km
        for participant_id in recorded.created:
            person = _participant(session, participant_id)
            if person is not None:
                session.delete(person)
    roster = bool(recorded.created or recorded.km_before)
    return entries_changed(recorded.workshop_id, roster=roster)


def _participant(session: Session, public_id: uuid.UUID) -> Participant | None:
    return session.scalars(
        select(Participant).where(Participant.public_id == public_id)
    ).one_or_none()


def _workshop_of(session: Session, rows: Sequence[StepEntry]) -> uuid.UUID:
    workshop = session.get(Workshop, rows[0].workshop_id)
    assert workshop is not None  # the foreign key cascades
    return workshop.public_id


def delete_entries(store: Store, entry_ids: Iterable[uuid.UUID]) -> Changes:
    """Mark answers deleted (``restore_entries`` brings them back)."""
    with store.write() as session:
        rows = [row for row in _rows(session, entry_ids) if row.deleted_at is None]
        if not rows:
            raise NotFoundError(_("Cette réponse n'existe pas ou plus."))
        now = utc_now()
        for row in rows:
            row.deleted_at = now
        workshop_id = _workshop_of(session, rows)
    return entries_changed(workshop_id)


def restore_entries(store: Store, entry_ids: Iterable[uuid.UUID]) -> Changes:
    """Bring deleted answers back."""
    with store.write() as session:
        rows = _rows(session, entry_ids)
        if not rows:
            raise NotFoundError(_("Cette réponse n'existe pas ou plus."))
        for row in rows:
            row.deleted_at = None
        workshop_id = _workshop_of(session, rows)
    return entries_changed(workshop_id)


def remove_prompt(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID, text: str
) -> tuple[tuple[uuid.UUID, ...], Changes]:
    """Take a question out of the step's deck (copying the default deck first if needed);
    return the entries removed, for ``restore_entries``."""
    wanted = " ".join(folded(text).split())
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = _step(session, workshop, step_id)
        _copy_default_deck(session, workshop, step)
        rows = [
            row
            for row in session.scalars(_active(workshop, step, EntryKind.LINE_UP_PROMPT))
            if " ".join(folded(row.text).split()) == wanted
        ]
        if not rows:
            raise NotFoundError(_("Cette question n'est plus dans le paquet."))
        now = utc_now()
        for row in rows:
            row.deleted_at = now
        removed = tuple(row.public_id for row in rows)
    return removed, entries_changed(workshop_id)
