"""Clock times of a day's steps, from its start time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from capadesk.core.domain.protocol import ProtocolStep


@dataclass(frozen=True)
class ScheduledStep:
    """A step with its planned start and end on the day's clock."""

    step: ProtocolStep
    start: dt.time
    end: dt.time


def schedule(steps: tuple[ProtocolStep, ...], start: dt.time) -> list[ScheduledStep]:
    """Each step after the previous one, booked at its planned length (a range at its top).

    Parallel tracks run inside their step's slot, so only top-level steps move the clock.
    """
    day = dt.date(2000, 1, 1)  # any date: only the time of day is used
    clock = dt.datetime.combine(day, start)
    planned = []
    for step in steps:
        end = clock + dt.timedelta(minutes=step.duration.planned)
        planned.append(ScheduledStep(step, clock.time(), end.time()))
        clock = end
    return planned
