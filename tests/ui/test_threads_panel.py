"""Common threads: drag cards into them, create, rename, merge, split, take out, tag, delete —
each one undoable."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt

from capadesk.core.domain.capture import ThreadView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.core.services import threads
from capadesk.ui.capture.wall_layout import Grouping
from capadesk.ui.capture.wall_model import capture_mime

from .helpers import press
from .test_capture_fixtures import Desk, desk_fixture, drop  # noqa: F401 (desk_fixture: the desk fixture)

CTRL = Qt.KeyboardModifier.ControlModifier


def stored_threads(desk: Desk) -> list[ThreadView]:
    return threads.list_threads(desk.store, desk.workshop_id)


def members(desk: Desk) -> dict[str, list[str]]:
    """Each stored thread's title with the texts of its cards."""
    texts = {c.public_id: c.text for c in desk.stored()}
    return {t.title: [texts[i] for i in t.capture_ids] for t in stored_threads(desk)}


def row_point(desk: Desk, row: int) -> QPoint:
    return desk.threads.list.visualRect(desk.threads.model.index(row, 0)).center()


def test_dragging_a_card_onto_a_thread_puts_it_there_and_undo_takes_it_out(
    qtbot: QtBot, desk: Desk
) -> None:
    card = desk.add("Les horaires sont en PDF")
    desk.dialogs.titles.append("Ouvrir les données de mobilité")
    press(qtbot, desk.bar.field, Qt.Key.Key_T, CTRL)
    assert members(desk) == {"Ouvrir les données de mobilité": []}
    assert desk.threads.model.rowCount() == 1

    data = desk.model.mimeData([desk.model.index(0, 0)])
    assert drop(desk.threads.list.viewport(), row_point(desk, 0), data)
    assert members(desk) == {"Ouvrir les données de mobilité": ["Les horaires sont en PDF"]}
    assert desk.model.thread_of(card.public_id) == stored_threads(desk)[0].public_id
    assert "1 carte" in str(desk.threads.model.index(0, 0).data())
    desk.page.wall.set_grouping(Grouping.THREAD)
    assert [p.section.title for p in desk.view.geometry_now().placed] == [
        "Ouvrir les données de mobilité"
    ]

    desk.undo()
    assert members(desk) == {"Ouvrir les données de mobilité": []}
    assert desk.model.thread_of(card.public_id) is None
    assert [p.section.title for p in desk.view.geometry_now().placed] == ["Hors des fils"]
    desk.redo()
    assert members(desk) == {"Ouvrir les données de mobilité": ["Les horaires sont en PDF"]}


def test_dropping_cards_below_the_threads_starts_a_new_thread(qtbot: QtBot, desk: Desk) -> None:
    a, b = desk.add("Un"), desk.add("Deux")
    desk.dialogs.titles.append("Premier fil")
    below = QPoint(20, desk.threads.list.viewport().height() - 10)
    assert drop(desk.threads.list.viewport(), below, capture_mime([a.public_id, b.public_id]))
    qtbot.waitUntil(lambda: members(desk) == {"Premier fil": ["Un", "Deux"]})
    assert desk.dialogs.headings == ["Nouveau fil avec 2 carte(s)"]
    desk.undo()
    assert members(desk) == {}


def test_cards_dropped_on_a_thread_section_of_the_wall_move_there(desk: Desk) -> None:
    a, b = desk.add("Un"), desk.add("Deux")
    thread, changes = threads.create_thread(desk.store, desk.workshop_id, "Fil A")
    desk.presenter.refresh(changes)
    desk.presenter.refresh(
        threads.move_captures(desk.store, desk.workshop_id, [a.public_id], thread.public_id)
    )
    desk.page.wall.set_grouping(Grouping.THREAD)
    placed = desk.view.geometry_now().placed[0]
    assert placed.section.title == "Fil A"
    point = QPoint(40, placed.cards_top + 10 - desk.view.verticalOffset())
    assert drop(desk.view.viewport(), point, capture_mime([b.public_id]))
    assert members(desk) == {"Fil A": ["Un", "Deux"]}
    desk.page.wall.set_grouping(Grouping.USE_CASE)  # no thread sections: no drop
    assert not drop(desk.view.viewport(), point, capture_mime([b.public_id]))


def test_create_from_selected_cards_rename_tag_and_delete(qtbot: QtBot, desk: Desk) -> None:
    a, _b, c = desk.add("Un"), desk.add("Deux"), desk.add("Trois")
    desk.select(a.public_id, c.public_id)
    desk.dialogs.titles.append("Fil des impairs")
    desk.view.setFocus()
    press(qtbot, desk.view, Qt.Key.Key_T, CTRL)
    assert members(desk) == {"Fil des impairs": ["Un", "Trois"]}
    assert desk.threads.current() is not None  # the new thread is selected

    desk.threads.list.setFocus()
    desk.dialogs.titles.append("Fil des nombres impairs")
    press(qtbot, desk.threads.list, Qt.Key.Key_F2)
    assert list(members(desk)) == ["Fil des nombres impairs"]

    desk.threads.stage_actions[0].trigger()  # Collecte
    desk.threads.stage_actions[3].trigger()  # Partage
    (tagged,) = stored_threads(desk)
    assert tagged.stages == (LifecycleStage.COLLECTION, LifecycleStage.SHARING)
    assert "Collecte, Partage" in str(desk.threads.model.index(0, 0).data())
    desk.undo()
    assert stored_threads(desk)[0].stages == (LifecycleStage.COLLECTION,)

    press(qtbot, desk.threads.list, Qt.Key.Key_Delete)
    assert members(desk) == {} and desk.model.thread_of(a.public_id) is None
    desk.undo()
    assert members(desk) == {"Fil des nombres impairs": ["Un", "Trois"]}
    desk.undo()  # the first tag
    desk.undo()  # the rename
    assert list(members(desk)) == ["Fil des impairs"]
    desk.undo()  # the creation
    assert members(desk) == {}


def test_merge_split_and_take_out(desk: Desk) -> None:
    cards = [desk.add(text) for text in ("Un", "Deux", "Trois", "Quatre")]
    ids = [c.public_id for c in cards]
    for title, chosen in (("Fil A", ids[:2]), ("Fil B", ids[2:])):
        view, changes = threads.create_thread(desk.store, desk.workshop_id, title)
        desk.presenter.refresh(changes)
        desk.presenter.refresh(
            threads.move_captures(desk.store, desk.workshop_id, chosen, view.public_id)
        )
    panel = desk.threads
    panel.list.selectAll()
    panel.list.setCurrentIndex(panel.model.index(0, 0))
    panel.list.selectAll()
    assert panel.merge_action.isEnabled()
    panel.merge_action.trigger()
    assert members(desk) == {"Fil A": ["Un", "Deux", "Trois", "Quatre"]}
    desk.undo()
    assert members(desk) == {"Fil A": ["Un", "Deux"], "Fil B": ["Trois", "Quatre"]}

    panel.select_thread(stored_threads(desk)[0].public_id)
    desk.select(ids[2])  # a card of another thread: nothing to split
    panel.split_action.trigger()
    assert "Sélectionnez sur le mur" in panel.message_label.text()
    desk.select(ids[1])
    desk.dialogs.titles.append("Fil C")
    panel.split_action.trigger()
    assert members(desk) == {"Fil A": ["Un"], "Fil B": ["Trois", "Quatre"], "Fil C": ["Deux"]}
    assert not panel.message_label.isVisible()
    desk.undo()
    assert members(desk) == {"Fil A": ["Un", "Deux"], "Fil B": ["Trois", "Quatre"]}

    desk.select(ids[0], ids[3])
    panel.take_out_action.trigger()
    assert members(desk) == {"Fil A": ["Deux"], "Fil B": ["Trois"]}
    desk.undo()
    assert members(desk) == {"Fil A": ["Un", "Deux"], "Fil B": ["Trois", "Quatre"]}
