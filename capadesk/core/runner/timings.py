"""« Prévu / réel »: each step's plan beside what its timer logged, for the restitution.

Pure: it reads a protocol, the day's start time and the runners (the day's and the parallel
tracks'), never the store. Actual durations are running time (pauses and time-outs are not in
them); a step's actual start is the first time it was entered.

The drift of a step is its actual running time less its plan, once it has been entered; the step
in progress counts only the time it has already overrun (it is not « early » for being
unfinished). The day's drift adds up the top-level steps only: a track runs inside its step's
slot, so its drift is shown but already paid for by its step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from capadesk.core.domain.protocol import Protocol, ProtocolStep
from capadesk.core.domain.schedule import schedule
from capadesk.core.runner.machine import Runner


@dataclass(frozen=True)
class StepTiming:
    """One step, planned and actual. ``track`` names the parallel track of an inner step."""

    title: str
    planned_minutes: int
    planned_start: dt.time  # on the day's clock, from its start time
    actual_start: dt.datetime | None  # aware UTC; None for a step never entered
    actual_seconds: float
    skipped: bool
    in_progress: bool
    track: str | None = None

    @property
    def visited(self) -> bool:
        """True once the step has been entered."""
        return self.actual_start is not None

    @property
    def drift_seconds(self) -> float | None:
        """Actual less planned seconds (see module docstring); None for a step never entered."""
        if not self.visited:
            return None
        drift = self.actual_seconds - self.planned_minutes * 60
        return max(drift, 0.0) if self.in_progress else drift

    @property
    def overran(self) -> bool:
        """True when the step took longer than planned."""
        drift = self.drift_seconds
        return drift is not None and drift > 0


@dataclass(frozen=True)
class Timings:
    """The day's rows in agenda order: each top-level step followed by its tracks' steps."""

    start: dt.time
    rows: tuple[StepTiming, ...]

    @property
    def steps(self) -> tuple[StepTiming, ...]:
        """The top-level rows only."""
        return tuple(row for row in self.rows if row.track is None)

    @property
    def planned_seconds(self) -> int:
        """The day's planned length."""
        return sum(row.planned_minutes * 60 for row in self.steps)

    @property
    def actual_seconds(self) -> float:
        """The day's running time so far."""
        return sum(row.actual_seconds for row in self.steps)

    @property
    def drift_seconds(self) -> float:
        """The day's total drift: the top-level steps' drifts added up."""
        return sum(row.drift_seconds or 0.0 for row in self.steps)


def plan_vs_actual(
    protocol: Protocol,
    start: dt.time,
    runner: Runner | None,
    tracks: Mapping[tuple[int, int], Runner] | None = None,
) -> Timings:
    """The « prévu / réel » of ``protocol``'s day from ``start``.

    ``runner`` is the day's timer (None: nothing ran); ``tracks`` maps (step index, track index)
    to that track's timer, a missing one meaning the track never ran.
    """
    tracks = tracks or {}
    rows: list[StepTiming] = []
    day = _Actuals(runner)
    for index, planned in enumerate(schedule(protocol.steps, start)):
        rows.append(day.row(planned.step, planned.start, index))
        for track_index, track in enumerate(planned.step.tracks):
            inner = _Actuals(tracks.get((index, track_index)), track.title)
            for inner_index, scheduled in enumerate(schedule(track.steps, planned.start)):
                rows.append(inner.row(scheduled.step, scheduled.start, inner_index))
    return Timings(start, tuple(rows))


class _Actuals:
    """What one timer says of its steps (nothing when it never ran)."""

    def __init__(self, runner: Runner | None, track: str | None = None) -> None:
        self._track = track
        self._started = runner.started_at() if runner is not None else []
        self._seconds = runner.actual_seconds() if runner is not None else []
        self._skipped = runner.skipped() if runner is not None else set()
        self._current = runner.state.step_index if runner is not None else None

    def row(self, step: ProtocolStep, start: dt.time, index: int) -> StepTiming:
        known = index < len(self._started)  # a timer over fewer steps than planned: nothing ran
        return StepTiming(
            title=step.title,
            planned_minutes=step.duration.planned,
            planned_start=start,
            actual_start=self._started[index] if known else None,
            actual_seconds=self._seconds[index] if known else 0.0,
            skipped=index in self._skipped,
            in_progress=index == self._current,
            track=self._track,
        )
