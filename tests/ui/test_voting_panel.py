"""Dot voting: tallies typed per thread, dots typed per participant within their budget, ranking
with ties, keeping the top N, the chart, and the projected wall and vote (with screenshots)."""

from __future__ import annotations

import uuid
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.capture import VotingRules
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import participants, threads, use_cases, votes
from capadesk.ui.capture.chart import rank_label
from capadesk.ui.capture.vote_panel import VoteMode
from capadesk.ui.capture.wall_layout import Grouping

from .fakes import FakePrompts
from .helpers import press, type_text
from .test_capture_fixtures import (  # noqa: F401 (desk_fixture: the desk fixture)
    Desk,
    desk_fixture,
    screenshots,
    type_unicode,
)

TITLES = (
    "Partager les données de mobilité entre territoires",
    "Un référentiel commun des adresses",
    "Mesurer la qualité de l'air ensemble",
    "Former les agents à la donnée",
)


def make_threads(desk: Desk, titles: tuple[str, ...] = TITLES) -> list[uuid.UUID]:
    made = []
    for title in titles:
        view, changes = threads.create_thread(desk.store, desk.workshop_id, title)
        desk.presenter.refresh(changes)
        made.append(view.public_id)
    return made


def ranks(desk: Desk) -> list[tuple[str, int, str]]:
    return [(r.title, r.dots, rank_label(r)) for r in desk.page.votes.chart.ranked]


def cell(desk: Desk, row: int, column: int) -> str:
    item = desk.page.votes.table.item(row, column)
    assert item is not None
    return item.text()


def type_tally(qtbot: QtBot, desk: Desk, thread_id: uuid.UUID, dots: int) -> None:
    box = desk.page.votes.spin_boxes[thread_id]
    box.setFocus()
    box.selectAll()
    type_text(qtbot, box, str(dots))
    press(qtbot, box, Qt.Key.Key_Return)


def test_typing_a_tally_votes_and_undo_takes_it_back(qtbot: QtBot, desk: Desk) -> None:
    ids = make_threads(desk, TITLES[:3])
    desk.page.show_vote()
    panel = desk.page.votes
    assert panel.rules_label.text().startswith("4 gommettes par participant · 8 fils retenus")
    assert panel.table.rowCount() == 3
    type_tally(qtbot, desk, ids[1], 7)
    assert desk.window.undo_stack.undoText() == "Voter"
    stored = votes.ranking(desk.store, desk.workshop_id, desk.presenter.vote_step_id)
    assert (stored[0].title, stored[0].dots) == (TITLES[1], 7)
    assert ranks(desk)[0] == (TITLES[1], 7, "1")
    assert cell(desk, 1, 0) == "1"
    assert panel.total_label.text() == "7 gommette(s) au total"

    desk.undo()
    assert panel.spin_boxes[ids[1]].value() == 0
    assert all(dots == 0 for _t, dots, _r in ranks(desk))
    desk.redo()
    assert panel.spin_boxes[ids[1]].value() == 7


def add_people(desk: Desk, *names: str) -> list[uuid.UUID]:
    made = []
    for name in names:
        view, changes = participants.add_participant(
            desk.store, desk.workshop_id, ParticipantFields(name, "Métropole TPM")
        )
        desk.presenter.refresh(changes)
        made.append(view.public_id)
    return made


def test_tally_boxes_show_the_wall_count_alone(qtbot: QtBot, desk: Desk) -> None:
    ids = make_threads(desk, TITLES[:2])
    (claire,) = add_people(desk, "Claire")
    step = desk.presenter.vote_step_id
    desk.presenter.refresh(
        votes.set_participant_dots(desk.store, desk.workshop_id, step, claire, ids[0], 3)
    )
    type_tally(qtbot, desk, ids[0], 5)

    panel = desk.page.votes
    assert panel.mode is VoteMode.WALL
    assert panel.spin_boxes[ids[0]].value() == 5  # what the paper wall says, not the total
    assert cell(desk, 0, 3) == "8"  # the total adds Claire's 3
    assert votes.tallies(desk.store, desk.workshop_id, step) == {ids[0]: 5}
    type_tally(qtbot, desk, ids[0], 6)
    assert votes.tallies(desk.store, desk.workshop_id, step) == {ids[0]: 6}
    assert cell(desk, 0, 3) == "9"


def test_dots_entered_per_participant_within_the_budget(
    qtbot: QtBot, desk: Desk, prompts: FakePrompts, tmp_path: Path
) -> None:
    ids = make_threads(desk, TITLES[:3])
    claire, _karim = add_people(desk, "Claire Dupré", "Karim Benali")
    desk.page.show_vote()
    panel = desk.page.votes
    assert not panel.participant_choice.isVisible()
    panel.participant_mode.click()
    assert panel.mode is VoteMode.PARTICIPANT and panel.participant_choice.isVisible()
    assert panel.budget_label.text() == "Choisissez un participant"
    assert not panel.spin_boxes[ids[0]].isEnabled()  # nobody to vote for yet

    field = panel.participant_choice.lineEdit()
    assert field is not None
    field.setFocus()
    type_unicode(field, "dupré")  # a part of the name, any case, finds her
    completer = panel.participant_choice.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    press(qtbot, popup, Qt.Key.Key_Down)
    press(qtbot, popup, Qt.Key.Key_Return)
    assert panel.participant_id == claire
    assert panel.budget_label.text() == "4 gommettes restantes sur 4"

    type_tally(qtbot, desk, ids[0], 2)
    assert desk.window.undo_stack.undoText() == "Voter"
    assert votes.participant_dots(
        desk.store, desk.workshop_id, desk.presenter.vote_step_id, claire
    ) == {ids[0]: 2}
    assert panel.budget_label.text() == "2 gommettes restantes sur 4"
    assert cell(desk, 0, 3) == "2"
    type_tally(qtbot, desk, ids[1], 1)
    assert panel.budget_label.text() == "1 gommette restante sur 4"
    assert panel.voted_label.text() == "1 sur 2 ont voté"

    type_tally(qtbot, desk, ids[2], 2)  # one too many
    assert panel.message_label.isVisible()
    assert panel.message_label.text() == (
        "Budget dépassé\u00a0: chaque participant a 4 gommettes. "
        "Claire Dupré en a déjà placé 3 sur d'autres fils, il lui en reste 1."
    )
    assert prompts.errors == []  # said next to the boxes, not in a dialog
    assert panel.spin_boxes[ids[2]].value() == 0  # the box shows what is stored
    assert panel.budget_label.text() == "1 gommette restante sur 4"
    assert desk.page.grab().save(str(screenshots(tmp_path) / "vote-per-participant.png"))
    type_tally(qtbot, desk, ids[2], 1)
    assert not panel.message_label.isVisible()
    assert panel.budget_label.text() == "0 gommette restante sur 4"

    desk.undo()
    assert panel.spin_boxes[ids[2]].value() == 0
    assert panel.budget_label.text() == "1 gommette restante sur 4"
    desk.redo()
    assert panel.spin_boxes[ids[2]].value() == 1

    panel.set_mode(VoteMode.WALL)  # the wall's count shows apart from Claire's dots
    assert panel.spin_boxes[ids[0]].value() == 0 and cell(desk, 0, 3) == "2"


def test_ties_are_shown_ex_aequo(qtbot: QtBot, desk: Desk) -> None:
    ids = make_threads(desk, TITLES[:3])
    type_tally(qtbot, desk, ids[0], 3)
    type_tally(qtbot, desk, ids[2], 3)
    assert ranks(desk) == [
        (TITLES[0], 3, "1\u00a0ex æquo"),
        (TITLES[2], 3, "1\u00a0ex æquo"),
        (TITLES[1], 0, "3"),
    ]
    assert cell(desk, 2, 0) == "1\u00a0ex æquo"


def test_keep_the_first_n_follows_the_step_rules_and_undo(qtbot: QtBot, desk: Desk) -> None:
    ids = make_threads(desk)
    step = desk.presenter.vote_step_id
    assert step is not None
    desk.presenter.refresh(votes.set_voting_rules(desk.store, step, VotingRules(4, 2)))
    panel = desk.page.votes
    assert panel.keep_button.text() == "Retenir les 2 premiers"
    for thread_id, dots in zip(ids, (5, 2, 9, 2), strict=True):
        type_tally(qtbot, desk, thread_id, dots)
    panel.keep_button.click()
    kept = {t.title for t in threads.list_threads(desk.store, desk.workshop_id) if t.kept}
    assert kept == {TITLES[0], TITLES[2]}
    assert cell(desk, 2, 4) == "✓ retenu" and cell(desk, 1, 4) == ""
    assert "★ retenu" in str(desk.threads.model.index(0, 0).data())
    desk.undo()
    assert not any(t.kept for t in threads.list_threads(desk.store, desk.workshop_id))
    assert cell(desk, 2, 4) == ""


def test_the_projected_wall_and_vote_follow_the_laptop(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    folder = screenshots(tmp_path)
    wall_slide = desk.presenter.wall_slide()
    vote_slide = desk.presenter.vote_slide()
    for slide in (wall_slide, vote_slide):
        qtbot.addWidget(slide)
        slide.resize(1920, 1080)
        slide.show()
        qtbot.waitExposed(slide)

    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité douce")
    desk.presenter.refresh(changes)
    air, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Qualité de l'air")
    desk.presenter.refresh(changes)
    cards = [
        ("Les horaires de bus sont publiés en PDF", CaptureKind.IRRITANT, mobility.public_id),
        ("Un portail unique des données de mobilité", CaptureKind.WISH, mobility.public_id),
        ("Base des arrêts (SIG)", CaptureKind.DATABASE, mobility.public_id),
        ("Capteurs isolés, données non partagées", CaptureKind.IRRITANT, air.public_id),
        ("Mutualiser les capteurs avec les communes voisines", CaptureKind.IDEA, air.public_id),
    ]
    for text, kind, use_case in cards:
        desk.add(text, kind, stage=LifecycleStage.SHARING, use_case_id=use_case)
    type_text(qtbot, desk.bar.field, "Ecrire la convention avant l'ete")
    press(qtbot, desk.bar.field, Qt.Key.Key_Return)
    assert wall_slide.view.shown_rows() == desk.view.shown_rows()
    assert len(wall_slide.view.shown_rows()) == 6
    assert wall_slide.view.delegate.style.text_pixels >= 20  # read from the back of the room
    desk.page.wall.set_grouping(Grouping.NONE)
    assert wall_slide.view.grouping is Grouping.NONE
    desk.page.wall.set_grouping(Grouping.USE_CASE)
    assert wall_slide.grab().save(str(folder / "wall-slide.png"))

    ids = make_threads(desk)
    for thread_id, dots in zip(ids, (12, 5, 12, 3), strict=True):
        type_tally(qtbot, desk, thread_id, dots)
    desk.page.votes.keep_button.click()
    assert [r.dots for r in vote_slide.chart.ranked] == [12, 12, 5, 3]
    assert vote_slide.chart.band_height() >= 100  # big bands on a 1080 px projection
    assert vote_slide.rules_label.text() == (
        "4 gommettes chacun · les 8 premiers fils sont retenus"
    )
    assert vote_slide.grab().save(str(folder / "vote-slide.png"))
    assert vote_slide.chart.shown_count == 4  # every thread drawn, none counted away
    desk.page.show_vote()
    assert desk.page.grab().save(str(folder / "capture-page-vote.png"))
