"""Who is in the room and in which group, as plain data; the rules on a participant's fields.

Services return these; views, exporters and the CLI read them. They hold no session or row.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import clean_text, folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

FIELD_MAX_LENGTH = 200
KM_MAX = 40_000.0  # once round the Earth: anything above is a typing slip


class ParticipantView(NamedTuple):
    """One line of the roster."""

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    name: str
    organisation: str
    type: ParticipantType
    territory: str
    km_travelled: float | None
    consent_named: bool
    arrived_at: dt.datetime | None
    notes: str = ""


class ParticipantFields(NamedTuple):
    """What a person types about a participant (the roster form, one CSV line)."""

    name: str
    organisation: str = ""
    type: ParticipantType = ParticipantType.AGENT
    territory: str = ""
    km_travelled: float | None = None
    consent_named: bool = False


def fields_of(participant: ParticipantView) -> ParticipantFields:
    """The editable fields of ``participant``."""
    return ParticipantFields(
        participant.name,
        participant.organisation,
        participant.type,
        participant.territory,
        participant.km_travelled,
        participant.consent_named,
    )


def _one_line(raw: str, what: str, *, required: bool = False) -> str:
    text = clean_text(raw)
    if required and not text:
        raise ValidationError(_("{what} ne peut pas être vide.").format(what=what))
    if len(text) > FIELD_MAX_LENGTH:
        raise ValidationError(
            _("{what} est trop long ({count} caractères, {limit} au plus).").format(
                what=what, count=len(text), limit=FIELD_MAX_LENGTH
            )
        )
    if any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ValidationError(_("{what} contient des caractères invalides.").format(what=what))
    return text


def check_km(km: float | None) -> float | None:
    """``km`` if it is a plausible distance, else ValidationError."""
    if km is None:
        return None
    if not math.isfinite(km) or km < 0 or km > KM_MAX:
        raise ValidationError(
            _("Distance invraisemblable\u00a0: {km} km (de 0 à {limit:.0f} km).").format(
                km=km, limit=KM_MAX
            )
        )
    return float(km)


def clean_fields(fields: ParticipantFields) -> ParticipantFields:
    """Normalise what was typed (white space, NFC) or refuse it with a French message."""
    return ParticipantFields(
        name=_one_line(fields.name, _("Le nom"), required=True),
        organisation=_one_line(fields.organisation, _("L'organisation")),
        type=ParticipantType(fields.type),
        territory=_one_line(fields.territory, _("Le territoire")),
        km_travelled=check_km(fields.km_travelled),
        consent_named=bool(fields.consent_named),
    )


def identity_key(name: str, organisation: str) -> tuple[str, str]:
    """Two lines with this key are the same person (case, accents and spacing aside)."""
    return (" ".join(folded(name).split()), " ".join(folded(organisation).split()))


def by_name(participants: Iterable[ParticipantView]) -> list[ParticipantView]:
    """Alphabetical order, accents aside (« Émilie » between « Denis » and « Fanny »)."""
    return sorted(participants, key=lambda p: (folded(p.name), folded(p.organisation), p.public_id))


class Family(StrEnum):
    """The three sides a group should mix (public / private / partner), and the facilitators."""

    PUBLIC = "public"
    PRIVATE = "prive"
    PARTNER = "partenaire"
    FACILITATOR = "animation"

    @property
    def label(self) -> str:
        """French label, as a column heading reads it (« Public 2 · Partenaires 1 »)."""
        return _(_FAMILY_LABELS[self])


_FAMILY_LABELS = {
    Family.PUBLIC: N_("Public"),
    Family.PRIVATE: N_("Privé"),
    Family.PARTNER: N_("Partenaires"),
    Family.FACILITATOR: N_("Animation"),
}

FAMILY_OF: dict[ParticipantType, Family] = {
    ParticipantType.ELECTED: Family.PUBLIC,
    ParticipantType.AGENT: Family.PUBLIC,
    ParticipantType.COMPANY: Family.PRIVATE,
    ParticipantType.PARTNER: Family.PARTNER,
    ParticipantType.RESIDENT: Family.PARTNER,
    ParticipantType.FACILITATOR: Family.FACILITATOR,
}

MIXED_FAMILIES = (Family.PUBLIC, Family.PRIVATE, Family.PARTNER)


def family_counts(types: Iterable[ParticipantType]) -> dict[Family, int]:
    """How many of each family, every family present as a key (zero included)."""
    counts = dict.fromkeys(Family, 0)
    for kind in types:
        counts[FAMILY_OF[ParticipantType(kind)]] += 1
    return counts


def mix_label(types: Iterable[ParticipantType]) -> str:
    """« Public 2 · Privé 1 · Partenaires 1 » (families with nobody left out; « personne »)."""
    counts = family_counts(types)
    parts = [f"{family.label}\u00a0{counts[family]}" for family in Family if counts[family]]
    return " · ".join(parts) or _("personne")


class GroupView(NamedTuple):
    """A work group of a step, with its members' ids in their order."""

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    name: str
    colour: str
    challenge: str
    use_case_id: uuid.UUID | None
    position: int
    member_ids: tuple[uuid.UUID, ...]


def check_group_name(raw: str) -> str:
    """A group's name, normalised, or ValidationError."""
    return _one_line(raw, _("Le nom du groupe"), required=True)
