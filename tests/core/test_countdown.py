"""The countdown's text, colour levels, chime moments and projected-end label (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from capadesk.core.domain.countdown import (
    Countdown,
    CountdownLevel,
    chimes_between,
    clock_label,
    countdown,
    countdown_level,
    countdown_text,
)


@pytest.mark.parametrize(
    ("remaining", "text"),
    [
        (30 * 60, "30:00"),
        (754, "12:34"),
        (59.2, "01:00"),  # rounded up: a countdown shows 00:00 only at zero
        (59.0, "00:59"),
        (0.4, "00:01"),
        (0.0, "00:00"),
        (-0.5, "+00:00"),
        (-65, "+01:05"),
        (-65.9, "+01:05"),
        (3600, "1:00:00"),
        (2 * 3600 + 5 * 60 + 7, "2:05:07"),
        (-(3600 + 1), "+1:00:01"),
        (99 * 60 + 59, "1:39:59"),
    ],
)
def test_countdown_text_for_short_long_and_overrun_times(remaining: float, text: str) -> None:
    assert countdown_text(remaining) == text


@pytest.mark.parametrize(
    ("fraction", "overrun", "level"),
    [
        (1.0, False, CountdownLevel.NORMAL),
        (0.2001, False, CountdownLevel.NORMAL),
        (0.20, False, CountdownLevel.WARNING),
        (0.0501, False, CountdownLevel.WARNING),
        (0.05, False, CountdownLevel.CRITICAL),
        (0.0, False, CountdownLevel.CRITICAL),
        (0.0, True, CountdownLevel.CRITICAL),
        (0.9, True, CountdownLevel.CRITICAL),  # overrun wins whatever the fraction says
    ],
)
def test_colour_level_changes_at_20_and_5_percent_and_on_overrun(
    fraction: float, overrun: bool, level: CountdownLevel
) -> None:
    assert countdown_level(fraction, overrun) is level


def test_countdown_bundles_text_and_level() -> None:
    assert countdown(6 * 60, 0.2, False) == Countdown("06:00", CountdownLevel.WARNING)
    assert countdown(-65, 0.0, True) == Countdown("+01:05", CountdownLevel.CRITICAL)


@pytest.mark.parametrize(
    ("before", "after", "chimes"),
    [
        (61, 60, 1),
        (60, 59, 0),  # one minute was reached on the previous tick
        (61, 59, 1),
        (1, 0, 1),
        (0.5, -0.5, 1),
        (0, -1, 0),
        (61, -1, 2),  # a long gap crosses both
        (59, 120, 0),  # an extension moves time up: no chime
        (59, 59, 0),  # paused
    ],
)
def test_chime_moments_are_crossed_once(before: float, after: float, chimes: int) -> None:
    assert chimes_between(before, after) == chimes


def test_clock_label_is_french_with_non_breaking_spaces() -> None:
    moment = dt.datetime(2024, 3, 14, 16, 5, tzinfo=dt.UTC)
    assert clock_label(moment, dt.UTC) == "16\u00a0h\u00a005"
    paris_winter = dt.timezone(dt.timedelta(hours=1))
    assert clock_label(moment, paris_winter) == "17\u00a0h\u00a005"
    assert clock_label(dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC), dt.UTC) == "9\u00a0h\u00a000"
