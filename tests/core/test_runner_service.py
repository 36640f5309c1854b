"""The runner of a workshop's day, saved at every transition and resumed after a kill."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import FakeClock, Runner, RunnerError
from capadesk.core.services.runner import act, load_runner
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import RunnerEvent as EventRow
from capadesk.core.storage.models import RunnerState as StateRow
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.runner_support import run_then_kill, workshop_with


def toulon(store: Store) -> uuid.UUID:
    return workshop_with(store, "capacities-1-toulon", "Toulon")


def test_each_transition_is_saved_and_a_fresh_load_sees_the_same_day(store: Store) -> None:
    workshop = toulon(store)
    clock = FakeClock()
    act(store, workshop, clock, Runner.start)
    clock.advance(25 * 60)
    act(store, workshop, clock, Runner.next)  # accueil: 25 min of 30
    clock.advance(4 * 60)
    act(store, workshop, clock, Runner.pause)
    clock.advance(60)
    _runner, changes = act(store, workshop, clock, lambda runner: runner.extend(5))

    again = load_runner(store, workshop, clock)
    assert changes.runners == {workshop}
    assert again.state.status is RunnerStatus.PAUSED
    assert again.state.step_index == 1
    assert again.elapsed() == 4 * 60
    assert again.remaining() == (10 + 5 - 4) * 60
    assert again.actual_seconds()[:2] == [25 * 60, 4 * 60]
    with store.read() as session:
        actions = list(session.scalars(select(EventRow.action).order_by(EventRow.id)))
    assert actions == ["start", "next", "pause", "extend"]


def test_a_refused_transition_saves_nothing(store: Store) -> None:
    workshop = toulon(store)
    with pytest.raises(RunnerError):
        act(store, workshop, FakeClock(), Runner.pause)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(StateRow)) == 0
        assert session.scalar(select(func.count()).select_from(EventRow)) == 0


_CHILD = """
import sys, uuid
from capadesk.core.runner import Runner, SystemClock
from capadesk.core.services.runner import act
from capadesk.core.storage.store import Store

store = Store(__import__("pathlib").Path(sys.argv[1]))
workshop = uuid.UUID(sys.argv[2])
act(store, workshop, SystemClock(), Runner.start)
act(store, workshop, SystemClock(), Runner.next)
print("ready", flush=True)  # on step 1
sys.stdin.read()  # wait to be killed, mid-step, with the store open
"""


def test_a_killed_process_resumes_on_the_same_step_with_the_right_time(
    app_paths: AppPaths,
) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    workshop = toulon(store)
    store.close()
    run_then_kill(_CHILD, str(app_paths.db_path), str(workshop))

    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        with store.read() as session:
            started = session.scalars(select(StateRow.step_started_at)).one()
        assert started is not None
        clock = FakeClock()
        clock.set(started + dt.timedelta(minutes=3))
        resumed = load_runner(store, workshop, clock)
        assert resumed.state.status is RunnerStatus.RUNNING
        assert resumed.state.step_index == 1  # « Mot d'introduction », 10 min
        assert resumed.remaining() == pytest.approx(7 * 60)
    finally:
        store.close()
