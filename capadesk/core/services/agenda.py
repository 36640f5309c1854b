"""A workshop's agenda: its steps in the store, built from a protocol and read back as one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from capadesk.core.domain.protocol import Duration, Protocol, ProtocolStep, ProtocolTrack
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import RunnerState, Step, Track
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

_MATERIALS_SEPARATOR = "\n"  # one material a line in the step's « materials » column


@dataclass(frozen=True)
class Agenda:
    """A workshop's plan as a Protocol, with the store ids of its top-level steps in order."""

    protocol: Protocol
    step_ids: tuple[uuid.UUID, ...]


def apply_protocol(store: Store, workshop_id: uuid.UUID, protocol: Protocol) -> Changes:
    """Replace the workshop's agenda by ``protocol``'s steps (its tracks included).

    Refused once the day has started: the runner's log points at the steps it ran.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        state = session.get(RunnerState, workshop.id)
        if state is not None and state.status != "idle":
            raise ValidationError(
                _("Le déroulé ne peut plus être remplacé\u00a0: la journée a commencé.")
            )
        session.execute(delete(Step).where(Step.workshop_id == workshop.id))
        for position, step in enumerate(protocol.steps):
            row = _step_row(step, workshop.id, position, track=None)
            session.add(row)
            for track_position, track in enumerate(step.tracks):
                track_row = Track(step=row, position=track_position, title=track.title)
                session.add(track_row)
                for inner_position, inner in enumerate(track.steps):
                    session.add(_step_row(inner, workshop.id, inner_position, track=track_row))
        workshop.protocol_ref = protocol.id if protocol.steps else None
    return Changes(workshops=frozenset({workshop_id}), agendas=frozenset({workshop_id}))


def _step_row(step: ProtocolStep, workshop_id: int, position: int, track: Track | None) -> Step:
    return Step(
        workshop_id=workshop_id,
        track=track,
        position=position,
        title=step.title,
        activity_kind=step.activity.value,
        format=step.format.value,
        duration_min=step.duration.minimum,
        duration_max=step.duration.maximum if step.duration.is_range else None,
        instructions=step.instructions,
        materials=_MATERIALS_SEPARATOR.join(step.materials),
    )


def _step_of(row: Step, tracks: tuple[ProtocolTrack, ...] = ()) -> ProtocolStep:
    maximum = row.duration_max if row.duration_max is not None else row.duration_min
    return ProtocolStep(
        title=row.title,
        duration=Duration(row.duration_min, maximum),
        format=StepFormat(row.format),
        activity=ActivityKind(row.activity_kind),
        instructions=row.instructions,
        materials=tuple(m for m in row.materials.split(_MATERIALS_SEPARATOR) if m),
        tracks=tracks,
    )


def read_agenda(store: Store, workshop_id: uuid.UUID) -> Agenda:
    """The workshop's agenda (an empty one for a workshop without steps)."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        rows = WorkshopRepository(session).top_level_steps(workshop)
        steps = tuple(_step_of(row, _tracks_of(session, row)) for row in rows)
        return Agenda(
            protocol=Protocol(
                id=workshop.protocol_ref or "atelier", title=workshop.title, steps=steps
            ),
            step_ids=tuple(row.public_id for row in rows),
        )


def _tracks_of(session: Session, row: Step) -> tuple[ProtocolTrack, ...]:
    tracks = session.scalars(select(Track).where(Track.step_id == row.id).order_by(Track.position))
    return tuple(
        ProtocolTrack(title=track.title, steps=tuple(_step_of(inner) for inner in track.steps))
        for track in tracks
    )
