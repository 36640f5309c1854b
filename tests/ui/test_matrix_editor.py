"""The matrix page: chosen per use case, filled with the keyboard alone (arrows, Tab, typing,
Enter), amounts checked and totalled, undone from the window's history, shown on the projection."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import deque
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from capadesk.core.domain.matrix import builtin_templates
from capadesk.core.domain.matrix_grid import LineKind
from capadesk.core.services import matrices, use_cases
from capadesk.core.services.matrices import MatrixView
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.matrices import MatrixDialogs, MatrixPresenter

from .fakes import FakePrompts
from .helpers import press, seed
from .test_capture_fixtures import screenshots, type_unicode

PORT = "Cas d'usage «\u00a0Port de Fécamp\u00a0»"


class FakeMatrixDialogs(MatrixDialogs):
    """Queued answers instead of modal dialogs."""

    def __init__(self) -> None:
        self.names: deque[str | None] = deque()
        self.paths: deque[Path | None] = deque()
        self.formats: deque[str | None] = deque()

    def stakeholder_name(self, parent: QWidget, current: str) -> str | None:
        assert self.names, "a stakeholder's name was asked that the test did not expect"
        return self.names.popleft()

    def save_pdf_path(self, parent: QWidget, title: str, suggested: str) -> Path | None:
        assert self.paths, "a PDF path was asked that the test did not expect"
        return self.paths.popleft()

    def page_format(self, parent: QWidget) -> str | None:
        assert self.formats, "a page format was asked that the test did not expect"
        return self.formats.popleft()


class Page:
    """The matrix page under test, and how the tests read it."""

    def __init__(self, window: MainWindow, store: Store, workshop_id: uuid.UUID) -> None:
        self.window, self.store, self.workshop_id = window, store, workshop_id
        self.dialogs = FakeMatrixDialogs()
        self.presenter = MatrixPresenter(
            store, window.operations, workshop_id, builtin_templates(), self.dialogs, window
        )
        self.editor = self.presenter.editor
        self.grid = self.editor.grid
        self.model = self.editor.model

    def shown_matrix(self) -> MatrixView | None:
        """The matrix the page shows (read afresh: each click may change it)."""
        return self.presenter.matrix

    def current_key(self) -> str:
        return self.model.key_at(self.grid.currentIndex())

    def stored(self, key: str) -> object:
        assert self.presenter.matrix is not None
        return matrices.get_matrix(self.store, self.presenter.matrix.public_id).filled.raw(key)

    def shown(self, key: str) -> str:
        return str(self.model.index_of_key(key).data())

    def type(self, text: str) -> None:
        """Type on the grid: the first key opens the editor, the others go into it."""
        type_unicode(self.grid, text[0])
        editor = self.grid.current_editor()
        assert editor is not None, "typing did not start editing"
        if text[1:]:
            type_unicode(editor, text[1:])

    def enter(self) -> None:
        """Enter in the open editor (it saves and goes down)."""
        editor = self.grid.current_editor()
        assert isinstance(editor, QPlainTextEdit | QLineEdit)
        press_key(editor, Qt.Key.Key_Return)


def press_key(widget: QWidget, key: Qt.Key) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


@pytest.fixture
def page(qtbot: QtBot, ready: MainWindow, store: Store) -> Page:
    workshop = seed(store, "Atelier de Caux", place="Le Havre", day=dt.date(2022, 6, 2))
    use_cases.add_use_case(store, workshop.public_id, "Port de Fécamp")
    opened = Page(ready, store, workshop.public_id)
    editor = opened.editor
    qtbot.addWidget(editor)
    editor.resize(1280, 760)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return opened


def test_the_chooser_offers_one_matrix_per_use_case_created_on_demand(
    qtbot: QtBot, page: Page
) -> None:
    page.presenter.choose("analyse-cout-benefice", PORT)
    assert page.presenter.matrix is None
    assert page.editor.create_button.isEnabled()
    assert "Pas encore de matrice" in page.editor.status_label.text()
    assert page.model.rowCount() == 0

    page.editor.create_button.click()

    created = page.shown_matrix()
    assert created is not None
    assert created.owner == "Port de Fécamp"
    assert not page.editor.create_button.isEnabled()
    heads = page.presenter.rows_of_kind(LineKind.HEADER)
    assert len(heads) == 3  # pourquoi, impacts, bilan
    assert page.current_key() == "/pourquoi/pourquoi-1/reponse"  # ready to type
    page.presenter.choose("analyse-cout-benefice", "Tout l'atelier")
    assert page.presenter.matrix is None  # another owner, another matrix
    page.window.undo_action.trigger()
    page.presenter.choose("analyse-cout-benefice", PORT)
    assert page.presenter.matrix is None  # the creation was undone


def test_the_grid_is_filled_with_the_keyboard_and_undone(qtbot: QtBot, page: Page) -> None:
    page.presenter.choose("analyse-cout-benefice", PORT)
    page.editor.create_button.click()
    page.grid.setFocus()
    qtbot.waitUntil(page.grid.hasFocus)

    # Typing starts editing; Enter saves and goes down the column.
    page.type("Réduire les tournées à vide")
    page.enter()
    assert page.stored("/pourquoi/pourquoi-1/reponse") == "Réduire les tournées à vide"
    assert page.current_key() == "/pourquoi/pourquoi-2/reponse"

    # Tab goes to the next cell; gommettes typed as dots; the total follows.
    press(qtbot, page.grid, Qt.Key.Key_Tab)
    assert page.current_key() == "/pourquoi/pourquoi-2/gommettes"
    page.type("4")
    page.enter()
    assert page.stored("/pourquoi/pourquoi-2/gommettes") == 4
    total_row = page.presenter.rows_of_kind(LineKind.TOTAL)[0]
    assert page.model.index(total_row, 2).data() == "4\u00a0gommettes"

    # Arrows skip heads, bands and totals: down from the last « pourquoi » to the first cost.
    assert page.current_key() == "/pourquoi/pourquoi-3/gommettes"
    press(qtbot, page.grid, Qt.Key.Key_Down)
    assert page.current_key() == "/impacts/collectivite-investissement/couts"
    page.type("Capteurs : 40 000 €")
    page.enter()
    assert page.stored("/impacts/collectivite-investissement/couts") == [
        {"text": "Capteurs", "value": "40000", "unit": "€"}
    ]
    assert "40\u202f000\u00a0€" in page.shown("/impacts/collectivite-investissement/couts")

    # Enter on a cell edits what it holds; Delete empties it.
    press(qtbot, page.grid, Qt.Key.Key_Up)
    press(qtbot, page.grid, Qt.Key.Key_Return)
    editor = page.grid.current_editor()
    assert isinstance(editor, QPlainTextEdit)
    # (A plain-text editor shows non-breaking spaces as plain ones; they read back the same.)
    assert editor.toPlainText() == "Capteurs : 40\u202f000 €"
    press_key(editor, Qt.Key.Key_Escape)
    press(qtbot, page.grid, Qt.Key.Key_Delete)
    assert page.stored("/impacts/collectivite-investissement/couts") is None

    # The window's history undoes each step, in order.
    page.window.undo_action.trigger()
    assert page.stored("/impacts/collectivite-investissement/couts") is not None
    assert "Capteurs" in page.shown("/impacts/collectivite-investissement/couts")
    page.window.undo_action.trigger()
    page.window.undo_action.trigger()
    assert page.stored("/pourquoi/pourquoi-2/gommettes") is None
    assert page.shown("/pourquoi/pourquoi-2/gommettes") == ""
    assert page.model.index(total_row, 2).data() == "—"
    page.window.redo_action.trigger()
    assert page.stored("/pourquoi/pourquoi-2/gommettes") == 4


def test_a_wrong_amount_is_refused_and_the_total_is_french(
    qtbot: QtBot, page: Page, prompts: FakePrompts
) -> None:
    page.presenter.choose("creation-de-valeur", PORT)
    page.editor.create_button.click()
    page.grid.setCurrentIndex(page.model.index_of_key("/maitrise/maitrise/valeur"))
    page.grid.setFocus()
    page.type("beaucoup")
    page.enter()
    assert prompts.errors and "n'est pas un montant" in prompts.errors[-1]
    assert page.stored("/maitrise/maitrise/valeur") is None

    page.grid.setCurrentIndex(page.model.index_of_key("/maitrise/maitrise/valeur"))
    page.type("12 500,50 €")
    page.enter()
    page.type("3 000")
    page.enter()
    total_row = page.presenter.rows_of_kind(LineKind.TOTAL)[0]
    assert page.model.index(total_row, 2).data() == "15\u202f500,50\u00a0€"
    assert page.shown("/maitrise/donnees/valeur") == "3\u202f000\u00a0€"


def test_stakeholders_are_added_and_named_from_the_page(qtbot: QtBot, page: Page) -> None:
    page.presenter.choose("analyse-cout-benefice", PORT)
    page.editor.create_button.click()
    assert page.editor.add_stakeholder_button.isVisibleTo(page.editor)
    page.dialogs.names.append("Entreprise")
    page.editor.add_stakeholder_button.click()
    bands = [page.model.rows[r].line.label for r in page.presenter.rows_of_kind(LineKind.BAND)]
    assert bands[-1].endswith("— Entreprise")
    page.grid.setCurrentIndex(page.model.index_of_key("/impacts/parties-investissement#2/couts"))
    page.editor.remove_stakeholder_button.click()
    bands = [page.model.rows[r].line.label for r in page.presenter.rows_of_kind(LineKind.BAND)]
    assert not bands[-1].endswith("— Entreprise")
    page.window.undo_action.trigger()
    bands = [page.model.rows[r].line.label for r in page.presenter.rows_of_kind(LineKind.BAND)]
    assert bands[-1].endswith("— Entreprise")


def test_pdfs_are_written_blank_and_filled(qtbot: QtBot, page: Page, tmp_path: Path) -> None:
    page.presenter.choose("fiche-action", PORT)
    page.dialogs.formats.append("a3")
    page.dialogs.paths.append(tmp_path / "vierge.pdf")
    page.editor.blank_button.click()
    assert (tmp_path / "vierge.pdf").read_bytes().startswith(b"%PDF")
    page.editor.create_button.click()
    page.dialogs.paths.append(tmp_path / "remplie.pdf")
    page.editor.pdf_button.click()
    assert (tmp_path / "remplie.pdf").read_bytes().startswith(b"%PDF")


def test_the_projection_follows_the_cell_being_filled(
    qtbot: QtBot, page: Page, tmp_path: Path
) -> None:
    page.presenter.choose("analyse-cout-benefice", PORT)
    page.editor.create_button.click()
    fill = {
        "/pourquoi/pourquoi-1/reponse": "Réduire les tournées à vide des camions-bennes",
        "/pourquoi/pourquoi-1/gommettes": "5",
        "/pourquoi/pourquoi-2/reponse": "Baisser les émissions et le bruit en centre-ville",
        "/pourquoi/pourquoi-2/gommettes": "3",
        "/impacts/collectivite-investissement/benefices": "Tournées évitées : 120 tournées",
        "/impacts/collectivite-investissement/couts": "Capteurs : 40 000 €\n"
        "Temps agents : 20 jours-homme",
        "/impacts/collectivite-fonctionnement/couts": "Maintenance : 6 000 €",
    }
    for key, typed in fill.items():
        page.model.setData(page.model.index_of_key(key), typed)
    slide = page.presenter.matrix_slide()
    qtbot.addWidget(slide)
    slide.resize(1280, 720)
    slide.show()
    qtbot.waitExposed(slide)
    page.grid.setCurrentIndex(page.model.index_of_key("/impacts/collectivite-investissement/couts"))
    assert slide.section_id == "impacts"
    shown = [r for r in range(page.model.rowCount()) if not slide.view.isRowHidden(r)]
    assert shown == list(page.model.section_rows("impacts"))
    assert "Port de Fécamp" in slide.title_label.text()
    # Typed on the laptop, on the slide at once (the same model).
    page.model.setData(
        page.model.index_of_key("/impacts/collectivite-fonctionnement/benefices"),
        "Moins de carburant : 8 000 €",
    )
    row = page.model.index_of_key("/impacts/collectivite-fonctionnement/benefices").row()
    assert "8\u202f000" in str(slide.proxy.index(row, 1).data())
    assert slide.view.font().pixelSize() >= 18

    folder = screenshots(tmp_path)
    page.grid.setCurrentIndex(page.model.index_of_key("/impacts/collectivite-fonctionnement/couts"))
    assert page.editor.grab().save(str(folder / "matrix-editor.png"))
    assert slide.grab().save(str(folder / "matrix-slide.png"))
