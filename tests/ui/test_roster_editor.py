"""The roster editor: quick add, edits in place, arrivals, delete with undo, CSV, sign-in sheet."""

from __future__ import annotations

import codecs
import os
import uuid
from collections import deque
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.roster_format import RosterPreview, parse_roster
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.runner.clock import FakeClock
from capadesk.core.services import participants
from capadesk.core.services.participant_commands import AddParticipant
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.people import PeopleDialogs, RosterPresenter
from capadesk.ui.people.import_dialog import ImportPreviewDialog
from capadesk.ui.people.proposal_dialog import ProposalSettings
from capadesk.ui.people.roster_model import ARRIVED, CONSENT, KM, NAME, ORGANISATION, TYPE

from .fakes import FakePrompts
from .helpers import press, seed, type_text

ROOM = [
    ("Anne Durand", "Ville de Toulon", ParticipantType.ELECTED, 12.0),
    ("Bruno Martin", "ACME Énergie", ParticipantType.COMPANY, 85.5),
    ("Chloé Roux", "ADEME", ParticipantType.PARTNER, 840.0),
    ("Denis Blanc", "Métropole TPM", ParticipantType.AGENT, 5.0),
    ("Élodie Petit", "Association Les Usagers", ParticipantType.RESIDENT, None),
    ("Farid Haddad", "Métropole TPM", ParticipantType.AGENT, 7.0),
    ("Gaëlle Nguyen", "Bouygues E&S", ParticipantType.COMPANY, 120.0),
    ("Hugo Lefèvre", "Cerema", ParticipantType.PARTNER, 310.0),
    ("Inès Moreau", "Ville de Toulon", ParticipantType.AGENT, 3.0),
    ("Julien Caron", "Chronos", ParticipantType.FACILITATOR, 600.0),
    ("Karim Benali", "La Seyne-sur-Mer", ParticipantType.ELECTED, 9.0),
    ("Laure Fabre", "Start-up Datacoop", ParticipantType.COMPANY, 15.0),
]


class FakePeopleDialogs(PeopleDialogs):
    """Queued answers instead of modal dialogs; an unexpected question fails the test."""

    def __init__(self) -> None:
        self.answers: deque[Any] = deque()
        self.previews: list[RosterPreview] = []

    def queue(self, *answers: Any) -> FakePeopleDialogs:
        self.answers.extend(answers)
        return self

    def _next(self) -> Any:
        assert self.answers, "a dialog opened that the test did not expect"
        return self.answers.popleft()

    def open_csv_path(self, parent: QWidget) -> Path | None:
        return self._next()  # type: ignore[no-any-return]

    def save_path(self, parent: QWidget, title: str, suggested: str, suffix: str) -> Path | None:
        return self._next()  # type: ignore[no-any-return]

    def confirm_import(self, parent: QWidget, preview: RosterPreview) -> bool | None:
        self.previews.append(preview)
        return self._next()  # type: ignore[no-any-return]

    def choose_workshop(
        self, parent: QWidget, workshops: list[WorkshopSummary]
    ) -> WorkshopSummary | None:
        return self._next()  # type: ignore[no-any-return]

    def proposal_settings(
        self, parent: QWidget, initial: ProposalSettings, use_cases: bool, challenges: bool
    ) -> ProposalSettings | None:
        return self._next()  # type: ignore[no-any-return]

    def group_name(self, parent: QWidget, title: str, suggested: str) -> str | None:
        return self._next()  # type: ignore[no-any-return]

    def challenge_titles(self, parent: QWidget) -> list[str] | None:
        return self._next()  # type: ignore[no-any-return]


def fill_room(store: Store, workshop_id: uuid.UUID, count: int = len(ROOM)) -> None:
    for name, organisation, kind, km in ROOM[:count]:
        participants.add_participant(
            store, workshop_id, ParticipantFields(name, organisation, kind, "Var", km)
        )


class Roster:
    def __init__(self, presenter: RosterPresenter, store: Store, ready: MainWindow) -> None:
        self.presenter, self.store, self.window = presenter, store, ready
        self.view = presenter.view
        self.dialogs = FakePeopleDialogs()
        presenter._dialogs = self.dialogs
        self.workshop_id = presenter.workshop_id

    def stored(self) -> list[str]:
        return [p.name for p in participants.list_participants(self.store, self.workshop_id)]

    def shown(self) -> list[str]:
        proxy = self.view.proxy
        return [str(proxy.index(row, NAME).data()) for row in range(proxy.rowCount())]

    def index(self, name: str, column: int) -> Any:
        proxy = self.view.proxy
        row = self.shown().index(name)
        return proxy.index(row, column)


CLOCK = FakeClock()


@pytest.fixture
def roster(qtbot: QtBot, ready: MainWindow, store: Store) -> Roster:
    workshop = seed(store, "Atelier de Toulon", place="Toulon", programme="CAPACities")
    presenter = RosterPresenter(
        store,
        workshop.public_id,
        ready.operations,
        ready.prompts,
        PeopleDialogs(),
        ready,
        clock=CLOCK,
    )
    qtbot.addWidget(presenter.view)
    presenter.view.resize(1100, 620)
    return Roster(presenter, store, ready)


def test_quick_add_with_enter_then_undo_and_redo(qtbot: QtBot, roster: Roster) -> None:
    view = roster.view
    view.show()
    qtbot.waitExposed(view)
    view.name_edit.setFocus()
    type_text(qtbot, view.organisation_edit, "ADEME")
    view.type_choice.setCurrentIndex(view.type_choice.findData(ParticipantType.PARTNER.value))
    type_text(qtbot, view.name_edit, "Chloe Roux")  # QTest types ASCII only
    with qtbot.waitSignal(roster.window.operations.changes_made):
        press(qtbot, view.name_edit, Qt.Key.Key_Return)
    [chloe] = participants.list_participants(roster.store, roster.workshop_id)
    assert (chloe.name, chloe.organisation, chloe.type) == (
        "Chloe Roux",
        "ADEME",
        ParticipantType.PARTNER,
    )
    assert view.name_edit.text() == view.organisation_edit.text() == ""  # ready for the next
    assert roster.shown() == ["Chloe Roux"]
    assert view.count_label.text() == "1 participant(s), 0 arrivé(s) — Partenaires\u00a01"
    roster.window.undo_stack.undo()
    assert roster.stored() == roster.shown() == []
    roster.window.undo_stack.redo()
    assert roster.shown() == ["Chloe Roux"]


def test_cells_edit_the_store_and_bad_values_are_refused(
    roster: Roster, prompts: FakePrompts
) -> None:
    fill_room(roster.store, roster.workshop_id, 3)
    roster.presenter.reload()
    proxy = roster.view.proxy
    assert proxy.setData(roster.index("Anne Durand", NAME), "Anne Durand-Roux")
    assert roster.stored()[0] == "Anne Durand-Roux"
    proxy.setData(roster.index("Bruno Martin", KM), "42,5")
    proxy.setData(roster.index("Bruno Martin", ORGANISATION), "ACME")
    proxy.setData(
        roster.index("Chloé Roux", CONSENT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    people = {p.name: p for p in participants.list_participants(roster.store, roster.workshop_id)}
    assert (people["Bruno Martin"].km_travelled, people["Bruno Martin"].organisation) == (
        42.5,
        "ACME",
    )
    assert people["Chloé Roux"].consent_named
    assert roster.index("Bruno Martin", KM).data() == "42,5"

    assert not proxy.setData(roster.index("Bruno Martin", KM), "loin")
    proxy.setData(roster.index("Chloé Roux", NAME), "   ")
    assert prompts.errors == [
        "Km parcourus\u00a0: «\u00a0loin\u00a0» n'est pas un nombre.",
        "Le nom ne peut pas être vide.",
    ]
    assert roster.index("Chloé Roux", NAME).data() == "Chloé Roux"  # shown as stored
    roster.window.undo_stack.undo()  # the consent tick
    assert not participants.list_participants(roster.store, roster.workshop_id)[2].consent_named


def test_the_type_column_edits_with_a_list(roster: Roster) -> None:
    fill_room(roster.store, roster.workshop_id, 1)
    roster.presenter.reload()
    index = roster.index("Anne Durand", TYPE)
    assert index.data() == "Collectivité — élu"
    delegate = roster.view.type_delegate
    editor = delegate.createEditor(roster.view.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "Collectivité — élu"
    assert [editor.itemText(i) for i in range(editor.count())] == [t.label for t in ParticipantType]
    editor.setCurrentIndex(editor.findData(ParticipantType.AGENT.value))
    delegate.setModelData(editor, roster.view.proxy, index)
    assert (
        participants.list_participants(roster.store, roster.workshop_id)[0].type
        is ParticipantType.AGENT
    )
    editor.deleteLater()


def test_arrival_box_stamps_the_clock_time_and_undoes(roster: Roster) -> None:
    fill_room(roster.store, roster.workshop_id, 2)
    roster.presenter.reload()
    proxy = roster.view.proxy
    index = roster.index("Bruno Martin", ARRIVED)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    bruno = participants.list_participants(roster.store, roster.workshop_id)[1]
    assert bruno.arrived_at == CLOCK.now()
    index = roster.index("Bruno Martin", ARRIVED)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert index.data() == CLOCK.now().astimezone().strftime("%H:%M")
    assert roster.view.count_label.text().startswith("2 participant(s), 1 arrivé(s)")
    assert roster.window.undo_stack.undoText() == "Noter l'arrivée de «\u00a0Bruno Martin\u00a0»"
    roster.window.undo_stack.undo()
    assert participants.list_participants(roster.store, roster.workshop_id)[1].arrived_at is None


def test_delete_selected_then_undo_brings_them_back(qtbot: QtBot, roster: Roster) -> None:
    fill_room(roster.store, roster.workshop_id, 4)
    roster.presenter.reload()
    view = roster.view
    assert not view.delete_action.isEnabled()
    view.table.selectRow(1)
    assert view.delete_action.isEnabled()
    view.delete_action.trigger()
    assert roster.stored() == roster.shown() == ["Anne Durand", "Chloé Roux", "Denis Blanc"]
    roster.window.undo_stack.undo()
    assert roster.shown() == ["Anne Durand", "Bruno Martin", "Chloé Roux", "Denis Blanc"]


def test_search_filters_accents_and_case_aside(roster: Roster) -> None:
    fill_room(roster.store, roster.workshop_id)
    roster.presenter.reload()
    roster.view.search_edit.setText("metropole")
    assert roster.shown() == ["Denis Blanc", "Farid Haddad"]
    roster.view.search_edit.setText("ELODIE")
    assert roster.shown() == ["Élodie Petit"]
    roster.view.search_edit.clear()
    assert len(roster.shown()) == len(ROOM)


def test_a_change_made_elsewhere_refreshes_the_table(roster: Roster) -> None:
    command = AddParticipant(roster.workshop_id, ParticipantFields("Zoé Ailleurs"))
    assert roster.window.operations.execute(command)
    assert roster.shown() == ["Zoé Ailleurs"]


def test_import_shows_a_preview_then_imports_in_one_undoable_step(
    roster: Roster, tmp_path: Path
) -> None:
    path = tmp_path / "inscrits.csv"
    path.write_bytes(
        "Prénom;Nom;Structure;Type\nAnne;Durand;Toulon;élue\nBruno;Martin;ACME;privé\n"
        "Zoé;X;Y;martienne\n".encode("cp1252")
    )
    roster.dialogs.queue(path, True)  # the file, then « import the valid lines »
    roster.view.import_action.trigger()
    [preview] = roster.dialogs.previews
    assert [str(e) for e in preview.errors] == [
        "Ligne 4\u00a0: type «\u00a0martienne\u00a0» inconnu (attendu\u00a0: Collectivité — élu, "
        "Collectivité — agent, Entreprise, Partenaire institutionnel, Animateur, Usager / habitant)"
    ]
    assert roster.shown() == ["Anne Durand", "Bruno Martin"]
    assert roster.window.undo_stack.undoText() == "Importer 2 participant(s)"
    assert "2 participant(s) importé(s) depuis inscrits.csv" in roster.view.status_label.text()
    roster.window.undo_stack.undo()
    assert roster.stored() == []


def test_a_malformed_file_says_why_and_changes_nothing(
    roster: Roster, prompts: FakePrompts, tmp_path: Path
) -> None:
    fill_room(roster.store, roster.workshop_id, 1)
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Organisation\nBruno;ACME\n", encoding="utf-8")
    roster.dialogs.queue(path)
    roster.view.import_action.trigger()
    assert prompts.errors[0].startswith(
        "Rien n'a été importé\u00a0: Colonne «\u00a0type\u00a0» introuvable."
    )
    assert roster.stored() == ["Anne Durand"]
    roster.dialogs.queue(None)  # cancelled: nothing happens
    roster.view.import_action.trigger()
    assert len(prompts.errors) == 1


def test_preview_dialog_lists_lines_and_errors_and_guards_the_import(qtbot: QtBot) -> None:
    data = "Nom;Type\nAnne;élu\nBruno;??\nChloé;agent\n".encode()
    preview = parse_roster(data, now=CLOCK.now())
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    item = dialog.table.item(1, 1)
    assert item is not None and item.text() == "Chloé"
    assert dialog.errors.count() == 1
    assert dialog.errors.item(0).text().startswith("Ligne 3\u00a0: type «\u00a0??\u00a0» inconnu")
    assert not dialog.import_button.isEnabled()  # an error and « import anyway » unticked
    dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.skip_invalid
    clean = ImportPreviewDialog(parse_roster("Nom;Type\nAnne;élu\n".encode(), now=CLOCK.now()))
    qtbot.addWidget(clean)
    assert clean.import_button.isEnabled() and not clean.skip_box.isVisibleTo(clean)


def test_export_csv_and_print_the_sign_in_sheet(roster: Roster, tmp_path: Path) -> None:
    fill_room(roster.store, roster.workshop_id)
    roster.presenter.reload()
    csv_path, pdf_path = tmp_path / "liste.csv", tmp_path / "emargement.pdf"
    roster.dialogs.queue(csv_path, pdf_path)
    roster.view.export_action.trigger()
    assert csv_path.read_bytes().startswith(codecs.BOM_UTF8 + b"Nom;Organisation;Type")
    assert "12 participant(s) exporté(s) dans liste.csv" in roster.view.status_label.text()
    roster.view.sheet_action.trigger()
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Atelier de Toulon" in text and "Gaëlle Nguyen" in text


def test_copy_the_roster_of_another_workshop_of_the_programme(
    roster: Roster, store: Store, prompts: FakePrompts
) -> None:
    other = seed(store, "Atelier de Lisieux", programme="CAPACities")
    fill_room(store, other.public_id, 3)
    roster.dialogs.queue(other)
    roster.view.copy_action.trigger()
    assert roster.shown() == ["Anne Durand", "Bruno Martin", "Chloé Roux"]
    assert (
        roster.window.undo_stack.undoText()
        == "Reprendre la liste de «\u00a0Atelier de Lisieux\u00a0»"
    )
    lonely = seed(store, "Seul")
    presenter = RosterPresenter(
        store,
        lonely.public_id,
        roster.window.operations,
        prompts,
        FakePeopleDialogs(),
        roster.window,
    )
    presenter.view.copy_action.trigger()
    assert prompts.errors == [
        "Aucun autre atelier du même programme\u00a0: rattachez d'abord cet atelier à un programme."
    ]


def test_a_screenshot_of_the_roster(roster: Roster, tmp_path: Path) -> None:
    fill_room(roster.store, roster.workshop_id)
    people = participants.list_participants(roster.store, roster.workshop_id)
    for person in people[:7]:
        participants.mark_arrived(roster.store, person.public_id, CLOCK.now())
    participants.update_participant(
        roster.store,
        people[0].public_id,
        ParticipantFields(
            "Anne Durand", "Ville de Toulon", ParticipantType.ELECTED, "Toulon", 12, True
        ),
    )
    roster.presenter.reload()
    roster.view.table.selectRow(2)
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    assert roster.view.grab().save(str(folder / "roster.png"))
