"""The opened workshop's page: choose a protocol, run the day, leave, undo."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from capadesk.core.runner import Runner
from capadesk.core.services.protocols import find_protocol
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.presenters.workshop_page_presenter import WorkshopPagePresenter
from capadesk.ui.runner.run_presenter import RunPresenter

from .fakes import FakePrompts
from .helpers import click, displayed_text, seed


def open_workshop(window: MainWindow, title: str, store: Store) -> None:
    workshop = seed(store, title)
    window.workshops.store_opened()  # the list picks up the seeded workshop
    window.workshops.select(workshop.public_id)
    window.workshops.open_action.trigger()


def open_with_protocol(
    qtbot: QtBot, window: MainWindow, title: str, store: Store, protocol_id: str
) -> WorkshopPagePresenter:
    """Open a new workshop and give it a library protocol through the page's chooser."""
    open_workshop(window, title, store)
    page = window.page
    assert page is not None
    choice = window.workshop_view.protocol_choice
    choice.setCurrentIndex(choice.findData(protocol_id))
    click(qtbot, window.workshop_view.apply_protocol_button)
    return page


def current_run(window: MainWindow) -> RunPresenter | None:
    """The page's runner now (a function, so a test can check it changed)."""
    return window.page.run if window.page is not None else None


def test_a_workshop_without_agenda_offers_the_library_then_runs_the_chosen_protocol(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    open_workshop(ready, "Toulon", store)
    page = ready.page
    assert page is not None
    view = ready.workshop_view
    assert view.body.currentWidget() is view.no_agenda_page
    titles = [view.protocol_choice.itemText(i) for i in range(view.protocol_choice.count())]
    assert len(titles) == 8
    view.protocol_choice.setCurrentIndex(view.protocol_choice.findData("capacities-1-toulon"))

    with qtbot.waitSignal(ready.operations.changes_made):
        click(qtbot, view.apply_protocol_button)

    assert page.run is not None
    assert view.body.currentWidget() is page.run.panel
    first_step = find_protocol("capacities-1-toulon").steps[0].title
    assert displayed_text(page.run.panel.title_label) == first_step

    ready.undo_action.trigger()  # back to no agenda
    assert current_run(ready) is None
    assert view.body.currentWidget() is view.no_agenda_page


def test_leaving_the_page_stops_the_runner_clock(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    page = open_with_protocol(qtbot, ready, "Lisieux", store, "capacities-2-lisieux")
    run = page.run
    assert run is not None and run.timer.isActive()

    ready.workshops.back_action.trigger()

    assert current_run(ready) is None
    assert not run.timer.isActive()


def test_editing_the_running_workshop_keeps_its_runner_and_projection(
    qtbot: QtBot, ready: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    page = open_with_protocol(qtbot, ready, "Caux", store, "capacities-4-caux")
    view = ready.workshop_view
    run = page.run
    assert run is not None
    assert view.agenda_button.isEnabled()
    assert run.perform(Runner.start)
    run.show_projection(True)
    assert not view.agenda_button.isEnabled()  # the day has started: the agenda is frozen
    prompts.answer("Caux — journée 4")

    ready.workshops.edit_action.trigger()

    assert page.run is run
    assert run.timer.isActive()
    assert run.projection.isVisible()
    run.show_projection(False)


def test_the_agenda_builder_replaces_the_day_view_and_the_runner_follows_its_edits(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    page = open_with_protocol(qtbot, ready, "Dunkerque", store, "capacities-1-toulon")
    view = ready.workshop_view
    assert current_run(ready) is not None

    view.agenda_button.setChecked(True)  # « Modifier le déroulé »
    assert page.builder is not None
    assert view.body.currentWidget() is page.builder.view
    assert current_run(ready) is None  # no clock runs while the agenda is being prepared
    page.builder.move(0, 5)  # « Accueil » last

    view.agenda_button.setChecked(False)
    run = current_run(ready)
    assert run is not None
    assert view.body.currentWidget() is run.panel
    assert (
        displayed_text(run.panel.title_label) == find_protocol("capacities-1-toulon").steps[1].title
    )


def test_a_saved_template_is_offered_by_the_chooser(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    import dataclasses

    from capadesk.core.services.protocols import user_protocols_dir, write_protocol_file

    mine = dataclasses.replace(
        find_protocol("debat-mouvant"), id="perso-mon-debat", title="Mon débat"
    )
    write_protocol_file(mine, user_protocols_dir(ready.app_paths) / "perso-mon-debat.json")

    open_workshop(ready, "Avec modèle", store)

    choice = ready.workshop_view.protocol_choice
    assert choice.findData("perso-mon-debat") >= 0
