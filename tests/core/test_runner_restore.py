"""The runner rebuilt from its saved state and log (crash resume), and random days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import (
    FakeClock,
    Runner,
    RunnerError,
    RunnerEvent,
    RunnerState,
)
from tests.core.runner_support import (
    PLANNED,
    T0,
    assert_french_typography,
    at,
    clock,
    runner,
    started,
)

__all__ = ["clock", "runner", "started"]  # fixtures, used by name


# Restore (crash resume) ------------------------------------------------------------------------


def rebuilt(runner: Runner, clock: FakeClock) -> Runner:
    return Runner(runner.planned, clock, runner.state, runner.events)


def test_restore_while_running_counts_the_time_the_app_was_dead(
    started: Runner, clock: FakeClock
) -> None:
    clock.advance(300)
    started.extend(1)
    started.next()
    clock.advance(100)
    started.pause()
    clock.advance(20)
    started.resume()
    started.skip()
    started.back()
    state, events = started.state, started.events
    clock.advance(1800)  # the laptop was off for half an hour, the workshop went on
    restored = Runner(PLANNED, clock, state, events)
    assert restored.state == state
    assert restored.events == events
    assert restored.state.step_index == 1
    assert restored.elapsed() == started.elapsed() == 100 + 1800
    assert restored.remaining() == started.remaining() == 1200 - 1900
    assert restored.actual_seconds() == started.actual_seconds() == [300, 1900, 0]
    assert restored.skipped() == started.skipped() == set()
    assert restored.projected_end() == started.projected_end()
    restored.next()
    assert restored.skipped() == set()


def test_restore_while_paused_does_not_count_the_time_the_app_was_dead(
    started: Runner, clock: FakeClock
) -> None:
    clock.advance(250)
    started.extend(5)
    started.time_out()
    state, events = started.state, started.events
    clock.advance(3600)
    restored = Runner(PLANNED, clock, state, events)
    assert restored.state.status == RunnerStatus.TIME_OUT
    assert restored.elapsed() == 250
    assert restored.remaining() == 650
    assert restored.projected_end() == at(3850 + 650 + 1200 + 300)
    event = restored.resume()
    assert event.seconds == 3600


def test_restore_accepts_a_status_read_back_as_a_plain_string(clock: FakeClock) -> None:
    stored = RunnerState("paused", 1, at(0), at(30), 0.0, 60.0)  # type: ignore[arg-type]
    restored = Runner(PLANNED, clock, stored)
    assert restored.state.status is RunnerStatus.PAUSED
    assert restored.remaining() == 1230


@pytest.mark.parametrize(
    "state",
    [
        RunnerState(RunnerStatus.RUNNING, 3, at(0)),  # the programme lost a step since
        RunnerState(RunnerStatus.RUNNING, None, at(0)),
        RunnerState(RunnerStatus.RUNNING, 0, None),
        RunnerState(RunnerStatus.RUNNING, 0, at(0), paused_at=at(1)),
        RunnerState(RunnerStatus.PAUSED, 0, at(0)),
        RunnerState(RunnerStatus.TIME_OUT, 0, at(0)),
        RunnerState(RunnerStatus.RUNNING, 0, at(0), paused_seconds=-1),
        RunnerState(RunnerStatus.RUNNING, 0, at(0), extension_seconds=-60),
        RunnerState(RunnerStatus.RUNNING, 0, dt.datetime(2024, 1, 1)),  # noqa: DTZ001
        RunnerState(RunnerStatus.IDLE, 0),
        RunnerState(RunnerStatus.FINISHED, 2, at(0)),
        RunnerState("walking"),  # type: ignore[arg-type]
    ],
)
def test_restore_refuses_a_state_that_cannot_be_this_day(
    state: RunnerState, clock: FakeClock
) -> None:
    with pytest.raises(RunnerError, match="ne correspond pas") as refused:
        Runner(PLANNED, clock, state)
    assert_french_typography(refused.value.message)


def test_restore_ignores_logged_steps_beyond_the_programme(clock: FakeClock) -> None:
    events = [
        RunnerEvent("start", 0, at(0)),
        RunnerEvent("jump", 0, at(10), 10.0, 7),
        RunnerEvent("skip", 7, at(20), 10.0, 1),
        RunnerEvent("a-newer-action", 1, at(25)),
    ]
    state = RunnerState(RunnerStatus.RUNNING, 1, at(20))
    clock.advance(30)
    restored = Runner(PLANNED, clock, state, events)
    assert restored.actual_seconds() == [10, 10, 0]
    assert restored.skipped() == set()


def test_a_wall_clock_set_back_never_makes_time_negative(started: Runner, clock: FakeClock) -> None:
    clock.advance(60)
    started.pause()
    clock.advance(-600)
    assert started.resume().seconds == 0
    assert started.elapsed() == 0
    assert started.next().seconds == 0
    assert min(started.actual_seconds()) >= 0


# Random days -----------------------------------------------------------------------------------


@dataclass
class Model:
    """What the test expects, kept with its own arithmetic (whole milliseconds)."""

    planned: list[int]
    status: str = "running"
    step: int = 0
    spent_ms: list[int] = field(default_factory=list)
    extended: list[int] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)

    def enter(self, step: int | None) -> None:
        if step is None:
            self.status = "finished"
        else:
            self.status, self.step = "running", step
            self.skipped.discard(step)

    def moves(self) -> list[str]:
        if self.status == "finished":
            return []
        moves = ["next", "skip", "finish", "extend", "restore"]
        moves.append("resume" if self.status == "paused" else "pause")
        if self.status == "running":
            moves.append("time_out")
        if self.step > 0:
            moves.append("back")
        if len(self.planned) > 1:
            moves.append("jump")
        return moves


def check(runner: Runner, model: Model, clock: FakeClock) -> None:
    statuses = {
        "running": {RunnerStatus.RUNNING},
        "paused": {RunnerStatus.PAUSED, RunnerStatus.TIME_OUT},
        "finished": {RunnerStatus.FINISHED},
    }
    assert runner.state.status in statuses[model.status]
    actual = runner.actual_seconds()
    assert actual == pytest.approx([ms / 1000 for ms in model.spent_ms], abs=1e-6)
    assert sum(actual) == pytest.approx(sum(model.spent_ms) / 1000, abs=1e-6)
    assert runner.skipped() == model.skipped
    assert runner.elapsed() >= 0
    assert 0 <= runner.fraction_left() <= 1
    assert runner.projected_end() >= clock.now() or model.status == "finished"
    if model.status != "finished":
        step = model.step
        assert runner.state.step_index == step
        assert runner.elapsed() == pytest.approx(model.spent_ms[step] / 1000, abs=1e-6)
        assert runner.extension() == model.extended[step] * 60
        assert runner.remaining() + runner.elapsed() == pytest.approx(
            model.planned[step] + runner.extension()
        )
        assert runner.is_overrun() == (runner.remaining() < 0)
    restored = rebuilt(runner, clock)
    assert restored.actual_seconds() == actual
    assert restored.remaining() == runner.remaining()
    assert restored.projected_end() == runner.projected_end()
    assert restored.skipped() == runner.skipped()


@settings(max_examples=150, deadline=None)
@given(
    planned=st.lists(st.integers(0, 7200), min_size=1, max_size=6),
    data=st.data(),
)
def test_random_days_keep_their_invariants(planned: list[int], data: st.DataObject) -> None:
    clock = FakeClock(T0)
    runner = Runner(planned, clock)
    model = Model(planned, spent_ms=[0] * len(planned), extended=[0] * len(planned))
    runner.start()
    for _ in range(data.draw(st.integers(0, 40), label="length")):
        ms = data.draw(st.integers(0, 4 * 3600 * 1000), label="advance")
        clock.advance(ms / 1000)
        if model.status == "running":
            model.spent_ms[model.step] += ms
        check(runner, model, clock)
        if not model.moves():
            break
        move = data.draw(st.sampled_from(model.moves()), label="move")
        count = len(planned)
        following = model.step + 1 if model.step + 1 < count else None
        if move == "pause":
            runner.pause()
            model.status = "paused"
        elif move == "time_out":
            runner.time_out()
            model.status = "paused"
        elif move == "resume":
            runner.resume()
            model.status = "running"
        elif move == "extend":
            minutes = data.draw(st.sampled_from([1, 5]), label="minutes")
            runner.extend(minutes)
            model.extended[model.step] += minutes
        elif move == "next":
            runner.next()
            model.enter(following)
        elif move == "back":
            runner.back()
            model.enter(model.step - 1)
        elif move == "jump":
            target = data.draw(
                st.integers(0, count - 1).filter(lambda i: i != model.step), label="target"
            )
            runner.jump(target)
            model.enter(target)
        elif move == "skip":
            runner.skip()
            model.skipped.add(model.step)
            model.enter(following)
        elif move == "finish":
            runner.finish()
            model.enter(None)
        else:
            runner = rebuilt(runner, clock)
    check(runner, model, clock)
    assert [event.at for event in runner.events] == sorted(event.at for event in runner.events)
