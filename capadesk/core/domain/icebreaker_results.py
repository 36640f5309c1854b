"""What the ice-breakers show the room, computed from their entries: the next question drawn,
the room's mood, the yarn's network, the towers' ranking and the closing round's kilometres."""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from capadesk.core.domain.icebreakers import EntryKind, EntryView, short_names
from capadesk.core.domain.workshop import folded

_LINE_UP_OPENING = re.compile(r"^\s*placez[- ]vous\s+en\s+ligne\s*[,:!….]*\s*", re.IGNORECASE)


def of_kind(entries: Iterable[EntryView], kind: EntryKind) -> list[EntryView]:
    """The entries of ``kind``, in their recorded order."""
    return sorted((e for e in entries if e.kind is kind), key=lambda e: e.position)


# --- « Placez-vous en ligne » ---------------------------------------------------------------


def criterion(prompt: str) -> str:
    """The question without a typed « Placez-vous en ligne » (the slide says it above)."""
    rest = _LINE_UP_OPENING.sub("", prompt).strip()
    return rest[:1].upper() + rest[1:] if rest else prompt.strip()


def remaining_prompts(deck: Sequence[str], drawn: Iterable[str]) -> list[str]:
    """The deck's questions not drawn yet (compared case and accents aside), in deck order."""
    gone = {" ".join(folded(text).split()) for text in drawn}
    return [p for p in deck if " ".join(folded(p).split()) not in gone]


def pick_prompt(deck: Sequence[str], drawn: Iterable[str], rng: random.Random) -> str | None:
    """A question drawn at random among those left; None once the deck is used up."""
    left = remaining_prompts(deck, drawn)
    return rng.choice(left) if left else None


class KmRound(NamedTuple):
    """The closing round: (name said, km) in speaking order, and their total."""

    people: tuple[tuple[str, float], ...]
    total: float


def km_round(entries: Iterable[EntryView]) -> KmRound:
    """The round of first names and kilometres (see ``KmRound``)."""
    spoken = [(e.name, e.number or 0.0) for e in of_kind(entries, EntryKind.LINE_UP_KM)]
    return KmRound(tuple(spoken), sum(km for _name, km in spoken))


# --- Dixit ------------------------------------------------------------------------------------


class MoodWord(NamedTuple):
    """A mood word and how many people said it."""

    word: str
    times: int


def mood_words(entries: Iterable[EntryView]) -> list[MoodWord]:
    """The words said, grouped case and accents aside (shown as first typed), most said first,
    then in the order they were first said."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for entry in of_kind(entries, EntryKind.DIXIT_MOOD):
        if entry.text:
            key = " ".join(folded(entry.text).split())
            shown.setdefault(key, entry.text)
            counts[key] = counts.get(key, 0) + 1
    order = {key: index for index, key in enumerate(shown)}
    keys = sorted(counts, key=lambda k: (-counts[k], order[k]))
    return [MoodWord(shown[k], counts[k]) for k in keys]


def mood_cards(entries: Iterable[EntryView]) -> list[int]:
    """The Dixit cards chosen, in increasing order (a card may come twice)."""
    dixit = of_kind(entries, EntryKind.DIXIT_MOOD)
    return sorted(int(e.number) for e in dixit if e.number is not None)


# --- the yarn -------------------------------------------------------------------------------


class YarnLink(NamedTuple):
    """One throw: its number (1…), who threw and who caught (indexes into the people), the link."""

    number: int
    giver: int
    receiver: int
    text: str


class YarnNetwork(NamedTuple):
    """The people the yarn went through, by first name in alphabetical order (the circle they
    stand in: an order of their own, so that the throws cross it as the real yarn does), and
    the throws."""

    people: tuple[str, ...]
    links: tuple[YarnLink, ...]


def yarn_network(entries: Iterable[EntryView]) -> YarnNetwork:
    """The network of the yarn's throws (see ``YarnNetwork``)."""
    names: dict[uuid.UUID | str, str] = {}
    throws = of_kind(entries, EntryKind.YARN_LINK)

    def key(participant_id: uuid.UUID | None, name: str) -> uuid.UUID | str:
        found: uuid.UUID | str = participant_id or " ".join(folded(name).split())
        names.setdefault(found, name)
        return found

    pairs = [
        (key(e.participant_id, e.name), key(e.other_participant_id, e.other_name)) for e in throws
    ]
    order = sorted(names, key=lambda k: (folded(names[k]), str(k)))
    index = {k: i for i, k in enumerate(order)}
    links = tuple(
        YarnLink(number, index[giver], index[receiver], entry.text)
        for number, ((giver, receiver), entry) in enumerate(zip(pairs, throws, strict=True), 1)
    )
    return YarnNetwork(tuple(short_names([names[k] for k in order])), links)


# --- the Lego tower -------------------------------------------------------------------------


class RankedTower(NamedTuple):
    """A team's tower in the ranking; ``tied`` when another team reached the same height."""

    rank: int
    tied: bool
    team: str
    height: float
    entry_id: uuid.UUID


def rank_towers(entries: Iterable[EntryView]) -> list[RankedTower]:
    """Highest first; equal heights share a rank and the next rank skips (1, 1, 3); equal
    teams keep the order they were measured in."""
    towers = [e for e in of_kind(entries, EntryKind.LEGO_TOWER) if e.number is not None]
    ordered = sorted(towers, key=lambda e: -(e.number or 0.0))
    heights = [e.number for e in ordered]
    ranked: list[RankedTower] = []
    for place, entry in enumerate(ordered, start=1):
        same = bool(ranked) and ranked[-1].height == entry.number
        rank = ranked[-1].rank if same else place
        tied = heights.count(entry.number) > 1
        ranked.append(RankedTower(rank, tied, entry.name, entry.number or 0.0, entry.public_id))
    return ranked


def podium(ranked: Sequence[RankedTower]) -> list[tuple[int, list[RankedTower]]]:
    """The steps of the podium: each rank up to 3 with its teams (tied teams share a step)."""
    steps: dict[int, list[RankedTower]] = {}
    for tower in ranked:
        if tower.rank <= 3:
            steps.setdefault(tower.rank, []).append(tower)
    return sorted(steps.items())
