"""Dot voting: tallies typed per thread, ranking with ties, keeping the top N, the chart, and the
projected wall and vote (with their screenshots)."""

from __future__ import annotations

import uuid
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.capture import VotingRules
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import threads, use_cases, votes
from capadesk.ui.capture.chart import rank_label
from capadesk.ui.capture.wall_layout import Grouping

from .helpers import press, type_text
from .test_capture_fixtures import Desk, desk_fixture, screenshots  # noqa: F401 (desk_fixture: the desk fixture)

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
    assert cell(desk, 2, 3) == "✓ retenu" and cell(desk, 1, 3) == ""
    assert "★ retenu" in str(desk.threads.model.index(0, 0).data())
    desk.undo()
    assert not any(t.kept for t in threads.list_threads(desk.store, desk.workshop_id))
    assert cell(desk, 2, 3) == ""


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
