"""The ice-breakers' pure rules: names, numbers, questions, validation, the draw."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capadesk.core.domain.icebreaker_results import criterion, pick_prompt, remaining_prompts
from capadesk.core.domain.icebreakers import (
    EntryDraft,
    EntryKind,
    PersonName,
    clean_draft,
    cm_text,
    km_text,
    match_person,
    parse_number,
    short_names,
)
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError

ROSTER = [
    PersonName(uuid.uuid4(), "Anne Durand"),
    PersonName(uuid.uuid4(), "Anne Martin"),
    PersonName(uuid.uuid4(), "Élodie Petit"),
]


def test_names_match_in_full_or_by_a_first_name_nobody_shares() -> None:
    assert match_person("  anne   DURAND ", ROSTER) == ROSTER[0]
    assert match_person("elodie", ROSTER) == ROSTER[2]
    assert match_person("Zoé", ROSTER) is None
    assert match_person("", ROSTER) is None
    with pytest.raises(ValidationError, match="Plusieurs personnes s'appellent Anne"):
        match_person("Anne", ROSTER)


def test_short_names_add_an_initial_only_where_first_names_clash() -> None:
    assert short_names(["Anne Durand", "Anne Martin", "Élodie Petit", "Zoé"]) == [
        "Anne\u00a0D.",
        "Anne\u00a0M.",
        "Élodie",
        "Zoé",
    ]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 200 km", 1200.0),
        ("1\u202f200", 1200.0),
        ("84 cm", 84.0),
        ("loin", None),
        ("", None),
        ("nan", None),
    ],
)
def test_numbers_are_read_the_french_way(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


def test_figures_are_written_the_french_way() -> None:
    assert km_text(2345.0) == "2\u202f345\u00a0km"
    assert km_text(12.5) == "12,5\u00a0km"
    assert cm_text(84.04) == "84\u00a0cm"


def test_a_typed_opening_is_not_said_twice() -> None:
    assert criterion("Placez-vous en ligne selon votre âge") == "Selon votre âge"
    assert criterion("selon la taille") == "Selon la taille"


def test_drafts_are_cleaned_or_refused() -> None:
    draft = clean_draft(EntryDraft(EntryKind.DIXIT_MOOD, person=" Anne ", text="  ravie  "))
    assert (draft.person, draft.text, draft.number) == ("Anne", "ravie", None)
    with pytest.raises(ValidationError, match="nom"):
        clean_draft(EntryDraft(EntryKind.DIXIT_MOOD, text="ravie"))
    with pytest.raises(ValidationError, match="trop long"):
        clean_draft(EntryDraft(EntryKind.DIXIT_MOOD, person="Anne", text="x" * 41))
    with pytest.raises(ValidationError, match="question"):
        clean_draft(EntryDraft(EntryKind.LINE_UP_PROMPT, text=" "))


@given(st.lists(st.text(min_size=1, max_size=8), max_size=12, unique=True), st.integers())
def test_the_draw_takes_every_question_once_then_stops(deck: list[str], seed: int) -> None:
    rng = random.Random(seed)
    drawn: list[str] = []
    while (prompt := pick_prompt(deck, drawn, rng)) is not None:
        assert prompt in deck and prompt not in drawn
        drawn.append(prompt)
    # Questions equal case, accents and spacing aside count once (« Âge » is « age »).
    keys = {" ".join(folded(p).split()) for p in deck}
    assert len(drawn) == len(keys)
    assert remaining_prompts(deck, drawn) == []
