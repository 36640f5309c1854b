"""Journey maps: stages as columns, cells, the satisfaction scale, framing, and irritants sent
to the wall once each (undoable as one step)."""

from __future__ import annotations

import json
import uuid

import pytest

from capadesk.core.domain import journey_map as rules
from capadesk.core.domain.journey_map import JourneyMap
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.errors import ValidationError
from capadesk.core.services import journey_maps
from capadesk.core.services.captures import list_captures
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store


def three_stages() -> JourneyMap:
    journey = rules.set_persona(JourneyMap(), "p1", "Chloé")
    for index, title in enumerate(("Préparer", "Arriver", "Repartir")):
        journey = rules.add_stage(journey, title, f"s{index}")
    journey = rules.set_cell(journey, "s0", "actions", "Chercher sur le site\nRéserver")
    journey = rules.set_cell(journey, "s1", "frictions", "File d'attente\n\nPas de badge")
    journey = rules.set_satisfaction(journey, "s0", 1)
    return rules.set_satisfaction(journey, "s1", -2)


def test_stages_are_columns_in_order() -> None:
    journey = three_stages()
    assert [s.title for s in journey.stages] == ["Préparer", "Arriver", "Repartir"]
    journey = rules.move_stage(journey, "s2", 0)
    assert [s.id for s in journey.stages] == ["s2", "s0", "s1"]
    journey = rules.add_stage(journey, "Attendre", "s3", at=2)
    assert [s.id for s in journey.stages] == ["s2", "s0", "s3", "s1"]
    journey = rules.rename_stage(journey, "s3", "  Patienter ")
    assert journey.stages[2].title == "Patienter"
    assert [s.id for s in rules.remove_stage(journey, "s0").stages] == ["s2", "s3", "s1"]
    with pytest.raises(ValidationError, match="vide"):
        rules.add_stage(journey, " ", "x")
    full = JourneyMap()
    for index in range(rules.MAX_STAGES):
        full = rules.add_stage(full, f"É{index}", str(index))
    with pytest.raises(ValidationError, match="12 étapes au plus"):
        rules.add_stage(full, "une de trop", "x")


def test_cells_and_the_satisfaction_curve() -> None:
    journey = three_stages()
    assert journey.stages[0].cell("actions") == "Chercher sur le site\nRéserver"
    assert journey.stages[2].cell("actions") == ""
    assert journey.curve() == ((0, 1), (1, -2))  # the stage without a score is skipped
    with pytest.raises(ValidationError, match="-2"):
        rules.set_satisfaction(journey, "s2", 3)
    cleared = rules.set_cell(journey, "s0", "actions", "  ")
    assert cleared.stages[0].cells == ()


def test_framing_with_or_without_constraints() -> None:
    journey = rules.set_framing(JourneyMap(), True, "délais, budget")
    assert journey.framing == "Avec contraintes\u00a0: délais, budget"
    dream = rules.set_framing(journey, False, "ignoré")
    assert dream.constraints == "" and "Père Noël" in dream.framing


def test_irritants_are_the_friction_lines_sent_once() -> None:
    journey = three_stages()
    assert [line for _stage, line in rules.unsent_irritants(journey)] == [
        "File d'attente",
        "Pas de badge",
    ]
    sent = rules.mark_sent(journey, "s1", (rules.SentIrritant("File d'attente", "c1"),))
    assert [line for _stage, line in rules.unsent_irritants(sent)] == ["Pas de badge"]
    with pytest.raises(ValidationError, match="plus dans la case"):
        rules.mark_sent(journey, "s1", (rules.SentIrritant("inconnu", "c2"),))


def test_json_round_trip_and_refusals() -> None:
    journey = rules.set_framing(three_stages(), True, "budget")
    data = json.loads(json.dumps(rules.dump(journey)))
    assert rules.load(data, 1) == journey
    bad_score = json.loads(json.dumps(data))
    bad_score["stages"][0]["satisfaction"] = 7
    with pytest.raises(ValidationError, match="illisible"):
        rules.load(bad_score, 1)
    bad_row = json.loads(json.dumps(data))
    bad_row["stages"][0]["cells"] = {"inconnue": "x"}
    with pytest.raises(ValidationError, match="illisible"):
        rules.load(bad_row, 1)


def test_sending_irritants_to_the_wall_is_one_undoable_step(store: Store) -> None:
    workshop, _c = create_workshop(store, "Parcours usager")
    map_id = uuid.uuid4()
    place = journey_maps.place(workshop.public_id)
    PutDocument("x", place, map_id, None, journey_maps.CODEC.content(three_stages())).apply(store)
    (document,) = journey_maps.list_maps(store, workshop.public_id)
    command = journey_maps.send_irritants(document, workshop.public_id, None)
    assert command is not None
    changes = command.apply(store)
    cards = list_captures(store, workshop.public_id)
    assert [(c.kind, c.text) for c in cards] == [
        (CaptureKind.IRRITANT, "File d'attente"),
        (CaptureKind.IRRITANT, "Pas de badge"),
    ]
    assert changes.captures == {c.public_id for c in cards}
    (after,) = journey_maps.list_maps(store, workshop.public_id)
    assert {s.capture_id for s in after.value.stages[1].sent} == {str(c.public_id) for c in cards}
    assert journey_maps.send_irritants(after, workshop.public_id, None) is None  # all sent
    command.revert(store)
    assert list_captures(store, workshop.public_id) == []
    assert journey_maps.list_maps(store, workshop.public_id)[0].value.stages[1].sent == ()
    command.apply(store)  # redo: the same cards come back
    assert {c.public_id for c in list_captures(store, workshop.public_id)} == {
        c.public_id for c in cards
    }
