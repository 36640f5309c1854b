"""The parallel tracks' own timers on the control panel and the projection (Chamonix's step 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.services.runner import load_runner
from capadesk.core.services.track_runner import load_track_runners
from capadesk.core.storage.store import Store
from capadesk.ui.runner.track_rows import TrackRow

from .helpers import click, press
from .test_runner_panel import Run, focus, make_run, projection, screenshots_folder

NBSP = "\u00a0"
PARALLEL = 5
MIN = 60


@pytest.fixture
def run(qtbot: QtBot, store: Store) -> Run:
    """A Chamonix day, started and on its three parallel workshops."""
    run = make_run(qtbot, store, protocol="capacities-3-chamonix")
    run.presenter.perform(lambda runner: runner.start())
    run.presenter.perform(lambda runner: runner.jump(PARALLEL))
    return run


def rows(run: Run) -> list[TrackRow]:
    return run.panel.tracks.rows


def test_a_step_without_tracks_shows_no_track_rows(qtbot: QtBot, store: Store) -> None:
    run = make_run(qtbot, store, protocol="capacities-3-chamonix")
    run.presenter.perform(lambda runner: runner.start())
    assert rows(run) == []
    assert not run.panel.tracks.isVisibleTo(run.panel)


def test_the_panel_shows_one_row_per_track_with_its_step_and_countdown(run: Run) -> None:
    assert run.panel.tracks.isVisibleTo(run.panel)
    assert [row.title_label.text() for row in rows(run)] == [
        "Modèle économique",
        "Analyse coût-bénéfice",
        "Besoins réglementaires",
    ]
    regulation = rows(run)[2]
    assert regulation.step_label.text() == (
        f"Pas encore lancé · 1{NBSP}/{NBSP}2 · Lister les besoins réglementaires"
    )
    assert regulation.countdown_label.text() == "10:00"
    assert rows(run)[0].countdown_label.text() == "1:30:00"
    assert regulation.start_button.isEnabled()
    assert not any(b.isEnabled() for b in regulation.buttons[1:])  # nothing to pause yet
    assert run.panel.countdown_label.text() == "1:30:00"  # the whole step's own timer


def test_each_track_is_started_paused_moved_on_and_extended_on_its_own(
    qtbot: QtBot, run: Run
) -> None:
    economic, _cost_benefit, regulation = rows(run)
    click(qtbot, regulation.start_button)
    run.clock.advance(4 * MIN)
    click(qtbot, economic.start_button)
    run.clock.advance(MIN)
    run.presenter.tick()
    assert regulation.countdown_label.text() == "05:00"
    assert economic.countdown_label.text() == "1:29:00"
    assert rows(run)[1].countdown_label.text() == "1:30:00"  # never started

    click(qtbot, economic.pause_button)
    assert economic.pause_button.text() == "Reprendre"
    assert economic.step_label.text().startswith("En pause · Ressources")
    run.clock.advance(10 * MIN)
    click(qtbot, regulation.extend_button)
    run.presenter.tick()
    assert economic.countdown_label.text() == "1:29:00"  # frozen
    assert regulation.countdown_label.text() == "+04:00"  # 15 min on 11: overrun
    assert regulation.level is CountdownLevel.CRITICAL
    click(qtbot, regulation.next_button)
    assert regulation.step_label.text().startswith(f"2{NBSP}/{NBSP}2 · Fiches-actions")
    assert regulation.countdown_label.text() == "1:20:00"
    click(qtbot, economic.pause_button)
    assert economic.pause_button.text() == "Pause"

    saved = [timer.runner for timer in load_track_runners(run.store, run.workshop, run.clock)]
    assert [runner.state.status for runner in saved] == [
        RunnerStatus.RUNNING,
        RunnerStatus.IDLE,
        RunnerStatus.RUNNING,
    ]
    assert saved[2].actual_seconds() == [15 * MIN, 0]
    assert load_runner(run.store, run.workshop, run.clock).remaining() == (90 - 15) * MIN


def test_track_countdowns_change_colour_at_the_same_thresholds(run: Run) -> None:
    regulation = rows(run)[2]
    run.presenter.perform_on_track(regulation.track_id, "start")
    levels = []
    for seconds in (7 * MIN, 60, 30):  # 10 min: 3:00 left (30 %), 2:00 (20 %), 1:30 (15 %)
        run.clock.advance(seconds)
        run.presenter.tick()
        levels.append(regulation.level)
    run.clock.advance(MIN)  # 0:30 left: 5 %
    run.presenter.tick()
    levels.append(regulation.level)
    assert levels == [
        CountdownLevel.NORMAL,
        CountdownLevel.WARNING,
        CountdownLevel.WARNING,
        CountdownLevel.CRITICAL,
    ]
    assert "#9A4D00" not in regulation.countdown_label.styleSheet()  # critical is red now
    assert "#C00000" in regulation.countdown_label.styleSheet()


def test_the_main_keys_keep_driving_the_main_timer(qtbot: QtBot, run: Run) -> None:
    focus(qtbot, run.panel)
    economic = rows(run)[0]
    click(qtbot, economic.start_button)
    assert not economic.start_button.hasFocus()  # the track buttons never take the focus
    press(qtbot, run.panel, Qt.Key.Key_Space)
    assert load_runner(run.store, run.workshop, run.clock).state.status is RunnerStatus.PAUSED
    assert economic.pause_button.text() == "Pause"  # the track still runs
    press(qtbot, run.panel, Qt.Key.Key_Left)
    assert run.panel.title_label.text() == "Construire en Lego l'organisation du défi"
    assert rows(run) == []  # the room left the parallel step: no more track rows
    press(qtbot, run.panel, Qt.Key.Key_Right)
    assert rows(run)[0].pause_button.text() == "Reprendre"  # leaving paused the track


def test_a_refused_track_action_shows_its_message(run: Run) -> None:
    regulation = rows(run)[2]
    run.presenter.perform_on_track(regulation.track_id, "start")
    run.presenter.perform_on_track(regulation.track_id, "next")
    run.presenter.perform_on_track(regulation.track_id, "next")  # its last step: finished
    assert regulation.countdown_label.text() == "Terminé"
    assert not any(button.isEnabled() for button in regulation.buttons)
    assert not run.presenter.perform_on_track(regulation.track_id, "extend")
    assert "terminé" in run.panel.message_label.text()


def test_the_projection_shows_the_tracks_side_by_side(qtbot: QtBot, run: Run) -> None:
    window = projection(qtbot, run)
    run.presenter.show_projection(True)
    window.resize(1920, 1080)
    qtbot.waitExposed(window)
    page = window.timer_page
    columns = page.tracks.columns
    assert page.tracks.isVisible() and not page.instructions_label.isVisible()
    assert [column.title_label.text() for column in columns] == [
        "Modèle économique",
        "Analyse coût-bénéfice",
        "Besoins réglementaires",
    ]
    run.presenter.perform_on_track(rows(run)[2].track_id, "start")
    run.clock.advance(8 * MIN + 30)
    run.presenter.tick()
    assert columns[2].countdown_label.text() == "01:30"
    assert columns[2].level is CountdownLevel.WARNING
    assert columns[0].state_label.text() == "Pas encore lancé"
    assert columns[2].state_label.text() == ""
    lefts = [column.countdown_label.geometry().left() for column in columns]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3  # side by side
    sizes = {column.countdown_label.font().pixelSize() for column in columns}
    assert len(sizes) == 1 and sizes.pop() >= int(1080 * 0.1)  # one size, large
    run.presenter.perform(lambda runner: runner.back())
    assert not page.tracks.isVisible() and page.instructions_label.isVisible()


def test_screenshots_of_the_tracks(qtbot: QtBot, run: Run, tmp_path: Path) -> None:
    folder = screenshots_folder(tmp_path)
    economic, cost_benefit, regulation = rows(run)
    run.presenter.perform_on_track(regulation.track_id, "start")
    run.clock.advance(9 * MIN)
    run.presenter.perform_on_track(regulation.track_id, "next")
    run.presenter.perform_on_track(economic.track_id, "start")
    run.clock.advance(71 * MIN + 50)
    run.presenter.perform_on_track(cost_benefit.track_id, "start")
    run.clock.advance(1 * MIN)
    run.presenter.perform_on_track(cost_benefit.track_id, "pause")
    run.presenter.tick()
    window = projection(qtbot, run)
    run.presenter.show_projection(True)
    window.resize(1920, 1080)
    qtbot.waitExposed(window)
    assert run.host.grab().save(str(folder / "panel-tracks.png"))
    assert window.grab().save(str(folder / "projection-tracks.png"))
