"""The protocol runner: a pure, storage-free state machine over an injectable clock."""

from __future__ import annotations

from capadesk.core.runner.clock import Clock, FakeClock, SystemClock
from capadesk.core.runner.events import RunnerAction, RunnerEvent
from capadesk.core.runner.machine import Runner, RunnerError, RunnerState

__all__ = [
    "Clock",
    "FakeClock",
    "Runner",
    "RunnerAction",
    "RunnerError",
    "RunnerEvent",
    "RunnerState",
    "SystemClock",
]
