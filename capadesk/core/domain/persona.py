"""A persona card and its « Comment pourrions-nous … ? » questions, as plain data and rules.

The card's fields follow the design-thinking immersion step (INET/ETS 2018, seed 004 §2.1):
nom, âge, situation familiale, lieu de vie, profession, personnalité, centres d'intérêt,
attentes, frustrations, motivations. The four last are lists (one item per line) so that a
frustration can be chosen and reformulated as a question to work on: « Comment pourrions-nous
aider Chloé à réserver une place de parking à distance ? ». The picture is the document's photo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from capadesk.core.domain.tool_fields import (
    check_version,
    free_text,
    get_id,
    get_int,
    get_list,
    get_map,
    get_str,
    get_strs,
    one_line,
    text_lines,
    unique_ids,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

KIND = "persona"
FORMAT_VERSION = 1
AGE_MAX = 120
MAX_ITEMS = 30  # per list: a card, not a survey
MAX_QUESTIONS = 30
CPN_START = N_("Comment pourrions-nous")
_WHAT = N_("persona")

# (attribute, French label): the card's order, on screen and in the PDF.
TEXT_FIELDS = (
    ("name", N_("Nom")),
    ("family", N_("Situation familiale")),
    ("home", N_("Lieu de vie")),
    ("profession", N_("Profession")),
    ("personality", N_("Personnalité")),
)
LIST_FIELDS = (
    ("interests", N_("Centres d'intérêt")),
    ("expectations", N_("Attentes")),
    ("frustrations", N_("Frustrations")),
    ("motivations", N_("Motivations")),
)
AGE_LABEL = N_("Âge")


@dataclass(frozen=True)
class HowMightWe:
    """A « Comment pourrions-nous … ? » question, the frustration it comes from, an answer."""

    id: str
    frustration: str
    question: str
    solution: str = ""


@dataclass(frozen=True)
class Persona:
    """A persona card (see module docstring)."""

    name: str = ""
    age: int | None = None
    family: str = ""
    home: str = ""
    profession: str = ""
    personality: str = ""
    interests: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    questions: tuple[HowMightWe, ...] = ()

    @property
    def display_name(self) -> str:
        """The name, or « Persona sans nom »."""
        return self.name or _("Persona sans nom")

    @property
    def summary(self) -> str:
        """« Chloé, 32 ans, Paris » — what a list shows of the card."""
        parts = [self.display_name]
        if self.age is not None:
            parts.append(_("{age}\u00a0ans").format(age=self.age))
        parts.extend(p for p in (self.profession, self.home) if p)
        return ", ".join(parts)


def check_age(age: int | None) -> int | None:
    """An age between 0 and ``AGE_MAX``, or None."""
    if age is not None and not 0 <= age <= AGE_MAX:
        raise ValidationError(
            _("L'âge doit être compris entre 0 et {limit} ans.").format(limit=AGE_MAX)
        )
    return age


def parse_age(raw: str) -> int | None:
    """The age typed in a field (« 32 », « 32 ans », empty)."""
    text = raw.strip().removesuffix("ans").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(_("L'âge est un nombre d'années (par exemple 32)."))
    return check_age(int(text))


def with_field(persona: Persona, field: str, raw: str) -> Persona:
    """``persona`` with one field set from what was typed (lists: one item per line)."""
    labels = dict(TEXT_FIELDS) | dict(LIST_FIELDS)
    if field == "age":
        return replace(persona, age=parse_age(raw))
    if field not in labels:
        raise ValueError(f"unknown persona field: {field!r}")
    what = _(labels[field])
    if field in dict(LIST_FIELDS):
        items = text_lines(raw, what)
        if len(items) > MAX_ITEMS:
            raise ValidationError(
                _("{what}\u00a0: {limit} éléments au plus.").format(what=what, limit=MAX_ITEMS)
            )
        changed: dict[str, Any] = {field: items}
    else:
        changed = {field: one_line(raw, what)}
    return replace(persona, **changed)


def field_text(persona: Persona, field: str) -> str:
    """What the editor shows for one field (lists one item per line)."""
    if field == "age":
        return "" if persona.age is None else str(persona.age)
    value = getattr(persona, field)
    return "\n".join(value) if isinstance(value, tuple) else str(value)


def suggested_question(persona: Persona, frustration: str) -> str:
    """The start of a question the facilitator completes: « Comment pourrions-nous aider Chloé
    à … ? »; the frustration stays beside it, as the problem to reformulate."""
    who = persona.name or _("notre persona")
    return _("Comment pourrions-nous aider {who} à ").format(who=who)


def clean_question(raw: str) -> str:
    """A CPN question: one line, starting with « Comment pourrions-nous », ending with
    « ? » after a non-breaking space."""
    text = one_line(raw, _("La question"), required=True, limit=400)
    start = _(CPN_START)
    if not text.casefold().startswith(start.casefold()):
        text = f"{start} {text[0].lower()}{text[1:]}"
    text = text.rstrip(" \u00a0?").rstrip()
    if text.casefold() == start.casefold():
        raise ValidationError(
            _("Complétez la question après «\u00a0{start}\u00a0».").format(start=start)
        )
    return f"{text}\u00a0?"


def add_question(persona: Persona, frustration: str, question: str, item_id: str) -> Persona:
    """A new question derived from one of the persona's frustrations."""
    if frustration not in persona.frustrations:
        raise ValidationError(
            _("Choisissez d'abord une frustration du persona\u00a0: la question en découle.")
        )
    if len(persona.questions) >= MAX_QUESTIONS:
        raise ValidationError(
            _("{limit} questions au plus par persona.").format(limit=MAX_QUESTIONS)
        )
    entry = HowMightWe(item_id, frustration, clean_question(question))
    return replace(persona, questions=(*persona.questions, entry))


def edit_question(persona: Persona, item_id: str, question: str, solution: str) -> Persona:
    """Reword a question or write its solution."""
    _find(persona, item_id)
    cleaned = clean_question(question)
    answer = free_text(solution, _("La solution"))
    return replace(
        persona,
        questions=tuple(
            replace(q, question=cleaned, solution=answer) if q.id == item_id else q
            for q in persona.questions
        ),
    )


def remove_question(persona: Persona, item_id: str) -> Persona:
    """Take a question off."""
    _find(persona, item_id)
    return replace(persona, questions=tuple(q for q in persona.questions if q.id != item_id))


def _find(persona: Persona, item_id: str) -> HowMightWe:
    for question in persona.questions:
        if question.id == item_id:
            return question
    raise ValidationError(_("Cette question n'existe plus."))


def orphan_questions(persona: Persona) -> tuple[HowMightWe, ...]:
    """Questions whose frustration was since reworded or removed from the card."""
    return tuple(q for q in persona.questions if q.frustration not in persona.frustrations)


# --- JSON -----------------------------------------------------------------------------------


def dump(persona: Persona) -> dict[str, Any]:
    """The document's ``data``."""
    return {
        "name": persona.name,
        "age": persona.age,
        "family": persona.family,
        "home": persona.home,
        "profession": persona.profession,
        "personality": persona.personality,
        "interests": list(persona.interests),
        "expectations": list(persona.expectations),
        "frustrations": list(persona.frustrations),
        "motivations": list(persona.motivations),
        "questions": [
            {
                "id": q.id,
                "frustration": q.frustration,
                "question": q.question,
                "solution": q.solution,
            }
            for q in persona.questions
        ],
    }


def load(data: Mapping[str, Any], version: int) -> Persona:
    """A persona from its stored ``data`` (ValidationError when unreadable or too new)."""
    what = _(_WHAT)
    check_version(version, FORMAT_VERSION, what)
    questions = []
    for item in get_list(data, "questions", what):
        entry = get_map(item, what)
        questions.append(
            HowMightWe(
                get_id(entry, what),
                get_str(entry, "frustration", what),
                get_str(entry, "question", what),
                get_str(entry, "solution", what),
            )
        )
    unique_ids([q.id for q in questions], what)
    age = get_int(data, "age", what)
    try:
        check_age(age)
    except ValidationError:
        age = None  # an impossible age is dropped, the rest of the card stays readable
    return Persona(
        name=get_str(data, "name", what),
        age=age,
        family=get_str(data, "family", what),
        home=get_str(data, "home", what),
        profession=get_str(data, "profession", what),
        personality=get_str(data, "personality", what),
        interests=get_strs(data, "interests", what),
        expectations=get_strs(data, "expectations", what),
        frustrations=get_strs(data, "frustrations", what),
        motivations=get_strs(data, "motivations", what),
        questions=tuple(questions),
    )


def title(persona: Persona) -> str:
    """The document's title column."""
    return persona.name
