"""Running a workshop's day: the pure Runner over the workshop's agenda, persisted at each step.

Every transition runs in one write transaction: read the saved state and log, rebuild the
Runner, apply the action, write the new state and the logged event. So a crash or a killed
process resumes on the same step with the right time, and nothing half-done is ever saved.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import TypeAlias

from sqlalchemy import select
from sqlalchemy.orm import Session

from capadesk.core.domain.protocol import Duration
from capadesk.core.runner import Clock, Runner, RunnerEvent, RunnerState
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import RunnerEvent as EventRow
from capadesk.core.storage.models import RunnerState as StateRow
from capadesk.core.storage.models import Step, Workshop, utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store

Action: TypeAlias = Callable[[Runner], RunnerEvent]


def _steps(session: Session, workshop: Workshop) -> list[Step]:
    return WorkshopRepository(session).top_level_steps(workshop)


def _runner(session: Session, workshop: Workshop, clock: Clock) -> tuple[Runner, list[Step]]:
    steps = _steps(session, workshop)
    index_of = {step.id: index for index, step in enumerate(steps)}
    row = session.get(StateRow, workshop.id)
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
    events = [
        _event(event, index_of)
        for event in session.scalars(
            select(EventRow).where(EventRow.workshop_id == workshop.id).order_by(EventRow.id)
        )
    ]
    planned = [
        60 * Duration(step.duration_min, step.duration_max or step.duration_min).planned
        for step in steps
    ]
    return Runner(planned, clock, state, events), steps


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
        runner, _steps_of_day = _runner(session, workshop, clock)
        return runner


def act(
    store: Store, workshop_id: uuid.UUID, clock: Clock, action: Action
) -> tuple[Runner, Changes]:
    """Apply ``action`` (e.g. ``Runner.next`` or ``lambda r: r.extend(5)``) and save the result.

    A refused transition raises RunnerError and saves nothing.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        runner, steps = _runner(session, workshop, clock)
        event = action(runner)
        _save(session, workshop, steps, runner.state, event)
    return runner, Changes(runners=frozenset({workshop_id}))


def _save(
    session: Session, workshop: Workshop, steps: list[Step], state: RunnerState, event: RunnerEvent
) -> None:
    def step_id(index: int | None) -> int | None:
        return steps[index].id if index is not None else None

    row = session.get(StateRow, workshop.id)
    if row is None:
        row = StateRow(workshop_id=workshop.id)
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
            workshop_id=workshop.id,
            step_id=step_id(event.step_index),
            action=event.action,
            at=event.at,
            detail=json.dumps({"seconds": event.seconds, "target": event.target}),
        )
    )
