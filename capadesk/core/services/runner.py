"""Running a workshop's day: the pure Runner over the workshop's agenda, persisted at each step.

Every transition runs in one write transaction: read the saved state and log, rebuild the
Runner, apply the action, write the new state and the logged event. So a crash or a killed
process resumes on the same step with the right time, and nothing half-done is ever saved.

The day's main timer and each parallel track's own timer (services.track_runner) are stored the
same way — a state row and events in ``runner_event`` — by one ``StoredTimer``; the main
timer's events are those with no track.

Leaving a step that has parallel tracks pauses the track timers still running, in the same
transaction: the room has moved on, and a forgotten track must not keep counting time into the
« prévu / réel ». Coming back to the step, each track resumes from its own buttons.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from sqlalchemy import select
from sqlalchemy.orm import Session

from capadesk.core.domain.protocol import Duration
from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import Clock, Runner, RunnerEvent, RunnerState
from capadesk.core.runner.events import LEAVING
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import RunnerEvent as EventRow
from capadesk.core.storage.models import RunnerState as StateRow
from capadesk.core.storage.models import Step, Track, TrackRunnerState, Workshop, utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store

Action: TypeAlias = Callable[[Runner], RunnerEvent]


def planned_seconds(step: Step) -> int:
    """The seconds the agenda books for ``step`` (the top of a range)."""
    return 60 * Duration(step.duration_min, step.duration_max or step.duration_min).planned


@dataclass(frozen=True)
class StoredTimer:
    """One timer in the store: the day's main one (``track`` None) or a parallel track's.

    ``steps`` are the steps it runs, in order: the top-level steps, or the track's own steps.
    """

    workshop: Workshop
    steps: Sequence[Step]
    track: Track | None = None

    @classmethod
    def main(cls, session: Session, workshop: Workshop) -> StoredTimer:
        """The day's main timer, over the top-level steps."""
        return cls(workshop, WorkshopRepository(session).top_level_steps(workshop))

    @classmethod
    def of_track(cls, workshop: Workshop, track: Track) -> StoredTimer:
        """The timer of ``track``, over its own steps."""
        return cls(workshop, list(track.steps), track)

    def runner(self, session: Session, clock: Clock) -> Runner:
        """The timer as last saved, its figures read from ``clock``."""
        index_of = {step.id: index for index, step in enumerate(self.steps)}
        row = self._state_row(session)
        state = None
        if row is not None:
            state = RunnerState(
                status=row.status,  # type: ignore[arg-type]  # checked() turns it into the enum
                step_index=index_of.get(row.current_step_id) if row.current_step_id else None,
                step_started_at=row.step_started_at,
                paused_at=row.paused_at,
                paused_seconds=row.paused_seconds,
                extension_seconds=row.extension_seconds,
            )
        query = select(EventRow).where(EventRow.workshop_id == self.workshop.id)
        if self.track is None:
            query = query.where(EventRow.track_id.is_(None))
        else:
            query = query.where(EventRow.track_id == self.track.id)
        events = [_event(row, index_of) for row in session.scalars(query.order_by(EventRow.id))]
        planned = [planned_seconds(step) for step in self.steps]
        return Runner(planned, clock, state, events)

    def save(self, session: Session, state: RunnerState, event: RunnerEvent) -> None:
        """Write ``state`` over the saved one and log ``event``."""

        def step_id(index: int | None) -> int | None:
            return self.steps[index].id if index is not None else None

        row = self._state_row(session)
        if row is None:
            if self.track is None:
                row = StateRow(workshop_id=self.workshop.id)
            else:
                row = TrackRunnerState(track_id=self.track.id, workshop_id=self.workshop.id)
            session.add(row)
        row.status = state.status.value
        row.current_step_id = step_id(state.step_index)
        row.step_started_at = state.step_started_at
        row.paused_at = state.paused_at
        row.paused_seconds = state.paused_seconds
        row.extension_seconds = state.extension_seconds
        row.updated_at = utc_now()
        session.add(
            EventRow(
                workshop_id=self.workshop.id,
                track_id=self.track.id if self.track is not None else None,
                step_id=step_id(event.step_index),
                action=event.action,
                at=event.at,
                detail=json.dumps({"seconds": event.seconds, "target": event.target}),
            )
        )

    def _state_row(self, session: Session) -> StateRow | TrackRunnerState | None:
        if self.track is None:
            return session.get(StateRow, self.workshop.id)
        return session.get(TrackRunnerState, self.track.id)


def _event(row: EventRow, index_of: dict[int, int]) -> RunnerEvent:
    detail = json.loads(row.detail or "{}")
    return RunnerEvent(
        action=row.action,
        step_index=index_of.get(row.step_id) if row.step_id is not None else None,
        at=row.at,
        seconds=float(detail.get("seconds", 0.0)),
        target=detail.get("target"),
    )


def load_runner(store: Store, workshop_id: uuid.UUID, clock: Clock) -> Runner:
    """The workshop's runner as it was last saved, its figures read from ``clock``."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        return StoredTimer.main(session, workshop).runner(session, clock)


def act(
    store: Store, workshop_id: uuid.UUID, clock: Clock, action: Action
) -> tuple[Runner, Changes]:
    """Apply ``action`` (e.g. ``Runner.next`` or ``lambda r: r.extend(5)``) and save the result.

    A refused transition raises RunnerError and saves nothing.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        timer = StoredTimer.main(session, workshop)
        runner = timer.runner(session, clock)
        event = action(runner)
        timer.save(session, runner.state, event)
        if event.action in LEAVING and event.step_index is not None:
            _pause_tracks(session, workshop, timer.steps[event.step_index], clock)
    return runner, Changes(runners=frozenset({workshop_id}))


def _pause_tracks(session: Session, workshop: Workshop, step: Step, clock: Clock) -> None:
    """Pause the running track timers of ``step``, which the day just left."""
    for track in step.tracks:
        if not track.steps:
            continue
        timer = StoredTimer.of_track(workshop, track)
        runner = timer.runner(session, clock)
        if runner.state.status == RunnerStatus.RUNNING:
            event = runner.pause()
            timer.save(session, runner.state, event)
