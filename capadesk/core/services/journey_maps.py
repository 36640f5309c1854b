"""The journey maps of a workshop, and sending their irritants to the wall."""

from __future__ import annotations

import uuid

from capadesk.core.domain import journey_map
from capadesk.core.domain.journey_map import JourneyMap, SentIrritant
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.services.capture_commands import AddCapture
from capadesk.core.services.commands import Command
from capadesk.core.services.tool_commands import PutDocument, Steps
from capadesk.core.services.tool_documents import (
    Codec,
    DocumentPlace,
    ToolDocument,
    read_documents,
)
from capadesk.core.storage.store import Store
from capadesk.i18n import _

CODEC: Codec[JourneyMap] = Codec(
    journey_map.KIND,
    journey_map.FORMAT_VERSION,
    journey_map.load,
    journey_map.dump,
    journey_map.title,
    JourneyMap,
)


def place(workshop_id: uuid.UUID, step_id: uuid.UUID | None = None) -> DocumentPlace:
    """Where a new journey map goes."""
    return DocumentPlace(journey_map.KIND, workshop_id, step_id=step_id)


def list_maps(store: Store, workshop_id: uuid.UUID) -> list[ToolDocument[JourneyMap]]:
    """The workshop's journey maps, oldest first."""
    return [CODEC.decode(d) for d in read_documents(store, workshop_id, journey_map.KIND)]


def send_irritants(
    document: ToolDocument[JourneyMap],
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
) -> Steps | None:
    """One command putting every friction line not yet sent on the wall as an irritant card
    (of the step) and marking the lines sent; None when there is nothing to send."""
    pending = journey_map.unsent_irritants(document.value)
    if not pending:
        return None
    commands: list[Command] = []
    journey = document.value
    for stage, line in pending:
        card = AddCapture(workshop_id, CaptureKind.IRRITANT, line, step_id=step_id)
        commands.append(card)
        sent = (SentIrritant(line, str(card.public_id)),)
        journey = journey_map.mark_sent(journey, stage.id, sent)
    commands.append(
        PutDocument(
            _("Marquer les irritants envoyés"),
            place(workshop_id, step_id),
            document.public_id,
            document.stored.content,
            CODEC.content(journey, document.photo_id),
        )
    )
    label = _("Envoyer {count} irritant(s) au mur").format(count=len(pending))
    return Steps(label, commands)
