"""« Prévu / réel » from the run panel: the plan beside the day as it went, tracks included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem

from capadesk.core.runner.clock import DEFAULT_FAKE_START
from capadesk.core.storage.store import Store
from capadesk.ui.runner.timings_dialog import (
    ACTUAL,
    AHEAD_COLOUR,
    DRIFT,
    OVERRUN_COLOUR,
    PLANNED,
    PLANNED_AT,
    STARTED_AT,
    STEP,
    TimingsDialog,
    drift_text,
    minutes_text,
)

from .helpers import click
from .test_runner_panel import Run, make_run, screenshots_folder

NBSP = "\u00a0"
MIN = 60


def local(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def chamonix_morning(qtbot: QtBot, store: Store) -> Run:
    """Accueil 5 min over, the intro 4 min under, then the parallel step with one track."""
    run = make_run(qtbot, store, protocol="capacities-3-chamonix")
    presenter, clock = run.presenter, run.clock
    presenter.perform(lambda runner: runner.start())
    clock.advance(35 * MIN)
    presenter.perform(lambda runner: runner.next())
    clock.advance(6 * MIN)
    presenter.perform(lambda runner: runner.jump(5))
    regulation = presenter.tracks[2].track_id
    presenter.perform_on_track(regulation, "start")
    clock.advance(13 * MIN)
    presenter.perform_on_track(regulation, "next")
    clock.advance(2 * MIN)
    return run


def cell(dialog: TimingsDialog, line: int, column: int) -> QTableWidgetItem:
    item = dialog.table.item(line, column)
    assert item is not None
    return item


def texts(dialog: TimingsDialog, line: int) -> list[str]:
    return [cell(dialog, line, column).text() for column in range(dialog.table.columnCount())]


def test_minutes_and_drift_texts() -> None:
    assert minutes_text(0) == f"0{NBSP}min"
    assert minutes_text(29.6 * MIN) == f"30{NBSP}min"
    assert minutes_text(65 * MIN) == f"1{NBSP}h{NBSP}05"
    assert drift_text(None) == "—"
    assert drift_text(5 * MIN) == f"+5{NBSP}min"
    assert drift_text(-4 * MIN) == f"\u22124{NBSP}min"
    assert drift_text(20) == f"0{NBSP}min"


def test_the_dialog_lists_every_step_planned_and_actual_with_a_total(
    qtbot: QtBot, store: Store
) -> None:
    run = chamonix_morning(qtbot, store)
    click(qtbot, run.panel.timings_button)
    dialog = run.presenter.timings_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert not dialog.isModal()  # the day goes on while it is open
    table = dialog.table
    assert table.rowCount() == 6 + 4 + 1  # six steps, four track steps, the total
    welcome = texts(dialog, 0)
    assert welcome == [
        "Accueil",
        "09:00",
        f"30{NBSP}min",
        local(DEFAULT_FAKE_START),
        f"35{NBSP}min",
        f"+5{NBSP}min",
    ]
    assert cell(dialog, 0, DRIFT).foreground().color() == QColor(OVERRUN_COLOUR)
    assert cell(dialog, 0, ACTUAL).foreground().color() == QColor(OVERRUN_COLOUR)
    assert texts(dialog, 1)[ACTUAL:] == [f"6{NBSP}min", f"\u22124{NBSP}min"]
    assert cell(dialog, 1, DRIFT).foreground().color() == QColor(AHEAD_COLOUR)
    assert texts(dialog, 2)[STARTED_AT:] == ["—", "—", "—"]  # never entered
    parallel = texts(dialog, 5)
    assert parallel[PLANNED_AT] == "12:00" and parallel[PLANNED] == f"1{NBSP}h{NBSP}30"
    assert parallel[ACTUAL] == f"15{NBSP}min (en cours)" and parallel[DRIFT] == f"0{NBSP}min"
    listing = texts(dialog, 8)
    assert listing[STEP].strip().startswith("Besoins réglementaires — Lister")
    assert listing[PLANNED_AT] == "12:00"
    assert listing[ACTUAL:] == [f"13{NBSP}min", f"+3{NBSP}min"]
    total = texts(dialog, 10)
    assert total[STEP] == "Total"
    assert total[PLANNED] == f"4{NBSP}h{NBSP}30"
    assert total[ACTUAL] == f"56{NBSP}min"
    assert total[DRIFT] == f"+1{NBSP}min"  # +5 −4, the step in progress on time
    assert cell(dialog, 10, STEP).font().bold()
    assert dialog.summary_label.text() == f"La journée a pris 1{NBSP}min de retard."


def test_the_open_dialog_follows_the_day(qtbot: QtBot, store: Store) -> None:
    run = chamonix_morning(qtbot, store)
    run.presenter.show_timings()
    dialog = run.presenter.timings_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    run.clock.advance(90 * MIN)  # the parallel step now 15 min over
    run.presenter.tick()
    assert texts(dialog, 5)[DRIFT] == f"+15{NBSP}min"
    run.presenter.perform(lambda runner: runner.skip())  # the last step: the day ends
    assert texts(dialog, 5)[ACTUAL] == f"passée (1{NBSP}h{NBSP}45)"
    assert texts(dialog, 10)[DRIFT] == f"+16{NBSP}min"


def test_screenshot_of_the_planned_and_actual_table(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    folder = screenshots_folder(tmp_path)
    run = chamonix_morning(qtbot, store)
    run.presenter.show_timings()
    dialog = run.presenter.timings_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(folder / "prevu-reel.png"))
