"""The Spider Web tool: problem, constraints opening rings 2 and 3, ideas typed ring by ring,
one dot per participant from the keyboard, and the web the projection draws."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from capadesk.core.domain import spider_web as rules
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services import spider_webs
from capadesk.core.services.participants import add_participant
from capadesk.ui.tools.spider_presenter import SpiderPresenter

from .helpers import press
from .test_capture_fixtures import screenshots, type_unicode
from .test_tool_fixtures import Tools, drawn, tools_fixture  # noqa: F401 (fixture)


def type_in(qtbot: QtBot, field: object, text: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(field, QWidget)
    field.setFocus()
    type_unicode(field, text)
    press(qtbot, field, Qt.Key.Key_Return)


def idea_item(presenter: SpiderPresenter, row: int) -> QTreeWidgetItem:
    item = presenter.page.ideas.topLevelItem(row)
    assert item is not None
    return item


def test_a_web_filled_voted_and_projected(tools: Tools, qtbot: QtBot, tmp_path: Path) -> None:
    for name in ("Ana", "Bruno", "Chloé"):
        add_participant(tools.store, tools.workshop_id, ParticipantFields(name))
    presenter = tools.open(ActivityKind.SPIDER_WEB)
    assert isinstance(presenter, SpiderPresenter)
    page = presenter.page
    type_in(qtbot, page.problem, "Comment pourrions-nous aider Chloé à réserver à distance ?")
    (board,) = spider_webs.list_webs(tools.store, tools.workshop_id)
    assert board.value.participants == 3  # one dot per person on the roster
    for idea in ("Guichet en ligne", "Appli mobile", "Borne au port"):
        type_in(qtbot, page.idea, idea)
    press(qtbot, page.idea, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    type_in(qtbot, page.idea, "Trop tôt")
    assert "cercle 2 s'ouvre" in presenter.message.text().lower()
    page.idea.clear()
    type_in(qtbot, page.constraints[2], "Je ne peux pas me déplacer en mairie")
    page.ring.setCurrentIndex(1)
    type_in(qtbot, page.idea, "La mairie vient à moi")
    type_in(qtbot, page.constraints[3], "Nous sommes en 2050")
    page.ring.setCurrentIndex(2)
    type_in(qtbot, page.idea, "Un agent virtuel")
    web = spider_webs.list_webs(tools.store, tools.workshop_id)[0].value
    assert [(i.ring, i.text) for i in web.ideas] == [
        (1, "Guichet en ligne"),
        (1, "Appli mobile"),
        (1, "Borne au port"),
        (2, "La mairie vient à moi"),
        (3, "Un agent virtuel"),
    ]
    # Dots from the keyboard: « + » on the selected idea, one per participant at most.
    page.ideas.setFocus()
    page.ideas.setCurrentItem(idea_item(presenter, 3))
    press(qtbot, page.ideas, Qt.Key.Key_Plus)
    press(qtbot, page.ideas, Qt.Key.Key_Plus)
    page.ideas.setCurrentItem(idea_item(presenter, 4))
    press(qtbot, page.ideas, Qt.Key.Key_Plus)
    press(qtbot, page.ideas, Qt.Key.Key_Plus)
    assert "toutes posées" in presenter.message.text()
    web = spider_webs.list_webs(tools.store, tools.workshop_id)[0].value
    assert [i.dots for i in web.ideas] == [0, 0, 0, 2, 1]
    assert [i.text for i in rules.kept_ideas(web)] == ["La mairie vient à moi", "Un agent virtuel"]
    slide = tools.project(presenter)
    shown = drawn(slide)
    for expected in (
        "Comment pourrions-nous aider Chloé à réserver à distance ?",
        "Guichet en ligne",
        "Je ne peux pas me déplacer en mairie",
        "Nous sommes en 2050",
        "Gommettes\u00a0: 3 / 3",
        "Idées retenues",
        "• La mairie vient à moi (2)",
    ):
        assert expected in shown, expected
    assert slide.grab().save(str(screenshots(tmp_path) / "spider-web.png"))
    assert page.grab().save(str(screenshots(tmp_path) / "spider-web-page.png"))
    tools.undo()  # the last dot
    assert spider_webs.list_webs(tools.store, tools.workshop_id)[0].value.dots_used == 2
    assert "Gommettes\u00a0: 2 / 3" in drawn(slide)
