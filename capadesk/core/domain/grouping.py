"""Balanced work groups: respect each person's choice, mix public / private / partner.

``propose_groups`` is pure and deterministic: the same members (in any order) and the same seed
give the same groups.

How it works. Facilitators (``ParticipantType.FACILITATOR``) are never placed: they come back in
``unplaced``. The others fall into *buckets*: one per choice value when anyone has a choice,
else a single bucket. People without a choice, when others have one, join the bucket whose
groups are the least full, one at a time. Each bucket gets its number of groups (``size``:
``ceil(members / size)``; ``count``: one per bucket, the rest shared out in proportion to
the buckets' sizes; never more groups than members). Inside a bucket the members are ordered
family by family (public, then private, then partner; inside a family type by type, each
type shuffled by the seed) and dealt round-robin into the groups from a seeded start.

Guarantees, inside each bucket (so over everyone when nobody chose):

* sizes differ by at most one (across buckets, choices may force other sizes);
* mixing: with ``g`` groups and ``c`` members of a family, exactly ``min(c, g)`` groups hold
  at least one of that family. A group lacks a family only when that family has fewer members
  than there are groups, so no group lacks a family while another group of the same bucket
  holds two of it.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from capadesk.core.domain.people import FAMILY_OF, MIXED_FAMILIES, Family
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

MAX_GROUP_SIZE = 500


class Member(NamedTuple):
    """A participant as grouping sees them; ``choice`` is a use case or défi key, or None."""

    id: uuid.UUID
    type: ParticipantType
    choice: str | None = None


class ProposedGroup(NamedTuple):
    """One proposed group: its name, the choice it serves (None without choices), its members."""

    name: str
    choice: str | None
    member_ids: tuple[uuid.UUID, ...]


class GroupProposal(NamedTuple):
    """The groups, and the people left out of them on purpose (facilitators)."""

    groups: tuple[ProposedGroup, ...]
    unplaced: tuple[uuid.UUID, ...]


def propose_groups(
    members: Iterable[Member],
    *,
    size: int | None = None,
    count: int | None = None,
    seed: int = 0,
    labels: Mapping[str, str] | None = None,
) -> GroupProposal:
    """Groups of at most ``size`` people, or ``count`` groups (give exactly one of the two).

    ``labels`` names the choice keys (a use case's title); a key without a label is its own name.
    See the module docstring for the guarantees.
    """
    if (size is None) == (count is None):
        raise ValueError("give exactly one of size or count")
    wanted = size if size is not None else count
    assert wanted is not None
    if not 1 <= wanted <= MAX_GROUP_SIZE:
        what = _("La taille des groupes") if size is not None else _("Le nombre de groupes")
        raise ValidationError(
            _("{what} doit être entre 1 et {limit}.").format(what=what, limit=MAX_GROUP_SIZE)
        )
    people = sorted(members, key=lambda m: m.id.int)
    if len({m.id for m in people}) != len(people):
        raise ValueError("a participant is listed twice")
    rng = random.Random(seed)
    unplaced = tuple(m.id for m in people if FAMILY_OF[m.type] is Family.FACILITATOR)
    placeable = [m for m in people if FAMILY_OF[m.type] is not Family.FACILITATOR]
    names = labels or {}
    buckets = _buckets(placeable, size, count, rng, names)
    groups: list[ProposedGroup] = []
    for choice, (bucket, group_count) in buckets.items():
        dealt = _deal(bucket, group_count, rng)
        for index, member_ids in enumerate(dealt, start=1):
            if choice is None:
                name = _("Groupe {number}").format(number=len(groups) + 1)
            else:
                label = names.get(choice, choice)
                name = label if len(dealt) == 1 else f"{label} ({index})"
            groups.append(ProposedGroup(name, choice, member_ids))
    return GroupProposal(tuple(groups), unplaced)


def _buckets(
    people: Sequence[Member],
    size: int | None,
    count: int | None,
    rng: random.Random,
    names: Mapping[str, str],
) -> dict[str | None, tuple[list[Member], int]]:
    """Each choice's members and number of groups, choices in the alphabetical order of their
    names."""
    if not people:
        return {}
    if all(m.choice is None for m in people):
        groups = math.ceil(len(people) / size) if size is not None else min(len(people), count or 1)
        return {None: (list(people), groups)}
    keys = sorted(
        {m.choice for m in people if m.choice is not None},
        key=lambda k: (folded(names.get(k, k)), k),
    )
    chosen = {key: [m for m in people if m.choice == key] for key in keys}
    free = [m for m in people if m.choice is None]
    rng.shuffle(free)
    if size is not None:
        for member in free:
            # Least full first: the bucket whose groups have the most room left.
            key = min(keys, key=lambda k: (_fill(len(chosen[k]), size), keys.index(k)))
            chosen[key].append(member)
        return {k: (chosen[k], math.ceil(len(chosen[k]) / size)) for k in keys}
    counts = _share(count or 1, {k: len(v) for k, v in chosen.items()}, keys)
    for member in free:
        key = min(keys, key=lambda k: (len(chosen[k]) / counts[k], keys.index(k)))
        chosen[key].append(member)
    return {k: (chosen[k], min(counts[k], len(chosen[k]))) for k in keys}


def _fill(members: int, size: int) -> float:
    """How full a bucket's groups are (1.0 when every group is exactly at ``size``)."""
    return members / (math.ceil(members / size) * size)


def _share(total: int, sizes: Mapping[str, int], keys: Sequence[str]) -> dict[str, int]:
    """One group per choice, then each further group to the choice with the most per group."""
    counts = dict.fromkeys(keys, 1)
    for _extra in range(max(0, total - len(keys))):
        room = [k for k in keys if counts[k] < sizes[k]]
        if not room:
            break
        best = max(room, key=lambda k: (sizes[k] / counts[k], -keys.index(k)))
        counts[best] += 1
    return counts


def _deal(
    bucket: Sequence[Member], group_count: int, rng: random.Random
) -> list[tuple[uuid.UUID, ...]]:
    """Round-robin by family, then type, from a seeded start (see module docstring)."""
    ordered: list[Member] = []
    for family in MIXED_FAMILIES:
        for kind in ParticipantType:
            if FAMILY_OF[kind] is not family:
                continue
            block = [m for m in bucket if m.type == kind]
            rng.shuffle(block)
            ordered.extend(block)
    start = rng.randrange(group_count)
    groups: list[list[uuid.UUID]] = [[] for _index in range(group_count)]
    for position, member in enumerate(ordered):
        groups[(start + position) % group_count].append(member.id)
    # Fuller groups first: « Mobilité (1) » is never smaller than « Mobilité (2) ».
    return [tuple(group) for group in sorted(groups, key=len, reverse=True)]
