"""Shared by the runner tests: the planned day, the fake clock and runners on it."""

from __future__ import annotations

import datetime as dt

import pytest

from capadesk.core.runner import FakeClock, Runner

PLANNED = (600, 1200, 300)  # 10, 20 and 5 minutes
DAY = sum(PLANNED)
T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def runner(clock: FakeClock) -> Runner:
    return Runner(PLANNED, clock)


@pytest.fixture
def started(runner: Runner) -> Runner:
    runner.start()
    return runner


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def assert_french_typography(message: str) -> None:
    """A non-breaking space before every : ; ! ? of a message."""
    assert message.strip()
    for position, char in enumerate(message):
        if char in ":;!?":
            assert message[position - 1] == "\u00a0", message
