"""What the runner's countdown shows: its text, its colour level, the chime, the projected end.

Pure and Qt-free, so the thresholds are tested without a QApplication. The screens (control
panel, projection) only map a level to their own palette.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import NamedTuple

WARNING_FRACTION = 0.20  # the colour changes once 20 % of the step's time or less is left
CRITICAL_FRACTION = 0.05  # and again at 5 % or less, or once the step overruns
CHIME_SECONDS = (60.0, 0.0)  # the chime rings when the time left crosses one minute, then zero


class CountdownLevel(StrEnum):
    """How urgent the countdown looks."""

    NORMAL = "normal"
    WARNING = "warning"
    CRITICAL = "critical"


class Countdown(NamedTuple):
    """The countdown as shown: « 12:34 » or « +01:05 », and its level."""

    text: str
    level: CountdownLevel


def countdown_text(remaining: float) -> str:
    """« 30:00 », « 00:59 », « 1:05:00 » while time is left; « +01:05 » once overrun.

    Time left is rounded up (a countdown reads 00:00 only at zero, never with time to go);
    overrun time is rounded down (« +00:00 » for the first second past zero).
    """
    if remaining >= 0:
        return _clock_face(math.ceil(remaining))
    return "+" + _clock_face(math.floor(-remaining))


def _clock_face(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def countdown_level(fraction_left: float, overrun: bool) -> CountdownLevel:
    """Normal above 20 % left; warning at 20 % or less; critical at 5 % or less or overrun."""
    if overrun or fraction_left <= CRITICAL_FRACTION:
        return CountdownLevel.CRITICAL
    if fraction_left <= WARNING_FRACTION:
        return CountdownLevel.WARNING
    return CountdownLevel.NORMAL


def countdown(remaining: float, fraction_left: float, overrun: bool) -> Countdown:
    """Text and level for the runner's ``remaining()``, ``fraction_left()``, ``is_overrun()``."""
    return Countdown(countdown_text(remaining), countdown_level(fraction_left, overrun))


def chimes_between(before: float, after: float) -> int:
    """How many chime moments (one minute left, zero) the time left crossed going from ``before``
    to ``after`` seconds; 0 when it did not go down (a pause, an extension)."""
    return sum(1 for mark in CHIME_SECONDS if before > mark >= after)


def clock_label(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """« 17 h 05 » (French, non-breaking spaces), in ``zone`` or the machine's local time."""
    local = moment.astimezone(zone)
    return f"{local.hour}\u00a0h\u00a0{local.minute:02d}"
