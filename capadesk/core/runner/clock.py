"""Where the runner reads the time: injected, so tests and the UI never depend on the wall clock."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """A source of aware UTC datetimes."""

    def now(self) -> dt.datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    """The machine's wall clock.

    Wall time rather than a monotonic counter: the runner's moments are persisted and must still
    mean something after the process (or the laptop) restarted.
    """

    def now(self) -> dt.datetime:
        """The current moment, aware, in UTC."""
        return dt.datetime.now(dt.UTC)


DEFAULT_FAKE_START = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)


class FakeClock:
    """A clock that moves only when told, for tests (core, UI and subprocess) with no sleeps."""

    def __init__(self, start: dt.datetime = DEFAULT_FAKE_START) -> None:
        self._now = _aware_utc(start)

    def now(self) -> dt.datetime:
        """The moment the clock was last set to."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move on by ``seconds`` (negative moves back, as a wall clock corrected by NTP can)."""
        self._now += dt.timedelta(seconds=seconds)

    def set(self, moment: dt.datetime) -> None:
        """Jump to ``moment`` (aware; converted to UTC)."""
        self._now = _aware_utc(moment)


def _aware_utc(moment: dt.datetime) -> dt.datetime:
    """Refuse a naive datetime: compared with stored aware ones it would fail later, far away."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    return moment.astimezone(dt.UTC)
