"""A workshop's agenda: its steps in the store, built from a protocol and read back as one.

Captures, groups, votes and photos point at steps by id, so an edit keeps the row of every step
and track that is still there: a step or track read from the store carries its row's public id
(``store_id``), ``apply_protocol`` updates those rows in place, inserts the new ones and
deletes only the rows left out (what pointed at them is set to NULL by the database).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from capadesk.core.domain.protocol import (
    Duration,
    Protocol,
    ProtocolStep,
    ProtocolTrack,
    Settings,
)
from capadesk.core.domain.protocol_format import ProtocolError, parse_settings
from capadesk.core.domain.schedule import DEFAULT_DAY_START, clock_text, parse_clock
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import RunnerState, Step, Track, Workshop
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

log = logging.getLogger(__name__)

_MATERIALS_SEPARATOR = "\n"  # one material a line in the step's « materials » column


@dataclass(frozen=True)
class Agenda:
    """A workshop's plan as a Protocol (its steps and tracks carrying their store ids), the
    ids of its top-level steps in order, and the day's start time (None: never chosen)."""

    protocol: Protocol
    step_ids: tuple[uuid.UUID, ...]
    day_start: dt.time | None = None

    @property
    def start(self) -> dt.time:
        """The clock time the day starts at: the chosen one, else 09:00."""
        return self.day_start or DEFAULT_DAY_START


def apply_protocol(store: Store, workshop_id: uuid.UUID, protocol: Protocol) -> Changes:
    """Make ``protocol``'s steps (its tracks included) the workshop's agenda.

    Refused once the day has started: the runner's log points at the steps it ran.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        state = session.get(RunnerState, workshop.id)
        if state is not None and state.status != "idle":
            raise ValidationError(
                _("Le déroulé ne peut plus être remplacé\u00a0: la journée a commencé.")
            )
        _Writer(session, workshop).write(protocol.steps)
        workshop.protocol_ref = protocol.id if protocol.steps else None
    return Changes(workshops=frozenset({workshop_id}), agendas=frozenset({workshop_id}))


class _Writer:
    """Writes a protocol's steps over a workshop's rows, keeping those it can (one write)."""

    def __init__(self, session: Session, workshop: Workshop) -> None:
        self._session, self._workshop = session, workshop
        steps = session.scalars(select(Step).where(Step.workshop_id == workshop.id))
        self._steps = {row.public_id: row for row in steps}
        tracks = session.scalars(
            select(Track)
            .join(Step, Track.step_id == Step.id)
            .where(Step.workshop_id == workshop.id)
        )
        self._tracks = {row.public_id: row for row in tracks}
        self._all_ids = set(self._steps) | set(self._tracks)

    def write(self, steps: tuple[ProtocolStep, ...]) -> None:
        for position, step in enumerate(steps):
            row = self._step_row(step, position, track=None)
            for track_position, track in enumerate(step.tracks):
                track_row = self._track_row(track, row, track_position)
                for inner_position, inner in enumerate(track.steps):
                    self._step_row(inner, inner_position, track=track_row)
        self._session.flush()  # kept rows moved under their new parents before the deletes
        left_steps = [row.id for row in self._steps.values()]
        left_tracks = [row.id for row in self._tracks.values()]
        if left_tracks:
            self._session.execute(delete(Track).where(Track.id.in_(left_tracks)))
        if left_steps:
            self._session.execute(delete(Step).where(Step.id.in_(left_steps)))

    def _new_id(self, wanted: uuid.UUID | None, model: type[Step] | type[Track]) -> uuid.UUID:
        """``wanted`` when no row holds it (a step brought back by undo keeps its id)."""
        if wanted is None or wanted in self._all_ids:
            return uuid.uuid4()
        if self._session.scalar(select(model.id).where(model.public_id == wanted)) is not None:
            return uuid.uuid4()  # taken elsewhere: another workshop's step
        self._all_ids.add(wanted)
        return wanted

    def _step_row(self, step: ProtocolStep, position: int, track: Track | None) -> Step:
        row = self._steps.pop(step.store_id, None) if step.store_id is not None else None
        if row is None:
            row = Step(public_id=self._new_id(step.store_id, Step), workshop_id=self._workshop.id)
            self._session.add(row)
        row.track = track
        row.position = position
        row.title = step.title
        row.activity_kind = step.activity.value
        row.format = step.format.value
        row.duration_min = step.duration.minimum
        row.duration_max = step.duration.maximum if step.duration.is_range else None
        row.instructions = step.instructions
        row.materials = _MATERIALS_SEPARATOR.join(step.materials)
        row.settings = settings_json(step.settings)
        return row

    def _track_row(self, track: ProtocolTrack, step: Step, position: int) -> Track:
        row = self._tracks.pop(track.store_id, None) if track.store_id is not None else None
        if row is None:
            row = Track(public_id=self._new_id(track.store_id, Track))
            self._session.add(row)
        row.step = step
        row.position = position
        row.title = track.title
        return row


def settings_json(settings: Settings) -> str:
    """A step's settings as the store keeps them: a JSON object, keys sorted."""
    return json.dumps(dict(settings), sort_keys=True, ensure_ascii=False)


def _settings_of(row: Step, activity: ActivityKind) -> Settings:
    try:
        return parse_settings(json.loads(row.settings or "{}"), activity)
    except (ValueError, ProtocolError) as error:
        # A bad value must not keep the agenda from opening: the defaults apply instead.
        log.warning("settings of step %s ignored: %s", row.public_id, error)
        return ()


def _step_of(row: Step, tracks: tuple[ProtocolTrack, ...] = ()) -> ProtocolStep:
    maximum = row.duration_max if row.duration_max is not None else row.duration_min
    activity = ActivityKind(row.activity_kind)
    return ProtocolStep(
        title=row.title,
        duration=Duration(row.duration_min, maximum),
        format=StepFormat(row.format),
        activity=activity,
        instructions=row.instructions,
        materials=tuple(m for m in row.materials.split(_MATERIALS_SEPARATOR) if m),
        tracks=tracks,
        settings=_settings_of(row, activity),
        store_id=row.public_id,
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
            day_start=parse_clock(workshop.day_start),
        )


def _tracks_of(session: Session, row: Step) -> tuple[ProtocolTrack, ...]:
    tracks = session.scalars(select(Track).where(Track.step_id == row.id).order_by(Track.position))
    return tuple(
        ProtocolTrack(
            title=track.title,
            steps=tuple(_step_of(inner) for inner in track.steps),
            store_id=track.public_id,
        )
        for track in tracks
    )


def set_day_start(store: Store, workshop_id: uuid.UUID, start: dt.time | None) -> Changes:
    """The clock time the workshop's day starts at (None: back to the default, 09:00)."""
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        workshop.day_start = clock_text(start) if start is not None else None
    return Changes(workshops=frozenset({workshop_id}), agendas=frozenset({workshop_id}))
