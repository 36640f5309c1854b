"""The groups slide: the board's groups in big cards, following its step and every change."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from capadesk.core.services import groups, participants
from capadesk.core.services.agenda import apply_protocol
from capadesk.core.services.group_commands import MoveMember, ReplaceGroups
from capadesk.core.services.groups import GroupDraft
from capadesk.core.services.protocols import find_protocol
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.people import GroupBoardPresenter, PeopleDialogs
from capadesk.ui.people.groups_slide import GroupsSlidePresenter, grid_shape

from .helpers import seed
from .test_capture_fixtures import screenshots
from .test_roster_editor import fill_room


class Board:
    def __init__(self, qtbot: QtBot, ready: MainWindow, store: Store) -> None:
        self.store, self.window = store, ready
        workshop = seed(store, "Atelier de Toulon", place="Toulon")
        self.wid = workshop.public_id
        apply_protocol(store, self.wid, find_protocol("capacities-1-toulon"))
        fill_room(store, self.wid)
        self.board = GroupBoardPresenter(
            store, self.wid, ready.operations, ready.prompts, PeopleDialogs(), ready
        )
        qtbot.addWidget(self.board.view)
        self.feed = GroupsSlidePresenter(store, ready.operations, self.wid, parent=ready)
        self.feed.follow(self.board)
        self.ids = {p.name: p.public_id for p in participants.list_participants(store, self.wid)}

    def propose(self) -> None:
        proposal, _choices = groups.propose(self.store, self.wid, size=4, seed=3)
        drafts = groups.drafts_of(proposal, None)
        colours = ["#E53935", "", "#43A047"]
        drafts = [
            GroupDraft(name, d.member_ids, colour=colour)
            for d, name, colour in zip(drafts, ["Mobilité", "Énergie", "Eau"], colours, strict=True)
        ]
        assert self.window.operations.execute(ReplaceGroups(self.wid, self.board.step_id, drafts))


@pytest.fixture
def board(qtbot: QtBot, ready: MainWindow, store: Store) -> Board:
    return Board(qtbot, ready, store)


def test_the_slide_shows_the_boards_groups_and_follows_moves_and_steps(
    qtbot: QtBot, board: Board
) -> None:
    slide = board.feed.slide()
    qtbot.addWidget(slide)
    assert board.feed.step_id == board.board.step_id
    assert slide.groups == [] and slide.subheading == "Dessiner les cas d'usage"
    board.propose()
    assert [g.name for g in slide.groups] == ["Mobilité", "Énergie", "Eau"]
    assert sum(len(g.members) for g in slide.groups) == 11  # the facilitator is not placed
    first = slide.groups[0]
    assert len(first.members) == len(first.types) == 4
    assert all(" " not in name.replace("\u00a0", "") for name in first.members)  # first names

    julien = board.ids["Julien Caron"]
    target = groups.list_groups(board.store, board.wid, board.board.step_id)[0].public_id
    board.window.operations.execute(
        MoveMember(board.wid, board.board.step_id, julien, target, "Julien Caron")
    )
    assert "Julien" in slide.groups[0].members
    board.window.undo_stack.undo()
    assert "Julien" not in slide.groups[0].members

    drawing = board.board.step_id
    board.board.view.step_choice.setCurrentIndex(0)  # « Toute la journée »: no groups
    assert board.feed.step_id is None and slide.groups == [] and slide.subheading == ""
    board.board.view.step_choice.setCurrentIndex(board.board.view.step_choice.findData(drawing))
    assert len(slide.groups) == 3
    board.feed.close()
    board.window.undo_stack.undo()
    assert len(slide.groups) == 3  # closed: no longer follows


def test_cards_get_the_most_room() -> None:
    assert grid_shape(3, 1180, 560) == (3, 1)
    assert grid_shape(6, 1180, 560) == (3, 2)
    assert grid_shape(1, 1180, 560) == (1, 1)


def test_screenshot_of_the_groups_slide(qtbot: QtBot, board: Board, tmp_path: Path) -> None:
    folder = screenshots(tmp_path)
    board.propose()
    slide = board.feed.slide()
    qtbot.addWidget(slide)
    slide.resize(1280, 720)
    slide.show()
    qtbot.waitExposed(slide)
    assert slide.grab().save(str(folder / "groups-slide.png"))
