"""The protocol runner on a fake clock: transitions, refusals, time arithmetic and crash resume."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.errors import KnownError
from capadesk.core.runner import (
    FakeClock,
    Runner,
    RunnerAction,
    RunnerError,
    RunnerEvent,
    RunnerState,
    SystemClock,
)
from tests.core.runner_support import (
    DAY,
    PLANNED,
    T0,
    assert_french_typography,
    at,
    clock,
    runner,
    started,
)

__all__ = ["clock", "runner", "started"]  # fixtures, used by name


def assert_refused(runner: Runner, transition: Callable[[], object], match: str = "") -> None:
    """The transition raises a French RunnerError and changes nothing."""
    state, events = runner.state, runner.events
    with pytest.raises(RunnerError, match=match) as refused:
        transition()
    assert isinstance(refused.value, KnownError)
    assert_french_typography(refused.value.message)
    assert runner.state == state
    assert runner.events == events


TRANSITIONS = [
    "start",
    "pause",
    "resume",
    "time_out",
    "next",
    "back",
    "jump",
    "extend",
    "skip",
    "finish",
]


def every_transition(runner: Runner) -> dict[str, Callable[[], object]]:
    return {
        "start": runner.start,
        "pause": runner.pause,
        "resume": runner.resume,
        "time_out": runner.time_out,
        "next": runner.next,
        "back": runner.back,
        "jump": lambda: runner.jump(1),
        "extend": lambda: runner.extend(1),
        "skip": runner.skip,
        "finish": runner.finish,
    }


# Clocks ----------------------------------------------------------------------------------------


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(T0)
    assert clock.now() == clock.now() == T0
    clock.advance(90.5)
    assert clock.now() == at(90.5)
    clock.set(dt.datetime(2024, 3, 14, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    assert clock.now() == dt.datetime(2024, 3, 14, 11, 0, tzinfo=dt.UTC)
    assert clock.now().tzinfo == dt.UTC


def test_fake_clock_refuses_naive_moments() -> None:
    with pytest.raises(ValueError, match="naive"):
        FakeClock(dt.datetime(2024, 3, 14, 9, 0))  # noqa: DTZ001 (the point of the test)
    clock = FakeClock()
    with pytest.raises(ValueError, match="naive"):
        clock.set(dt.datetime(2024, 3, 14, 9, 0))  # noqa: DTZ001
    assert clock.now().tzinfo == dt.UTC


def test_system_clock_is_aware_utc_and_now() -> None:
    before = dt.datetime.now(dt.UTC)
    moment = SystemClock().now()
    assert moment.tzinfo == dt.UTC
    assert before <= moment <= dt.datetime.now(dt.UTC)


def test_time_out_is_a_runner_status() -> None:
    assert RunnerStatus("time-out") is RunnerStatus.TIME_OUT
    assert {str(action) for action in RunnerAction} == {
        "start",
        "pause",
        "resume",
        "time-out",
        "next",
        "back",
        "jump",
        "extend",
        "skip",
        "finish",
    }


# Before the start ------------------------------------------------------------------------------


def test_a_new_runner_is_idle_and_shows_step_zero(runner: Runner, clock: FakeClock) -> None:
    assert runner.state == RunnerState.idle()
    assert runner.events == ()
    assert runner.planned == PLANNED
    assert runner.elapsed() == 0
    assert runner.remaining() == 600
    assert runner.fraction_left() == 1
    assert not runner.is_overrun()
    assert runner.projected_end() == at(DAY)
    clock.advance(100)
    assert runner.projected_end() == at(100 + DAY)  # nothing runs before the start
    assert runner.actual_seconds() == [0, 0, 0]
    assert runner.skipped() == set()


@pytest.mark.parametrize("name", [name for name in TRANSITIONS if name != "start"])
def test_only_start_is_accepted_before_the_start(runner: Runner, name: str) -> None:
    assert_refused(runner, every_transition(runner)[name], "pas encore commencé")


@pytest.mark.parametrize("planned", [(), [60, -1]])
def test_a_programme_without_steps_or_with_a_negative_duration_is_refused(
    planned: tuple[int, ...], clock: FakeClock
) -> None:
    with pytest.raises(RunnerError) as refused:
        Runner(planned, clock)
    assert_french_typography(refused.value.message)


# Start, pause, resume, time-out ----------------------------------------------------------------


def test_start_runs_step_zero(runner: Runner, clock: FakeClock) -> None:
    clock.advance(5)
    event = runner.start()
    assert event == RunnerEvent("start", 0, at(5), 0.0, None)
    assert runner.events == (event,)
    assert runner.state == RunnerState(RunnerStatus.RUNNING, 0, step_started_at=at(5))
    clock.advance(60)
    assert runner.elapsed() == 60
    assert runner.remaining() == 540
    assert_refused(runner, runner.start, "déjà commencé")


def test_pause_and_resume_arithmetic(started: Runner, clock: FakeClock) -> None:
    clock.advance(60)
    event = started.pause()
    assert event == RunnerEvent("pause", 0, at(60))
    assert started.state.status == RunnerStatus.PAUSED
    assert started.state.paused_at == at(60)
    assert started.state.is_paused
    clock.advance(300)
    assert started.elapsed() == 60  # the pause does not count
    assert started.remaining() == 540
    resumed = started.resume()
    assert resumed == RunnerEvent("resume", 0, at(360), 300.0)
    assert started.state == RunnerState(
        RunnerStatus.RUNNING, 0, step_started_at=at(0), paused_seconds=300.0
    )
    clock.advance(30)
    assert started.elapsed() == 90
    # A second pause adds to the first.
    started.pause()
    clock.advance(45)
    started.resume()
    clock.advance(10)
    assert started.state.paused_seconds == 345
    assert started.elapsed() == 100
    assert started.actual_seconds() == [100, 0, 0]


def test_pausing_twice_or_resuming_a_running_step_is_refused(
    started: Runner, clock: FakeClock
) -> None:
    assert_refused(started, started.resume, "pas en pause")
    started.pause()
    assert_refused(started, started.pause, "déjà en pause")
    assert_refused(started, started.time_out, "déjà en pause")


def test_a_time_out_is_logged_as_such_and_not_counted(started: Runner, clock: FakeClock) -> None:
    clock.advance(120)
    event = started.time_out()
    assert event == RunnerEvent("time-out", 0, at(120))
    assert started.state.status == RunnerStatus.TIME_OUT
    assert started.state.is_paused
    assert_refused(started, started.pause, "déjà en pause")
    assert_refused(started, started.time_out, "déjà en pause")
    clock.advance(900)
    assert started.elapsed() == 120
    assert started.actual_seconds() == [120, 0, 0]
    resumed = started.resume()
    assert resumed == RunnerEvent("resume", 0, at(1020), 900.0)
    assert started.state == RunnerState(
        RunnerStatus.RUNNING, 0, step_started_at=at(0), paused_seconds=900.0
    )
    clock.advance(10)
    assert started.elapsed() == 130
    assert [e.action for e in started.events] == ["start", "time-out", "resume"]


# Extend and overrun ----------------------------------------------------------------------------


def test_extend_adds_minutes_to_the_current_step(started: Runner, clock: FakeClock) -> None:
    clock.advance(500)
    assert started.remaining() == 100
    event = started.extend(1)
    assert event == RunnerEvent("extend", 0, at(500), 60.0)
    started.extend(5)
    assert started.state.extension_seconds == 360
    assert started.extension() == 360
    assert started.remaining() == 460
    assert started.fraction_left() == pytest.approx(460 / 960)
    started.pause()
    started.extend(1)
    started.resume()
    started.time_out()
    started.extend(1)  # a time-out is a pause: extending is fine
    assert started.remaining() == 580
    assert started.actual_seconds() == [500, 0, 0]  # extending is not running


@pytest.mark.parametrize("minutes", [0, -1, -5])
def test_extend_by_nothing_or_less_is_refused(started: Runner, minutes: int) -> None:
    assert_refused(started, lambda: started.extend(minutes), "au moins une minute")


def test_colour_thresholds_and_overrun(started: Runner, clock: FakeClock) -> None:
    clock.advance(480)
    assert started.fraction_left() == pytest.approx(0.20)
    clock.advance(90)
    assert started.fraction_left() == pytest.approx(0.05)
    assert not started.is_overrun()
    clock.advance(30)
    assert started.remaining() == 0
    assert not started.is_overrun()
    clock.advance(100)
    assert started.remaining() == -100
    assert started.is_overrun()
    assert started.fraction_left() == 0
    started.extend(5)  # granting time ends the overrun
    assert started.remaining() == 200
    assert not started.is_overrun()


def test_a_step_planned_for_zero_minutes_is_at_once_out_of_time(clock: FakeClock) -> None:
    runner = Runner((0, 60), clock)
    runner.start()
    assert runner.fraction_left() == 0
    assert not runner.is_overrun()
    clock.advance(1)
    assert runner.is_overrun()


# Projected end ---------------------------------------------------------------------------------


def test_projected_end_while_running(started: Runner, clock: FakeClock) -> None:
    assert started.projected_end() == at(DAY)
    clock.advance(100)
    assert started.projected_end() == at(DAY)  # on time: the end stays put


def test_projected_end_moves_later_during_a_pause(started: Runner, clock: FakeClock) -> None:
    clock.advance(100)
    started.pause()
    clock.advance(600)
    assert started.projected_end() == at(DAY + 600)
    started.resume()
    clock.advance(50)
    assert started.projected_end() == at(DAY + 600)
    started.time_out()
    clock.advance(120)
    assert started.projected_end() == at(DAY + 720)


def test_projected_end_after_extend_and_overrun(started: Runner, clock: FakeClock) -> None:
    started.extend(5)
    assert started.projected_end() == at(DAY + 300)
    clock.advance(1000)  # 100 s past the 15 minutes granted
    assert started.projected_end() == at(1000 + 1200 + 300)


def test_projected_end_on_the_last_step_and_once_finished(
    started: Runner, clock: FakeClock
) -> None:
    started.jump(2)
    clock.advance(100)
    assert started.projected_end() == at(300)
    clock.advance(500)
    assert started.projected_end() == at(600)  # overrun: the end is now
    started.next()
    clock.advance(3600)
    assert started.projected_end() == at(600)  # the moment the day ended


def test_projected_end_counts_what_is_left_of_a_later_step_already_visited(
    started: Runner, clock: FakeClock
) -> None:
    clock.advance(600)
    started.next()
    clock.advance(1000)  # step 1 has 200 s left
    started.back()
    assert started.projected_end() == at(1600 + 0 + 200 + 300)


# Moving between steps --------------------------------------------------------------------------


def test_next_enters_the_following_step(started: Runner, clock: FakeClock) -> None:
    clock.advance(610)
    event = started.next()
    assert event == RunnerEvent("next", 0, at(610), 610.0, 1)
    assert started.state == RunnerState(RunnerStatus.RUNNING, 1, step_started_at=at(610))
    assert started.elapsed() == 0
    assert started.remaining() == 1200
    assert not started.is_overrun()
    clock.advance(20)
    assert started.actual_seconds() == [610, 20, 0]


def test_next_on_the_last_step_finishes_the_day(started: Runner, clock: FakeClock) -> None:
    started.jump(2)
    clock.advance(290)
    event = started.next()
    assert event == RunnerEvent("finish", 2, at(290), 290.0, None)
    assert started.state == RunnerState(RunnerStatus.FINISHED)
    assert (started.elapsed(), started.remaining(), started.extension()) == (0, 0, 0)
    assert started.fraction_left() == 0
    assert not started.is_overrun()
    assert started.actual_seconds() == [0, 0, 290]


def test_finish_ends_the_day_from_a_pause(started: Runner, clock: FakeClock) -> None:
    clock.advance(100)
    started.pause()
    clock.advance(50)
    event = started.finish()
    assert event == RunnerEvent("finish", 0, at(150), 100.0, None)
    assert started.state.status == RunnerStatus.FINISHED
    assert started.actual_seconds() == [100, 0, 0]


@pytest.mark.parametrize("name", TRANSITIONS)
def test_nothing_is_accepted_once_finished(started: Runner, name: str) -> None:
    started.finish()
    assert_refused(started, every_transition(started)[name], "terminé")


def test_back_is_refused_on_step_zero(started: Runner) -> None:
    assert_refused(started, started.back, "première étape")


def test_back_then_next_accumulates_the_time_of_each_step(
    started: Runner, clock: FakeClock
) -> None:
    clock.advance(60)
    started.next()
    clock.advance(120)
    event = started.back()
    assert event == RunnerEvent("back", 1, at(180), 120.0, 0)
    assert started.state.step_started_at == at(180)
    assert started.elapsed() == 60  # the countdown goes on where it was left
    assert started.remaining() == 540
    clock.advance(30)
    assert started.elapsed() == 90
    started.next()
    assert started.elapsed() == 120
    assert started.remaining() == 1080
    clock.advance(5)
    assert started.actual_seconds() == [90, 125, 0]


def test_extensions_granted_on_an_earlier_visit_still_count(
    started: Runner, clock: FakeClock
) -> None:
    started.extend(5)
    clock.advance(700)
    started.next()
    started.back()
    assert started.state.extension_seconds == 0  # the state holds the current visit only
    assert started.extension() == 300
    assert started.remaining() == 200
    started.extend(1)
    started.next()
    started.back()
    assert started.extension() == 360


def test_jump_goes_to_any_other_step(started: Runner, clock: FakeClock) -> None:
    clock.advance(30)
    event = started.jump(2)
    assert event == RunnerEvent("jump", 0, at(30), 30.0, 2)
    assert started.state.step_index == 2
    assert started.remaining() == 300
    started.jump(0)
    assert started.elapsed() == 30


@pytest.mark.parametrize("index", [-1, 3, 99])
def test_jump_out_of_the_programme_is_refused(started: Runner, index: int) -> None:
    assert_refused(started, lambda: started.jump(index), f"n°\u00a0{index + 1}\u00a0: ")


def test_jump_to_the_current_step_is_refused(started: Runner) -> None:
    assert_refused(started, lambda: started.jump(0), "déjà l'étape en cours")


@pytest.mark.parametrize("move", ["next", "back", "jump", "skip"])
def test_moving_during_a_pause_or_time_out_runs_the_new_step(
    started: Runner, clock: FakeClock, move: str
) -> None:
    started.jump(1)
    clock.advance(100)
    started.time_out() if move == "skip" else started.pause()
    clock.advance(400)
    event = {
        "next": started.next,
        "back": started.back,
        "jump": lambda: started.jump(2),
        "skip": started.skip,
    }[move]()
    assert event.seconds == 100  # the pause is not running time
    assert event.step_index == 1
    assert started.state.status == RunnerStatus.RUNNING
    assert started.state.paused_at is None
    assert started.state.step_started_at == at(500)
    clock.advance(10)
    assert started.elapsed() == 10


# Skip ------------------------------------------------------------------------------------------


def test_skip_leaves_the_step_as_skipped(started: Runner, clock: FakeClock) -> None:
    clock.advance(10)
    event = started.skip()
    assert event == RunnerEvent("skip", 0, at(10), 10.0, 1)
    assert started.state == RunnerState(RunnerStatus.RUNNING, 1, step_started_at=at(10))
    assert started.skipped() == {0}
    clock.advance(1000)
    started.skip()
    assert started.skipped() == {0, 1}
    assert started.actual_seconds() == [10, 1000, 0]
    started.jump(0)  # run again: no longer skipped
    assert started.skipped() == {1}
    clock.advance(5)
    assert started.actual_seconds() == [15, 1000, 0]


def test_skipping_the_last_step_finishes_the_day(started: Runner, clock: FakeClock) -> None:
    started.jump(2)
    clock.advance(3)
    event = started.skip()
    assert event == RunnerEvent("skip", 2, at(3), 3.0, None)
    assert started.state.status == RunnerStatus.FINISHED
    assert started.skipped() == {2}
    assert started.actual_seconds() == [0, 0, 3]


# Actual starts ---------------------------------------------------------------------------------


def test_each_step_s_actual_start_is_when_it_was_first_entered(
    runner: Runner, clock: FakeClock
) -> None:
    assert runner.started_at() == [None, None, None]
    clock.advance(30)
    runner.start()
    clock.advance(600)
    runner.skip()
    clock.advance(60)
    runner.back()  # entering step 0 again does not move its start
    clock.advance(10)
    runner.jump(2)
    assert runner.started_at() == [at(30), at(630), at(700)]
    restored = Runner(runner.planned, clock, runner.state, runner.events)
    assert restored.started_at() == runner.started_at()
