"""The protocol file format: what it accepts, what it refuses and how it says so."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capadesk.core.domain.protocol import Duration
from capadesk.core.domain.protocol_format import ProtocolError, parse_protocol, protocol_data
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "resources" / "protocols" / "schema.json").read_text(
        encoding="utf-8"
    )
)


def minimal() -> dict[str, Any]:
    return {
        "format": "capadesk-protocol",
        "format_version": 1,
        "id": "atelier-test",
        "title": "Atelier d'essai",
        "steps": [
            {"title": "Accueil", "duration": 30, "format": "pleniere", "activity": "welcome"},
            {
                "title": "Dessin des cas d'usage",
                "duration": {"min": 45, "max": 60},
                "format": "en-groupe",
                "activity": "use-case-drawing",
                "instructions": "Dessinez\u00a0: silos, carrés, triangles rouges.",
                "materials": ["nappes", "feutres"],
            },
            {
                "title": "Trois ateliers",
                "duration": 60,
                "format": "groupes-en-parallele",
                "activity": "free",
                "tracks": [
                    {
                        "title": "ACB",
                        "groups": ["Toulon"],
                        "steps": [
                            {
                                "title": "Pourquoi ×3",
                                "duration": 20,
                                "format": "en-groupe",
                                "activity": "cost-benefit",
                            }
                        ],
                    },
                    {
                        "title": "Réglementaire",
                        "steps": [
                            {
                                "title": "Fiches-actions",
                                "duration": 60,
                                "format": "en-groupe",
                                "activity": "action-sheets",
                            }
                        ],
                    },
                ],
            },
        ],
    }


def schema_accepts(data: object) -> bool:
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def test_a_minimal_protocol_reads_with_its_range_tracks_and_enums() -> None:
    protocol = parse_protocol(minimal())

    assert protocol.id == "atelier-test"
    assert [s.title for s in protocol.steps] == [
        "Accueil",
        "Dessin des cas d'usage",
        "Trois ateliers",
    ]
    drawing = protocol.steps[1]
    assert drawing.duration == Duration(45, 60)
    assert drawing.duration.label() == "45–60\u00a0min"
    assert drawing.activity is ActivityKind.USE_CASE_DRAWING
    assert drawing.materials == ("nappes", "feutres")
    parallel = protocol.steps[2]
    assert parallel.format is StepFormat.PARALLEL
    assert [t.title for t in parallel.tracks] == ["ACB", "Réglementaire"]
    assert parallel.tracks[0].groups == ("Toulon",)
    assert protocol.planned_minutes == 30 + 60 + 60
    assert schema_accepts(minimal())


def test_writing_then_reading_gives_the_same_protocol() -> None:
    protocol = parse_protocol(minimal())
    again = parse_protocol(json.loads(json.dumps(protocol_data(protocol))))
    assert again == protocol


def _set(data: dict[str, Any], path: list[str | int], value: object) -> dict[str, Any]:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()

# (where, new value, the path the message names, words of the message)
BAD: list[tuple[list[str | int], object, str, str]] = [
    (["format"], "autre-chose", "format", "pas un protocole CapaDesk"),
    (["format_version"], 2, "format_version", "version plus récente de CapaDesk"),
    (["id"], "Atelier Toulon", "id", "minuscules, chiffres et tirets"),
    (["title"], "   ", "title", "ne peut pas être vide"),
    (["title"], "x" * 201, "title", "trop long (201 caractères, 200 au plus)"),
    (["steps"], [], "steps", "0 éléments, il en faut de 1 à 60"),
    (["steps", 0, "duration"], -5, "steps[0].duration", "-5 minutes n'est pas une durée possible"),
    (["steps", 0, "duration"], 6000, "steps[0].duration", "6000 minutes"),
    (["steps", 0, "duration"], "30", "steps[0].duration", "nombre entier de minutes"),
    (["steps", 0, "duration"], True, "steps[0].duration", "nombre entier de minutes"),
    (["steps", 1, "duration", "max"], 500, "steps[1].duration.max", "500 minutes"),
    (["steps", 0, "activity"], "danse", "steps[0].activity", "«\u00a0danse\u00a0» n'est pas"),
    (["steps", 0, "format"], "assis", "steps[0].format", "«\u00a0assis\u00a0» n'est pas"),
    (["steps", 0, "titre"], "faute de frappe", "steps[0].titre", "champ inconnu"),
    (["steps", 0, "format"], "x" * 100_000, "steps[0].format", "«\u00a0" + "x" * 39 + "…\u00a0»"),
    (["steps", 0, "title"], _DELETE, "steps[0].title", "champ obligatoire absent"),
    (["steps", 1, "materials"], "feutres", "steps[1].materials", "une liste"),
    (["steps", 1, "instructions"], "x" * 4001, "steps[1].instructions", "trop long"),
    (["steps", 2, "tracks"], [], "steps[2].tracks", "il en faut de 2 à 6"),
    (
        ["steps", 2, "tracks", 0, "steps", 0, "tracks"],
        [],
        "steps[2].tracks[0].steps[0].tracks",
        "champ inconnu",
    ),
]


@pytest.mark.parametrize(("where", "value", "path", "words"), BAD)
def test_a_bad_field_is_refused_naming_it_in_french(
    where: list[str | int], value: object, path: str, words: str
) -> None:
    data = _set(copy.deepcopy(minimal()), where, value)

    with pytest.raises(ProtocolError) as refused:
        parse_protocol(data)

    assert refused.value.path == path
    assert words in refused.value.problem
    assert refused.value.message.startswith(f"{path}\u00a0: ")
    assert not schema_accepts(data), "the published schema must refuse it too"


BEYOND_THE_SCHEMA: list[tuple[list[str | int], object, str, str]] = [
    (["id"], "atelier\n", "id", "une seule ligne attendue"),
    (["title"], "Accueil\ud800", "title", "caractère invalide"),
    (["steps", 1, "materials"], ["feutres\nnappes"], "steps[1].materials[0]", "une seule ligne"),
]


@pytest.mark.parametrize(("where", "value", "path", "words"), BEYOND_THE_SCHEMA)
def test_text_the_schema_cannot_police_is_refused_by_the_parser(
    where: list[str | int], value: object, path: str, words: str
) -> None:
    data = _set(copy.deepcopy(minimal()), where, value)
    with pytest.raises(ProtocolError) as refused:
        parse_protocol(data)
    assert (refused.value.path, words in refused.value.problem) == (path, True)


def test_rules_beyond_the_schema_are_checked_by_the_parser() -> None:
    reversed_range = _set(
        copy.deepcopy(minimal()), ["steps", 1, "duration"], {"min": 60, "max": 45}
    )
    with pytest.raises(ProtocolError, match=r"le minimum \(60\) dépasse le maximum \(45\)"):
        parse_protocol(reversed_range)
    tracks_not_parallel = _set(copy.deepcopy(minimal()), ["steps", 2, "format"], "en-groupe")
    with pytest.raises(ProtocolError, match="groupes-en-parallele"):
        parse_protocol(tracks_not_parallel)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=20,
    )
)
def test_any_json_is_either_a_protocol_or_a_protocol_error(data: object) -> None:
    try:
        parse_protocol(data)
    except ProtocolError as error:
        assert error.message
