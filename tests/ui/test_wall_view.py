"""The wall: cards added one by one, plain text whatever it holds, grouping, filters, edit,
delete, keyboard moves, and a screenshot of the page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import captures, threads, use_cases
from capadesk.core.storage.store import Store
from capadesk.ui.capture import CapturePresenter
from capadesk.ui.capture.card_delegate import wrapped_lines
from capadesk.ui.capture.edit_dialog import CaptureEditDialog
from capadesk.ui.capture.palette import KIND_COLOURS
from capadesk.ui.capture.presenter import check_card
from capadesk.ui.capture.wall_layout import Grouping
from capadesk.ui.main_window import MainWindow

from .fakes import FakePrompts
from .helpers import press, seed, type_text
from .test_capture_fixtures import (  # noqa: F401 (desk_fixture: the desk fixture)
    Desk,
    FakeCaptureDialogs,
    desk_fixture,
    screenshots,
)

MARKUP = '<b>gras</b> <img src="x.png"> &amp; <a href="http://x">lien</a>'


def shown_titles(desk: Desk) -> list[str]:
    return [p.section.title for p in desk.view.geometry_now().placed]


def shown_texts(desk: Desk) -> list[str]:
    return [desk.model.capture(row).text for row in desk.view.shown_rows()]


def test_a_new_card_is_inserted_without_resetting_the_wall(qtbot: QtBot, desk: Desk) -> None:
    for n in range(30):
        desk.add(f"Carte {n}")
    resets: list[bool] = []
    inserted: list[tuple[int, int]] = []
    desk.model.modelReset.connect(lambda: resets.append(True))
    desk.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    desk.view.setCurrentIndex(desk.model.index(3, 0))
    type_text(qtbot, desk.bar.field, "Encore une")
    press(qtbot, desk.bar.field, Qt.Key.Key_Return)
    assert resets == [] and inserted == [(30, 30)]
    assert desk.view.currentIndex().row() == 3  # the facilitator's place is kept
    rect = desk.view.visualRect(desk.model.index(30, 0))
    assert desk.view.viewport().rect().contains(rect)  # scrolled into sight


def test_a_card_added_in_place_lays_out_as_a_full_layout_would(desk: Desk) -> None:
    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité")
    desk.presenter.refresh(changes)
    air, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Air")
    desk.presenter.refresh(changes)
    view = desk.view
    desk.page.wall.kind_actions[CaptureKind.WISH.value].setChecked(True)
    for n in range(14):
        use_case = (mobility, air, None)[n % 3]
        desk.add(
            f"Carte {n}",
            CaptureKind.WISH if n % 4 else CaptureKind.IRRITANT,  # irritants filtered out
            use_case_id=use_case.public_id if use_case else None,
        )
        placed = [(p.section.title, p.section.rows, p.top) for p in view.geometry_now().placed]
        view.relayout()  # the same cards laid out from scratch
        assert [(p.section.title, p.section.rows, p.top) for p in view.geometry_now().placed] == (
            placed
        )
    assert [p.section.title for p in view.geometry_now().placed] == [
        "Mobilité",  # the use cases' order
        "Air",
        "Sans cas d'usage",
    ]
    assert desk.page.wall.count_label.text() == "10 sur 14 cartes"


def test_markup_and_huge_texts_are_shown_as_plain_text(desk: Desk) -> None:
    huge = "Début " + "x" * 100_000 + " fin"
    marked = desk.add(MARKUP)
    long_card = desk.add(huge)
    controls = desk.add("bip\x07 et\x00nul\x1b")
    assert [c.text for c in desk.stored()] == [MARKUP, huge, "bip\x07 et\x00nul\x1b"]
    delegate = desk.view.delegate
    width = delegate.style.width - 40
    lines = wrapped_lines(marked.text, delegate.text_font, width, 5)
    assert "".join(lines).replace(" ", "") == MARKUP.replace(" ", "")  # every tag drawn as is
    cut = wrapped_lines(long_card.text, delegate.text_font, width, 5)
    assert len(cut) == 5 and cut[0].startswith("Début") and cut[-1].endswith("…")
    shown = "".join(wrapped_lines(controls.text, delegate.text_font, width, 5))
    assert "\u2407" in shown and "\u2400" in shown and "\x07" not in shown
    index = desk.model.index(desk.model.row_of(marked.public_id) or 0, 0)
    assert MARKUP in str(index.data(Qt.ItemDataRole.DisplayRole))
    desk.view.viewport().repaint()  # paints all three without error
    # The generic road (what a drag's picture uses) draws the same card.
    picture = QPixmap(delegate.style.width, delegate.style.height)
    picture.fill(Qt.GlobalColor.white)
    painter = QPainter(picture)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, delegate.style.width, delegate.style.height)
    delegate.paint(painter, option, index)
    painter.end()
    colours = {picture.toImage().pixelColor(x, 40).name() for x in range(0, 30)}
    assert KIND_COLOURS[CaptureKind.IRRITANT].accent.lower() in colours  # the kind's stripe


def test_grouping_by_use_case_by_thread_or_none(desk: Desk) -> None:
    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité")
    air, more = use_cases.add_use_case(desk.store, desk.workshop_id, "Qualité de l'air")
    desk.presenter.refresh(changes)
    desk.presenter.refresh(more)
    a = desk.add("Capteurs isolés", use_case_id=air.public_id)
    b = desk.add("Horaires en PDF", use_case_id=mobility.public_id)
    desk.add("Sans rattachement")
    assert shown_titles(desk) == ["Mobilité", "Qualité de l'air", "Sans cas d'usage"]
    assert shown_texts(desk) == ["Horaires en PDF", "Capteurs isolés", "Sans rattachement"]

    thread, created = threads.create_thread(desk.store, desk.workshop_id, "Ouvrir les données")
    desk.presenter.refresh(created)
    desk.presenter.refresh(
        threads.move_captures(desk.store, desk.workshop_id, [a.public_id], thread.public_id)
    )
    desk.page.wall.set_grouping(Grouping.THREAD)
    assert shown_titles(desk) == ["Ouvrir les données", "Hors des fils"]
    assert shown_texts(desk) == ["Capteurs isolés", "Horaires en PDF", "Sans rattachement"]
    desk.page.wall.set_grouping(Grouping.NONE)
    assert shown_titles(desk) == [""]
    assert desk.view.geometry_now().placed[0].cards_top == desk.view.geometry_now().grid.margin
    assert b.public_id in {desk.model.capture(r).public_id for r in desk.view.shown_rows()}


def test_filters_by_kind_stage_and_text(desk: Desk) -> None:
    desk.add("Silo RH", CaptureKind.DATABASE, stage=LifecycleStage.STORAGE)
    desk.add("Données en double", CaptureKind.IRRITANT, stage=LifecycleStage.STORAGE)
    desk.add("Un entrepôt commun", CaptureKind.WISH)
    wall = desk.page.wall
    wall.kind_actions[CaptureKind.IRRITANT.value].setChecked(True)
    wall.kind_actions[CaptureKind.WISH.value].setChecked(True)
    assert sorted(shown_texts(desk)) == ["Données en double", "Un entrepôt commun"]
    assert wall.kinds_button.text() == "Irritant, Souhait"
    wall.stage_choice.setCurrentIndex(wall.stage_choice.findData("none"))
    assert shown_texts(desk) == ["Un entrepôt commun"]
    assert wall.count_label.text() == "1 sur 3 cartes"
    for action in wall.kind_actions.values():
        action.setChecked(False)
    wall.stage_choice.setCurrentIndex(wall.stage_choice.findData(LifecycleStage.STORAGE.value))
    assert sorted(shown_texts(desk)) == ["Données en double", "Silo RH"]
    wall.search.setText("silo")
    assert shown_texts(desk) == ["Silo RH"]
    wall.stage_choice.setCurrentIndex(0)
    wall.search.clear()
    assert len(shown_texts(desk)) == 3 and wall.count_label.text() == "3 carte(s)"


def test_f2_edits_a_card_and_undo_puts_it_back(qtbot: QtBot, desk: Desk) -> None:
    card = desk.add("Fautte de frappe")
    desk.view.setFocus()
    desk.view.setCurrentIndex(desk.model.index(0, 0))

    def fix(capture: CaptureView) -> CaptureView:
        return capture._replace(text="Faute de frappe", kind=CaptureKind.NOTE)

    desk.dialogs.edits.append(fix)
    press(qtbot, desk.view, Qt.Key.Key_F2)
    (stored,) = desk.stored()
    assert (stored.text, stored.kind) == ("Faute de frappe", CaptureKind.NOTE)
    assert desk.model.capture(0).text == "Faute de frappe"
    desk.undo()
    assert desk.model.capture(0).text == "Fautte de frappe"
    assert desk.model.capture(0).public_id == card.public_id

    desk.dialogs.edits.append(None)  # cancelled: nothing to undo
    desk.view.doubleClicked.emit(desk.model.index(0, 0))
    assert desk.window.undo_stack.index() == 0


def test_del_deletes_the_selected_cards_and_one_undo_brings_them_back(
    qtbot: QtBot, desk: Desk
) -> None:
    first, second, third = (desk.add(text) for text in ("Un", "Deux", "Trois"))
    desk.view.setFocus()
    desk.select(first.public_id, third.public_id)
    press(qtbot, desk.view, Qt.Key.Key_Delete)
    assert desk.texts() == ["Deux"] and [c.text for c in desk.stored()] == ["Deux"]
    assert desk.window.undo_stack.undoText() == "Supprimer 2 cartes"
    desk.undo()
    assert desk.texts() == ["Un", "Deux", "Trois"]
    desk.select(second.public_id)
    press(qtbot, desk.view, Qt.Key.Key_Delete)
    assert desk.window.undo_stack.undoText() == "Supprimer la carte"
    assert desk.texts() == ["Un", "Trois"]


def test_arrow_keys_follow_the_grid_and_clicks_select(qtbot: QtBot, desk: Desk) -> None:
    for n in range(12):
        desk.add(f"Carte {n}")
    view = desk.view
    geometry = view.geometry_now()
    columns = geometry.columns
    assert columns >= 3
    view.setFocus()
    view.setCurrentIndex(desk.model.index(0, 0))
    press(qtbot, view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    press(qtbot, view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 + columns
    press(qtbot, view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 11
    rect = view.visualRect(desk.model.index(2, 0))
    assert view.indexAt(rect.center()).row() == 2
    assert not view.indexAt(QPoint(rect.right() + 3, rect.center().y())).isValid()  # the gap
    cast(Callable[..., None], qtbot.mouseClick)(
        view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [2]
    view.setSelection(
        view.visualRect(desk.model.index(0, 0)).united(rect),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    assert sorted(i.row() for i in view.selectionModel().selectedIndexes()) == [0, 1, 2]
    assert view.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection


def test_screenshot_of_the_capture_page(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité douce")
    desk.presenter.refresh(changes)
    air, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Qualité de l'air")
    desk.presenter.refresh(changes)
    cards = [
        ("Les horaires de bus sont publiés en PDF", CaptureKind.IRRITANT, mobility),
        ("Pas de format commun entre les réseaux de transport", CaptureKind.IRRITANT, mobility),
        (
            "Un portail unique des données de mobilité, mis à jour en temps réel",
            CaptureKind.WISH,
            mobility,
        ),
        ("Base des arrêts (SIG)", CaptureKind.DATABASE, mobility),
        ("Application de covoiturage", CaptureKind.APPLICATION, mobility),
        ("Flux GTFS vers la région", CaptureKind.DATA_FLOW, mobility),
        ("Capteurs de qualité de l'air isolés, données non partagées", CaptureKind.IRRITANT, air),
        ("Mutualiser les capteurs avec les communes voisines", CaptureKind.IDEA, air),
        ("Écrire la convention de partage avant l'été", CaptureKind.ACTION, air),
        (MARKUP, CaptureKind.NOTE, None),
    ]
    stages = list(LifecycleStage)
    added: list[uuid.UUID] = []
    for n, (text, kind, use_case) in enumerate(cards):
        added.append(
            desk.add(
                text,
                kind,
                stage=stages[n % 6] if n % 4 else None,
                use_case_id=use_case.public_id if use_case else None,
            ).public_id
        )
    thread, created = threads.create_thread(
        desk.store, desk.workshop_id, "Partager les données de mobilité entre territoires"
    )
    desk.presenter.refresh(created)
    desk.presenter.refresh(
        threads.move_captures(desk.store, desk.workshop_id, added[:3], thread.public_id)
    )
    threads.create_thread(desk.store, desk.workshop_id, "Mesurer la qualité de l'air ensemble")
    desk.presenter.refresh_votes()
    desk.select(added[1])
    desk.bar.set_kind(CaptureKind.WISH)
    desk.bar.set_stage(LifecycleStage.SHARING)
    desk.bar.set_use_case(mobility.public_id)
    type_text(qtbot, desk.bar.field, "Un identifiant commun pour les arrets")
    desk.page.resize(1400, 860)
    qtbot.waitUntil(lambda: desk.page.width() == 1400)
    assert desk.page.grab().save(str(screenshots(tmp_path) / "capture-page.png"))


def test_inside_the_main_window_f2_edits_the_card_and_ctrl_z_undoes(
    qtbot: QtBot, ready: MainWindow, store: Store, prompts: FakePrompts
) -> None:
    workshop = seed(store, "Atelier de Toulon")
    ready.workshops.store_opened()
    assert ready.workshops.select(workshop.public_id)
    ready.workshops.open_action.trigger()
    dialogs = FakeCaptureDialogs()
    presenter = CapturePresenter(store, ready.operations, workshop.public_id, dialogs=dialogs)
    ready.workshop_view.show_body(presenter.page)
    _card, changes = captures.add_capture(store, workshop.public_id, CaptureKind.IRRITANT, "Fautte")
    presenter.refresh(changes)
    view = presenter.page.wall.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(presenter.model.index(0, 0))
    assert ready.workshops.edit_action.isEnabled()  # the window's own F2 is live too

    dialogs.edits.append(lambda capture: capture._replace(text="Faute"))
    press(qtbot, view, Qt.Key.Key_F2)
    assert [c.text for c in captures.list_captures(store, workshop.public_id)] == ["Faute"]
    assert prompts.fields_asked == []  # the card's F2, not the workshop's
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert presenter.model.capture(0).text == "Fautte"

    prompts.cancel()  # outside the wall, F2 still edits the workshop
    presenter.page.bar.field.setFocus()
    qtbot.waitUntil(presenter.page.bar.field.hasFocus)
    press(qtbot, presenter.page.bar.field, Qt.Key.Key_F2)
    assert len(prompts.fields_asked) == 1
    presenter.close()


def test_the_edit_dialog_keeps_the_text_exactly_and_refuses_an_empty_one(desk: Desk) -> None:
    card = desk.add("Texte\u00a0: «\u00a0exact\u00a0»", stage=LifecycleStage.USE)
    dialog = CaptureEditDialog(desk.page, card, [], check_card)
    assert dialog.edited() == card  # unchanged fields give the card back as it was
    dialog.text_edit.setPlainText("   ")
    dialog.accept()
    assert dialog.result() == 0 and "vide" in dialog.error_label.text()
    dialog.text_edit.setPlainText("Nouveau\u00a0texte\n<i>brut</i>")
    dialog.kind_choice.setCurrentIndex(dialog.kind_choice.findData(CaptureKind.ACTION.value))
    dialog.accept()
    edited = dialog.edited()
    assert dialog.result() == 1
    assert (edited.text, edited.kind, edited.stage) == (
        "Nouveau\u00a0texte\n<i>brut</i>",
        CaptureKind.ACTION,
        LifecycleStage.USE,
    )
