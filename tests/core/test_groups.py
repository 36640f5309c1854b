"""A step's work groups: propose, save (undoable), move a person, rename, choices."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from sqlalchemy import select

from capadesk.core.domain.people import FAMILY_OF, Family, ParticipantFields
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.runner.clock import FakeClock
from capadesk.core.services import groups, participants
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.group_commands import MoveMember, RenameGroup, ReplaceGroups
from capadesk.core.services.groups import ChoiceSource, GroupDraft
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Capture, UseCase, WorkGroup, Workshop
from capadesk.core.storage.store import Store

ROOM = (
    [ParticipantType.ELECTED] * 2
    + [ParticipantType.AGENT] * 4
    + [ParticipantType.COMPANY] * 3
    + [ParticipantType.PARTNER] * 2
    + [ParticipantType.RESIDENT, ParticipantType.FACILITATOR]
)


class Day:
    def __init__(self, store: Store) -> None:
        self.store = store
        summary, _changes = create_workshop(store, "Toulon")
        self.wid = summary.public_id
        apply_protocol(store, self.wid, find_protocol("capacities-1-toulon"))
        self.step = read_agenda(store, self.wid).step_ids[3]
        self.people = [
            participants.add_participant(
                store, self.wid, ParticipantFields(f"P{n:02d}", type=kind)
            )[0]
            for n, kind in enumerate(ROOM)
        ]
        self.types = {p.public_id: p.type for p in self.people}

    def listed(self) -> list[tuple[str, tuple[uuid.UUID, ...]]]:
        return [(g.name, g.member_ids) for g in groups.list_groups(self.store, self.wid, self.step)]

    def use_case(self, title: str) -> uuid.UUID:
        with self.store.write() as session:
            workshop = session.scalars(select(Workshop).where(Workshop.public_id == self.wid)).one()
            row = UseCase(workshop_id=workshop.id, title=title)
            session.add(row)
            session.flush()
            return row.public_id


@pytest.fixture
def day(store: Store) -> Day:
    return Day(store)


def test_propose_then_save_as_the_steps_groups_and_undo(day: Day) -> None:
    proposal, _choices = groups.propose(day.store, day.wid, size=4, seed=5)
    assert len(proposal.groups) == 3
    assert len(proposal.unplaced) == 1  # the facilitator
    drafts = groups.drafts_of(proposal, None)
    command = ReplaceGroups(day.wid, day.step, drafts)
    assert command.text == "Proposer des groupes"
    assert command.apply(day.store).groups == frozenset({day.wid})
    saved = groups.list_groups(day.store, day.wid, day.step)
    assert [g.name for g in saved] == ["Groupe 1", "Groupe 2", "Groupe 3"]
    assert [set(g.member_ids) for g in saved] == [set(g.member_ids) for g in proposal.groups]
    for group in saved:
        families = Counter(FAMILY_OF[day.types[pid]] for pid in group.member_ids)
        assert families[Family.PUBLIC] and families[Family.PRIVATE] and families[Family.PARTNER]
    assert groups.list_groups(day.store, day.wid, None) == []  # the day's own groups: none

    command.revert(day.store)
    assert day.listed() == []
    command.apply(day.store)
    assert [g.public_id for g in groups.list_groups(day.store, day.wid, day.step)] == [
        d.public_id for d in drafts
    ]


def test_replacing_groups_and_undo_give_captures_back_their_group(day: Day) -> None:
    first = GroupDraft("Mobilité", (day.people[0].public_id,))
    groups.replace_groups(day.store, day.wid, day.step, [first])
    with day.store.write() as session:
        workshop = session.scalars(select(Workshop).where(Workshop.public_id == day.wid)).one()
        group = session.scalars(
            select(WorkGroup).where(WorkGroup.public_id == first.public_id)
        ).one()
        capture = Capture(workshop_id=workshop.id, group_id=group.id, kind="irritant", text="x")
        session.add(capture)
        session.flush()
        capture_id = capture.public_id

    def group_of_capture() -> uuid.UUID | None:
        with day.store.read() as session:
            row = session.scalars(select(Capture).where(Capture.public_id == capture_id)).one()
            if row.group_id is None:
                return None
            return session.get(WorkGroup, row.group_id).public_id  # type: ignore[union-attr]

    command = ReplaceGroups(day.wid, day.step, [GroupDraft("Autre")], "Remplacer")
    command.apply(day.store)
    assert group_of_capture() is None
    command.revert(day.store)
    assert day.listed() == [("Mobilité", (day.people[0].public_id,))]
    assert group_of_capture() == first.public_id


def test_move_member_between_groups_and_out_with_undo(day: Day) -> None:
    a, b = GroupDraft("A", (day.people[0].public_id,)), GroupDraft("B")
    groups.replace_groups(day.store, day.wid, day.step, [a, b])
    person = day.people[0].public_id
    command = MoveMember(day.wid, day.step, person, b.public_id, "P00")
    assert command.text == "Déplacer «\u00a0P00\u00a0»"
    command.apply(day.store)
    assert day.listed() == [("A", ()), ("B", (person,))]
    command.revert(day.store)
    assert day.listed() == [("A", (person,)), ("B", ())]
    out = MoveMember(day.wid, day.step, person, None)
    out.apply(day.store)
    assert day.listed() == [("A", ()), ("B", ())]
    out.revert(day.store)
    assert day.listed() == [("A", (person,)), ("B", ())]
    with pytest.raises(NotFoundError, match="groupe"):
        groups.move_member(day.store, day.wid, day.step, person, uuid.uuid4())


def test_rename_with_undo_and_refusals(day: Day) -> None:
    [view], _changes = groups.replace_groups(day.store, day.wid, day.step, [GroupDraft("A")])
    command = RenameGroup(view, "  Les   énergies ")
    assert command.text == "Renommer le groupe «\u00a0A\u00a0»"
    command.apply(day.store)
    assert day.listed() == [("Les énergies", ())]
    command.revert(day.store)
    assert day.listed() == [("A", ())]
    with pytest.raises(ValidationError, match="Le nom du groupe ne peut pas être vide"):
        groups.rename_group(day.store, view.public_id, " ")


def test_invalid_replacements_change_nothing(day: Day) -> None:
    person = day.people[0].public_id
    groups.replace_groups(day.store, day.wid, day.step, [GroupDraft("A", (person,))])
    with pytest.raises(ValidationError, match="que dans un groupe"):
        groups.replace_groups(
            day.store, day.wid, day.step, [GroupDraft("X", (person,)), GroupDraft("Y", (person,))]
        )
    with pytest.raises(NotFoundError, match="n'est plus dans la liste"):
        groups.replace_groups(day.store, day.wid, day.step, [GroupDraft("X", (uuid.uuid4(),))])
    with pytest.raises(NotFoundError, match="étape"):
        groups.list_groups(day.store, day.wid, uuid.uuid4())
    assert day.listed() == [("A", (person,))]


def test_choices_by_use_case_come_from_the_groups_people_sit_in(day: Day) -> None:
    mobility, energy = day.use_case("Mobilité"), day.use_case("Énergie")
    placed = [p for p in day.people if p.type is not ParticipantType.FACILITATOR]
    choice_groups = [
        GroupDraft("Mobilité", tuple(p.public_id for p in placed[:8]), use_case_id=mobility),
        GroupDraft("Énergie", tuple(p.public_id for p in placed[8:10]), use_case_id=energy),
    ]
    groups.replace_groups(day.store, day.wid, None, choice_groups)  # the morning's choice
    proposal, choices = groups.propose(
        day.store, day.wid, size=4, seed=1, source=ChoiceSource.USE_CASE, step_id=day.step
    )
    assert choices.labels == {str(mobility): "Mobilité", str(energy): "Énergie"}
    assert [g.name for g in proposal.groups] == ["Énergie", "Mobilité (1)", "Mobilité (2)"]
    undecided = {p.public_id for p in placed[10:]}
    for group in proposal.groups:
        chose = {pid for pid in group.member_ids if pid not in undecided}
        expected = {
            p.public_id for p in (placed[8:10] if group.choice == str(energy) else placed[:8])
        }
        assert chose <= expected
    views, _changes = groups.replace_groups(
        day.store, day.wid, day.step, groups.drafts_of(proposal, ChoiceSource.USE_CASE)
    )
    assert [v.use_case_id for v in views] == [energy, mobility, mobility]


def test_choices_by_challenge_and_arrived_only(day: Day) -> None:
    clock = FakeClock()
    for person in day.people[:6]:
        participants.mark_arrived(day.store, person.public_id, clock.now())
    groups.replace_groups(
        day.store,
        day.wid,
        day.step,
        [
            GroupDraft("D1", tuple(p.public_id for p in day.people[:3]), challenge="Défi n°1"),
            GroupDraft("D2", tuple(p.public_id for p in day.people[3:9]), challenge="Défi n°9"),
        ],
    )
    proposal, choices = groups.propose(
        day.store,
        day.wid,
        count=2,
        seed=0,
        source=ChoiceSource.CHALLENGE,
        step_id=day.step,
        arrived_only=True,
    )
    assert set(choices.of.values()) == {"Défi n°1", "Défi n°9"}
    assert sorted(len(g.member_ids) for g in proposal.groups) == [3, 3]
    seated = {pid for g in proposal.groups for pid in g.member_ids}
    assert seated == {p.public_id for p in day.people[:6]}
    drafts = groups.drafts_of(proposal, ChoiceSource.CHALLENGE)
    assert [d.challenge for d in drafts] == ["Défi n°1", "Défi n°9"]
