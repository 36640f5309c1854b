"""The persona tool: a card filled from the keyboard, its picture, a « Comment pourrions-nous ? »
from a frustration, undo, the programme's library, and what the projection shows."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services import personas
from capadesk.ui.tools.fields import CommitLine
from capadesk.ui.tools.persona_presenter import PersonaPresenter
from capadesk.ui.tools.persona_slide import PersonaCanvas
from tests.core.test_lego import write_photo

from .helpers import press, seed
from .test_capture_fixtures import screenshots, type_unicode
from .test_tool_fixtures import Tools, drawn, tools_fixture  # noqa: F401 (fixture)

CARD = {
    "name": "Chloé",
    "age": "32",
    "family": "Célibataire",
    "home": "Paris 11e",
    "profession": "Comptable",
    "personality": "Impliquée, toujours pressée",
    "interests": "Course à pied\nVie associative",
    "expectations": "Des démarches en ligne\nUne réponse rapide",
    "frustrations": "Trouver une place pour le déménagement\nLes horaires de la mairie",
    "motivations": "Gagner du temps\nNe pas gêner ses voisins",
}


def fill(qtbot: QtBot, presenter: PersonaPresenter) -> None:
    """Type the card field by field, Tab to move on (as the note-taker does)."""
    page = presenter.page
    for key, value in CARD.items():
        field = page.fields[key]
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        for index, line in enumerate(value.split("\n")):
            if index:
                press(qtbot, field, Qt.Key.Key_Return)
            type_unicode(field, line)
        press(qtbot, field, Qt.Key.Key_Tab)


def test_fill_a_persona_and_project_it(tools: Tools, tmp_path: Path, qtbot: QtBot) -> None:
    presenter = tools.open(ActivityKind.PERSONA)
    assert isinstance(presenter, PersonaPresenter)
    fill(qtbot, presenter)
    (stored,) = personas.library(tools.store, tools.workshop_id)
    card = stored.value
    assert (card.name, card.age, card.home) == ("Chloé", 32, "Paris 11e")
    assert card.frustrations == (
        "Trouver une place pour le déménagement",
        "Les horaires de la mairie",
    )
    # A picture.
    tools.dialogs.files.append(write_photo(tmp_path / "chloe.jpg", (300, 400)))
    presenter.page.photo_button.click()
    assert personas.library(tools.store, tools.workshop_id)[0].photo_id is not None
    assert not presenter.page.picture.pixmap().isNull()
    # « Comment pourrions-nous ? » from the first frustration.
    page = presenter.page
    assert page.frustration.currentText() == "Trouver une place pour le déménagement"
    assert page.question.text() == "Comment pourrions-nous aider Chloé à "
    page.question.setFocus()
    type_unicode(page.question, "réserver une place à distance")
    press(qtbot, page.question, Qt.Key.Key_Return)
    (question,) = personas.library(tools.store, tools.workshop_id)[0].value.questions
    assert (
        question.question
        == "Comment pourrions-nous aider Chloé à réserver une place à distance\u00a0?"
    )
    assert question.frustration == "Trouver une place pour le déménagement"
    page.solution.setFocus()
    type_unicode(page.solution, "Une demande en ligne")
    press(qtbot, page.question, Qt.Key.Key_Tab)
    assert personas.library(tools.store, tools.workshop_id)[0].value.questions[0].solution == (
        "Une demande en ligne"
    )
    # The room sees the card, the picture and the question.
    slide = tools.project(presenter)
    assert isinstance(slide, PersonaCanvas)
    shown = drawn(slide)
    for expected in (
        "Chloé",
        "32\u00a0ans, Comptable",
        "Paris 11e",
        "• Gagner du temps",
        "Frustrations",
        question.question,
    ):
        assert expected in shown
    assert slide.photo is not None
    assert slide.grab().save(str(screenshots(tmp_path) / "persona.png"))
    assert page.grab().save(str(screenshots(tmp_path) / "persona-page.png"))


def test_undo_takes_a_new_persona_away_and_the_library_is_shared(
    tools: Tools, qtbot: QtBot
) -> None:
    presenter = tools.open(ActivityKind.PERSONA)
    assert isinstance(presenter, PersonaPresenter)
    name = presenter.page.fields["name"]
    assert isinstance(name, CommitLine)
    name.setFocus()
    type_unicode(name, "Bernard")
    press(qtbot, name, Qt.Key.Key_Return)
    assert [d.value.name for d in personas.library(tools.store, tools.workshop_id)] == ["Bernard"]
    assert presenter.page.library.count() == 1
    slide = tools.project(presenter)
    assert "Bernard" in drawn(slide)
    sibling = seed(tools.store, "Atelier de Chamonix", programme="CAPACities 2022")
    assert [d.value.name for d in personas.library(tools.store, sibling.public_id)] == ["Bernard"]
    tools.undo()
    assert personas.library(tools.store, tools.workshop_id) == []
    assert presenter.page.library.count() == 0 and name.text() == ""
    assert "Bernard" not in drawn(slide)
    tools.redo()
    assert presenter.page.library.count() == 1 and name.text() == "Bernard"


def test_a_refused_age_says_why_and_saves_nothing(tools: Tools, qtbot: QtBot) -> None:
    presenter = tools.open(ActivityKind.PERSONA)
    assert isinstance(presenter, PersonaPresenter)
    age = presenter.page.fields["age"]
    age.setFocus()
    type_unicode(age, "trois cents")
    press(qtbot, age, Qt.Key.Key_Return)
    assert "âge" in presenter.message.text() and presenter.message.isVisible()
    assert personas.library(tools.store, tools.workshop_id) == []
