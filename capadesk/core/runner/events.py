"""The runner's log, and what it says about the steps' past visits.

The log is the only record of earlier visits of a step (the persisted state describes the current
visit alone), so the time already spent on a step, the extensions granted to it, whether it was
skipped and when it was first entered are all folded from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class RunnerAction(StrEnum):
    """What a logged event did; its value is the stored ``action`` string."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    TIME_OUT = "time-out"
    NEXT = "next"
    BACK = "back"
    JUMP = "jump"
    EXTEND = "extend"
    SKIP = "skip"
    FINISH = "finish"


# Actions that close the current visit of a step; their ``seconds`` are its running time.
LEAVING = frozenset(
    {
        RunnerAction.NEXT,
        RunnerAction.BACK,
        RunnerAction.JUMP,
        RunnerAction.SKIP,
        RunnerAction.FINISH,
    }
)


@dataclass(frozen=True)
class RunnerEvent:
    """One transition, as logged (and persisted) for the agenda « prévu / réel ».

    ``step_index`` is the step left for a leaving action, else the current step (step 0 for
    ``start``). ``seconds`` is the running time of the visit just closed for a leaving action, the
    seconds added for ``extend``, the span of the pause or time-out ended for ``resume``, else 0.
    ``target`` is the step entered by ``next``, ``back``, ``jump`` or ``skip`` (None when it
    finished the day). A pause or time-out left by a move ends at that move's ``at``.
    """

    action: str
    step_index: int | None
    at: dt.datetime
    seconds: float = 0.0
    target: int | None = None


class History:
    """Per-step totals of the closed visits, kept up to date one event at a time.

    The same ``record`` serves the live runner and the replay of a persisted log, so a restored
    runner cannot compute anything differently from the one that wrote the log. Events naming a
    step outside the programme, or an action this version does not know, are ignored: the log is
    history, and the persisted state alone decides where the day stands.
    """

    def __init__(self, step_count: int, events: Iterable[RunnerEvent] = ()) -> None:
        self.spent = [0.0] * step_count
        self.granted = [0.0] * step_count
        self.skipped: set[int] = set()
        self.first_entered: list[dt.datetime | None] = [None] * step_count
        self._visit_extension = 0.0
        for event in events:
            self.record(event)

    def record(self, event: RunnerEvent) -> None:
        """Account for one more event."""
        left = event.step_index if self._in_range(event.step_index) else None
        if event.action == RunnerAction.EXTEND:
            self._visit_extension += event.seconds
        elif event.action in LEAVING:
            if left is not None:
                self.spent[left] += event.seconds
                self.granted[left] += self._visit_extension
                if event.action == RunnerAction.SKIP:
                    self.skipped.add(left)
            self._visit_extension = 0.0
        entered = self._entered(event)
        if entered is not None:
            self.skipped.discard(entered)
            if self.first_entered[entered] is None:
                self.first_entered[entered] = event.at

    def _entered(self, event: RunnerEvent) -> int | None:
        if event.action == RunnerAction.START:
            entered = event.step_index
        elif event.action in LEAVING:
            entered = event.target
        else:
            return None
        return entered if self._in_range(entered) else None

    def _in_range(self, index: int | None) -> bool:
        return index is not None and 0 <= index < len(self.spent)
