"""The runner's control panel and projection window, driven by a fake clock and the keyboard."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import FakeClock
from capadesk.core.services.agenda import apply_protocol, set_day_start
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.runner import load_runner
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store
from capadesk.ui.runner.projection_window import ProjectionWindow
from capadesk.ui.runner.run_panel import RunPanel
from capadesk.ui.runner.run_presenter import RunPresenter
from capadesk.ui.runner.slides import RULES

from .helpers import click, press

NBSP = "\u00a0"
ACCUEIL = 30 * 60  # Toulon's step 0, « Accueil », 30 min


@dataclass
class Run:
    """A Toulon day on a panel inside a host widget, and the fake clock it reads."""

    presenter: RunPresenter
    panel: RunPanel
    host: QWidget
    clock: FakeClock
    store: Store
    workshop: uuid.UUID


def make_run(qtbot: QtBot, store: Store, *, protocol: str | None = "capacities-1-toulon") -> Run:
    workshop, _changes = create_workshop(
        store, "Dessine-moi ton cas d'usage", place="Toulon", day=dt.date(2024, 3, 14)
    )
    if protocol:
        apply_protocol(store, workshop.public_id, find_protocol(protocol))
    host = QWidget()
    qtbot.addWidget(host)
    panel = RunPanel()
    QVBoxLayout(host).addWidget(panel)
    clock = FakeClock()
    presenter = RunPresenter(store, workshop.public_id, clock, panel, host)
    host.resize(1000, 760)
    return Run(presenter, panel, host, clock, store, workshop.public_id)


@pytest.fixture
def run(qtbot: QtBot, store: Store) -> Run:
    return make_run(qtbot, store)


def projection(qtbot: QtBot, run: Run) -> ProjectionWindow:
    """The projection window, registered with qtbot (it is a top-level window)."""
    window = run.presenter.projection
    qtbot.addWidget(window)
    return window


def focus(qtbot: QtBot, widget: QWidget, target: QWidget | None = None) -> None:
    """Show ``widget``'s window, make it active and give ``target`` (or it) the focus."""
    window = widget.window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    (target or widget).setFocus()


def started(run: Run) -> Run:
    click_start(run)
    return run


def click_start(run: Run) -> None:
    run.panel.start_button.click()


def test_start_shows_the_first_step_and_a_full_countdown(qtbot: QtBot, run: Run) -> None:
    panel = run.panel
    assert panel.countdown_label.text() == "30:00"  # before the start: step 0, not begun
    assert panel.start_button.isEnabled() and not panel.pause_button.isEnabled()
    focus(qtbot, panel)
    click(qtbot, panel.start_button)
    assert panel.title_label.text() == "Accueil"
    assert panel.countdown_label.text() == "30:00"
    assert panel.details_label.text() == f"Étape 1{NBSP}/{NBSP}6 · Plénière · 30{NBSP}min"
    assert panel.next_label.text() == f"Ensuite{NBSP}: Mot d'introduction"
    assert panel.end_label.text().startswith(f"Fin prévue{NBSP}: ")
    assert "Accueillez chaque participant" in panel.instructions_label.text()
    assert panel.status_label.text() == "En cours"
    assert panel.countdown_level is CountdownLevel.NORMAL
    assert not panel.start_button.isEnabled() and panel.pause_button.isEnabled()


def test_the_clock_moving_and_a_tick_update_the_countdown(run: Run) -> None:
    started(run)
    run.clock.advance(95)
    assert run.panel.countdown_label.text() == "30:00"  # nothing repaints before the tick
    run.presenter.tick()
    assert run.panel.countdown_label.text() == "28:25"


def test_projected_end_follows_the_day_and_a_pause_pushes_it_later(run: Run) -> None:
    started(run)
    before = run.panel.end_label.text()
    run.presenter.toggle()  # pause
    run.clock.advance(5 * 60)
    run.presenter.tick()
    assert run.panel.end_label.text() != before


def test_space_starts_pauses_and_resumes(qtbot: QtBot, run: Run) -> None:
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_Space)
    assert run.panel.title_label.text() == "Accueil"
    run.clock.advance(60)
    press(qtbot, run.panel, Qt.Key.Key_Space)
    assert run.panel.status_label.text() == "En pause — Espace pour reprendre"
    assert run.panel.resume_button.isEnabled() and not run.panel.pause_button.isEnabled()
    saved = load_runner(run.store, run.workshop, run.clock)
    assert saved.state.status is RunnerStatus.PAUSED
    run.clock.advance(600)
    run.presenter.tick()
    assert run.panel.countdown_label.text() == "29:00"  # the pause froze it
    press(qtbot, run.panel, Qt.Key.Key_Space)
    assert run.panel.status_label.text() == "En cours"


def test_right_goes_to_the_next_step_and_the_projection_shows_it(qtbot: QtBot, run: Run) -> None:
    started(run)
    window = projection(qtbot, run)
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_F5)
    assert window.isVisible()
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_Right)
    assert run.panel.title_label.text() == "Mot d'introduction"
    assert window.timer_page.title_label.text() == "Mot d'introduction"
    assert window.timer_page.countdown_label.text() == "10:00"
    press(qtbot, run.panel, Qt.Key.Key_PageUp)
    assert window.timer_page.title_label.text() == "Accueil"


def test_the_projection_takes_the_clicker_keys_too(qtbot: QtBot, run: Run) -> None:
    started(run)
    window = projection(qtbot, run)
    run.presenter.show_projection(True)
    focus(qtbot, window)
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.timer_page.title_label.text() == "Mot d'introduction"
    press(qtbot, window, Qt.Key.Key_Plus)
    assert window.timer_page.countdown_label.text() == "11:00"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert not run.panel.projection_button.isChecked()


def test_f5_and_esc_toggle_the_projection(qtbot: QtBot, run: Run) -> None:
    window = projection(qtbot, run)
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_F5)
    assert window.isVisible() and run.panel.projection_button.isChecked()
    assert not window.is_fullscreen  # the offscreen platform has one screen: a normal window
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_Escape)
    assert not window.isVisible() and not run.panel.projection_button.isChecked()
    run.panel.projection_button.click()
    assert window.isVisible()


def test_the_colour_level_changes_at_20_and_5_percent_and_on_overrun(
    qtbot: QtBot, run: Run
) -> None:
    started(run)
    window = projection(qtbot, run)
    levels = []
    for left in (ACCUEIL * 0.2 + 1, ACCUEIL * 0.2, ACCUEIL * 0.05 + 1, ACCUEIL * 0.05, -5):
        run.clock.set(
            dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=ACCUEIL - left)
        )
        run.presenter.tick()
        assert window.timer_page.level is run.panel.countdown_level
        levels.append(run.panel.countdown_level)
    assert levels == [
        CountdownLevel.NORMAL,
        CountdownLevel.WARNING,
        CountdownLevel.WARNING,
        CountdownLevel.CRITICAL,
        CountdownLevel.CRITICAL,
    ]
    assert run.panel.countdown_label.text() == "+00:05"


def _count_beeps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    return beeps


def test_the_chime_rings_once_at_one_minute_left_and_once_at_zero(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    beeps = _count_beeps(monkeypatch)
    started(run)
    run.clock.advance(ACCUEIL - 62)
    run.presenter.tick()
    assert beeps == []
    for _second in range(5):  # 61, 60, 59, 58, 57 left: one chime
        run.clock.advance(1)
        run.presenter.tick()
    assert len(beeps) == 1
    run.clock.advance(57)
    run.presenter.tick()
    run.clock.advance(1)
    run.presenter.tick()
    assert len(beeps) == 2  # zero
    run.presenter.perform(lambda runner: runner.extend(1))  # back to one minute: no chime
    assert len(beeps) == 2


def test_no_chime_when_muted_nor_on_entering_a_short_step(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    beeps = _count_beeps(monkeypatch)
    started(run)
    run.panel.mute_check.setChecked(True)
    run.clock.advance(ACCUEIL - 61)
    run.presenter.tick()
    run.clock.advance(120)
    run.presenter.tick()
    assert beeps == []
    run.panel.mute_check.setChecked(False)
    run.clock.advance(60)
    run.presenter.tick()
    assert beeps == []  # already overrun: nothing more to ring
    assert run.presenter.chimes == 0


def test_a_refused_action_shows_its_french_message(qtbot: QtBot, run: Run) -> None:
    started(run)
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_Left)
    assert run.panel.message_label.isVisible()
    assert (
        run.panel.message_label.text() == f"C'est la première étape{NBSP}: il n'y en a pas avant."
    )
    press(qtbot, run.panel, Qt.Key.Key_Minus)
    assert "ne se raccourcit pas" in run.panel.message_label.text()
    press(qtbot, run.panel, Qt.Key.Key_Right)
    assert not run.panel.message_label.isVisible()


def test_a_workshop_without_steps_says_so_and_keys_do_nothing_else(
    qtbot: QtBot, store: Store
) -> None:
    run = make_run(qtbot, store, protocol=None)
    assert "aucune étape" in run.panel.message_label.text()
    run.presenter.toggle()
    run.presenter.tick()
    assert "aucune étape" in run.panel.message_label.text()


def test_a_new_presenter_resumes_the_saved_day(qtbot: QtBot, run: Run) -> None:
    started(run)
    run.presenter.perform(lambda runner: runner.next())
    run.clock.advance(90)
    panel = RunPanel()
    qtbot.addWidget(panel)
    RunPresenter(run.store, run.workshop, run.clock, panel, run.host)
    assert panel.title_label.text() == "Mot d'introduction"
    assert panel.countdown_label.text() == "08:30"


def test_the_slides_show_the_workshop_and_the_five_rules(qtbot: QtBot, run: Run) -> None:
    window = projection(qtbot, run)
    run.presenter.show_slide("rules")
    assert window.slide == "rules" and run.panel.rules_slide_button.isChecked()
    assert window.rules_slide.rules_label.text().split("\n") == list(RULES)
    assert "Écoutons pour comprendre" in RULES
    assert window.timer_page.state_label.text() == ""
    run.panel.welcome_slide_button.click()
    assert window.slide == "welcome"
    assert window.welcome_slide.title_label.text() == "Dessine-moi ton cas d'usage"
    assert window.welcome_slide.details_label.text() == "Toulon\njeudi 14 mars 2024"
    run.panel.timer_slide_button.click()
    assert window.slide is None


def screenshots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screenshots_of_the_panel_and_the_projection(
    qtbot: QtBot, run: Run, tmp_path: Path
) -> None:
    folder = screenshots_folder(tmp_path)
    started(run)
    run.presenter.perform(lambda runner: runner.next())
    run.presenter.perform(lambda runner: runner.next())
    run.clock.advance(12 * 60 + 37)  # « Placez-vous en ligne », 15 min: warning
    run.presenter.tick()
    window = projection(qtbot, run)
    window.resize(1920, 1080)
    run.presenter.show_projection(True)
    window.resize(1920, 1080)
    qtbot.waitExposed(window)
    shots = {"panel-running": run.host, "projection-running": window}
    for name, widget in shots.items():
        assert widget.grab().save(str(folder / f"{name}.png"))
    run.presenter.perform(lambda runner: runner.time_out())
    assert window.timer_page.state_label.text() == "Temps mort"  # no key hints for the room
    assert window.grab().save(str(folder / "projection-time-out.png"))
    run.presenter.perform(lambda runner: runner.next())  # the long « Dessiner » instructions
    run.clock.advance(59 * 60 + 30)
    run.presenter.tick()
    page = window.timer_page
    assert page.instructions.startswith("Un groupe par cas d'usage")
    assert page.instructions_label.text().endswith("\u00a0…")  # too long for large type: cut
    assert page.instructions_label.font().pixelSize() >= int(1080 * 0.03)
    assert window.grab().save(str(folder / "projection-long-critical.png"))
    for slide in ("rules", "welcome"):
        run.presenter.show_slide(slide)
        assert window.grab().save(str(folder / f"projection-{slide}.png"))
    assert len(list(folder.glob("*.png"))) >= 5


def test_closing_the_projection_by_its_own_button_unchecks_the_panel_toggle(
    qtbot: QtBot, run: Run
) -> None:
    window = projection(qtbot, run)
    run.presenter.show_projection(True)
    assert run.panel.projection_button.isChecked()

    window.close()  # the window manager's close button

    assert not run.panel.projection_button.isChecked()


def test_the_jump_list_shows_each_step_with_its_planned_clock_time(run: Run) -> None:
    choice = run.panel.jump_choice
    labels = [choice.itemText(row) for row in range(choice.count())]
    assert labels[:3] == [
        "09:00 · 1. Accueil",
        "09:30 · 2. Mot d'introduction",
        "09:40 · 3. Brise-glace\u00a0: «\u00a0Placez-vous en ligne\u00a0!\u00a0»",
    ]
    assert len(labels) == 6
    assert choice.currentIndex() == -1 and choice.placeholderText().startswith("Aller à")
    assert not choice.isEnabled()  # nowhere to jump from before the start


def test_ctrl_g_opens_the_jump_list_and_a_choice_jumps_there(qtbot: QtBot, run: Run) -> None:
    started(run)
    choice = run.panel.jump_choice
    focus(qtbot, run.panel)
    press(qtbot, run.panel, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: choice.view().isVisible())
    view = choice.view()
    view.setCurrentIndex(choice.model().index(4, 0))
    press(qtbot, view, Qt.Key.Key_Return)  # choose the fifth line
    qtbot.waitUntil(lambda: not view.isVisible())
    assert run.panel.title_label.text().startswith("Synthèse des groupes")
    assert load_runner(run.store, run.workshop, run.clock).state.step_index == 4
    assert choice.currentIndex() == -1  # back to « Aller à l'étape… »
    assert run.panel.hasFocus()  # the arrows still drive the runner
    press(qtbot, run.panel, Qt.Key.Key_Left)
    assert run.panel.title_label.text() == "Dessiner les cas d'usage"


def test_the_jump_list_follows_the_day_s_start_time(qtbot: QtBot, store: Store) -> None:
    workshop, _changes = create_workshop(store, "Après-midi")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    set_day_start(store, workshop.public_id, dt.time(13, 30))
    host = QWidget()
    qtbot.addWidget(host)
    panel = RunPanel(host)
    RunPresenter(store, workshop.public_id, FakeClock(), panel, host)
    assert panel.jump_choice.itemText(1) == "14:00 · 2. Mot d'introduction"
