"""The parallel tracks' own timers, saved at every transition and resumed after a kill."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import select

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.errors import NotFoundError
from capadesk.core.runner import FakeClock, Runner, RunnerError, RunnerEvent
from capadesk.core.services.runner import act, load_runner
from capadesk.core.services.track_runner import TrackTimer, act_on_track, load_track_runners
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import RunnerEvent as EventRow
from capadesk.core.storage.models import Step, TrackRunnerState
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.runner_support import (
    T0,
    assert_french_typography,
    run_then_kill,
    workshop_with,
)

PARALLEL = 5  # Chamonix's « Trois ateliers en parallèle », 90 min
ECONOMIC, COST_BENEFIT, REGULATION = 0, 1, 2  # 90 min; 90 min; 10 + 80 min
MIN = 60


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def chamonix(store: Store) -> uuid.UUID:
    return workshop_with(store, "capacities-3-chamonix", "Chamonix")


@pytest.fixture
def parallel(store: Store, chamonix: uuid.UUID, clock: FakeClock) -> list[TrackTimer]:
    """The day started and on the parallel step; its three tracks, not started."""
    act(store, chamonix, clock, Runner.start)
    act(store, chamonix, clock, lambda runner: runner.jump(PARALLEL))
    return load_track_runners(store, chamonix, clock)


def on_track(
    store: Store,
    workshop: uuid.UUID,
    track: TrackTimer,
    clock: FakeClock,
    action: Callable[..., RunnerEvent],
) -> Runner:
    runner, changes = act_on_track(store, workshop, track.track_id, clock, action)
    assert changes.runners == {workshop}
    return runner


def reloaded(store: Store, workshop: uuid.UUID, clock: FakeClock, track: int) -> Runner:
    return load_track_runners(store, workshop, clock)[track].runner


def test_only_the_current_step_has_track_timers(
    store: Store, chamonix: uuid.UUID, clock: FakeClock
) -> None:
    assert load_track_runners(store, chamonix, clock) == []  # before the start
    act(store, chamonix, clock, Runner.start)
    assert load_track_runners(store, chamonix, clock) == []  # « Accueil » has no tracks
    act(store, chamonix, clock, lambda runner: runner.jump(PARALLEL))
    timers = load_track_runners(store, chamonix, clock)
    assert [timer.title for timer in timers] == [
        "Modèle économique",
        "Analyse coût-bénéfice",
        "Besoins réglementaires",
    ]
    assert timers[REGULATION].step_titles == (
        "Lister les besoins réglementaires",
        "Fiches-actions et propositions à faire remonter",
    )
    assert timers[REGULATION].runner.planned == (10 * MIN, 80 * MIN)
    assert timers[REGULATION].step_title() == "Lister les besoins réglementaires"
    assert all(timer.runner.state.status is RunnerStatus.IDLE for timer in timers)
    assert len({timer.track_id for timer in timers}) == 3
    act(store, chamonix, clock, Runner.finish)
    assert load_track_runners(store, chamonix, clock) == []


def test_every_transition_of_a_track_is_saved_with_the_track(
    store: Store, chamonix: uuid.UUID, clock: FakeClock, parallel: list[TrackTimer]
) -> None:
    track = parallel[REGULATION]
    steps: list[tuple[str, Callable[[Runner], RunnerEvent], int | None, RunnerStatus]] = [
        ("start", Runner.start, 0, RunnerStatus.RUNNING),
        ("pause", Runner.pause, 0, RunnerStatus.PAUSED),
        ("resume", Runner.resume, 0, RunnerStatus.RUNNING),
        ("time-out", Runner.time_out, 0, RunnerStatus.TIME_OUT),
        ("resume", Runner.resume, 0, RunnerStatus.RUNNING),
        ("extend", lambda runner: runner.extend(1), 0, RunnerStatus.RUNNING),
        ("next", Runner.next, 1, RunnerStatus.RUNNING),
        ("back", Runner.back, 0, RunnerStatus.RUNNING),
        ("jump", lambda runner: runner.jump(1), 1, RunnerStatus.RUNNING),
        ("back", Runner.back, 0, RunnerStatus.RUNNING),
        ("skip", Runner.skip, 1, RunnerStatus.RUNNING),
        ("finish", Runner.finish, None, RunnerStatus.FINISHED),
    ]
    main_before = load_runner(store, chamonix, clock)
    for action, transition, step, status in steps:
        clock.advance(60)
        runner = on_track(store, chamonix, track, clock, transition)
        assert runner.events[-1].action == action
        saved = reloaded(store, chamonix, clock, REGULATION)
        assert (saved.state.status, saved.state.step_index) == (status, step), action
        assert saved.state == runner.state
        assert saved.events == runner.events
    assert saved.skipped() == {0}
    assert saved.actual_seconds() == [6 * MIN, 3 * MIN]  # the pauses are not running time
    with store.read() as session:
        rows = session.scalars(select(EventRow).where(EventRow.track_id.is_not(None))).all()
        state = session.scalars(select(TrackRunnerState)).one()
        inner = {
            step.id for step in session.scalars(select(Step).where(Step.track_id.is_not(None)))
        }
    assert [row.action for row in rows] == [action for action, *_rest in steps]
    assert {row.step_id for row in rows} <= inner
    assert state.status == "finished" and state.current_step_id is None
    # The day's own timer saw none of it.
    main_after = load_runner(store, chamonix, clock)
    assert main_after.events == main_before.events
    assert main_after.state == main_before.state


def test_two_tracks_run_independently_while_the_main_timer_times_the_whole_step(
    store: Store, chamonix: uuid.UUID, clock: FakeClock, parallel: list[TrackTimer]
) -> None:
    on_track(store, chamonix, parallel[ECONOMIC], clock, Runner.start)
    clock.advance(10 * MIN)
    on_track(store, chamonix, parallel[COST_BENEFIT], clock, Runner.start)
    clock.advance(5 * MIN)
    on_track(store, chamonix, parallel[ECONOMIC], clock, Runner.pause)
    on_track(store, chamonix, parallel[COST_BENEFIT], clock, lambda runner: runner.extend(5))
    clock.advance(20 * MIN)
    timers = load_track_runners(store, chamonix, clock)
    economic, cost_benefit, regulation = (timer.runner for timer in timers)
    assert economic.state.status is RunnerStatus.PAUSED
    assert economic.remaining() == (90 - 15) * MIN  # frozen by its pause
    assert cost_benefit.remaining() == (90 + 5 - 25) * MIN
    assert regulation.state.status is RunnerStatus.IDLE
    assert regulation.remaining() == 10 * MIN
    main = load_runner(store, chamonix, clock)
    assert main.state.step_index == PARALLEL
    assert main.remaining() == (90 - 35) * MIN


def test_track_timers_resume_after_the_store_is_closed_and_reopened(
    app_paths: AppPaths, clock: FakeClock
) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = workshop_with(store, "capacities-3-chamonix")
        act(store, workshop, clock, Runner.start)
        act(store, workshop, clock, lambda runner: runner.jump(PARALLEL))
        timers = load_track_runners(store, workshop, clock)
        on_track(store, workshop, timers[REGULATION], clock, Runner.start)
        clock.advance(12 * MIN)
        on_track(store, workshop, timers[REGULATION], clock, Runner.next)
        on_track(store, workshop, timers[ECONOMIC], clock, Runner.start)
        clock.advance(3 * MIN)
        on_track(store, workshop, timers[ECONOMIC], clock, Runner.time_out)
    finally:
        store.close()
    clock.advance(30 * MIN)  # the laptop was off: the running track went on, the other did not
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        economic, _cost_benefit, regulation = (
            timer.runner for timer in load_track_runners(store, workshop, clock)
        )
        assert regulation.state.step_index == 1
        assert regulation.remaining() == (80 - 33) * MIN
        assert regulation.actual_seconds() == [12 * MIN, 33 * MIN]
        assert economic.state.status is RunnerStatus.TIME_OUT
        assert economic.remaining() == (90 - 3) * MIN
    finally:
        store.close()


def test_a_track_is_driven_only_while_the_day_is_on_its_step(
    store: Store, chamonix: uuid.UUID, clock: FakeClock, parallel: list[TrackTimer]
) -> None:
    track = parallel[ECONOMIC]
    act(store, chamonix, clock, Runner.back)
    with pytest.raises(RunnerError, match="Modèle économique") as refused:
        act_on_track(store, chamonix, track.track_id, clock, Runner.start)
    assert_french_typography(refused.value.message)
    with pytest.raises(NotFoundError):
        act_on_track(store, chamonix, uuid.uuid4(), clock, Runner.start)
    other = workshop_with(store, "capacities-3-chamonix", "Autre")
    act(store, other, clock, Runner.start)
    act(store, other, clock, lambda runner: runner.jump(PARALLEL))
    with pytest.raises(NotFoundError):  # a track of another workshop
        act_on_track(store, other, track.track_id, clock, Runner.start)
    with store.read() as session:
        assert session.scalars(select(TrackRunnerState)).all() == []


def test_a_refused_track_transition_saves_nothing(
    store: Store, chamonix: uuid.UUID, clock: FakeClock, parallel: list[TrackTimer]
) -> None:
    with pytest.raises(RunnerError, match="pas encore commencé"):
        act_on_track(store, chamonix, parallel[ECONOMIC].track_id, clock, Runner.pause)
    with store.read() as session:
        assert session.scalars(select(TrackRunnerState)).all() == []
        assert session.scalars(select(EventRow).where(EventRow.track_id.is_not(None))).all() == []


def test_leaving_the_parallel_step_pauses_the_running_tracks(
    store: Store, chamonix: uuid.UUID, clock: FakeClock, parallel: list[TrackTimer]
) -> None:
    economic, _cost_benefit, regulation = parallel
    on_track(store, chamonix, economic, clock, Runner.start)
    on_track(store, chamonix, regulation, clock, Runner.start)
    on_track(store, chamonix, regulation, clock, Runner.finish)
    clock.advance(40 * MIN)
    act(store, chamonix, clock, Runner.back)  # the room goes back to its Lego build
    clock.advance(60 * MIN)
    act(store, chamonix, clock, Runner.next)  # and comes back
    runners = [timer.runner for timer in load_track_runners(store, chamonix, clock)]
    assert [runner.state.status for runner in runners] == [
        RunnerStatus.PAUSED,
        RunnerStatus.IDLE,
        RunnerStatus.FINISHED,
    ]
    assert runners[ECONOMIC].actual_seconds() == [40 * MIN]  # not the hour the room was away
    assert runners[ECONOMIC].events[-1].at == T0 + dt.timedelta(minutes=40)
    resumed = on_track(store, chamonix, economic, clock, Runner.resume)
    assert resumed.state.status is RunnerStatus.RUNNING


_CHILD = """
import sys, uuid
from capadesk.core.runner import Runner, SystemClock
from capadesk.core.services.runner import act
from capadesk.core.services.track_runner import act_on_track, load_track_runners
from capadesk.core.storage.store import Store

store = Store(__import__("pathlib").Path(sys.argv[1]))
workshop, clock = uuid.UUID(sys.argv[2]), SystemClock()
act(store, workshop, clock, Runner.start)
act(store, workshop, clock, lambda runner: runner.jump(5))
track = load_track_runners(store, workshop, clock)[2].track_id
act_on_track(store, workshop, track, clock, Runner.start)
act_on_track(store, workshop, track, clock, Runner.next)
print("ready", flush=True)  # the track on its second step, « Fiches-actions », 80 min
sys.stdin.read()  # wait to be killed, mid-step, with the store open
"""


def test_a_killed_process_resumes_a_track_timer_with_the_right_time(
    app_paths: AppPaths,
) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    workshop = workshop_with(store, "capacities-3-chamonix")
    store.close()
    run_then_kill(_CHILD, str(app_paths.db_path), str(workshop))

    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        with store.read() as session:
            started = session.scalars(select(TrackRunnerState.step_started_at)).one()
        assert started is not None
        clock = FakeClock()
        clock.set(started + dt.timedelta(minutes=3))
        track = load_track_runners(store, workshop, clock)[REGULATION].runner
        assert track.state.status is RunnerStatus.RUNNING
        assert track.state.step_index == 1
        assert track.remaining() == pytest.approx(77 * MIN)
        main = load_runner(store, workshop, clock)
        assert main.state.step_index == PARALLEL
        assert main.remaining() == pytest.approx(87 * MIN, abs=5)  # the child took a moment
    finally:
        store.close()
