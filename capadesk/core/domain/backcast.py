"""Projection « nous sommes en 2027 » and its rétroplanning (backcast), as plain data and rules.

Lisieux (seed 002): per thread, the group tells the success seen from 2027 (text and a drawing),
then asks « comment on en est arrivé là ? »: one idea per post-it, placed on a timeline from
today to 2027, by year or by quarter. Read left to right, the post-its become the roadmap.

The timeline starts at the quarter the backcast was created in (stored, so it does not shift
the next day) and ends with the target year. The post-its are kept in timeline order: by period,
then by their place in the period's column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from capadesk.core.domain.tool_fields import (
    check_version,
    free_text,
    get_id,
    get_int,
    get_list,
    get_map,
    get_str,
    one_line,
    unique_ids,
    unreadable,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

STORY_KIND = "story-2027"
KIND = "backcast"
FORMAT_VERSION = 1
TARGET_YEAR = 2027
MAX_SPAN_YEARS = 15
MAX_NOTES = 200
NOTE_MAX_LENGTH = 160
QUARTERS = "quarters"
YEARS = "years"
_WHAT_STORY = N_("projection 2027")
_WHAT = N_("rétroplanning")


def default_target(today: dt.date) -> int:
    """2027, the year of the method; five years ahead once 2027 is here (« dans 5 ans »)."""
    return TARGET_YEAR if today.year < TARGET_YEAR else today.year + 5


# --- the story ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """The success told from the target year; the drawing is the document's photo."""

    year: int = TARGET_YEAR
    text: str = ""

    @property
    def heading(self) -> str:
        """« Nous sommes en 2027 »."""
        return _("Nous sommes en {year}").format(year=self.year)


def set_story(story: Story, raw: str) -> Story:
    """The story's text."""
    return replace(story, text=free_text(raw, _("Le récit"), limit=8000))


def dump_story(story: Story) -> dict[str, Any]:
    """The story document's ``data``."""
    return {"year": story.year, "text": story.text}


def load_story(data: Mapping[str, Any], version: int) -> Story:
    """A story from its stored ``data``."""
    what = _(_WHAT_STORY)
    check_version(version, FORMAT_VERSION, what)
    year = get_int(data, "year", what, TARGET_YEAR)
    if year is None or not 2000 <= year <= 2200:
        raise unreadable(what)
    return Story(year=year, text=get_str(data, "text", what))


# --- the timeline ---------------------------------------------------------------------------


class Period(NamedTuple):
    """A column of the timeline: a year, or a quarter of it (1 to 4)."""

    year: int
    quarter: int | None = None

    @property
    def label(self) -> str:
        """« T1 2025 » or « 2025 »."""
        if self.quarter is None:
            return str(self.year)
        return _("T{quarter} {year}").format(quarter=self.quarter, year=self.year)

    def key(self) -> tuple[int, int]:
        """Sort key: a year before its quarters' notes would never mix (one granularity)."""
        return (self.year, self.quarter or 0)


_DEFAULT_START = Period(TARGET_YEAR - 1, 1)


@dataclass(frozen=True)
class Note:
    """A post-it: one idea, one action that led to the success."""

    id: str
    text: str
    period: Period


@dataclass(frozen=True)
class Backcast:
    """See module docstring. ``notes`` are in timeline order."""

    start: Period = _DEFAULT_START
    target_year: int = TARGET_YEAR
    granularity: str = QUARTERS
    notes: tuple[Note, ...] = ()

    def periods(self) -> tuple[Period, ...]:
        """The timeline's columns, from the start to the end of the target year."""
        if self.granularity == YEARS:
            return tuple(Period(year) for year in range(self.start.year, self.target_year + 1))
        first = self.start.quarter or 1
        return tuple(
            Period(year, quarter)
            for year in range(self.start.year, self.target_year + 1)
            for quarter in range(1, 5)
            if (year, quarter) >= (self.start.year, first)
        )

    def in_period(self, period: Period) -> tuple[Note, ...]:
        """The post-its of one column, top to bottom."""
        return tuple(n for n in self.notes if n.period == period)


def new_backcast(today: dt.date, target_year: int | None = None) -> Backcast:
    """A timeline from today's quarter to the end of the target year, by quarter."""
    target = default_target(today) if target_year is None else target_year
    start = Period(today.year, (today.month - 1) // 3 + 1)
    return Backcast(start=start, target_year=max(target, today.year))


def _check_period(backcast: Backcast, period: Period) -> Period:
    if period not in backcast.periods():
        raise ValidationError(
            _("«\u00a0{period}\u00a0» n'est pas sur la frise (de {first} à {last}).").format(
                period=period.label,
                first=backcast.periods()[0].label,
                last=backcast.periods()[-1].label,
            )
        )
    return period


def _ordered(notes: list[Note]) -> tuple[Note, ...]:
    # sorted() is stable: inside a period the notes keep the order they are given in.
    return tuple(sorted(notes, key=lambda n: n.period.key()))


def split_ideas(raw: str) -> tuple[str, ...]:
    """« Une idée par post-it »: each non-blank line typed becomes its own post-it."""
    return tuple(
        one_line(line, _("Le post-it"), limit=NOTE_MAX_LENGTH)
        for line in raw.splitlines()
        if line.strip()
    )


def add_notes(backcast: Backcast, raw: str, period: Period, item_ids: tuple[str, ...]) -> Backcast:
    """One post-it per line of ``raw``, at the bottom of ``period``'s column."""
    texts = split_ideas(raw)
    if not texts:
        raise ValidationError(_("Un post-it vide n'est pas ajouté\u00a0: écrivez une idée."))
    if len(item_ids) < len(texts):
        raise ValueError("one id per post-it")
    if len(backcast.notes) + len(texts) > MAX_NOTES:
        raise ValidationError(_("La frise a {limit} post-its au plus.").format(limit=MAX_NOTES))
    _check_period(backcast, period)
    added = [Note(item_id, text, period) for item_id, text in zip(item_ids, texts, strict=False)]
    return replace(backcast, notes=_ordered([*backcast.notes, *added]))


def _find(backcast: Backcast, note_id: str) -> Note:
    for note in backcast.notes:
        if note.id == note_id:
            return note
    raise ValidationError(_("Ce post-it n'existe plus."))


def edit_note(backcast: Backcast, note_id: str, raw: str) -> Backcast:
    """Reword a post-it (still one idea: one line)."""
    _find(backcast, note_id)
    text = one_line(raw, _("Le post-it"), required=True, limit=NOTE_MAX_LENGTH)
    return replace(
        backcast,
        notes=tuple(replace(n, text=text) if n.id == note_id else n for n in backcast.notes),
    )


def remove_note(backcast: Backcast, note_id: str) -> Backcast:
    """Take a post-it off."""
    _find(backcast, note_id)
    return replace(backcast, notes=tuple(n for n in backcast.notes if n.id != note_id))


def move_note(
    backcast: Backcast, note_id: str, period: Period, index: int | None = None
) -> Backcast:
    """Drag and drop: put a post-it in ``period``'s column at ``index`` (the end when None)."""
    note = _find(backcast, note_id)
    _check_period(backcast, period)
    others = [n for n in backcast.notes if n.id != note_id]
    column = [n for n in others if n.period == period]
    place = len(column) if index is None else max(0, min(index, len(column)))
    moved = replace(note, period=period)
    if column:
        anchor = column[place] if place < len(column) else None
        position = others.index(anchor) if anchor else others.index(column[-1]) + 1
    else:
        position = len(others)
    others.insert(position, moved)
    return replace(backcast, notes=_ordered(others))


def shift_note(backcast: Backcast, note_id: str, steps: int) -> Backcast:
    """Move a post-it ``steps`` columns later (negative: earlier), to the column's end."""
    periods = backcast.periods()
    here = periods.index(_find(backcast, note_id).period)
    return move_note(backcast, note_id, periods[max(0, min(here + steps, len(periods) - 1))])


def set_granularity(backcast: Backcast, granularity: str) -> Backcast:
    """By years or by quarters. A quarter's post-its go to its year; a year's to its first
    quarter on the timeline."""
    if granularity not in (QUARTERS, YEARS):
        raise ValueError(f"unknown granularity: {granularity!r}")
    if granularity == backcast.granularity:
        return backcast
    changed = replace(backcast, granularity=granularity)
    first: dict[int, Period] = {}
    for period in changed.periods():
        first.setdefault(period.year, period)
    notes = [replace(n, period=first[n.period.year]) for n in backcast.notes]
    return replace(changed, notes=_ordered(notes))


def set_target(backcast: Backcast, year: int) -> Backcast:
    """Change the timeline's end year; refused when post-its sit after it."""
    if not backcast.start.year <= year <= backcast.start.year + MAX_SPAN_YEARS:
        raise ValidationError(
            _("L'horizon va de {first} à {last}.").format(
                first=backcast.start.year, last=backcast.start.year + MAX_SPAN_YEARS
            )
        )
    if any(n.period.year > year for n in backcast.notes):
        raise ValidationError(
            _("Des post-its sont placés après {year}\u00a0: déplacez-les d'abord.").format(
                year=year
            )
        )
    return replace(backcast, target_year=year)


class RoadmapItem(NamedTuple):
    """One line of the roadmap."""

    period: Period
    text: str


def roadmap(backcast: Backcast) -> tuple[RoadmapItem, ...]:
    """The post-its read left to right, top to bottom: the feuille de route."""
    return tuple(RoadmapItem(n.period, n.text) for n in backcast.notes)


# --- JSON -----------------------------------------------------------------------------------


def dump(backcast: Backcast) -> dict[str, Any]:
    """The backcast document's ``data``."""
    return {
        "start": {"year": backcast.start.year, "quarter": backcast.start.quarter},
        "target_year": backcast.target_year,
        "granularity": backcast.granularity,
        "notes": [
            {"id": n.id, "text": n.text, "year": n.period.year, "quarter": n.period.quarter}
            for n in backcast.notes
        ],
    }


def load(data: Mapping[str, Any], version: int) -> Backcast:
    """A backcast from its stored ``data``; a post-it off the timeline makes it unreadable."""
    what = _(_WHAT)
    check_version(version, FORMAT_VERSION, what)
    start_data = get_map(data.get("start", {}), what)
    start_year, start_quarter = (
        get_int(start_data, "year", what),
        get_int(start_data, "quarter", what),
    )
    target = get_int(data, "target_year", what)
    granularity = get_str(data, "granularity", what, QUARTERS)
    if (
        start_year is None
        or target is None
        or not start_year <= target <= start_year + MAX_SPAN_YEARS
        or start_quarter not in (1, 2, 3, 4)
        or granularity not in (QUARTERS, YEARS)
    ):
        raise unreadable(what)
    backcast = Backcast(Period(start_year, start_quarter), target, granularity)
    notes = []
    for item in get_list(data, "notes", what):
        entry = get_map(item, what)
        year, quarter = get_int(entry, "year", what), get_int(entry, "quarter", what)
        if year is None:
            raise unreadable(what)
        period = Period(year, quarter)
        if period not in backcast.periods():
            raise unreadable(what)
        notes.append(Note(get_id(entry, what), get_str(entry, "text", what), period))
    unique_ids([n.id for n in notes], what)
    return replace(backcast, notes=_ordered(notes))


def title(backcast: Backcast) -> str:
    """The document's title column."""
    return _("Rétroplanning jusqu'à {year}").format(year=backcast.target_year)
