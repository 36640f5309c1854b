"""« Prévu / réel »: the plan of each step beside what the runners logged."""

from __future__ import annotations

import datetime as dt

import pytest

from capadesk.core.domain.protocol import Duration, Protocol, ProtocolStep, ProtocolTrack
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.runner import FakeClock, Runner
from capadesk.core.runner.timings import plan_vs_actual
from capadesk.core.services.agenda import set_day_start
from capadesk.core.services.runner import act
from capadesk.core.services.timings import load_timings
from capadesk.core.services.track_runner import act_on_track, load_track_runners
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store
from tests.core.runner_support import T0, at, workshop_with

MIN = 60


def step(title: str, minutes: int, *tracks: ProtocolTrack, top: int | None = None) -> ProtocolStep:
    return ProtocolStep(
        title,
        Duration(minutes, top or minutes),
        StepFormat.PARALLEL if tracks else StepFormat.PLENARY,
        ActivityKind.FREE,
        tracks=tracks,
    )


DAY = Protocol(
    id="jour",
    title="Jour",
    steps=(
        step("Accueil", 30),
        step("Dessin", 45, top=60),
        step(
            "En parallèle",
            40,
            ProtocolTrack("A", (step("A1", 10), step("A2", 30))),
            ProtocolTrack("B", (step("B1", 40),)),
        ),
        step("Vote", 10),
    ),
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def test_before_the_start_everything_is_planned_and_nothing_happened() -> None:
    timings = plan_vs_actual(DAY, dt.time(9, 0), None)
    assert [(row.title, row.track) for row in timings.rows] == [
        ("Accueil", None),
        ("Dessin", None),
        ("En parallèle", None),
        ("A1", "A"),
        ("A2", "A"),
        ("B1", "B"),
        ("Vote", None),
    ]
    assert [row.planned_minutes for row in timings.rows] == [30, 60, 40, 10, 30, 40, 10]
    assert [row.planned_start for row in timings.rows] == [
        dt.time(9, 0),
        dt.time(9, 30),
        dt.time(10, 30),
        dt.time(10, 30),  # a track starts with its step
        dt.time(10, 40),
        dt.time(10, 30),
        dt.time(11, 10),
    ]
    assert not any(row.visited or row.skipped or row.in_progress for row in timings.rows)
    assert [row.drift_seconds for row in timings.rows] == [None] * 7
    assert timings.planned_seconds == 140 * MIN  # the tracks are inside their step's slot
    assert timings.actual_seconds == 0
    assert timings.drift_seconds == 0


def test_actual_starts_durations_skips_and_the_total_drift(clock: FakeClock) -> None:
    runner = Runner([30 * MIN, 60 * MIN, 40 * MIN, 10 * MIN], clock)
    runner.start()
    clock.advance(35 * MIN)  # Accueil: 5 min over
    runner.next()
    clock.advance(50 * MIN)  # Dessin: 10 min under its 60
    runner.pause()
    clock.advance(15 * MIN)  # a pause is not running time
    runner.resume()
    runner.next()
    track_a = Runner([10 * MIN, 30 * MIN], clock)
    track_a.start()
    clock.advance(12 * MIN)
    track_a.next()
    clock.advance(30 * MIN)  # the parallel step: 2 min over; A2 in progress, on time
    runner.next()
    runner.skip()  # Vote skipped at once: the day is over
    timings = plan_vs_actual(DAY, dt.time(9, 0), runner, {(2, 0): track_a})
    rows = {row.title: row for row in timings.rows}
    assert rows["Accueil"].actual_start == T0
    assert rows["Dessin"].actual_start == at(35 * MIN)
    assert rows["En parallèle"].actual_start == at(100 * MIN)
    assert rows["Vote"].actual_start == at(142 * MIN)
    assert [rows[t].actual_seconds for t in ("Accueil", "Dessin", "En parallèle", "Vote")] == [
        35 * MIN,
        50 * MIN,
        42 * MIN,
        0,
    ]
    assert [rows[t].drift_seconds for t in ("Accueil", "Dessin", "En parallèle")] == [
        5 * MIN,
        -10 * MIN,
        2 * MIN,
    ]
    assert rows["Accueil"].overran and not rows["Dessin"].overran
    assert rows["Vote"].skipped and rows["Vote"].drift_seconds == -10 * MIN
    assert rows["A1"].actual_seconds == 12 * MIN and rows["A1"].overran
    assert rows["A2"].in_progress and rows["A2"].drift_seconds == 0  # unfinished is not early
    assert not rows["B1"].visited  # track B never ran
    assert timings.actual_seconds == 127 * MIN
    assert timings.drift_seconds == (5 - 10 + 2 - 10) * MIN  # the tracks' drift is inside


def test_the_step_in_progress_counts_only_its_overrun(clock: FakeClock) -> None:
    runner = Runner([30 * MIN, 60 * MIN, 40 * MIN, 10 * MIN], clock)
    runner.start()
    clock.advance(20 * MIN)
    assert plan_vs_actual(DAY, dt.time(9, 0), runner).drift_seconds == 0
    clock.advance(20 * MIN)
    timings = plan_vs_actual(DAY, dt.time(9, 0), runner)
    assert timings.steps[0].in_progress
    assert timings.drift_seconds == 10 * MIN


def test_load_timings_reads_the_day_and_every_track_from_the_store(
    store: Store, clock: FakeClock
) -> None:
    workshop = workshop_with(store, "capacities-3-chamonix")
    assert load_timings(store, workshop, clock).start == dt.time(9, 0)  # none chosen
    set_day_start(store, workshop, dt.time(13, 30))
    act(store, workshop, clock, Runner.start)
    clock.advance(40 * MIN)
    act(store, workshop, clock, lambda runner: runner.jump(5))
    regulation = load_track_runners(store, workshop, clock)[2].track_id
    act_on_track(store, workshop, regulation, clock, Runner.start)
    clock.advance(15 * MIN)
    act_on_track(store, workshop, regulation, clock, Runner.next)
    clock.advance(5 * MIN)

    timings = load_timings(store, workshop, clock)
    welcome, _intro, lego, *_rest, parallel = timings.steps
    assert timings.start == dt.time(13, 30)
    assert welcome.planned_start == dt.time(13, 30)
    assert welcome.actual_seconds == 40 * MIN and welcome.overran
    assert not lego.visited
    assert parallel.in_progress and parallel.actual_seconds == 20 * MIN
    *_before, listing, action_sheets = timings.rows
    assert listing.track == action_sheets.track == "Besoins réglementaires"
    assert listing.title == "Lister les besoins réglementaires"
    assert listing.actual_seconds == 15 * MIN and listing.drift_seconds == 5 * MIN
    assert action_sheets.in_progress
    assert timings.drift_seconds == 10 * MIN


def test_load_timings_of_a_workshop_without_steps_is_empty(store: Store, clock: FakeClock) -> None:
    workshop, _changes = create_workshop(store, "Sans déroulé")
    timings = load_timings(store, workshop.public_id, clock)
    assert timings.rows == ()
    assert timings.drift_seconds == 0
