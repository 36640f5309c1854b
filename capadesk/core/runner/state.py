"""The runner's persisted state (one ``runner_state`` row), and the checks on a restored one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.errors import KnownError
from capadesk.i18n import _

PAUSED = frozenset({RunnerStatus.PAUSED, RunnerStatus.TIME_OUT})
ON_A_STEP = frozenset({RunnerStatus.RUNNING, *PAUSED})


class RunnerError(KnownError):
    """A transition the runner refuses; nothing was changed."""


@dataclass(frozen=True)
class RunnerState:
    """Where the day stands: the current step and its current visit (one ``runner_state`` row).

    ``step_started_at`` is when the current visit began; ``paused_seconds`` and
    ``extension_seconds`` belong to that visit only (earlier visits live in the event log).
    """

    status: RunnerStatus
    step_index: int | None = None
    step_started_at: dt.datetime | None = None
    paused_at: dt.datetime | None = None
    paused_seconds: float = 0.0
    extension_seconds: float = 0.0

    @classmethod
    def idle(cls) -> RunnerState:
        """The state of a day not started yet."""
        return cls(RunnerStatus.IDLE)

    @property
    def is_paused(self) -> bool:
        """True during a pause or a time-out: the step's time does not run."""
        return self.status in PAUSED


def seconds_between(start: dt.datetime, end: dt.datetime) -> float:
    """Seconds from ``start`` to ``end``; none if a corrected wall clock went back meanwhile."""
    return max(0.0, (end - start).total_seconds())


def checked(state: RunnerState, step_count: int) -> RunnerState:
    """``state`` with its status as the enum, or a refusal if it cannot be this day's state.

    A restored state can disagree with the programme (steps removed since it was written); the
    caller decides what to do, so the refusal is a ``RunnerError`` with a message.
    """
    refusal = RunnerError(_("L'état enregistré du déroulé ne correspond pas à ce programme."))
    try:
        status = RunnerStatus(state.status)
    except ValueError:
        raise refusal from None
    state = replace(state, status=status)
    if status not in ON_A_STEP:
        if state != RunnerState(status):
            raise refusal
        return state
    moments = [m for m in (state.step_started_at, state.paused_at) if m is not None]
    if (
        state.step_index is None
        or not 0 <= state.step_index < step_count
        or state.step_started_at is None
        or (state.paused_at is None) != (status == RunnerStatus.RUNNING)
        or any(moment.utcoffset() is None for moment in moments)
        or state.paused_seconds < 0
        or state.extension_seconds < 0
    ):
        raise refusal
    return state
