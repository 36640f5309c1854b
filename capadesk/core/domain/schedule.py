"""Clock times of a day's steps, from its start time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from capadesk.core.domain.protocol import ProtocolStep, ProtocolTrack

DEFAULT_DAY_START = dt.time(9, 0)  # a workshop whose start time was never chosen
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class ScheduledStep:
    """A step with its planned start and end on the day's clock."""

    step: ProtocolStep
    start: dt.time
    end: dt.time


def schedule(steps: tuple[ProtocolStep, ...], start: dt.time) -> list[ScheduledStep]:
    """Each step after the previous one, booked at its planned length (a range at its top).

    Parallel tracks run inside their step's slot, so only top-level steps move the clock: a
    track's own steps are scheduled from their step's start (``schedule(track.steps, start)``).
    """
    day = dt.date(2000, 1, 1)  # any date: only the time of day is used
    clock = dt.datetime.combine(day, start)
    planned = []
    for step in steps:
        end = clock + dt.timedelta(minutes=step.duration.planned)
        planned.append(ScheduledStep(step, clock.time(), end.time()))
        clock = end
    return planned


def track_overrun(step: ProtocolStep, track: ProtocolTrack) -> int:
    """The minutes ``track``'s steps run past the slot of their ``step`` (0 when they fit)."""
    return max(0, track.planned_minutes - step.duration.planned)


def clock_text(time: dt.time) -> str:
    """« 09:30 », as the store keeps a day's start time."""
    return f"{time.hour:02d}:{time.minute:02d}"


def parse_clock(text: str | None) -> dt.time | None:
    """The time of « HH:MM » (24-hour clock); None for None or anything else."""
    match = _CLOCK.fullmatch(text or "")
    return dt.time(int(match[1]), int(match[2])) if match else None
