"""The workshop page's tabs: the wall follows the day, the projection borrows the wall and the
votes, the roster and the groups have their tabs, and leaving the page keeps what was typed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.runner import Runner
from capadesk.core.services import captures, drafts
from capadesk.core.storage.store import Store
from capadesk.ui.capture.slides import VoteSlide, WallSlide
from capadesk.ui.main_window import MainWindow
from capadesk.ui.presenters.workshop_page_presenter import WorkshopPagePresenter

from .fakes import FakePrompts
from .helpers import press, type_text
from .test_workshop_page import open_with_protocol


def show_window(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def run_to(page: WorkshopPagePresenter, activity: ActivityKind) -> None:
    """Start the day and move on until the current step is ``activity``."""
    run = page.run
    assert run is not None
    assert run.perform(Runner.start)
    while (current := run.current_step()) is not None and current[1] is not activity:
        assert run.perform(Runner.next)
    assert current is not None


def test_the_wall_tab_is_built_on_demand_and_new_cards_belong_to_the_current_step(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    show_window(qtbot, ready)
    page = open_with_protocol(qtbot, ready, "Toulon", store, "capacities-1-toulon")
    wall_layout = ready.workshop_view.wall_tab.layout()
    assert wall_layout is not None and wall_layout.count() == 0  # nothing built yet
    assert page.workshop_id is not None
    run_to(page, ActivityKind.USE_CASE_DRAWING)
    run = page.run
    assert run is not None
    current = run.current_step()
    assert current is not None

    press(
        qtbot,
        ready.workshop_view,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert ready.workshop_view.tabs.currentWidget() is ready.workshop_view.wall_tab
    capture = page.capture
    assert capture is not None
    field = capture.page.bar.field
    assert field.hasFocus()
    type_text(qtbot, field, "Les horaires sont en PDF")
    with qtbot.waitSignal(ready.operations.changes_made):
        press(qtbot, field, Qt.Key.Key_Return)

    (card,) = captures.list_captures(store, page.workshop_id)
    assert card.text == "Les horaires sont en PDF"
    assert card.step_id == current[0]
    assert capture.model.rowCount() == 1


def test_a_dot_vote_step_opens_the_votes_and_the_projection_shows_wall_and_chart(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    page = open_with_protocol(qtbot, ready, "Toulon", store, "capacities-1-toulon")
    ready.workshop_view.tabs.setCurrentWidget(ready.workshop_view.wall_tab)
    capture = page.capture
    assert capture is not None
    assert capture.page.tabs.currentWidget() is capture.page.wall_tab

    run_to(page, ActivityKind.DOT_VOTE)

    assert capture.page.tabs.currentWidget() is capture.page.vote_tab
    run = page.run
    assert run is not None
    projection = run.projection
    run.panel.wall_slide_button.click()
    assert isinstance(projection.pages.currentWidget(), WallSlide)
    run.panel.vote_slide_button.click()
    assert isinstance(projection.pages.currentWidget(), VoteSlide)
    assert projection.slide == "vote"
    run.panel.timer_slide_button.click()
    assert projection.pages.currentWidget() is projection.timer_page


def test_the_roster_and_groups_tabs_show_their_tools(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    page = open_with_protocol(qtbot, ready, "Lisieux", store, "capacities-2-lisieux")
    view = ready.workshop_view

    view.tabs.setCurrentWidget(view.roster_tab)
    view.tabs.setCurrentWidget(view.groups_tab)

    assert page.roster is not None and page.roster.view.parent() is view.roster_tab
    assert page.groups is not None and page.groups.view.parent() is view.groups_tab


def test_leaving_the_page_keeps_the_text_being_typed_and_drops_the_tools(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    page = open_with_protocol(qtbot, ready, "Caux", store, "capacities-4-caux")
    workshop_id = page.workshop_id
    assert workshop_id is not None
    ready.workshop_view.tabs.setCurrentWidget(ready.workshop_view.wall_tab)
    capture = page.capture
    assert capture is not None
    type_text(qtbot, capture.page.bar.field, "Pas encore decide")

    ready.workshops.back_action.trigger()

    assert page.capture is None and page.roster is None and page.groups is None
    assert set(drafts.read_drafts(store, workshop_id).values()) == {"Pas encore decide"}
    assert captures.list_captures(store, workshop_id) == []


def test_an_icebreaker_step_brings_its_tool_to_the_outil_tab_and_the_projection(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    from capadesk.ui.icebreakers import IcebreakerSlide, IcebreakerView
    from capadesk.ui.people.groups_slide import GroupsSlide

    page = open_with_protocol(qtbot, ready, "Toulon", store, "capacities-1-toulon")
    view = ready.workshop_view
    assert not view.no_tool_page.isHidden()  # before the start: no tool

    run_to(page, ActivityKind.ICEBREAKER_LINE_UP)

    assert page.step_tool is not None
    tool = page.step_tool.tool
    assert tool is not None and isinstance(tool.view, IcebreakerView)
    assert tool.view.parent() is view.tool_tab
    assert view.no_tool_page.isHidden()
    run = page.run
    assert run is not None
    projection = run.projection
    run.panel.tool_slide_button.click()
    assert isinstance(projection.pages.currentWidget(), IcebreakerSlide)
    run.panel.groups_slide_button.click()
    assert isinstance(projection.pages.currentWidget(), GroupsSlide)

    assert run.perform(Runner.next)  # the next step has no tool: the ice-breaker stays open

    assert page.step_tool.tool is tool
    run.panel.tool_slide_button.click()
    assert isinstance(projection.pages.currentWidget(), IcebreakerSlide)


def test_any_tool_opens_by_hand_and_its_page_goes_to_the_projection(
    qtbot: QtBot, ready: MainWindow, store: Store
) -> None:
    """The matrices of Chamonix are filled inside parallel tracks: « Ouvrir » reaches them."""
    from capadesk.ui.matrices import MatrixSlide

    page = open_with_protocol(qtbot, ready, "Chamonix", store, "capacities-3-chamonix")
    view = ready.workshop_view
    view.tabs.setCurrentWidget(view.tool_tab)
    choice = view.tool_choice
    assert choice.findData(ActivityKind.COST_BENEFIT.value) >= 0
    assert choice.findData(ActivityKind.MATURITY.value) >= 0
    choice.setCurrentIndex(choice.findData(ActivityKind.COST_BENEFIT.value))

    view.open_tool_button.click()

    assert page.step_tool is not None and page.step_tool.activity is ActivityKind.COST_BENEFIT
    assert view.no_tool_page.isHidden()
    run = page.run
    assert run is not None
    run.panel.tool_slide_button.click()
    assert isinstance(run.projection.pages.currentWidget(), MatrixSlide)


def test_an_icebreaker_the_agenda_lacks_cannot_be_opened_by_hand(
    qtbot: QtBot, ready: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    page = open_with_protocol(qtbot, ready, "Débat", store, "debat-mouvant")
    view = ready.workshop_view
    view.tabs.setCurrentWidget(view.tool_tab)
    view.tool_choice.setCurrentIndex(view.tool_choice.findData(ActivityKind.ICEBREAKER_YARN.value))

    view.open_tool_button.click()

    assert page.step_tool is not None and page.step_tool.tool is None
    assert prompts.errors == [
        "Cet outil s'ouvre à une étape «\u00a0Brise-glace pelote de laine\u00a0» du "
        "déroulé\u00a0: ajoutez-en une d'abord."
    ]


def test_a_method_tool_step_opens_its_tool(qtbot: QtBot, ready: MainWindow, store: Store) -> None:
    from capadesk.ui.tools.base import ToolPresenter

    page = open_with_protocol(qtbot, ready, "Design", store, "design-thinking-cpn")

    run_to(page, ActivityKind.SPIDER_WEB)

    assert page.step_tool is not None
    tool = page.step_tool.tool
    assert isinstance(tool, ToolPresenter)
    assert tool.view.parent() is ready.workshop_view.tool_tab
    run = page.run
    assert run is not None
    run.panel.tool_slide_button.click()
    shown = run.projection.pages.currentWidget()
    assert shown is not None and shown is not run.projection.timer_page
