"""Use cases on the capture page: Ctrl+Shift+U adds one (undoable), the « Cas d'usage » menu
renames it, sets its territory and deletes it, each undone in one step."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.services import use_cases

from .helpers import press
from .test_capture_fixtures import Desk, desk_fixture  # noqa: F401 (desk_fixture: the desk fixture)

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def headings(desk: Desk) -> list[str]:
    return [p.section.title for p in desk.view.geometry_now().placed]


def menu_action(menu: QMenu, *path: str) -> QAction:
    """The action reached by the menu texts ``path`` (sub-menus, then the action)."""
    for text in path[:-1]:
        found = next(a for a in menu.actions() if a.text() == text)
        sub = found.menu()
        assert isinstance(sub, QMenu)
        menu = sub
    return next(a for a in menu.actions() if a.text().split("\t")[0] == path[-1])


def chosen(desk: Desk) -> uuid.UUID | None:
    """The capture bar's use case (read through a call: an earlier assert narrows no type)."""
    return desk.bar.use_case_id


def use_case_menu(desk: Desk) -> QMenu:
    desk.page.wall.fill_use_case_menu()  # what opening the « Cas d'usage » button does
    return desk.page.wall.use_case_menu


def test_ctrl_shift_u_adds_a_use_case_that_undo_takes_back(qtbot: QtBot, desk: Desk) -> None:
    desk.dialogs.titles.append("Qualité de l'air")
    press(qtbot, desk.bar.field, Qt.Key.Key_U, CTRL | SHIFT)

    (created,) = use_cases.list_use_cases(desk.store, desk.workshop_id)
    assert created.title == "Qualité de l'air"
    assert (
        desk.window.undo_stack.undoText() == "Ajouter le cas d'usage «\u00a0Qualité de l'air\u00a0»"
    )
    assert desk.bar.use_case_id == created.public_id
    assert desk.bar.use_case_chip.text() == "Qualité de l'air"

    desk.undo()
    assert use_cases.list_use_cases(desk.store, desk.workshop_id) == []
    assert chosen(desk) is None and desk.bar.use_case_chip.text() == "Sans cas d'usage"
    desk.redo()
    assert use_cases.list_use_cases(desk.store, desk.workshop_id) == [created]  # same id

    desk.dialogs.titles.append(None)  # cancelled: nothing asked of the store
    press(qtbot, desk.bar.field, Qt.Key.Key_U, CTRL | SHIFT)
    assert len(use_cases.list_use_cases(desk.store, desk.workshop_id)) == 1


def test_the_menu_renames_sets_the_territory_and_deletes(qtbot: QtBot, desk: Desk) -> None:
    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité")
    desk.presenter.refresh(changes)
    card = desk.add("Horaires en PDF", CaptureKind.IRRITANT, use_case_id=mobility.public_id)
    desk.add("Sans cas", CaptureKind.WISH)
    assert headings(desk) == ["Mobilité", "Sans cas d'usage"]

    desk.dialogs.titles.append("Mobilité douce")
    menu_action(use_case_menu(desk), "Mobilité", "Renommer…").trigger()
    assert headings(desk) == ["Mobilité douce", "Sans cas d'usage"]
    assert desk.window.undo_stack.undoText() == "Renommer le cas d'usage «\u00a0Mobilité\u00a0»"

    desk.dialogs.territories.append("Métropole Toulon Provence Méditerranée")
    menu_action(use_case_menu(desk), "Mobilité douce", "Territoire…").trigger()
    stored = use_cases.get_use_case(desk.store, mobility.public_id)
    assert stored.territory == "Métropole Toulon Provence Méditerranée"
    titles = [a.text() for a in use_case_menu(desk).actions()]
    assert "Mobilité douce — Métropole Toulon Provence Méditerranée" in titles

    menu_action(
        use_case_menu(desk),
        "Mobilité douce — Métropole Toulon Provence Méditerranée",
        "Supprimer le cas d'usage",
    ).trigger()
    assert headings(desk) == ["Sans cas d'usage"]  # its card now has no use case
    assert desk.model.capture(desk.model.row_of(card.public_id) or 0).use_case_id is None
    assert desk.bar.use_cases == []

    desk.undo()  # back, with its card under it
    assert headings(desk) == ["Mobilité douce", "Sans cas d'usage"]
    assert desk.model.capture(desk.model.row_of(card.public_id) or 0).use_case_id == (
        mobility.public_id
    )
    desk.undo()
    assert use_cases.get_use_case(desk.store, mobility.public_id).territory == ""
    desk.undo()
    assert headings(desk) == ["Mobilité", "Sans cas d'usage"]


def test_a_heading_offers_the_use_case_actions(desk: Desk) -> None:
    mobility, changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité")
    desk.presenter.refresh(changes)
    desk.add("Horaires en PDF", use_case_id=mobility.public_id)
    placed = desk.view.geometry_now().placed[0]
    assert desk.view.use_case_at(QPoint(30, placed.top + 4)) == mobility.public_id
    assert desk.view.use_case_at(QPoint(30, placed.cards_top + 10)) is None  # on a card
    menu = QMenu()
    desk.page.wall.menus.fill_one(menu, mobility, [])
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "Renommer…",
        "Territoire…",
        "Joindre une photo…",
        "Voir les photos (0)",
        "Supprimer le cas d'usage",
    ]
    assert not menu_action(menu, "Voir les photos (0)").isEnabled()
