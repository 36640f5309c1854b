"""Balanced groups: the guarantees of ``propose_groups``, as properties and as examples."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capadesk.core.domain.grouping import GroupProposal, Member, ProposedGroup, propose_groups
from capadesk.core.domain.people import FAMILY_OF, MIXED_FAMILIES, Family
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import ValidationError

CHOICES = ("Mobilité", "Énergie", "Eau", "Déchets")


def members_strategy(with_choices: bool) -> st.SearchStrategy[list[Member]]:
    choice = st.sampled_from((*CHOICES, None)) if with_choices else st.none()
    member = st.builds(Member, st.uuids(), st.sampled_from(list(ParticipantType)), choice)
    return st.lists(member, max_size=60, unique_by=lambda m: m.id)


Sizing = tuple[str, int]
sizing: st.SearchStrategy[Sizing] = st.one_of(
    st.tuples(st.just("size"), st.integers(1, 12)), st.tuples(st.just("count"), st.integers(1, 15))
)


def run(members: Sequence[Member], sizing: Sizing, seed: int) -> GroupProposal:
    kind, number = sizing
    if kind == "size":
        return propose_groups(members, size=number, seed=seed)
    return propose_groups(members, count=number, seed=seed)


def placed(proposal: GroupProposal) -> list[uuid.UUID]:
    return [pid for group in proposal.groups for pid in group.member_ids]


def buckets(proposal: GroupProposal) -> dict[str | None, list[ProposedGroup]]:
    by_choice: dict[str | None, list[ProposedGroup]] = {}
    for group in proposal.groups:
        by_choice.setdefault(group.choice, []).append(group)
    return by_choice


def check_guarantees(members: Sequence[Member], proposal: GroupProposal) -> None:
    types = {m.id: m.type for m in members}
    # Every participant exactly once: in one group, or (facilitators) in ``unplaced``.
    everyone = placed(proposal) + list(proposal.unplaced)
    assert Counter(everyone) == Counter(m.id for m in members)
    assert all(FAMILY_OF[types[pid]] is Family.FACILITATOR for pid in proposal.unplaced)
    assert all(FAMILY_OF[types[pid]] is not Family.FACILITATOR for pid in placed(proposal))
    assert all(group.member_ids for group in proposal.groups), "no empty group"
    for bucket in buckets(proposal).values():
        sizes = [len(g.member_ids) for g in bucket]
        assert max(sizes) - min(sizes) <= 1
        # Mixing: each family sits in exactly min(its count, the bucket's groups) groups.
        for family in MIXED_FAMILIES:
            holding = [
                g for g in bucket if any(FAMILY_OF[types[pid]] is family for pid in g.member_ids)
            ]
            total = sum(FAMILY_OF[types[pid]] is family for g in bucket for pid in g.member_ids)
            assert len(holding) == min(total, len(bucket)), (family, bucket)


@settings(max_examples=100, deadline=None)
@given(members_strategy(with_choices=False), sizing, st.integers(0, 2**32))
def test_without_choices_every_guarantee_holds(
    members: list[Member], sizing: Sizing, seed: int
) -> None:
    proposal = run(members, sizing, seed)
    check_guarantees(members, proposal)
    assert len(buckets(proposal)) <= 1
    placeable = len(placed(proposal))
    kind, number = sizing
    if kind == "size":
        assert all(len(g.member_ids) <= number for g in proposal.groups)
        assert len(proposal.groups) == -(-placeable // number)
    else:
        assert len(proposal.groups) == min(number, placeable)


@settings(max_examples=100, deadline=None)
@given(members_strategy(with_choices=True), sizing, st.integers(0, 2**32))
def test_with_choices_every_guarantee_holds_inside_each_choice(
    members: list[Member], sizing: Sizing, seed: int
) -> None:
    proposal = run(members, sizing, seed)
    check_guarantees(members, proposal)
    chosen = {m.id: m.choice for m in members}
    for group in proposal.groups:
        # Whoever chose sits in a group of that choice; the undecided fill in anywhere.
        assert all(chosen[pid] in (None, group.choice) for pid in group.member_ids)
    if any(m.choice for m in members if FAMILY_OF[m.type] is not Family.FACILITATOR):
        expected = {
            m.choice for m in members if m.choice and FAMILY_OF[m.type] is not Family.FACILITATOR
        }
        assert set(buckets(proposal)) == expected  # one bucket (at least one group) per choice
        if sizing[0] == "size":
            assert all(len(g.member_ids) <= sizing[1] for g in proposal.groups)


@settings(max_examples=50, deadline=None)
@given(members_strategy(with_choices=True), sizing, st.integers(0, 2**32), st.randoms())
def test_same_seed_same_groups_whatever_the_input_order(
    members: list[Member], sizing: Sizing, seed: int, shuffler: object
) -> None:
    first = run(members, sizing, seed)
    shuffled = list(members)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    assert run(shuffled, sizing, seed) == first


def _room(counts: dict[ParticipantType, int]) -> list[Member]:
    return [
        Member(uuid.UUID(int=index * 100 + n), kind)
        for index, (kind, count) in enumerate(counts.items())
        for n in range(count)
    ]


def test_three_groups_of_four_each_get_public_private_and_partner() -> None:
    members = _room(
        {
            ParticipantType.ELECTED: 2,
            ParticipantType.AGENT: 4,
            ParticipantType.COMPANY: 3,
            ParticipantType.PARTNER: 2,
            ParticipantType.RESIDENT: 1,
            ParticipantType.FACILITATOR: 2,
        }
    )
    proposal = propose_groups(members, size=4, seed=7)
    assert [len(g.member_ids) for g in proposal.groups] == [4, 4, 4]
    assert [g.name for g in proposal.groups] == ["Groupe 1", "Groupe 2", "Groupe 3"]
    types = {m.id: m.type for m in members}
    for group in proposal.groups:
        families = Counter(FAMILY_OF[types[pid]] for pid in group.member_ids)
        assert families == {Family.PUBLIC: 2, Family.PRIVATE: 1, Family.PARTNER: 1}
    assert len(proposal.unplaced) == 2


def test_a_big_choice_is_split_and_labels_name_the_groups() -> None:
    key = str(uuid.UUID(int=1))
    members = [Member(uuid.UUID(int=10 + n), ParticipantType.AGENT, key) for n in range(7)]
    members += [Member(uuid.UUID(int=50), ParticipantType.COMPANY, "Eau")]
    proposal = propose_groups(members, size=4, seed=1, labels={key: "Mobilité"})
    assert [(g.name, len(g.member_ids)) for g in proposal.groups] == [
        ("Eau", 1),
        ("Mobilité (1)", 4),
        ("Mobilité (2)", 3),
    ]


def test_a_count_is_shared_in_proportion_to_the_choices() -> None:
    members = [Member(uuid.UUID(int=n), ParticipantType.AGENT, "A") for n in range(9)]
    members += [Member(uuid.UUID(int=100 + n), ParticipantType.AGENT, "B") for n in range(3)]
    proposal = propose_groups(members, count=4, seed=3)
    assert Counter(g.choice for g in proposal.groups) == {"A": 3, "B": 1}


def test_different_seeds_can_give_different_groups() -> None:
    members = _room({ParticipantType.AGENT: 6, ParticipantType.COMPANY: 6})
    results = {propose_groups(members, size=3, seed=seed) for seed in range(10)}
    assert len(results) > 1


@pytest.mark.parametrize("sizing", [("size", 0), ("count", 0), ("size", 501)])
def test_a_size_or_count_out_of_bounds_is_refused_in_french(sizing: Sizing) -> None:
    with pytest.raises(ValidationError, match="doit être entre 1 et 500"):
        run(_room({ParticipantType.AGENT: 3}), sizing, 0)


def test_size_and_count_together_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        propose_groups([], size=3, count=2)


def test_nobody_to_place_gives_no_group() -> None:
    only_facilitators = _room({ParticipantType.FACILITATOR: 2})
    proposal = propose_groups(only_facilitators, size=3)
    assert proposal.groups == ()
    assert len(proposal.unplaced) == 2
