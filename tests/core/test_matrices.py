"""Filled matrices in the store: one per template and use case or group, cells checked against
their kind, totals per unit, stakeholders repeated, every edit undone exactly."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from capadesk.core.domain.matrix import MatrixTemplate, builtin_templates, find_template
from capadesk.core.domain.matrix_grid import LineKind, grid_lines, total_text
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services import matrices, use_cases, workshops
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.matrix_commands import (
    AddInstance,
    CreateMatrix,
    DeleteMatrix,
    RemoveInstance,
    RenameInstance,
    SetCell,
)
from capadesk.core.storage.store import Store

COSTS = "/impacts/collectivite-investissement/couts"
RUNNING = "/impacts/collectivite-fonctionnement/couts"
STAKEHOLDERS = "/impacts/parties-prenantes"


def template(template_id: str) -> MatrixTemplate:
    return find_template(template_id, builtin_templates())


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    summary, _changes = workshops.create_workshop(store, "Atelier de Caux")
    return summary.public_id


def new_matrix(store: Store, workshop: uuid.UUID, template_id: str) -> uuid.UUID:
    command = CreateMatrix(workshop, template(template_id))
    command.apply(store)
    return command.matrix_id


def test_a_matrix_belongs_to_a_use_case_or_a_group_once(store: Store, workshop: uuid.UUID) -> None:
    port, _ = use_cases.add_use_case(store, workshop, "Port de Fécamp")
    group = GroupDraft("Groupe bleu")
    replace_groups(store, workshop, None, [group])
    acb = template("analyse-cout-benefice")

    by_use_case, changes = matrices.create_matrix(store, workshop, acb, use_case_id=port.public_id)
    by_group, _ = matrices.create_matrix(store, workshop, acb, group_id=group.public_id)
    whole, _ = matrices.create_matrix(store, workshop, template("fiche-action"))

    assert workshop in changes.documents
    assert by_use_case.owner == "Port de Fécamp" and by_use_case.use_case_id == port.public_id
    assert by_group.owner == "Groupe bleu" and by_group.group_id == group.public_id
    assert whole.owner == "" and whole.use_case_id is None and whole.group_id is None
    listed = matrices.list_matrices(store, workshop)
    assert [m.public_id for m in listed] == [
        by_use_case.public_id,
        by_group.public_id,
        whole.public_id,
    ]
    found = matrices.find_matrix(store, workshop, acb.id, use_case_id=port.public_id)
    assert found is not None and found.public_id == by_use_case.public_id
    with pytest.raises(ValidationError, match="existe déjà"):
        matrices.create_matrix(store, workshop, acb, use_case_id=port.public_id)
    with pytest.raises(ValidationError, match="un cas d'usage ou pour un groupe"):
        matrices.create_matrix(
            store, workshop, acb, use_case_id=port.public_id, group_id=group.public_id
        )
    with pytest.raises(NotFoundError):
        matrices.create_matrix(store, workshop, template("pas-a-pas"), use_case_id=uuid.uuid4())


def test_typed_cells_are_checked_against_their_kind(store: Store, workshop: uuid.UUID) -> None:
    matrix = new_matrix(store, workshop, "creation-de-valeur")
    values = template("creation-de-valeur")

    matrices.set_cell(store, matrix, values, "/maitrise/donnees/valeur", "12 500,50 €")
    matrices.set_cell(store, matrix, values, "/maitrise/acteurs/valeur", "3 000")
    matrices.set_cell(store, matrix, values, "/maitrise/donnees/reponse", "non : les recenser")
    with pytest.raises(ValidationError, match="n'est pas un montant"):
        matrices.set_cell(store, matrix, values, "/maitrise/acteurs/valeur", "beaucoup")
    with pytest.raises(ValidationError, match="Case inconnue"):
        matrices.set_cell(store, matrix, values, "/maitrise/inconnue/valeur", "3")

    filled = matrices.get_matrix(store, matrix).filled
    assert filled.raw("/maitrise/donnees/valeur") == "12500.50"
    assert filled.raw("/maitrise/acteurs/valeur") == "3000"  # the refused text changed nothing
    assert filled.raw("/maitrise/donnees/reponse") == {"answer": "non", "text": "les recenser"}
    total = next(
        line for line in grid_lines(values, filled, values.sheets[0]) if line.kind is LineKind.TOTAL
    )
    assert total.totals["valeur"] == {"€": Decimal("15500.50")}
    assert total_text(total.totals["valeur"]) == "15\u202f500,50\u00a0€"


def test_cost_benefit_totals_add_up_per_unit_group_and_stakeholder(
    store: Store, workshop: uuid.UUID
) -> None:
    acb = template("analyse-cout-benefice")
    matrix = new_matrix(store, workshop, acb.id)
    SetCell(matrix, acb, COSTS, "Capteurs : 40 000 €\nTemps agents : 20 jours-homme").apply(store)
    SetCell(matrix, acb, RUNNING, "Maintenance : 6 000 €").apply(store)
    SetCell(matrix, acb, "/impacts/parties-investissement#1/couts", "Licence : 2 k€").apply(store)
    SetCell(matrix, acb, "/pourquoi/pourquoi-1/gommettes", "4").apply(store)
    SetCell(matrix, acb, "/pourquoi/pourquoi-2/gommettes", "●●").apply(store)

    lines = grid_lines(acb, matrices.get_matrix(store, matrix).filled, acb.sheets[0])
    sums = [
        (line.kind, line.section.id, {k: total_text(v) for k, v in line.totals.items()})
        for line in lines
        if line.kind in (LineKind.SUBTOTAL, LineKind.TOTAL)
    ]
    assert sums == [
        (LineKind.TOTAL, "pourquoi", {"gommettes": "6\u00a0gommettes"}),
        (
            LineKind.SUBTOTAL,
            "impacts",
            {"benefices": "—", "couts": "46\u202f000\u00a0€ · 20\u00a0jours-homme"},
        ),
        (LineKind.SUBTOTAL, "impacts", {"benefices": "—", "couts": "2\u202f000\u00a0€"}),
        (
            LineKind.TOTAL,
            "impacts",
            {"benefices": "—", "couts": "48\u202f000\u00a0€ · 20\u00a0jours-homme"},
        ),
    ]


def test_stakeholders_are_added_named_and_removed_with_their_cells_and_undone(
    store: Store, workshop: uuid.UUID
) -> None:
    acb = template("analyse-cout-benefice")
    matrix = new_matrix(store, workshop, acb.id)
    add = AddInstance(matrix, acb, STAKEHOLDERS, name="Entreprise")
    add.apply(store)
    rename = RenameInstance(matrix, acb, STAKEHOLDERS, instance_id="1", name="Associations")
    rename.apply(store)
    SetCell(
        matrix, acb, "/impacts/parties-fonctionnement#2/benefices", "Gain : 5 jours-homme"
    ).apply(store)
    filled = matrices.get_matrix(store, matrix).filled
    assert [(i.id, i.name) for i in filled.instances_of(STAKEHOLDERS)] == [
        ("1", "Associations"),
        ("2", "Entreprise"),
    ]
    bands = [
        line.label
        for line in grid_lines(acb, filled, acb.sheets[0])
        if line.kind is LineKind.BAND and line.instance is not None
    ]
    assert [band.split(" — ")[-1] for band in bands] == ["Associations", "Entreprise"]

    remove = RemoveInstance(matrix, acb, STAKEHOLDERS, instance_id="2")
    remove.apply(store)
    after = matrices.get_matrix(store, matrix).filled
    assert [i.id for i in after.instances_of(STAKEHOLDERS)] == ["1"]
    assert not any("#2/" in key for key in after.cells)
    with pytest.raises(ValidationError, match="au moins une partie prenante"):
        RemoveInstance(matrix, acb, STAKEHOLDERS, instance_id="1").apply(store)
    with pytest.raises(ValidationError, match="Cette partie prenante n'existe pas"):
        matrices.set_cell(store, matrix, acb, "/impacts/parties-fonctionnement#2/couts", "x")

    remove.revert(store)
    assert matrices.get_matrix(store, matrix).filled == filled
    with pytest.raises(ValidationError, match="ne se répète pas"):
        AddInstance(matrix, acb, "/impacts/collectivite").apply(store)


def test_every_edit_undoes_and_redoes_exactly(store: Store, workshop: uuid.UUID) -> None:
    acb = template("analyse-cout-benefice")
    create = CreateMatrix(workshop, acb)
    create.apply(store)
    first = SetCell(create.matrix_id, acb, COSTS, "Capteurs : 40 000 €", label="Coûts")
    first.apply(store)
    second = SetCell(create.matrix_id, acb, COSTS, "")
    second.apply(store)
    assert matrices.get_matrix(store, create.matrix_id).filled.raw(COSTS) is None

    second.revert(store)
    assert matrices.get_matrix(store, create.matrix_id).filled.raw(COSTS) == [
        {"text": "Capteurs", "value": "40000", "unit": "€"}
    ]
    first.revert(store)
    assert matrices.get_matrix(store, create.matrix_id).filled.cells == {}
    first.apply(store)  # redo
    assert matrices.get_matrix(store, create.matrix_id).filled.raw(COSTS) is not None
    assert first.text == "Saisir «\u00a0Coûts\u00a0»"

    delete = DeleteMatrix(create.matrix_id, acb.title)
    delete.apply(store)
    assert matrices.list_matrices(store, workshop) == []
    with pytest.raises(NotFoundError):
        matrices.get_matrix(store, create.matrix_id)
    delete.revert(store)
    assert matrices.get_matrix(store, create.matrix_id).filled.raw(COSTS) is not None
    create.revert(store)
    assert matrices.list_matrices(store, workshop) == []
    create.apply(store)  # redo brings the same row back, as it was
    assert [m.public_id for m in matrices.list_matrices(store, workshop)] == [create.matrix_id]


def test_the_restitution_gets_the_matrices_that_hold_something(
    store: Store, workshop: uuid.UUID
) -> None:
    templates = builtin_templates()
    empty = new_matrix(store, workshop, "fiche-action")
    filled = new_matrix(store, workshop, "pas-a-pas")
    matrices.set_cell(store, filled, template("pas-a-pas"), "/pas-a-pas/portage/qui", "Le maire")
    printed = matrices.printable_matrices(store, workshop, templates)
    assert [(t.id, view.public_id) for t, view in printed] == [("pas-a-pas", filled)]
    assert empty not in [view.public_id for _t, view in printed]
    # A matrix whose template has gone (a user file removed) is left out, not an error.
    assert matrices.printable_matrices(store, workshop, []) == []
