"""The day's method tools: a persona card and the journey map built on it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from capadesk.core.demo import texts
from capadesk.core.domain import journey_map as journey
from capadesk.core.domain.persona import HowMightWe, Persona
from capadesk.core.services import journey_maps, personas
from capadesk.core.services.tool_documents import put_document
from capadesk.core.storage.store import Store

_ROWS = ("actions", "expectations", "thoughts", "frictions", "opportunities", "data_traces")


def add_persona_and_journey(
    store: Store, workshop_id: uuid.UUID, ids: Callable[..., uuid.UUID]
) -> None:
    """Chloé's card with its « Comment pourrions-nous … ? », and her journey to work."""
    card = texts.PERSONA
    persona = Persona(
        name=str(card["name"]),
        age=int(str(card["age"])),
        family=str(card["family"]),
        home=str(card["home"]),
        profession=str(card["profession"]),
        personality=str(card["personality"]),
        interests=_items(card["interests"]),
        expectations=_items(card["expectations"]),
        frustrations=_items(card["frustrations"]),
        motivations=_items(card["motivations"]),
        questions=(HowMightWe("1", _items(card["frustrations"])[0], texts.PERSONA_QUESTION),),
    )
    persona_id = ids("persona")
    put_document(store, persona_id, personas.place(workshop_id), personas.CODEC.content(persona))
    value = journey.set_persona(journey.JourneyMap(), str(persona_id), persona.name)
    value = journey.set_scenario(value, texts.JOURNEY_SCENARIO)
    value = journey.set_framing(value, True, "délais, budget")
    for index, (title, *cells, score) in enumerate(texts.JOURNEY):
        stage_id = str(index + 1)
        value = journey.add_stage(value, str(title), stage_id)
        for row, text in zip(_ROWS, cells, strict=True):
            if text:
                value = journey.set_cell(value, stage_id, row, str(text))
        value = journey.set_satisfaction(value, stage_id, int(score))
    put_document(
        store,
        ids("journey-map"),
        journey_maps.place(workshop_id),
        journey_maps.CODEC.content(value),
    )


def _items(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else (str(value),)
