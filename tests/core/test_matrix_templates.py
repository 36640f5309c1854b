"""Matrix templates: the built-ins carry the seed's labels; bad files are refused, in French,
naming the field; the user's folder adds templates without breaking the library."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from capadesk.core.domain.matrix import (
    CellKind,
    GroupLayout,
    MatrixError,
    builtin_templates,
    find_template,
    read_template_file,
    template_library,
    user_template_problems,
)
from capadesk.core.domain.matrix_format import parse_template
from capadesk.core.errors import NotFoundError

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "matrices"
SCHEMA = json.loads((RESOURCES / "schema.json").read_text(encoding="utf-8"))

# Typed from the annex of shared/seeds/002 (« Carnet des ateliers inspirants »), as printed there.
RESPONSIBLE_DIGITAL = [
    "Les différentes dimensions (infrastructure, équipement, donnée) de mon projet sont-elles "
    "responsables ?",
    "Conception (dont distribution)",
    "Usage",
    "Fin de vie (recyclage, réutilisation...)",
    "Impacts positifs",
    "Impacts négatifs",
    "Dimensions du numérique responsable (non limitatives)",
    "Écologique / énergétique",
    "Sociale (mobilisation des usagers, inclusion, accessibilité, gouvernance ..)",
    "Économique (Analyse Coût / Bénéfice, commande publique ..)",
    "Ethique",
    "Sécuritaire",
    "Autre dimension...",
]
COST_BENEFIT = [
    "Pourquoi voulez-vous mettre en œuvre votre cas d’usage ?",
    "Et pourquoi cet objectif ?",
    "Et pourquoi ?",
    "Bénéfices potentiels économiques, environnementaux, sociaux, humain (temps passé), "
    "environnement",
    "Coûts (en euros), impacts négatifs sur l’environnement, coûts sociaux, humain (temps passé) "
    "potentiels",
    "Pour la collectivité et les usagers",
    "Investissement :",
    "Fonctionnement :",
    "Pour chaque partie prenante identifiée (Entreprise, autres collectivités, associations, ...)",
    "Intérêt à réaliser un bilan des bénéfices et des coûts par rapport à l’objectif stratégique "
    "/ politique",
    "Autres actions à prendre en compte pour concourir à l’ objectif politique et stratégique et "
    "pour compléter l’intérêt du cas d’usage",
]
ACTION_SHEET = [
    "Quelle est la problématique actuelle ?",
    "Comment la résoudre ?",
    "Avec qui ?",
    "Par quels moyens ?",
]
VALUE_CHECKLIST = [
    "Etapes du projet",
    "OUI : satisfaisant ou pas",
    "NON : actions à réaliser",
    "Point sur la maîtrise des données potentiellement créatrices de valeur (suite à l'atelier "
    "ACB) ?",
    "Recensement des données disponibles pour réaliser le projet réalisé ?",
    "Recensement des acteurs qui ont ces données ?",
]


def plain(text: str) -> str:
    """Typography aside: the app puts non-breaking spaces where the seed has plain ones."""
    return " ".join(text.replace("\u00a0", " ").split())


def template_data(template_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (RESOURCES / f"{template_id}.json").read_text(encoding="utf-8")
    )
    return data


def test_the_six_templates_of_the_method_are_built_in() -> None:
    ids = [template.id for template in builtin_templates()]
    assert ids == [
        "analyse-cout-benefice",
        "business-model-canvas",
        "creation-de-valeur",
        "fiche-action",
        "numerique-responsable",
        "pas-a-pas",
    ]
    for template in builtin_templates():
        assert template.builtin
        assert schema_accepts(template_data(template.id)), template.id


@pytest.mark.parametrize(
    ("template_id", "seed_labels"),
    [
        ("numerique-responsable", RESPONSIBLE_DIGITAL),
        ("analyse-cout-benefice", COST_BENEFIT),
        ("fiche-action", ACTION_SHEET),
        ("creation-de-valeur", VALUE_CHECKLIST),
    ],
)
def test_templates_carry_the_seed_labels_word_for_word(
    template_id: str, seed_labels: list[str]
) -> None:
    labels = [plain(label) for label in find_template(template_id, builtin_templates()).labels()]
    for label in seed_labels:
        assert label in labels, label


def test_the_responsible_digital_grid_repeats_for_infrastructure_equipment_and_data() -> None:
    template = find_template("numerique-responsable", builtin_templates())
    assert [sheet.label for sheet in template.sheets] == ["Infrastructure", "Équipement", "Donnée"]
    section = template.sections[0]
    assert section.group_layout is GroupLayout.COLUMN
    assert [plain(row.label) for row in section.rows] == RESPONSIBLE_DIGITAL[7:]
    assert [column.label for column in section.columns] == RESPONSIBLE_DIGITAL[1:6]


def test_the_cost_benefit_grid_weighs_the_whys_and_splits_each_stakeholder() -> None:
    template = find_template("analyse-cout-benefice", builtin_templates())
    whys, impacts, closing = template.sections
    assert [c.kind for c in whys.columns] == [CellKind.TEXT, CellKind.WEIGHT]
    assert [c.kind for c in impacts.columns] == [CellKind.INDICATOR, CellKind.INDICATOR]
    assert all(c.total and "€" in c.units and "jours-homme" in c.units for c in impacts.columns)
    stakeholders = impacts.group("parties-prenantes")
    assert stakeholders is not None and stakeholders.repeatable
    assert [plain(r.label) for r in impacts.rows] == ["Investissement :", "Fonctionnement :"] * 2
    assert not closing.has_row_labels


def schema_accepts(data: object) -> bool:
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def minimal() -> dict[str, Any]:
    return {
        "format": "capadesk-matrix",
        "format_version": 1,
        "id": "ma-grille",
        "title": "Ma grille",
        "sections": [
            {
                "id": "grille",
                "columns": [
                    {"id": "texte", "label": "Texte", "kind": "text"},
                    {"id": "montant", "label": "Montant", "kind": "amount", "total": True},
                ],
                "row_groups": [{"id": "a", "label": "Groupe A"}],
                "rows": [
                    {"id": "un", "label": "Un", "group": "a"},
                    {"id": "deux", "label": "Deux", "group": "a"},
                    {"id": "trois", "label": "Trois"},
                ],
            }
        ],
    }


def test_a_minimal_template_reads_and_the_schema_agrees() -> None:
    template = parse_template(minimal())
    assert template.id == "ma-grille"
    assert template.sheets[0].id == ""
    assert [c.kind for c in template.sections[0].columns] == [CellKind.TEXT, CellKind.AMOUNT]
    assert schema_accepts(minimal())


_DELETE = object()


def _changed(path: list[str | int], value: object) -> dict[str, Any]:
    data = copy.deepcopy(minimal())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


COLUMNS: list[str | int] = ["sections", 0, "columns"]
ROWS: list[str | int] = ["sections", 0, "rows"]


# Uniqueness and references are beyond JSON Schema: the parser alone checks them.
PARSER_ONLY = frozenset({"existe déjà", "non déclaré"})


@pytest.mark.parametrize(
    ("path", "value", "where", "words"),
    [
        (["format"], "capadesk-protocol", "format", "ce n'est pas une matrice CapaDesk"),
        (["format_version"], 2, "format_version", "version 2 du format"),
        (["id"], "Ma Grille", "id", "minuscules, chiffres et tirets"),
        (["title"], "  ", "title", "ne peut pas être vide"),
        (["titre"], "x", "titre", "champ inconnu"),
        (["sections"], [], "sections", "0 éléments, il en faut de 1 à 12"),
        (["activity"], "danse", "activity", "n'est pas un type d'activité connu"),
        ([*COLUMNS, 0, "kind"], "date", "sections[0].columns[0].kind", "n'est pas un type connu"),
        ([*COLUMNS, 0, "total"], True, "sections[0].columns[0].total", "ne s'additionne pas"),
        ([*COLUMNS, 0, "units"], ["€"], "sections[0].columns[0].units", "réservé aux colonnes"),
        ([*COLUMNS, 1, "id"], "texte", "sections[0].columns[1].id", "existe déjà"),
        ([*COLUMNS, 0, "width"], 50, "sections[0].columns[0].width", "n'est pas une largeur"),
        ([*COLUMNS, 0, "label"], _DELETE, "sections[0].columns[0].label", "obligatoire"),
        ([*ROWS, 2, "group"], "b", "sections[0].rows[2].group", "non déclaré"),
        ([*ROWS, 0, "label"], 3, "sections[0].rows[0].label", "un texte est attendu"),
        (["sections", 0, "group_layout"], "grille", "sections[0].group_layout", "disposition"),
    ],
)
def test_a_bad_template_is_refused_naming_the_field_in_french(
    path: list[str | int], value: object, where: str, words: str
) -> None:
    data = _changed(path, value)
    with pytest.raises(MatrixError) as raised:
        parse_template(data)
    assert raised.value.path == where
    assert words in raised.value.problem
    assert raised.value.message.startswith(f"{where}\u00a0: ")
    if words not in PARSER_ONLY:
        assert not schema_accepts(data), "the published schema refuses it too"


def test_rules_beyond_the_schema_are_checked_by_the_parser() -> None:
    split_group = _changed(
        ROWS,
        [
            {"id": "un", "label": "Un", "group": "a"},
            {"id": "trois", "label": "Trois"},
            {"id": "deux", "label": "Deux", "group": "a"},
        ],
    )
    with pytest.raises(MatrixError, match="doivent se suivre"):
        parse_template(split_group)
    unused = copy.deepcopy(minimal())
    unused["sections"][0]["row_groups"].append({"id": "vide", "label": "Vide"})
    with pytest.raises(MatrixError, match="n'a aucune ligne"):
        parse_template(unused)
    column_without_group = _changed(["sections", 0, "group_layout"], "column")
    with pytest.raises(MatrixError, match="chaque ligne appartient à un groupe"):
        parse_template(column_without_group)


def test_a_file_that_is_not_a_template_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "cassé.json"
    broken.write_text('{"format": "capadesk-matrix",\n "id": }', encoding="utf-8")
    with pytest.raises(MatrixError, match="JSON invalide ligne 2, colonne 8"):
        read_template_file(broken)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "Matrice é"}'.encode("latin-1"))
    with pytest.raises(MatrixError, match="pas en UTF-8"):
        read_template_file(latin)
    with pytest.raises(MatrixError, match="pas un fichier ordinaire"):
        read_template_file(tmp_path)


def test_the_users_folder_adds_templates_and_leaves_bad_ones_out(tmp_path: Path) -> None:
    folder = tmp_path / "matrices"
    folder.mkdir()
    (folder / "mienne.json").write_text(json.dumps(minimal()), encoding="utf-8")
    clash = minimal() | {"id": "fiche-action"}
    (folder / "doublon.json").write_text(json.dumps(clash), encoding="utf-8")
    (folder / "faux.json").write_text("{}", encoding="utf-8")

    ids = [template.id for template in template_library(folder)]
    assert ids[-1] == "ma-grille"
    assert ids.count("fiche-action") == 1
    problems = {path.name: problem for path, problem in user_template_problems(folder)}
    assert set(problems) == {"doublon.json", "faux.json"}
    assert "déjà pris" in problems["doublon.json"]
    assert "champ obligatoire absent" in problems["faux.json"]
    with pytest.raises(NotFoundError, match="Matrices connues"):
        find_template("inconnue", template_library(folder))
