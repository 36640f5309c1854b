"""The restitution carries the tools filled during the day, and only those."""

from __future__ import annotations

import uuid
from pathlib import Path

from capadesk.core.domain.persona import Persona
from capadesk.core.export.restitution import restitution_pdf
from capadesk.core.services import personas
from capadesk.core.services.tool_documents import put_document
from capadesk.core.storage.store import Store

from .export_support import build_day, pdf_pages, plain


def restitution_text(store: Store, workshop_id: uuid.UUID, tmp_path: Path) -> str:
    target = tmp_path / "restitution.pdf"
    restitution_pdf(store, workshop_id, target, tmp_path / "photos")
    return plain(" ".join(pdf_pages(target.read_bytes())))


def test_a_persona_of_the_day_has_its_section(store: Store, tmp_path: Path) -> None:
    day = build_day(store)
    card = Persona(name="Martine", age=67, frustrations=("Horaires « papier » illisibles",))
    put_document(store, uuid.uuid4(), personas.place(day.workshop_id), personas.CODEC.content(card))

    text = restitution_text(store, day.workshop_id, tmp_path)

    assert "Outils de la journée" in text
    assert "Martine" in text
    assert "Horaires « papier » illisibles" in text


def test_a_day_without_tools_has_no_tools_section(store: Store, tmp_path: Path) -> None:
    day = build_day(store)

    assert "Outils de la journée" not in restitution_text(store, day.workshop_id, tmp_path)


def test_a_filled_matrix_has_its_section_with_its_owner(store: Store, tmp_path: Path) -> None:
    from capadesk.core.domain.matrix import template_library
    from capadesk.core.services import matrices

    day = build_day(store)
    values = next(t for t in template_library() if t.id == "creation-de-valeur")
    matrix, _changes = matrices.create_matrix(
        store, day.workshop_id, values, use_case_id=day.use_case_ids[0]
    )
    matrices.set_cell(store, matrix.public_id, values, "/maitrise/donnees/valeur", "12 500,50 €")
    empty, _changes = matrices.create_matrix(
        store, day.workshop_id, values, use_case_id=day.use_case_ids[1]
    )

    text = restitution_text(store, day.workshop_id, tmp_path)

    assert "Matrices" in text
    assert f"{values.title} — {matrix.owner}" in text
    assert f"{values.title} — {empty.owner}" not in text  # nothing filled: not printed
    assert "12 500,50" in text
