"""Persona cards and « Comment pourrions-nous ? »: the card's rules, the programme's library in the
store, and undo of every edit through ``PutDocument``."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from capadesk.core.domain import persona
from capadesk.core.domain.persona import Persona
from capadesk.core.errors import ValidationError
from capadesk.core.services import personas
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.tool_documents import Content, put_document, read_documents
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Document
from capadesk.core.storage.store import Store


def chloe() -> Persona:
    card = Persona()
    for field, raw in (
        ("name", "Chloé"),
        ("age", "32 ans"),
        ("family", "célibataire"),
        ("home", "Paris"),
        ("frustrations", "Réserver une place de parking\n\n  Les horaires de la mairie  \n"),
    ):
        card = persona.with_field(card, field, raw)
    return card


def test_fields_are_cleaned_and_lists_take_one_item_per_line() -> None:
    card = chloe()
    assert card.age == 32
    assert card.frustrations == ("Réserver une place de parking", "Les horaires de la mairie")
    assert persona.field_text(card, "frustrations").splitlines() == list(card.frustrations)
    assert card.summary == "Chloé, 32\u00a0ans, Paris"
    assert persona.with_field(card, "age", "").age is None


@pytest.mark.parametrize("raw", ["-3", "121", "trente", "3.5"])
def test_an_impossible_age_is_refused(raw: str) -> None:
    with pytest.raises(ValidationError, match="âge"):
        persona.with_field(Persona(), "age", raw)


def test_a_list_is_limited() -> None:
    with pytest.raises(ValidationError, match="au plus"):
        persona.with_field(Persona(), "motivations", "\n".join(f"m{i}" for i in range(31)))


def test_a_question_comes_from_a_frustration_of_the_card() -> None:
    card = chloe()
    with pytest.raises(ValidationError, match="frustration"):
        persona.add_question(card, "pas sur la carte", "Comment pourrions-nous x", "q1")
    card = persona.add_question(
        card, card.frustrations[0], "aider Chloé à réserver une place à distance ?", "q1"
    )
    (question,) = card.questions
    assert question.question == (
        "Comment pourrions-nous aider Chloé à réserver une place à distance\u00a0?"
    )
    assert question.frustration == "Réserver une place de parking"
    assert persona.suggested_question(card, card.frustrations[0]).startswith(
        "Comment pourrions-nous aider Chloé à"
    )


def test_a_question_must_say_something_after_its_start() -> None:
    card = chloe()
    with pytest.raises(ValidationError, match="Complétez"):
        persona.add_question(card, card.frustrations[0], "Comment pourrions-nous ?", "q1")


def test_questions_are_edited_removed_and_orphans_found() -> None:
    card = persona.add_question(chloe(), "Les horaires de la mairie", "ouvrir le soir", "q1")
    card = persona.edit_question(
        card, "q1", "Comment pourrions-nous ouvrir le samedi", "Un guichet"
    )
    assert card.questions[0].solution == "Un guichet"
    assert card.questions[0].question.endswith("samedi\u00a0?")
    reworded = persona.with_field(card, "frustrations", "Réserver une place de parking")
    assert persona.orphan_questions(reworded) == reworded.questions
    assert persona.remove_question(card, "q1").questions == ()
    with pytest.raises(ValidationError, match="n'existe plus"):
        persona.remove_question(card, "nope")


def test_json_round_trip_and_refusals() -> None:
    card = persona.add_question(chloe(), "Les horaires de la mairie", "ouvrir le soir", "q1")
    data = json.loads(json.dumps(persona.dump(card)))
    assert persona.load(data, persona.FORMAT_VERSION) == card
    with pytest.raises(ValidationError, match="plus récente"):
        persona.load(data, persona.FORMAT_VERSION + 1)
    with pytest.raises(ValidationError, match="illisible"):
        persona.load({**data, "frustrations": "pas une liste"}, 1)
    with pytest.raises(ValidationError, match="illisible"):
        persona.load({**data, "questions": [data["questions"][0]] * 2}, 1)


# --- the library in the store ----------------------------------------------------------------


def test_the_library_is_shared_by_the_programme_and_undo_removes_a_new_card(store: Store) -> None:
    toulon, _c = create_workshop(store, "Toulon", programme="CAPACities 2022")
    lisieux, _c = create_workshop(store, "Lisieux", programme="CAPACities 2022")
    other, _c = create_workshop(store, "Ailleurs", programme="Autre programme")
    card_id = uuid.uuid4()
    command = PutDocument(
        "Nouveau persona",
        personas.place(toulon.public_id),
        card_id,
        None,
        personas.CODEC.content(chloe()),
    )
    changes = command.apply(store)
    assert changes.documents == frozenset({toulon.public_id})
    (shared,) = personas.library(store, lisieux.public_id)
    assert shared.value == chloe() and shared.problem == ""
    assert personas.library(store, other.public_id) == []
    with store.read() as session:
        row = session.scalars(select(Document).where(Document.public_id == card_id)).one()
        assert row.workshop_id is None and row.programme_id is not None
    command.revert(store)
    assert personas.library(store, lisieux.public_id) == []
    command.apply(store)  # redo: the same card, same id
    assert [d.public_id for d in personas.library(store, toulon.public_id)] == [card_id]


def test_an_edit_is_undone_to_the_content_before(store: Store) -> None:
    workshop, _c = create_workshop(store, "Sans programme")
    card_id = uuid.uuid4()
    place = personas.place(workshop.public_id)
    put_document(store, card_id, place, personas.CODEC.content(chloe()))
    (before,) = personas.library(store, workshop.public_id)
    older = persona.with_field(chloe(), "age", "33")
    edit = PutDocument(
        "Modifier", place, card_id, before.stored.content, personas.CODEC.content(older)
    )
    edit.apply(store)
    assert personas.library(store, workshop.public_id)[0].value.age == 33
    edit.revert(store)
    assert personas.library(store, workshop.public_id)[0].value.age == 32


def test_an_unreadable_document_says_why_and_keeps_the_others(store: Store) -> None:
    workshop, _c = create_workshop(store, "Atelier")
    place = personas.place(workshop.public_id)
    put_document(store, uuid.uuid4(), place, personas.CODEC.content(chloe()))
    put_document(store, uuid.uuid4(), place, Content("x", "{pas du json", 1))
    put_document(store, uuid.uuid4(), place, Content("y", "{}", 99))
    documents = personas.library(store, workshop.public_id)
    assert [d.problem == "" for d in documents] == [True, False, False]
    assert "illisible" in documents[1].problem
    assert "plus récente" in documents[2].problem
    assert len(read_documents(store, workshop.public_id, persona.KIND)) == 3
