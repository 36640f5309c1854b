"""A step's work groups: list, propose, replace, move a person, rename.

Groups belong to a step of the agenda (``step_id``), or to the whole day (``None``). A person
sits in at most one group of a step. Replacing a step's groups keeps the rows whose public id is
kept (captures and photos taken in them stay linked); a group removed and later restored by undo
gets its captures and photos back through ``GroupDraft.capture_ids`` / ``photo_ids``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from capadesk.core.domain.grouping import GroupProposal, Member, propose_groups
from capadesk.core.domain.people import GroupView, check_group_name
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import (
    Capture,
    GroupMembership,
    Participant,
    Photo,
    Step,
    UseCase,
    WorkGroup,
    Workshop,
)
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

MAX_GROUPS = 200

_K = TypeVar("_K")
_V = TypeVar("_V")


class ChoiceSource(StrEnum):
    """Where each person's choice is read: the use case or the défi of a group they sit in."""

    USE_CASE = "use-case"
    CHALLENGE = "defi"


@dataclass(frozen=True)
class GroupDraft:
    """A group as it should be after a replacement (``public_id`` kept across undo/redo)."""

    name: str
    member_ids: tuple[uuid.UUID, ...] = ()
    use_case_id: uuid.UUID | None = None
    challenge: str = ""
    colour: str = ""
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    capture_ids: tuple[uuid.UUID, ...] = ()
    photo_ids: tuple[uuid.UUID, ...] = ()


def groups_changed(workshop_id: uuid.UUID) -> Changes:
    """The Changes of any group edit."""
    return Changes(groups=frozenset({workshop_id}))


def _step(session: Session, workshop: Workshop, step_id: uuid.UUID | None) -> Step | None:
    if step_id is None:
        return None
    step = session.scalars(
        select(Step).where(Step.public_id == step_id, Step.workshop_id == workshop.id)
    ).one_or_none()
    if step is None:
        raise NotFoundError(_("Cette étape n'existe pas ou plus."))
    return step


def _group_rows(session: Session, workshop: Workshop, step: Step | None) -> list[WorkGroup]:
    query = select(WorkGroup).where(WorkGroup.workshop_id == workshop.id)
    query = query.where(
        WorkGroup.step_id.is_(None) if step is None else WorkGroup.step_id == step.id
    )
    return list(session.scalars(query.order_by(WorkGroup.position, WorkGroup.id)))


def _views(
    session: Session, workshop: Workshop, step_id: uuid.UUID | None, rows: Sequence[WorkGroup]
) -> list[GroupView]:
    if not rows:
        return []
    members: dict[int, list[uuid.UUID]] = {row.id: [] for row in rows}
    for group_id, participant_id in session.execute(
        select(GroupMembership.group_id, Participant.public_id)
        .join(Participant, Participant.id == GroupMembership.participant_id)
        .where(GroupMembership.group_id.in_(members))
        .order_by(Participant.name, Participant.id)
    ):
        members[group_id].append(participant_id)
    use_cases = _pairs(
        session.execute(
            select(UseCase.id, UseCase.public_id).where(UseCase.workshop_id == workshop.id)
        )
    )
    return [
        GroupView(
            public_id=row.public_id,
            workshop_id=workshop.public_id,
            step_id=step_id,
            name=row.name,
            colour=row.colour,
            challenge=row.challenge,
            use_case_id=use_cases.get(row.use_case_id) if row.use_case_id else None,
            position=row.position,
            member_ids=tuple(members[row.id]),
        )
        for row in rows
    ]


def _pairs(rows: Iterable[tuple[_K, _V]]) -> dict[_K, _V]:
    """A two-column result as a dict (``dict(result)`` would read the Result's own ``keys``)."""
    return {key: value for key, value in rows}


def list_groups(store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None) -> list[GroupView]:
    """The step's groups (the day's when ``step_id`` is None), in their order."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        rows = _group_rows(session, workshop, _step(session, workshop, step_id))
        return _views(session, workshop, step_id, rows)


def snapshot(store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None) -> list[GroupDraft]:
    """The step's groups as drafts, with the captures and photos linked to each (for undo)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        rows = _group_rows(session, workshop, _step(session, workshop, step_id))
        drafts = []
        for row, view in zip(rows, _views(session, workshop, step_id, rows), strict=True):
            captures = session.scalars(select(Capture.public_id).where(Capture.group_id == row.id))
            photos = session.scalars(select(Photo.public_id).where(Photo.group_id == row.id))
            drafts.append(
                GroupDraft(
                    name=row.name,
                    member_ids=view.member_ids,
                    use_case_id=view.use_case_id,
                    challenge=row.challenge,
                    colour=row.colour,
                    public_id=row.public_id,
                    capture_ids=tuple(captures),
                    photo_ids=tuple(photos),
                )
            )
        return drafts


def replace_groups(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None, drafts: Sequence[GroupDraft]
) -> tuple[list[GroupView], Changes]:
    """The step's groups become ``drafts``, in that order (see module docstring)."""
    if len(drafts) > MAX_GROUPS:
        raise ValidationError(_("Au plus {limit} groupes par étape.").format(limit=MAX_GROUPS))
    names = [check_group_name(d.name) for d in drafts]
    seated = [pid for d in drafts for pid in d.member_ids]
    if len(set(seated)) != len(seated):
        raise ValidationError(_("Une personne ne peut être que dans un groupe à la fois."))
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = _step(session, workshop, step_id)
        people = _participant_rows(session, workshop, seated)
        use_cases = _use_case_rows(session, workshop, [d.use_case_id for d in drafts])
        existing = {row.public_id: row for row in _group_rows(session, workshop, step)}
        kept = {d.public_id for d in drafts}
        for public_id, row in existing.items():
            if public_id not in kept:
                session.delete(row)
        session.flush()
        rows = []
        for position, (draft, name) in enumerate(zip(drafts, names, strict=True)):
            row = existing.get(draft.public_id) or _new_group(session, workshop, draft.public_id)
            row.step_id = step.id if step is not None else None
            row.name, row.colour, row.challenge = name, draft.colour, draft.challenge.strip()
            row.use_case_id = use_cases[draft.use_case_id] if draft.use_case_id else None
            row.position = position
            session.execute(delete(GroupMembership).where(GroupMembership.group_id == row.id))
            session.add_all(
                GroupMembership(group_id=row.id, participant_id=people[pid])
                for pid in draft.member_ids
            )
            _relink(session, workshop, row, draft)
            rows.append(row)
        session.flush()
        views = _views(session, workshop, step_id, rows)
    return views, groups_changed(workshop_id)


def _new_group(session: Session, workshop: Workshop, public_id: uuid.UUID) -> WorkGroup:
    row = WorkGroup(public_id=public_id, workshop_id=workshop.id, name="")
    session.add(row)
    session.flush()
    return row


def _relink(session: Session, workshop: Workshop, row: WorkGroup, draft: GroupDraft) -> None:
    for model, ids in ((Capture, draft.capture_ids), (Photo, draft.photo_ids)):
        if ids:
            session.execute(
                update(model)
                .where(model.public_id.in_(ids), model.workshop_id == workshop.id)
                .values(group_id=row.id)
            )


def _participant_rows(
    session: Session, workshop: Workshop, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    found = _pairs(
        session.execute(
            select(Participant.public_id, Participant.id).where(
                Participant.workshop_id == workshop.id, Participant.public_id.in_(ids)
            )
        )
    )
    if len(found) != len(set(ids)):
        raise NotFoundError(_("Une personne de ces groupes n'est plus dans la liste."))
    return found


def _use_case_rows(
    session: Session, workshop: Workshop, ids: Sequence[uuid.UUID | None]
) -> dict[uuid.UUID, int]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    found = _pairs(
        session.execute(
            select(UseCase.public_id, UseCase.id).where(
                UseCase.workshop_id == workshop.id, UseCase.public_id.in_(wanted)
            )
        )
    )
    if len(found) != len(wanted):
        raise NotFoundError(_("Ce cas d'usage n'existe pas ou plus."))
    return found


def move_member(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
    participant_id: uuid.UUID,
    group_id: uuid.UUID | None,
) -> tuple[uuid.UUID | None, Changes]:
    """Seat a person in ``group_id`` (None: in no group) of the step; return where they were."""
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        rows = _group_rows(session, workshop, _step(session, workshop, step_id))
        person = _participant_rows(session, workshop, [participant_id])[participant_id]
        by_id = {row.id: row for row in rows}
        seats = list(
            session.scalars(
                select(GroupMembership).where(
                    GroupMembership.participant_id == person,
                    GroupMembership.group_id.in_(by_id),
                )
            )
        )
        previous = by_id[seats[0].group_id].public_id if seats else None
        target = next((row for row in rows if row.public_id == group_id), None)
        if group_id is not None and target is None:
            raise NotFoundError(_("Ce groupe n'existe pas ou plus."))
        if previous != group_id:
            for seat in seats:
                session.delete(seat)
            session.flush()
            if target is not None:
                session.add(GroupMembership(group_id=target.id, participant_id=person))
    return previous, groups_changed(workshop_id)


def rename_group(store: Store, group_id: uuid.UUID, name: str) -> tuple[GroupView, Changes]:
    """Give a group a new name."""
    name = check_group_name(name)
    with store.write() as session:
        row = session.scalars(
            select(WorkGroup).where(WorkGroup.public_id == group_id)
        ).one_or_none()
        workshop = session.get(Workshop, row.workshop_id) if row is not None else None
        if row is None or workshop is None or workshop.deleted_at is not None:
            raise NotFoundError(_("Ce groupe n'existe pas ou plus."))
        row.name = name
        session.flush()
        step = session.get(Step, row.step_id) if row.step_id is not None else None
        view = _views(session, workshop, step.public_id if step else None, [row])[0]
    return view, groups_changed(workshop.public_id)


class Choices(NamedTuple):
    """Each person's choice key (``of``), and the keys' names (``labels``)."""

    of: Mapping[uuid.UUID, str]
    labels: Mapping[str, str]


def read_choices(
    store: Store, workshop_id: uuid.UUID, source: ChoiceSource, step_id: uuid.UUID | None = None
) -> Choices:
    """What each person chose, read from the groups they sit in.

    A choice is the use case (``USE_CASE``) or the défi (``CHALLENGE``) of a group. The step's
    own groups come first; otherwise the person's most recent such group of the workshop.
    Keys are the use case's id (as text) or the défi's text; labels are the titles.
    """
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        step = _step(session, workshop, step_id)
        query = (
            select(Participant.public_id, WorkGroup, UseCase)
            .join(GroupMembership, GroupMembership.participant_id == Participant.id)
            .join(WorkGroup, WorkGroup.id == GroupMembership.group_id)
            .outerjoin(UseCase, UseCase.id == WorkGroup.use_case_id)
            .where(WorkGroup.workshop_id == workshop.id)
            .order_by(WorkGroup.created_at, WorkGroup.id)
        )
        of: dict[uuid.UUID, tuple[bool, str]] = {}
        labels: dict[str, str] = {}
        for person, group, joined in session.execute(query):
            use_case: UseCase | None = joined  # None where the outer join found none
            if source is ChoiceSource.USE_CASE and use_case is not None:
                key, label = str(use_case.public_id), use_case.title
            elif source is ChoiceSource.CHALLENGE and group.challenge.strip():
                key = label = group.challenge.strip()
            else:
                continue
            in_step = step is not None and group.step_id == step.id
            if in_step or not of.get(person, (False, ""))[0]:
                of[person] = (in_step, key)
                labels[key] = label
        return Choices({p: key for p, (_in_step, key) in of.items()}, labels)


def propose(
    store: Store,
    workshop_id: uuid.UUID,
    *,
    size: int | None = None,
    count: int | None = None,
    seed: int = 0,
    source: ChoiceSource | None = None,
    step_id: uuid.UUID | None = None,
    arrived_only: bool = False,
) -> tuple[GroupProposal, Choices]:
    """Balanced groups for the roster (see ``capadesk.core.domain.grouping``); nothing saved.

    ``source`` reads each person's choice (``read_choices``); ``arrived_only`` leaves out
    those not ticked as arrived.
    """
    from capadesk.core.services.participants import list_participants

    choices = (
        read_choices(store, workshop_id, source, step_id) if source is not None else Choices({}, {})
    )
    members = [
        Member(p.public_id, p.type, choices.of.get(p.public_id))
        for p in list_participants(store, workshop_id)
        if p.arrived_at is not None or not arrived_only
    ]
    proposal = propose_groups(members, size=size, count=count, seed=seed, labels=choices.labels)
    return proposal, choices


def drafts_of(proposal: GroupProposal, source: ChoiceSource | None) -> list[GroupDraft]:
    """The drafts that save ``proposal`` as new groups (a choice becomes the group's use case
    or défi)."""
    drafts = []
    for group in proposal.groups:
        use_case = challenge = None
        if group.choice is not None and source is ChoiceSource.USE_CASE:
            use_case = uuid.UUID(group.choice)
        elif group.choice is not None:
            challenge = group.choice
        drafts.append(
            GroupDraft(
                name=group.name,
                member_ids=group.member_ids,
                use_case_id=use_case,
                challenge=challenge or "",
            )
        )
    return drafts
