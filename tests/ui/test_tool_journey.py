"""The journey map tool: a persona and a framed scenario, three stages typed as columns, cells
and satisfaction from the keyboard, irritants sent to the wall, and what the projection draws."""

from __future__ import annotations

import uuid
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.journey_map import ROW_KEYS
from capadesk.core.domain.persona import Persona
from capadesk.core.domain.vocabulary import ActivityKind, CaptureKind
from capadesk.core.services import journey_maps, personas
from capadesk.core.services.captures import list_captures
from capadesk.core.services.tool_commands import PutDocument
from capadesk.ui.tools.journey_presenter import JourneyPresenter
from capadesk.ui.tools.journey_view import SATISFACTION_ROW

from .helpers import press
from .test_capture_fixtures import screenshots, type_unicode
from .test_tool_fixtures import Tools, drawn, tools_fixture  # noqa: F401 (fixture)

CELLS = {
    (0, "actions"): "Cherche sur le site\nAppelle la mairie",
    (0, "thoughts"): "« Ce sera simple »",
    (1, "frictions"): "File d'attente au guichet\nFormulaire papier",
    (1, "data_traces"): "Numéro de dossier",
    (2, "opportunities"): "Réponse par SMS",
}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_cell(qtbot: QtBot, presenter: JourneyPresenter, row: int, column: int, text: str) -> None:
    """Go to the cell, open it (F2), type the lines (Maj+Entrée between), Entrée saves."""
    grid = presenter.page.grid
    grid.setFocus()
    grid.setCurrentCell(row, column)
    press(qtbot, grid, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: focused() is not grid)
    editor = focused()
    for index, line in enumerate(text.split("\n")):
        if index:
            press(qtbot, editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        type_unicode(editor, line)
    press(qtbot, editor, Qt.Key.Key_Return)


def test_fill_a_journey_map_of_three_stages(tools: Tools, qtbot: QtBot, tmp_path: Path) -> None:
    chloe = Persona(name="Chloé", age=32)
    PutDocument(
        "x", personas.place(tools.workshop_id), uuid.uuid4(), None, personas.CODEC.content(chloe)
    ).apply(tools.store)
    presenter = tools.open(ActivityKind.JOURNEY_MAP)
    assert isinstance(presenter, JourneyPresenter)
    page = presenter.page
    page.scenario.setFocus()
    type_unicode(page.scenario, "Réserver une place pour son déménagement")
    press(qtbot, page.scenario, Qt.Key.Key_Return)
    page.persona.setCurrentIndex(1)
    page.persona.activated.emit(1)
    page.constrained.setChecked(True)
    page.constraints.setFocus()
    type_unicode(page.constraints, "délais, budget")
    press(qtbot, page.constraints, Qt.Key.Key_Return)
    for title in ("S'informer", "Faire la demande", "Le jour J"):
        page.stage.setFocus()
        type_unicode(page.stage, title)
        press(qtbot, page.stage, Qt.Key.Key_Return)
    assert page.grid.columnCount() == 3
    for (column, key), text in CELLS.items():
        type_cell(qtbot, presenter, ROW_KEYS.index(key), column, text)
    for column, score in enumerate((1, -2, 2)):
        page.grid.setCurrentCell(SATISFACTION_ROW, column)
        item = page.grid.item(SATISFACTION_ROW, column)
        assert item is not None
        item.setData(Qt.ItemDataRole.UserRole, score)  # what the list editor writes
    (stored,) = journey_maps.list_maps(tools.store, tools.workshop_id)
    journey = stored.value
    assert (journey.persona_name, journey.framing) == (
        "Chloé",
        "Avec contraintes\u00a0: délais, budget",
    )
    assert [s.title for s in journey.stages] == ["S'informer", "Faire la demande", "Le jour J"]
    for (column, key), text in CELLS.items():
        assert journey.stages[column].cell(key) == text
    assert journey.curve() == ((0, 1), (1, -2), (2, 2))
    assert page.grid.item(SATISFACTION_ROW, 1).text() == "-2 · Très insatisfait"  # type: ignore[union-attr]
    # The irritants go to the wall, once.
    assert page.send_button.text().endswith("(2)")
    page.send_button.click()
    cards = list_captures(tools.store, tools.workshop_id)
    assert [(c.kind, c.text) for c in cards] == [
        (CaptureKind.IRRITANT, "File d'attente au guichet"),
        (CaptureKind.IRRITANT, "Formulaire papier"),
    ]
    assert not page.send_button.isEnabled()
    # What the room sees.
    slide = tools.project(presenter)
    shown = drawn(slide)
    for expected in (
        "Parcours de Chloé — Réserver une place pour son déménagement",
        "Avec contraintes\u00a0: délais, budget",
        "S'informer",
        "Le jour J",
        "Cherche sur le site\nAppelle la mairie",
        "File d'attente au guichet\nFormulaire papier",
        "Traces de données",
        "Satisfaction",
        "+1",
        "-2",
        "+2",
    ):
        assert expected in shown, expected
    assert slide.grab().save(str(screenshots(tmp_path) / "journey-map.png"))
    assert page.grab().save(str(screenshots(tmp_path) / "journey-map-page.png"))
    tools.undo()  # the cards go back off the wall
    assert list_captures(tools.store, tools.workshop_id) == []
    assert page.send_button.isEnabled()


def test_moving_and_removing_stages(tools: Tools, qtbot: QtBot) -> None:
    presenter = tools.open(ActivityKind.JOURNEY_MAP)
    assert isinstance(presenter, JourneyPresenter)
    page = presenter.page
    for title in ("A", "B", "C"):
        page.stage.setFocus()
        type_unicode(page.stage, title)
        press(qtbot, page.stage, Qt.Key.Key_Return)
    page.grid.setFocus()
    page.grid.setCurrentCell(0, 2)
    press(
        qtbot,
        page.grid,
        Qt.Key.Key_Left,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    titles = [
        s.title for s in journey_maps.list_maps(tools.store, tools.workshop_id)[0].value.stages
    ]
    assert titles == ["A", "C", "B"]
    assert page.grid.currentColumn() == 1
    page.remove_button.click()
    titles = [
        s.title for s in journey_maps.list_maps(tools.store, tools.workshop_id)[0].value.stages
    ]
    assert titles == ["A", "B"]
    tools.undo()
    assert page.grid.columnCount() == 3
    assert "C" in drawn(tools.project(presenter))
