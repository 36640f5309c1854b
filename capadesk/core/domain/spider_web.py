"""The Spider Web ideation board, as plain data and rules (seed 004 §1.1, steps 2 and 3).

The problem (often a « Comment pourrions-nous … ? ») sits at the centre. Ring 1 collects free
ideas; ring 2 opens once a first constraint is stated (« je ne peux pas me déplacer en
mairie »), ring 3 once a second one is added on top (« nous sommes en 2050 »). Then each
participant sticks one dot (gommette) on the idea they keep: never more dots than participants.
The ideas with the most dots are kept to work on the solution.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from capadesk.core.domain.tool_fields import (
    check_version,
    get_id,
    get_int,
    get_list,
    get_map,
    get_str,
    get_strs,
    one_line,
    unique_ids,
    unreadable,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

KIND = "spider-web"
FORMAT_VERSION = 1
RINGS = (1, 2, 3)
MAX_IDEAS_PER_RING = 24  # « une trentaine d'idées » in all: room to spare, still drawable
MAX_PARTICIPANTS = 500
DEFAULT_KEEP = 3
IDEA_MAX_LENGTH = 140  # a post-it
SUGGESTED_CONSTRAINTS = (
    N_("Je ne peux pas me déplacer en mairie"),
    N_("Nous sommes en 2050"),
)
_WHAT = N_("toile d'araignée")


@dataclass(frozen=True)
class Idea:
    """A post-it on one ring, with the dots it received."""

    id: str
    text: str
    ring: int
    dots: int = 0


@dataclass(frozen=True)
class SpiderWeb:
    """See module docstring. ``constraints[0]`` opens ring 2, ``constraints[1]`` ring 3."""

    problem: str = ""
    constraints: tuple[str, str] = ("", "")
    ideas: tuple[Idea, ...] = ()
    participants: int = 0  # dots available: one each
    keep: int = DEFAULT_KEEP

    def on_ring(self, ring: int) -> tuple[Idea, ...]:
        """The ideas of ``ring``, in the order they were written."""
        return tuple(i for i in self.ideas if i.ring == ring)

    @property
    def dots_used(self) -> int:
        """Dots already stuck."""
        return sum(i.dots for i in self.ideas)

    @property
    def dots_left(self) -> int:
        """Dots still in hand."""
        return max(0, self.participants - self.dots_used)

    def ring_open(self, ring: int) -> bool:
        """Ring 1 always; ring 2 once its constraint is set; ring 3 once both are."""
        return ring == 1 or all(self.constraints[: ring - 1])

    def constraint_of(self, ring: int) -> str:
        """The constraint added on ``ring`` (2 or 3); empty on ring 1."""
        return self.constraints[ring - 2] if ring >= 2 else ""


def _check_ring(ring: int) -> None:
    if ring not in RINGS:
        raise ValidationError(_("Un cercle est numéroté 1, 2 ou 3."))


def set_problem(web: SpiderWeb, raw: str) -> SpiderWeb:
    """The problem written at the centre."""
    return replace(web, problem=one_line(raw, _("Le problème"), limit=400))


def set_constraint(web: SpiderWeb, ring: int, raw: str) -> SpiderWeb:
    """The constraint of ring 2 or 3. Ring 3's needs ring 2's first; a constraint with ideas on
    its ring cannot be removed (they were written under it)."""
    if ring not in (2, 3):
        raise ValidationError(_("Les contraintes s'ajoutent sur les cercles 2 et 3."))
    text = one_line(raw, _("La contrainte"))
    if ring == 3 and text and not web.constraints[0]:
        raise ValidationError(
            _("Ajoutez d'abord la contrainte du cercle 2\u00a0: le cercle 3 s'y ajoute.")
        )
    if not text and (web.on_ring(ring) or (ring == 2 and web.constraints[1])):
        raise ValidationError(
            _(
                "Cette contrainte ne peut pas être retirée\u00a0: des idées ou la contrainte "
                "suivante en dépendent."
            )
        )
    constraints = (text, web.constraints[1]) if ring == 2 else (web.constraints[0], text)
    return replace(web, constraints=constraints)


def add_idea(web: SpiderWeb, ring: int, raw: str, item_id: str) -> SpiderWeb:
    """A post-it on ``ring``; refused while the ring is closed or full."""
    _check_ring(ring)
    if not web.ring_open(ring):
        raise ValidationError(
            _("Le cercle {ring} s'ouvre quand sa contrainte est posée.").format(ring=ring)
        )
    if len(web.on_ring(ring)) >= MAX_IDEAS_PER_RING:
        raise ValidationError(
            _("Le cercle {ring} est plein ({limit} idées).").format(
                ring=ring, limit=MAX_IDEAS_PER_RING
            )
        )
    text = one_line(raw, _("L'idée"), required=True, limit=IDEA_MAX_LENGTH)
    return replace(web, ideas=(*web.ideas, Idea(item_id, text, ring)))


def edit_idea(web: SpiderWeb, item_id: str, raw: str) -> SpiderWeb:
    """Reword an idea."""
    _find(web, item_id)
    text = one_line(raw, _("L'idée"), required=True, limit=IDEA_MAX_LENGTH)
    return replace(
        web, ideas=tuple(replace(i, text=text) if i.id == item_id else i for i in web.ideas)
    )


def remove_idea(web: SpiderWeb, item_id: str) -> SpiderWeb:
    """Take an idea off (its dots go back to the participants)."""
    _find(web, item_id)
    return replace(web, ideas=tuple(i for i in web.ideas if i.id != item_id))


def set_participants(web: SpiderWeb, count: int) -> SpiderWeb:
    """How many people vote: one dot each. Never fewer than the dots already stuck."""
    if not 0 <= count <= MAX_PARTICIPANTS:
        raise ValidationError(
            _("Le nombre de participants va de 0 à {limit}.").format(limit=MAX_PARTICIPANTS)
        )
    if count < web.dots_used:
        raise ValidationError(
            _(
                "{used} gommettes sont déjà posées\u00a0: retirez-en avant de réduire à {count}."
            ).format(used=web.dots_used, count=count)
        )
    return replace(web, participants=count)


def set_keep(web: SpiderWeb, keep: int) -> SpiderWeb:
    """How many of the most voted ideas are kept."""
    if not 1 <= keep <= len(RINGS) * MAX_IDEAS_PER_RING:
        raise ValidationError(_("Gardez au moins une idée."))
    return replace(web, keep=keep)


def add_dot(web: SpiderWeb, item_id: str) -> SpiderWeb:
    """One participant's dot on an idea; refused once every participant has voted."""
    _find(web, item_id)
    if web.participants == 0:
        raise ValidationError(
            _("Indiquez d'abord le nombre de participants\u00a0: une gommette chacun.")
        )
    if web.dots_left == 0:
        raise ValidationError(
            _("Les {count} gommettes sont toutes posées (une par participant).").format(
                count=web.participants
            )
        )
    return replace(
        web, ideas=tuple(replace(i, dots=i.dots + 1) if i.id == item_id else i for i in web.ideas)
    )


def remove_dot(web: SpiderWeb, item_id: str) -> SpiderWeb:
    """Take one dot off an idea."""
    idea = _find(web, item_id)
    if idea.dots == 0:
        raise ValidationError(_("Cette idée n'a pas de gommette."))
    return replace(
        web, ideas=tuple(replace(i, dots=i.dots - 1) if i.id == item_id else i for i in web.ideas)
    )


def kept_ideas(web: SpiderWeb) -> tuple[Idea, ...]:
    """The most voted ideas: the first ``keep`` by dots, and any idea tied with the last one
    kept; an idea without a dot is never kept. Most dots first, then ring and writing order."""
    voted = sorted(
        (i for i in web.ideas if i.dots > 0),
        key=lambda i: (-i.dots, web.ideas.index(i)),
    )
    if len(voted) <= web.keep:
        return tuple(voted)
    cut = voted[web.keep - 1].dots
    return tuple(i for i in voted if i.dots >= cut)


def _find(web: SpiderWeb, item_id: str) -> Idea:
    for idea in web.ideas:
        if idea.id == item_id:
            return idea
    raise ValidationError(_("Cette idée n'existe plus."))


# --- JSON -----------------------------------------------------------------------------------


def dump(web: SpiderWeb) -> dict[str, Any]:
    """The document's ``data``."""
    return {
        "problem": web.problem,
        "constraints": list(web.constraints),
        "ideas": [{"id": i.id, "text": i.text, "ring": i.ring, "dots": i.dots} for i in web.ideas],
        "participants": web.participants,
        "keep": web.keep,
    }


def load(data: Mapping[str, Any], version: int) -> SpiderWeb:
    """A web from its stored ``data``; the rules are checked again (a damaged file is refused)."""
    what = _(_WHAT)
    check_version(version, FORMAT_VERSION, what)
    constraints = get_strs(data, "constraints", what) or ("", "")
    if len(constraints) != 2:
        raise unreadable(what)
    ideas = []
    for item in get_list(data, "ideas", what):
        entry = get_map(item, what)
        ring, dots = get_int(entry, "ring", what), get_int(entry, "dots", what, 0)
        if ring not in RINGS or dots is None or dots < 0:
            raise unreadable(what)
        ideas.append(Idea(get_id(entry, what), get_str(entry, "text", what), ring, dots))
    unique_ids([i.id for i in ideas], what)
    participants = get_int(data, "participants", what, 0) or 0
    keep = get_int(data, "keep", what, DEFAULT_KEEP) or DEFAULT_KEEP
    web = SpiderWeb(
        problem=get_str(data, "problem", what),
        constraints=(constraints[0], constraints[1]),
        ideas=tuple(ideas),
        participants=max(participants, sum(i.dots for i in ideas)),
        keep=max(1, keep),
    )
    return web


def title(web: SpiderWeb) -> str:
    """The document's title column."""
    return web.problem
