"""The day's « prévu / réel » read from the store (the pure part is core.runner.timings)."""

from __future__ import annotations

import uuid

from capadesk.core.runner import Clock, Runner
from capadesk.core.runner.timings import Timings, plan_vs_actual
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.runner import StoredTimer
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store


def load_timings(store: Store, workshop_id: uuid.UUID, clock: Clock) -> Timings:
    """Every step's plan and actuals, the parallel tracks' steps included, as of ``clock``;
    planned clock times from the day's start time (09:00 when none was chosen).

    Raises the runner's errors (RunnerError) when a saved state no longer fits the agenda.
    """
    agenda = read_agenda(store, workshop_id)
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        main = StoredTimer.main(session, workshop)
        if not main.steps:
            return plan_vs_actual(agenda.protocol, agenda.start, None)
        tracks: dict[tuple[int, int], Runner] = {}
        for index, step in enumerate(main.steps):
            for position, track in enumerate(step.tracks):
                if track.steps:
                    timer = StoredTimer.of_track(workshop, track)
                    tracks[index, position] = timer.runner(session, clock)
        runner = main.runner(session, clock)
        return plan_vs_actual(agenda.protocol, agenda.start, runner, tracks)
