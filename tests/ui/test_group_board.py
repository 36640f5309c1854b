"""The group board: propose, drag people between groups, rename, remove, choices, print."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from capadesk.core.domain.people import FAMILY_OF, Family
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.services import groups, participants
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.groups import ChoiceSource
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.people import GroupBoardPresenter, PeopleDialogs
from capadesk.ui.people.group_board import GroupColumnWidget, MemberList, participant_mime
from capadesk.ui.people.proposal_dialog import ProposalDialog, ProposalSettings

from .helpers import seed
from .test_roster_editor import ROOM, FakePeopleDialogs, fill_room

TOULON = find_protocol("capacities-1-toulon")


class Board:
    def __init__(self, presenter: GroupBoardPresenter, store: Store, ready: MainWindow) -> None:
        self.presenter, self.store, self.window = presenter, store, ready
        self.view = presenter.view
        self.dialogs = FakePeopleDialogs()
        presenter._dialogs = self.dialogs
        self.workshop_id = presenter.workshop_id
        self.ids = {
            p.name: p.public_id for p in participants.list_participants(store, self.workshop_id)
        }

    def stored(self) -> list[tuple[str, set[uuid.UUID]]]:
        return [
            (g.name, set(g.member_ids))
            for g in groups.list_groups(self.store, self.workshop_id, self.presenter.step_id)
        ]

    def shown(self) -> list[tuple[str, list[uuid.UUID]]]:
        return [(w.name_label.accessibleName(), w.members.ids()) for w in self.view.columns]

    def column(self, name: str) -> GroupColumnWidget:
        return next(w for w in self.view.columns if w.name_label.accessibleName() == name)


@pytest.fixture
def board(qtbot: QtBot, ready: MainWindow, store: Store) -> Board:
    workshop = seed(store, "Atelier de Toulon", place="Toulon")
    apply_protocol(store, workshop.public_id, TOULON)
    fill_room(store, workshop.public_id)
    presenter = GroupBoardPresenter(
        store, workshop.public_id, ready.operations, ready.prompts, PeopleDialogs(), ready
    )
    qtbot.addWidget(presenter.view)
    presenter.view.resize(1280, 640)
    return Board(presenter, store, ready)


def drop(qtbot: QtBot, board: Board, target: MemberList, participant_id: uuid.UUID) -> None:
    """What a mouse drop delivers to a column, then wait for the stored move."""
    mime = participant_mime(participant_id)  # kept alive: the event only points at it
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(board.window.operations.changes_made):
        target.dropEvent(event)
    assert event.isAccepted()


def test_the_first_group_step_is_chosen_and_everyone_starts_in_no_group(board: Board) -> None:
    agenda = read_agenda(board.store, board.workshop_id)
    drawing = next(i for i, s in enumerate(agenda.protocol.steps) if s.format.value == "en-groupe")
    assert board.presenter.step_id == agenda.step_ids[drawing]
    assert board.view.step_choice.count() == len(agenda.step_ids) + 1
    [(name, members)] = board.shown()
    assert name == "Sans groupe" and len(members) == len(ROOM)
    assert not board.view.print_button.isEnabled()


def test_propose_makes_balanced_columns_with_their_mix_and_undo(board: Board) -> None:
    board.dialogs.queue(ProposalSettings(by_size=True, number=4, seed=3))
    board.view.propose_button.click()
    stored = board.stored()
    assert [name for name, _m in stored] == ["Groupe 1", "Groupe 2", "Groupe 3"]
    assert [(n, set(m)) for n, m in board.shown()[1:]] == stored
    unplaced = board.shown()[0][1]
    assert unplaced == [board.ids["Julien Caron"]]  # the facilitator stays out
    types = {
        p.public_id: p.type for p in participants.list_participants(board.store, board.workshop_id)
    }
    for widget in board.view.columns[1:]:
        families = {FAMILY_OF[types[pid]] for pid in widget.members.ids()}
        assert families == {Family.PUBLIC, Family.PRIVATE, Family.PARTNER}
        mix = widget.mix_label.text()
        assert "#1565C0" in mix and "Public" in mix and "sans" not in mix
    assert "3 groupes proposés (graine 3)" in board.view.status_label.text()
    board.window.undo_stack.undo()
    assert board.stored() == []
    assert len(board.view.columns) == 1


def test_drag_and_drop_and_the_keyboard_menu_move_people_with_undo(
    qtbot: QtBot, board: Board
) -> None:
    board.dialogs.queue("Bleu", "Vert")
    board.view.add_button.click()
    board.view.add_button.click()
    anne = board.ids["Anne Durand"]
    drop(qtbot, board, board.column("Bleu").members, anne)
    assert board.stored() == [("Bleu", {anne}), ("Vert", set())]
    assert anne not in board.column("Sans groupe").members.ids()
    drop(qtbot, board, board.column("Vert").members, anne)
    assert board.stored() == [("Bleu", set()), ("Vert", {anne})]
    assert board.window.undo_stack.undoText() == "Déplacer «\u00a0Anne Durand\u00a0»"
    board.window.undo_stack.undo()
    assert board.stored() == [("Bleu", {anne}), ("Vert", set())]

    menu = board.view.move_menu(board.column("Bleu"), anne)
    assert [a.text() for a in menu.actions()] == ["Sans groupe", "Vert"]
    with qtbot.waitSignal(board.window.operations.changes_made):
        menu.actions()[0].trigger()
    assert board.stored() == [("Bleu", set()), ("Vert", set())]
    assert anne in board.column("Sans groupe").members.ids()


def test_rename_and_remove_a_group_with_undo(qtbot: QtBot, board: Board) -> None:
    board.dialogs.queue("Bleu")
    board.view.add_button.click()
    bruno = board.ids["Bruno Martin"]
    drop(qtbot, board, board.column("Bleu").members, bruno)
    board.dialogs.queue("Les énergies")
    board.column("Bleu").rename_button.click()
    assert board.stored() == [("Les énergies", {bruno})]
    board.column("Les énergies").remove_button.click()
    assert board.stored() == []
    assert bruno in board.column("Sans groupe").members.ids()
    board.window.undo_stack.undo()
    assert board.stored() == [("Les énergies", {bruno})]


def test_choices_by_use_case_are_respected_by_the_proposal(qtbot: QtBot, board: Board) -> None:
    add_use_case(board.store, board.workshop_id, "Mobilité")
    add_use_case(board.store, board.workshop_id, "Déchets")
    board.presenter.reload()
    assert board.view.use_cases_button.isEnabled()
    board.view.use_cases_button.click()
    assert [name for name, _m in board.stored()] == ["Mobilité", "Déchets"]
    people = participants.list_participants(board.store, board.workshop_id)
    mobility = [p.public_id for p in people[:8] if p.type is not ParticipantType.FACILITATOR]
    for pid in mobility:
        drop(qtbot, board, board.column("Mobilité").members, pid)
    for pid in (board.ids["Karim Benali"], board.ids["Laure Fabre"]):
        drop(qtbot, board, board.column("Déchets").members, pid)
    board.dialogs.queue(ProposalSettings(True, 4, 9, ChoiceSource.USE_CASE))
    board.view.propose_button.click()
    stored = board.stored()
    assert [name for name, _m in stored] == ["Déchets", "Mobilité (1)", "Mobilité (2)"]
    for _name, members in stored[1:]:
        assert members <= set(mobility) | {board.ids["Hugo Lefèvre"], board.ids["Inès Moreau"]}
    assert {board.ids["Karim Benali"], board.ids["Laure Fabre"]} <= stored[0][1]


def test_challenges_typed_one_a_line_make_one_group_each(board: Board) -> None:
    board.dialogs.queue(["Défi n°1 : comité data", "Défi n°9 : convaincre les élus", ""])
    board.view.challenges_button.click()
    assert [name for name, _m in board.stored()] == [
        "Défi n°1 : comité data",
        "Défi n°9 : convaincre les élus",
    ]
    assert board.presenter.settings.source is ChoiceSource.CHALLENGE


def test_steps_have_their_own_groups(board: Board) -> None:
    board.dialogs.queue("Bleu")
    board.view.add_button.click()
    board.view.step_choice.setCurrentIndex(0)  # « Toute la journée »
    assert board.presenter.step_id is None
    assert len(board.view.columns) == 1
    assert groups.list_groups(board.store, board.workshop_id, None) == []


def test_print_the_groups(board: Board, tmp_path: Path) -> None:
    board.dialogs.queue(ProposalSettings(False, 2, 1))
    board.view.propose_button.click()
    path = tmp_path / "groupes.pdf"
    board.dialogs.queue(path)
    board.view.print_button.click()
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Groupe 1" in text and "Groupe 2" in text and "Anne Durand" in text
    assert "Dessin des cas d'usage" in text or "Groupes — " in text


def test_proposal_dialog_offers_only_the_choices_that_exist(qtbot: QtBot) -> None:
    dialog = ProposalDialog(ProposalSettings(False, 3, 42), use_cases=True, challenges=False)
    qtbot.addWidget(dialog)
    assert [dialog.source.itemText(i) for i in range(dialog.source.count())] == [
        "Aucun\u00a0: mélanger tout le monde",
        "Le cas d'usage choisi par chacun",
    ]
    dialog.source.setCurrentIndex(1)
    dialog.by_size.setChecked(True)
    dialog.number.setValue(5)
    assert dialog.settings() == ProposalSettings(True, 5, 42, ChoiceSource.USE_CASE, False)


def test_a_screenshot_of_the_board(qtbot: QtBot, board: Board, tmp_path: Path) -> None:
    board.dialogs.queue(ProposalSettings(by_size=True, number=4, seed=3))
    board.view.propose_button.click()
    # One move that breaks the mix, so the board shows what a missing family looks like.
    second = board.view.columns[2]
    partner = next(
        pid
        for pid in second.members.ids()
        if FAMILY_OF[participants.get_participant(board.store, pid).type] is Family.PARTNER
    )
    drop(qtbot, board, board.view.columns[1].members, partner)
    assert "sans\u00a0partenaires" in board.view.columns[2].mix_label.text()
    board.view.show()
    qtbot.waitExposed(board.view)
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    assert board.view.grab().save(str(folder / "groups.png"))
