"""The parallel tracks' own timers: one Runner per track, over the track's steps.

A step « groupes en parallèle » holds tracks (two or three sub-workshops at once), each with its
own steps. While the day's main timer times the parallel step as a whole, each track's timer is
started, paused, moved on and extended on its own, and persisted like the main one (a
``track_runner_state`` row and ``runner_event`` rows carrying the track) in one write
transaction per transition. Only the tracks of the step the day is on can be driven.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.errors import NotFoundError
from capadesk.core.runner import Clock, Runner, RunnerError
from capadesk.core.services.changes import Changes
from capadesk.core.services.runner import Action, StoredTimer
from capadesk.core.storage.models import Step, Track, Workshop
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass(frozen=True)
class TrackTimer:
    """One track of the current step, with its timer as last saved."""

    track_id: uuid.UUID
    title: str
    runner: Runner
    step_titles: tuple[str, ...]

    def step_title(self) -> str:
        """The title of the track's shown step (its first one before it starts), or ""."""
        state = self.runner.state
        index = 0 if state.status == RunnerStatus.IDLE else state.step_index
        return self.step_titles[index] if index is not None else ""


def load_track_runners(store: Store, workshop_id: uuid.UUID, clock: Clock) -> list[TrackTimer]:
    """The timers of the tracks of the step the day is on, in the tracks' order.

    None before the start, once finished, or when the current step has no tracks. Raises the
    main runner's errors (RunnerError for a day without steps or a saved state that no longer
    fits).
    """
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        current = _current_step(session, workshop, clock)
        if current is None:
            return []
        return [
            TrackTimer(
                track_id=track.public_id,
                title=track.title,
                runner=StoredTimer.of_track(workshop, track).runner(session, clock),
                step_titles=tuple(step.title for step in track.steps),
            )
            for track in current.tracks
            if track.steps  # a track without steps has nothing to time
        ]


def act_on_track(
    store: Store, workshop_id: uuid.UUID, track_id: uuid.UUID, clock: Clock, action: Action
) -> tuple[Runner, Changes]:
    """Apply ``action`` to the timer of track ``track_id`` and save the result.

    Refused (RunnerError, nothing saved) when the transition is, or when the day is not on the
    track's step. NotFoundError when the workshop has no such track.
    """
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        track = session.scalars(
            select(Track)
            .join(Step, Track.step_id == Step.id)
            .where(Track.public_id == track_id, Step.workshop_id == workshop.id)
        ).one_or_none()
        if track is None:
            raise NotFoundError(_("Ce groupe en parallèle n'existe pas ou plus."))
        current = _current_step(session, workshop, clock)
        if current is None or current.id != track.step_id:
            raise RunnerError(
                _(
                    "Le minuteur de «\u00a0{title}\u00a0» ne part que pendant son étape\u00a0: "
                    "la journée n'y est pas."
                ).format(title=track.title)
            )
        timer = StoredTimer.of_track(workshop, track)
        runner = timer.runner(session, clock)
        event = action(runner)
        timer.save(session, runner.state, event)
    return runner, Changes(runners=frozenset({workshop_id}))


def _current_step(session: Session, workshop: Workshop, clock: Clock) -> Step | None:
    """The top-level step the day is on (running, paused or in a time-out), if any."""
    main = StoredTimer.main(session, workshop)
    index = main.runner(session, clock).state.step_index
    return main.steps[index] if index is not None else None
