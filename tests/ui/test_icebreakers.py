"""The ice-breakers' control widgets: typed at the keyboard, undone through the main window's
stack, shown on their projected pages; and one « Placez-vous en ligne » run end to end."""

from __future__ import annotations

import random
import uuid

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreakers import EntryKind
from capadesk.core.domain.vocabulary import ActivityKind, ParticipantType
from capadesk.core.services import icebreakers, participants
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.group_commands import ReplaceGroups
from capadesk.core.services.groups import GroupDraft
from capadesk.core.services.protocols import find_protocol
from capadesk.core.storage.store import Store
from capadesk.ui.icebreakers import IcebreakerPresenter
from capadesk.ui.icebreakers.dixit import DixitTool
from capadesk.ui.icebreakers.dixit_slide import DixitSlide
from capadesk.ui.icebreakers.lego import LegoTool
from capadesk.ui.icebreakers.lego_slide import LegoSlide
from capadesk.ui.icebreakers.line_up import LineUpTool
from capadesk.ui.icebreakers.line_up_slide import LineUpSlide
from capadesk.ui.icebreakers.yarn import YarnTool
from capadesk.ui.icebreakers.yarn_slide import YarnSlide
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import press, seed, type_text
from .test_roster_editor import ROOM, fill_room
from .test_runner_panel import focus


class Room:
    """A workshop on a CAPACities protocol with its roster, and the presenter of its
    ice-breaker step, shown in a window of its own."""

    def __init__(
        self, qtbot: QtBot, ready: MainWindow, store: Store, protocol: str, activity: ActivityKind
    ) -> None:
        self.qtbot, self.window, self.store = qtbot, ready, store
        workshop = seed(store, "Atelier", place="Toulon")
        self.wid = workshop.public_id
        apply_protocol(store, self.wid, find_protocol(protocol))
        fill_room(store, self.wid)
        agenda = read_agenda(store, self.wid)
        index = next(i for i, s in enumerate(agenda.protocol.steps) if s.activity is activity)
        self.step = agenda.step_ids[index]
        self.presenter = self.open(activity)

    def open(self, activity: ActivityKind, seed_: int = 3) -> IcebreakerPresenter:
        presenter = IcebreakerPresenter(
            self.store,
            self.window.operations,
            self.wid,
            self.step,
            activity,
            self.window,
            rng=random.Random(seed_),
        )
        self.qtbot.addWidget(presenter.view)
        presenter.view.resize(900, 640)
        return presenter

    def data(self) -> icebreakers.IcebreakerData:
        return icebreakers.read_icebreaker(self.store, self.wid, self.step)

    def texts(self, kind: EntryKind) -> list[str]:
        return [e.text for e in self.data().entries if e.kind is kind]

    def undo(self) -> None:
        self.window.undo_stack.undo()

    def redo(self) -> None:
        self.window.undo_stack.redo()

    def enter(self, widget: QWidget) -> None:
        press(self.qtbot, widget, Qt.Key.Key_Return)

    def km_of(self, name: str) -> float | None:
        people = participants.list_participants(self.store, self.wid)
        return next(p.km_travelled for p in people if p.name == name)


@pytest.fixture
def toulon(qtbot: QtBot, ready: MainWindow, store: Store) -> Room:
    return Room(qtbot, ready, store, "capacities-1-toulon", ActivityKind.ICEBREAKER_LINE_UP)


@pytest.fixture
def lisieux(qtbot: QtBot, ready: MainWindow, store: Store) -> Room:
    return Room(qtbot, ready, store, "capacities-2-lisieux", ActivityKind.ICEBREAKER_DIXIT)


@pytest.fixture
def chamonix(qtbot: QtBot, ready: MainWindow, store: Store) -> Room:
    return Room(qtbot, ready, store, "capacities-3-chamonix", ActivityKind.ICEBREAKER_LEGO_TOWER)


def line_up(room: Room) -> LineUpTool:
    tool = room.presenter.tool
    assert isinstance(tool, LineUpTool)
    return tool


# --- « Placez-vous en ligne » ---------------------------------------------------------------


def test_ctrl_t_draws_a_question_shown_on_the_slide_and_undo_takes_it_back(
    qtbot: QtBot, toulon: Room
) -> None:
    tool = line_up(toulon)
    control = tool.control
    slide = toulon.presenter.slide()
    assert isinstance(slide.currentWidget(), LineUpSlide)
    page = slide.currentWidget()
    assert isinstance(page, LineUpSlide)
    assert (page.drawn, page.showing_round) == (0, False)
    title = toulon.presenter.view.title_label.text()
    assert title == "Brise-glace\u00a0: «\u00a0Placez-vous en ligne\u00a0!\u00a0»"
    focus(qtbot, control, control.draw_button)
    with qtbot.waitSignal(toulon.window.operations.changes_made):
        press(qtbot, control.draw_button, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    [first] = toulon.texts(EntryKind.LINE_UP_DRAW)
    deck = len(toulon.data().deck)
    assert page.prompt == first and (page.drawn, page.left) == (1, deck - 1)
    assert control.current_label.text() == first
    assert control.count_label.text() == f"1 tirée(s) · {deck - 1} restante(s) sur {deck}"
    control.draw_button.click()
    second = toulon.texts(EntryKind.LINE_UP_DRAW)[1]
    assert second != first and page.prompt == second
    assert control.drawn_list.texts() == [f"1. {first}", f"2. {second}"]
    assert toulon.window.undo_stack.undoText() == "Tirer une question"
    toulon.undo()
    assert toulon.texts(EntryKind.LINE_UP_DRAW) == [first] and page.prompt == first
    toulon.redo()
    assert toulon.texts(EntryKind.LINE_UP_DRAW) == [first, second]


def test_the_deck_runs_out_and_goes_back_in_one_undoable_action(toulon: Room) -> None:
    tool = line_up(toulon)
    control = tool.control
    for _prompt in toulon.data().deck:
        control.draw_button.click()
    assert not control.draw_button.isEnabled()
    drawn = toulon.texts(EntryKind.LINE_UP_DRAW)
    assert sorted(drawn) == sorted(p.text for p in toulon.data().deck)  # each exactly once
    control.reshuffle_button.click()
    assert toulon.texts(EntryKind.LINE_UP_DRAW) == []
    assert control.draw_button.isEnabled() and not control.reshuffle_button.isEnabled()
    assert toulon.window.undo_stack.undoText() == "Remettre les questions dans le paquet"
    toulon.undo()
    assert toulon.texts(EntryKind.LINE_UP_DRAW) == drawn


def test_the_closing_round_by_keyboard_sets_the_roster_and_the_total(
    qtbot: QtBot, toulon: Room
) -> None:
    tool = line_up(toulon)
    control = tool.control
    slide = toulon.presenter.slide()
    page = slide.currentWidget()
    assert isinstance(page, LineUpSlide)
    control.tabs.setCurrentWidget(control.round_tab)
    assert page.showing_round and page.heading == "Le tour des kilomètres"
    focus(qtbot, control, control.name_field)
    type_text(qtbot, control.name_field, "Bruno")
    toulon.enter(control.name_field)
    assert control.km_field.hasFocus()
    type_text(qtbot, control.km_field, "90,5")
    toulon.enter(control.km_field)
    assert toulon.km_of("Bruno Martin") == 90.5
    assert control.name_field.text() == "" and control.name_field.hasFocus()
    assert control.round_list.texts() == ["Bruno Martin — 90,5\u00a0km"]

    # A newcomer: the hint says so, and they join the roster with the type chosen.
    type_text(qtbot, control.name_field, "Zoe")
    assert "sera ajouté à la liste" in control.km_message.text()
    control.type_choice.setCurrentIndex(control.type_choice.findData(ParticipantType.RESIDENT))
    control.km_field.setText("1200")
    toulon.enter(control.km_field)
    zoe = next(
        p for p in participants.list_participants(toulon.store, toulon.wid) if p.name == "Zoe"
    )
    assert zoe.type is ParticipantType.RESIDENT and zoe.km_travelled == 1200.0
    assert page.round.total == 1290.5
    assert control.total_label.text() == "Total\u00a0: 1\u202f290,5\u00a0km (2 personne(s))"

    # Mistakes stay in the form with a message; nothing is saved.
    type_text(qtbot, control.name_field, "Anne")
    control.km_field.setText("loin")
    toulon.enter(control.km_field)
    assert "n'est pas un nombre" in control.km_message.text()
    assert control.name_field.text() == "Anne"
    assert len(toulon.data().entries) == 2

    toulon.undo()
    assert "Zoe" not in [p.name for p in participants.list_participants(toulon.store, toulon.wid)]
    assert page.round.total == 90.5
    control.tabs.setCurrentWidget(control.questions_tab)
    assert not page.showing_round


def test_the_deck_tab_adds_and_removes_questions(
    qtbot: QtBot, toulon: Room, prompts: FakePrompts
) -> None:
    control = line_up(toulon).control
    control.tabs.setCurrentWidget(control.deck_tab)
    default = [p.text for p in toulon.data().deck]
    assert control.deck_label.text() == f"Paquet par défaut\u00a0: {len(default)} questions"
    focus(qtbot, control, control.prompt_field)
    type_text(qtbot, control.prompt_field, "Selon votre pointure")
    toulon.enter(control.prompt_field)
    assert control.deck_list.texts() == [*default, "Selon votre pointure"]
    assert control.deck_label.text().startswith("Paquet de cette étape")
    control.deck_list.setFocus()
    control.deck_list.item(0).setSelected(True)
    control.deck_list.item(1).setSelected(True)
    press(qtbot, control.deck_list, Qt.Key.Key_Delete)
    assert control.deck_list.texts() == [*default[2:], "Selon votre pointure"]
    assert toulon.window.undo_stack.undoText() == "Retirer 2 questions"
    toulon.undo()
    assert control.deck_list.texts() == [*default, "Selon votre pointure"]
    type_text(qtbot, control.prompt_field, "selon votre POINTURE")
    toulon.enter(control.prompt_field)
    assert prompts.errors == ["Cette question est déjà dans le paquet."]
    assert len(toulon.data().deck) == len(default) + 1


def test_one_line_up_run_end_to_end_survives_a_reopening(qtbot: QtBot, toulon: Room) -> None:
    """The acceptance's « one ice-breaker run »: questions drawn and projected, the closing
    round for everyone, the slide's total; the page reopened (as after a restart) goes on
    without repeating a question."""
    tool = line_up(toulon)
    slide = toulon.presenter.slide()
    slide.resize(1280, 720)
    for _n in range(3):
        tool.control.draw_button.click()
    drawn = toulon.texts(EntryKind.LINE_UP_DRAW)
    tool.control.tabs.setCurrentWidget(tool.control.round_tab)
    for name, _organisation, _kind, km in ROOM:
        tool.control.name_field.setText(name)
        tool.control.km_field.setText(str(km if km is not None else 0).replace(".", ","))
        tool.record_km()
    page = slide.currentWidget()
    assert isinstance(page, LineUpSlide)
    expected = sum(km or 0.0 for *_rest, km in ROOM)
    assert page.round.total == expected and len(page.round.people) == len(ROOM)
    assert page.accessibleDescription().startswith("Total")
    slide.grab()  # paints without error, with every chip
    assert page.shown_people == len(ROOM)

    toulon.presenter.close()
    again = toulon.open(ActivityKind.ICEBREAKER_LINE_UP, seed_=3)  # the same seed as before
    reopened = again.tool
    assert isinstance(reopened, LineUpTool)
    assert reopened.control.round_list.count() == len(ROOM)
    for _n in range(3):
        reopened.control.draw_button.click()
    now = toulon.texts(EntryKind.LINE_UP_DRAW)
    assert now[:3] == drawn and len(set(now)) == 6


# --- Dixit and the yarn ---------------------------------------------------------------------


def test_dixit_moods_and_cards_by_keyboard_make_the_cloud(qtbot: QtBot, lisieux: Room) -> None:
    presenter = lisieux.presenter
    assert [presenter.view.tabs.tabText(i) for i in range(2)] == ["Dixit", "Pelote de laine"]
    tool = presenter.tool
    assert isinstance(tool, DixitTool)
    control = tool.control
    slide = presenter.slide()
    page = slide.currentWidget()
    assert isinstance(page, DixitSlide)
    focus(qtbot, presenter.view)  # the page's focus lands in the open tool's first field
    assert control.name_field.hasFocus()
    for name, mood in [("Bruno", "curieux"), ("Laure", "Curieux"), ("Hugo", "12"), ("Anne", "zen")]:
        type_text(qtbot, control.name_field, name)
        lisieux.enter(control.name_field)
        type_text(qtbot, control.mood_field, mood)
        lisieux.enter(control.mood_field)
    assert control.moods_list.texts() == [
        "Bruno Martin — curieux",
        "Laure Fabre — Curieux",
        "Hugo Lefèvre — carte 12",
        "Anne Durand — zen",
    ]
    assert [(w.word, w.times) for w in page.words] == [("curieux", 2), ("zen", 1)]
    assert page.cards == [12] and page.people == 4
    slide.resize(1280, 720)
    slide.grab()
    assert [p.word for p in page.placed] == ["curieux", "zen"]
    largest = {p.word: p.font.pixelSize() for p in page.placed}
    assert largest["curieux"] > largest["zen"]

    control.moods_list.setFocus()
    control.moods_list.setCurrentRow(0)
    press(qtbot, control.moods_list, Qt.Key.Key_Delete)
    assert [(w.word, w.times) for w in page.words] == [("Curieux", 1), ("zen", 1)]
    lisieux.undo()
    assert len(control.moods_list.texts()) == 4
    type_text(qtbot, control.name_field, "Bruno")
    control.mood_field.clear()
    lisieux.enter(control.mood_field)
    assert "mot d'humeur" in control.message.text()


def test_the_yarn_passes_from_catcher_to_catcher_and_draws_the_web(
    qtbot: QtBot, lisieux: Room
) -> None:
    presenter = lisieux.presenter
    slide = presenter.slide()
    presenter.show_tool(1)
    tool = presenter.tool
    assert isinstance(tool, YarnTool)
    page = slide.currentWidget()
    assert isinstance(page, YarnSlide)
    control = tool.control
    focus(qtbot, control, control.giver_field)
    type_text(qtbot, control.giver_field, "Bruno")
    lisieux.enter(control.giver_field)
    type_text(qtbot, control.receiver_field, "Hugo")
    lisieux.enter(control.receiver_field)
    type_text(qtbot, control.link_field, "Mobilite")
    lisieux.enter(control.link_field)
    # The catcher now holds the yarn: only the next catcher and the link are typed.
    assert control.giver_field.text() == "Hugo Lefèvre" and control.receiver_field.hasFocus()
    type_text(qtbot, control.receiver_field, "Yann")
    lisieux.enter(control.receiver_field)
    control.link_field.setText("Données ouvertes")
    lisieux.enter(control.link_field)
    type_text(qtbot, control.receiver_field, "Bruno")
    lisieux.enter(control.receiver_field)
    type_text(qtbot, control.link_field, "Velo")
    lisieux.enter(control.link_field)
    assert control.links_list.texts() == [
        "1. Bruno Martin → Hugo Lefèvre\u00a0: Mobilite",
        "2. Hugo Lefèvre → Yann\u00a0: Données ouvertes",
        "3. Yann → Bruno Martin\u00a0: Velo",
    ]
    assert page.network.people == ("Bruno", "Hugo", "Yann")
    assert [(link.giver, link.receiver) for link in page.network.links] == [(0, 1), (1, 2), (2, 0)]
    assert "Yann" in [p.name for p in participants.list_participants(lisieux.store, lisieux.wid)]
    slide.resize(1280, 720)
    slide.grab()
    assert page.listed == 2  # the latest link in large type, the two before listed
    assert control.giver_field.text() == "Bruno Martin"
    lisieux.undo()
    assert len(page.network.links) == 2
    assert control.giver_field.text() == "Yann"  # the yarn is back in Yann's hands
    control.giver_field.setText("Bruno")  # typed: kept as is whatever the store says
    lisieux.redo()
    assert control.giver_field.text() == "Bruno"

    control.receiver_field.setText("bruno")
    control.link_field.setText("soi-même")
    lisieux.enter(control.link_field)
    assert "autre personne" in control.message.text()
    presenter.show_tool(0)
    assert isinstance(slide.currentWidget(), DixitSlide)


# --- the Lego tower -------------------------------------------------------------------------


def test_lego_heights_by_team_ranked_with_ties_and_the_podium(qtbot: QtBot, chamonix: Room) -> None:
    drafts = [GroupDraft(name) for name in ("Bleu", "Vert", "Rouge")]
    chamonix.window.operations.execute(ReplaceGroups(chamonix.wid, chamonix.step, drafts))
    tool = chamonix.presenter.tool
    assert isinstance(tool, LegoTool)
    control = tool.control
    assert [control.team_choice.itemText(i) for i in range(3)] == ["Bleu", "Vert", "Rouge"]
    slide = chamonix.presenter.slide()
    page = slide.currentWidget()
    assert isinstance(page, LegoSlide)
    focus(qtbot, control, control.team_choice)
    for team, height in [("bleu", "84"), ("Vert", "91,5"), ("Rouge", "84"), ("Jaune", "60")]:
        control.team_field.setText(team)
        chamonix.enter(control.team_field)
        assert control.height_field.hasFocus()
        type_text(qtbot, control.height_field, height)
        chamonix.enter(control.height_field)
    assert control.ranking_list.texts() == [
        "1 · Vert — 91,5\u00a0cm",
        "2\u00a0ex æquo · Bleu — 84\u00a0cm",
        "2\u00a0ex æquo · Rouge — 84\u00a0cm",
        "4 · Jaune — 60\u00a0cm",
    ]
    assert [(t.rank, t.team) for t in page.ranked] == [
        (1, "Vert"),
        (2, "Bleu"),
        (2, "Rouge"),
        (4, "Jaune"),
    ]
    entries = chamonix.data().entries
    assert sum(e.group_id is not None for e in entries) == 3  # « bleu » is the group Bleu
    assert chamonix.window.undo_stack.undoText() == "Noter la tour de «\u00a0Jaune\u00a0»"

    control.team_field.setText("Vert")
    control.height_field.setText("70")
    chamonix.enter(control.height_field)  # measured again: replaces
    assert control.ranking_list.texts()[0] == "1\u00a0ex æquo · Bleu — 84\u00a0cm"
    chamonix.undo()
    assert control.ranking_list.texts()[0] == "1 · Vert — 91,5\u00a0cm"
    control.team_field.setText("Vert")
    control.height_field.setText("0")
    chamonix.enter(control.height_field)
    assert "Hauteur invraisemblable" in control.message.text()


def test_a_presenter_for_a_step_that_is_gone_says_so(toulon: Room) -> None:
    toulon.presenter.step_id = uuid.uuid4()
    toulon.presenter.reload()
    assert "étape" in toulon.presenter.view.status.text()
    assert not toulon.presenter.view.tabs.isEnabled()
    with pytest.raises(ValueError, match="not an ice-breaker"):
        IcebreakerPresenter(
            toulon.store, toulon.window.operations, toulon.wid, toulon.step, ActivityKind.FREE
        )
