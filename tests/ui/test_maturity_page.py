"""The maturity page: three respondents entered in the room with their profile, their answers
typed 1 to 5, the picture per subject with the spread between profiles and no global score;
answers imported from a spreadsheet; an earlier assessment compared; all undone."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import deque
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from capadesk.core.domain.maturity import Profile, Stage, add_respondent, set_answer
from capadesk.core.services import maturity
from capadesk.core.services.maturity_commands import ChangeAssessment, CreateAssessment
from capadesk.core.storage.store import Store
from capadesk.ui.main_window import MainWindow
from capadesk.ui.maturity import MaturityDialogs, MaturityPresenter

from .helpers import displayed_text, press, seed
from .test_capture_fixtures import screenshots, type_unicode

FORBIDDEN = ("score", "note globale", "moyenne", "note finale", "/ 5", "/5", "%")


class FakeMaturityDialogs(MaturityDialogs):
    """Queued answers instead of modal dialogs."""

    def __init__(self) -> None:
        self.paths: deque[Path | None] = deque()
        self.confirms: deque[bool] = deque()
        self.messages: list[str] = []

    def open_csv_path(self, parent: QWidget) -> Path | None:
        assert self.paths, "a CSV file was asked that the test did not expect"
        return self.paths.popleft()

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        assert self.confirms, f"a question was asked that the test did not expect: {question}"
        return self.confirms.popleft()

    def show_message(self, parent: QWidget, message: str) -> None:
        self.messages.append(message)


class Desk:
    def __init__(self, window: MainWindow, store: Store, workshop_id: uuid.UUID) -> None:
        self.window, self.store, self.workshop_id = window, store, workshop_id
        self.dialogs = FakeMaturityDialogs()
        self.presenter = MaturityPresenter(
            store, window.operations, workshop_id, self.dialogs, window
        )
        self.page = self.presenter.page

    def stored(self) -> maturity.AssessmentView:
        assert self.presenter.current is not None
        return maturity.get_assessment(self.store, self.presenter.current.public_id)


@pytest.fixture
def desk(qtbot: QtBot, ready: MainWindow, store: Store) -> Desk:
    workshop = seed(store, "Atelier de Dunkerque", day=dt.date(2022, 9, 22))
    opened = Desk(ready, store, workshop.public_id)
    page = opened.page
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return opened


def enter_respondent(qtbot: QtBot, desk: Desk, name: str, profile: Profile, stages: str) -> None:
    """Type the name, choose the profile, Enter; then type one digit per subject, going down."""
    page = desk.page
    page.name_edit.setFocus()
    type_unicode(page.name_edit, name)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData(profile.value))
    press(qtbot, page.name_edit, Qt.Key.Key_Return)
    assert page.answers.hasFocus() or page.answers.currentIndex().row() == 0
    for digit in stages:
        type_unicode(page.answers, digit)


def visible_texts(widget: QWidget) -> list[str]:
    """The labels' texts and the buttons' and tabs' captions a person can read on the page."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QTabWidget

    texts = [
        displayed_text(label) for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    ]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    texts += [combo.currentText() for combo in widget.findChildren(QComboBox)]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return texts


def test_three_respondents_entered_in_the_room_give_a_picture_per_subject(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    page = desk.page
    page.new_button.click()
    assert desk.presenter.current is not None
    subjects = desk.presenter.current.assessment.subjects
    assert len(subjects) >= 10
    stages = displayed_text(page.stages_label)
    assert "3. Motricité : le sujet fait l'objet d'actions" in stages
    assert "1. Sommeil : le sujet n'est pas connu ou pas abordé." in stages

    enter_respondent(qtbot, desk, "Amélie Roux", Profile.IT, "4552")
    enter_respondent(qtbot, desk, "Élodie Brun", Profile.ELECTED, "1212")
    enter_respondent(qtbot, desk, "", Profile.BUSINESS, "2312")

    stored = desk.stored().assessment
    assert [(r.name, r.profile) for r in stored.respondents] == [
        ("Amélie Roux", Profile.IT),
        ("Élodie Brun", Profile.ELECTED),
        ("Métier (direction, service) 1", Profile.BUSINESS),
    ]
    first = subjects[0].id
    assert [stored.answer(r.id, first) for r in stored.respondents] == [
        Stage.REFLEXIVITY,
        Stage.SLEEP,
        Stage.AWAKENING,
    ]
    assert stored.answer("r1", subjects[3].id) is Stage.AWAKENING
    assert stored.answer("r1", subjects[4].id) is None  # four digits, four subjects
    model = page.answers_model
    assert model.index(0, 0).data() == "4 · Réflexivité"
    assert "Élodie Brun" in str(model.headerData(1, Qt.Orientation.Horizontal))

    picture = page.picture
    row = picture.rows[0]
    assert row.profile is not None
    assert row.profile.spread == 3 and row.profile.divergent  # DSI 4, élue 1, métier 2
    assert [p for p in picture.profiles] == [Profile.ELECTED, Profile.IT, Profile.BUSINESS]
    assert not picture.rows[5].profile or not picture.rows[5].profile.answers
    # No global score anywhere: not on the picture, not on the page.
    said = " ".join(picture.texts() + visible_texts(page)).casefold()
    assert not [word for word in FORBIDDEN if word in said]

    # One digit too many is undone from the window's history, answer by answer.
    desk.window.undo_action.trigger()
    assert desk.stored().assessment.answer("r3", subjects[3].id) is None
    assert model.index(3, 2).data() == ""

    page.answers.setCurrentIndex(model.index(0, 1))
    type_unicode(page.answers, "0")
    assert desk.stored().assessment.answer("r2", first) is None

    folder = screenshots(tmp_path)
    desk.window.undo_action.trigger()  # back to the élue's « Sommeil »
    assert page.grab().save(str(folder / "maturity.png"))
    slide = desk.presenter.maturity_slide()
    qtbot.addWidget(slide)
    slide.resize(1920, 1080)
    assert slide.rows == picture.rows
    assert slide.grab().save(str(folder / "maturity-slide.png"))


def test_answers_import_from_csv_and_unknown_subjects_are_added_on_request(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    desk.page.new_button.click()
    assert desk.presenter.current is not None
    subjects = desk.presenter.current.assessment.subjects
    csv = tmp_path / "réponses.csv"
    csv.write_text(
        f"Nom;Profil;{subjects[0].label};{subjects[1].label};Open data\n"
        "Anne;DSI;4;Éveil;3\nDenis;élu;1;;2\n",
        encoding="utf-8",
    )
    desk.dialogs.paths.append(csv)
    desk.dialogs.confirms.append(False)
    desk.page.import_button.click()
    assert desk.stored().assessment.respondents == ()  # refused: nothing imported

    desk.dialogs.paths.append(csv)
    desk.dialogs.confirms.append(True)
    desk.page.import_button.click()
    stored = desk.stored().assessment
    assert [r.name for r in stored.respondents] == ["Anne", "Denis"]
    assert stored.subjects[-1].label == "Open data"
    assert desk.dialogs.messages[-1] == "2 répondant(s) et 5 réponse(s) importés."
    desk.window.undo_action.trigger()
    assert desk.stored().assessment.respondents == ()


def test_an_earlier_assessment_is_compared_side_by_side(
    qtbot: QtBot, desk: Desk, store: Store
) -> None:
    earlier_workshop = seed(store, "Atelier de Lisieux", day=dt.date(2022, 4, 7))
    earlier = CreateAssessment(earlier_workshop.public_id)
    earlier.apply(store)
    before = maturity.get_assessment(store, earlier.assessment_id).assessment
    after, anne = add_respondent(before, "Anne", Profile.IT)
    after = set_answer(after, anne.id, before.subjects[0].id, Stage.SLEEP)
    ChangeAssessment(earlier.assessment_id, before, after).apply(store)

    desk.page.new_button.click()
    enter_respondent(qtbot, desk, "Anne", Profile.IT, "3")
    desk.page.tabs.setCurrentIndex(1)
    assert "Atelier de Lisieux" in desk.page.compare_combo.currentText()
    left, right = desk.page.before_picture, desk.page.after_picture
    assert "07/04/2022" in left.title and "22/09/2022" in right.title
    assert [r.label for r in left.rows] == [r.label for r in right.rows]
    first_left, first_right = left.rows[0].profile, right.rows[0].profile
    assert first_left is not None and first_right is not None
    assert (first_left.highest, first_right.highest) == (Stage.SLEEP, Stage.DRIVE)
