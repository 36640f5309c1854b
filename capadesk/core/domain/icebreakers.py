"""The ice-breakers' answers as plain data, the rules on what may be recorded, and names.

Each answer is one step entry (``step_entry`` table) told apart by its ``EntryKind``; the tools
read them back as ``EntryView``. A name typed in the room is matched against the roster with
``match_person``: the exact full name first, then a first name nobody else on the roster has.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from capadesk.core.domain.people import check_km
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.domain.workshop import clean_text, folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

PROMPT_MAX_LENGTH = 300
MOOD_MAX_LENGTH = 40
LINK_MAX_LENGTH = 200
NAME_MAX_LENGTH = 200
CARD_MAX = 999
HEIGHT_MAX_CM = 1000.0  # ten metres of Lego with one hand: anything above is a typing slip


class EntryKind(StrEnum):
    """What a step entry records (the ``kind`` column)."""

    LINE_UP_PROMPT = "line-up-prompt"  # a question of the step's own deck
    LINE_UP_DRAW = "line-up-draw"  # a question drawn, in draw order
    LINE_UP_KM = "line-up-km"  # the closing round: a first name and the km travelled
    DIXIT_MOOD = "dixit-mood"  # a mood word or a Dixit card number
    YARN_LINK = "yarn-link"  # the yarn passed from one person to another, and the link named
    LEGO_TOWER = "lego-tower"  # a team's tower height in cm


TOOL_KINDS: dict[ActivityKind, tuple[EntryKind, ...]] = {
    ActivityKind.ICEBREAKER_LINE_UP: (
        EntryKind.LINE_UP_PROMPT,
        EntryKind.LINE_UP_DRAW,
        EntryKind.LINE_UP_KM,
    ),
    ActivityKind.ICEBREAKER_DIXIT: (EntryKind.DIXIT_MOOD,),
    ActivityKind.ICEBREAKER_YARN: (EntryKind.YARN_LINK,),
    ActivityKind.ICEBREAKER_LEGO_TOWER: (EntryKind.LEGO_TOWER,),
}

# One answer per person (or team) for these kinds: a second one replaces the first.
_ONE_EACH = frozenset({EntryKind.LINE_UP_KM, EntryKind.DIXIT_MOOD, EntryKind.LEGO_TOWER})
_WITH_PERSON = frozenset({EntryKind.LINE_UP_KM, EntryKind.DIXIT_MOOD, EntryKind.YARN_LINK})


class EntryView(NamedTuple):
    """One recorded answer. ``name`` is the person's roster name (or the team's), falling back
    on the name typed when the row has gone; ``other_name`` the yarn's receiver."""

    public_id: uuid.UUID
    kind: EntryKind
    position: int
    participant_id: uuid.UUID | None
    other_participant_id: uuid.UUID | None
    group_id: uuid.UUID | None
    name: str
    other_name: str
    text: str
    number: float | None
    created_at: dt.datetime


class EntryDraft(NamedTuple):
    """What is typed for one answer: names as typed (matched against the roster when saved),
    a team (a group of the step, else ``label``), a text and a number."""

    kind: EntryKind
    person: str = ""
    other: str = ""
    group_id: uuid.UUID | None = None
    label: str = ""
    text: str = ""
    number: float | None = None


class PersonName(NamedTuple):
    """A person of the roster, as the tools need them: id and name."""

    public_id: uuid.UUID
    name: str


def one_each(kind: EntryKind) -> bool:
    """True when a new answer of ``kind`` replaces the same person's (or team's) previous one."""
    return kind in _ONE_EACH


def _line(raw: str, what: str, limit: int, *, required: bool) -> str:
    text = clean_text(raw)
    if required and not text:
        raise ValidationError(_("{what} ne peut pas être vide.").format(what=what))
    if len(text) > limit:
        raise ValidationError(
            _("{what} est trop long ({count} caractères, {limit} au plus).").format(
                what=what, count=len(text), limit=limit
            )
        )
    if any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ValidationError(_("{what} contient des caractères invalides.").format(what=what))
    return text


def check_height(height: float | None) -> float:
    """A tower's height in cm (rounded to the millimetre), or ValidationError."""
    if height is None or not math.isfinite(height) or height <= 0 or height > HEIGHT_MAX_CM:
        raise ValidationError(
            _("Hauteur invraisemblable\u00a0: donnez des centimètres, de 0 à {limit:.0f}.").format(
                limit=HEIGHT_MAX_CM
            )
        )
    return round(float(height), 1)


def check_card(number: float) -> float:
    """A Dixit card number (a whole number from 1 to 999), or ValidationError."""
    if not math.isfinite(number) or number != int(number) or not 1 <= number <= CARD_MAX:
        raise ValidationError(
            _("Numéro de carte invalide\u00a0: un nombre entier de 1 à {limit}.").format(
                limit=CARD_MAX
            )
        )
    return float(int(number))


def clean_draft(draft: EntryDraft) -> EntryDraft:
    """``draft`` normalised (white space, NFC, rounding) or refused with a French message."""
    kind = EntryKind(draft.kind)
    person = _line(draft.person, _("Le nom"), NAME_MAX_LENGTH, required=kind in _WITH_PERSON)
    other = _line(
        draft.other, _("Le nom du receveur"), NAME_MAX_LENGTH, required=kind is EntryKind.YARN_LINK
    )
    label = _line(draft.label, _("Le nom de l'équipe"), NAME_MAX_LENGTH, required=False)
    text, number = draft.text, draft.number
    if kind in (EntryKind.LINE_UP_PROMPT, EntryKind.LINE_UP_DRAW):
        text, number = _line(text, _("La question"), PROMPT_MAX_LENGTH, required=True), None
    elif kind is EntryKind.LINE_UP_KM:
        if number is None:
            raise ValidationError(_("Indiquez le nombre de kilomètres parcourus."))
        text, number = "", check_km(number)
    elif kind is EntryKind.DIXIT_MOOD:
        text = _line(text, _("Le mot"), MOOD_MAX_LENGTH, required=False)
        number = check_card(number) if number is not None else None
        if not text and number is None:
            raise ValidationError(_("Notez un mot d'humeur ou un numéro de carte."))
    elif kind is EntryKind.YARN_LINK:
        text, number = _line(text, _("Le lien"), LINK_MAX_LENGTH, required=True), None
        if folded(person) == folded(other):
            raise ValidationError(_("La pelote passe à une autre personne."))
    elif kind is EntryKind.LEGO_TOWER:
        if draft.group_id is None and not label:
            raise ValidationError(_("Choisissez l'équipe ou tapez son nom."))
        text, number = "", check_height(number)
    return EntryDraft(kind, person, other, draft.group_id, label, text, number)


# --- names ----------------------------------------------------------------------------------


def first_name(name: str) -> str:
    """The first word of a name (« Anne » of « Anne Durand »)."""
    words = name.split()
    return words[0] if words else name


def short_names(names: Sequence[str]) -> list[str]:
    """First names, with the last name's initial where two share one (« Anne D. », « Anne M. »)."""
    firsts = [first_name(n) for n in names]
    counts: dict[str, int] = {}
    for first in firsts:
        counts[folded(first)] = counts.get(folded(first), 0) + 1
    shown = []
    for name, first in zip(names, firsts, strict=True):
        words = name.split()
        if counts[folded(first)] > 1 and len(words) > 1:
            shown.append(f"{first}\u00a0{words[-1][0]}.")
        else:
            shown.append(first)
    return shown


def _key(name: str) -> str:
    return " ".join(folded(name).split())


def match_person(typed: str, people: Iterable[PersonName]) -> PersonName | None:
    """The roster's person ``typed`` names, or None for a newcomer (see module docstring).

    A first name that several people share is refused with their names, to be typed in full.
    """
    wanted = _key(typed)
    if not wanted:
        return None
    roster = list(people)
    exact = [p for p in roster if _key(p.name) == wanted]
    if exact:
        return exact[0]
    by_first = [p for p in roster if _key(first_name(p.name)) == wanted]
    if len(by_first) > 1:
        names = ", ".join(sorted(p.name for p in by_first))
        raise ValidationError(
            _(
                "Plusieurs personnes s'appellent {name}\u00a0: {names}. Tapez le nom complet."
            ).format(name=typed.strip(), names=names)
        )
    return by_first[0] if by_first else None


# --- figures ----------------------------------------------------------------------------------


def number_text(value: float) -> str:
    """« 2 345 » or « 12,5 »: French digits with narrow no-break spaces between thousands."""
    rounded = round(value, 1)
    whole = int(rounded)
    grouped = f"{whole:,}".replace(",", "\u202f")
    if rounded == whole:
        return grouped
    return f"{grouped},{round(abs(rounded - whole) * 10):.0f}"


def km_text(value: float) -> str:
    """« 2 345 km »."""
    return f"{number_text(value)}\u00a0km"


def cm_text(value: float) -> str:
    """« 84,5 cm »."""
    return f"{number_text(value)}\u00a0cm"


def parse_number(raw: str) -> float | None:
    """« 12,5 », « 12.5 », « 1 200 km », « 84 cm » as a number; None when it is not one."""
    text = folded(raw).replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    for unit in ("km", "cm"):
        text = text.removesuffix(unit)
    text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
