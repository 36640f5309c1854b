"""The capture bar: type and Enter, keys for kind / use case / stage, refusals, drafts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import drafts, use_cases
from capadesk.core.services.captures import TEXT_MAX_LENGTH
from capadesk.ui.capture import CapturePresenter
from capadesk.ui.capture.presenter import DRAFT_CONTEXT

from .helpers import press, type_text
from .test_capture_fixtures import (  # noqa: F401 (desk_fixture: the desk fixture)
    Desk,
    FakeCaptureDialogs,
    desk_fixture,
    type_unicode,
)

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def chips(desk: Desk) -> tuple[str, str, str]:
    bar = desk.bar
    return (bar.kind_chip.text(), bar.use_case_chip.text(), bar.stage_chip.text())


def stage_of(desk: Desk) -> LifecycleStage | None:
    """The bar's stage, read afresh (mypy would keep an earlier narrowing)."""
    return desk.bar.stage


def test_typing_a_capture_shows_its_card_and_undo_takes_it_back(qtbot: QtBot, desk: Desk) -> None:
    field = desk.bar.field
    type_unicode(field, "Les données de voirie sont introuvables")
    press(qtbot, field, Qt.Key.Key_Return)
    assert desk.texts() == ["Les données de voirie sont introuvables"]
    (stored,) = desk.stored()
    assert stored.kind is CaptureKind.IRRITANT and stored.stage is None
    assert desk.bar.text() == ""  # cleared once saved
    assert desk.view.geometry_now().order == [0]  # on the wall, not filtered away
    assert desk.window.undo_stack.undoText() == "Ajouter l'irritant"

    desk.undo()
    assert desk.texts() == [] and desk.stored() == []
    desk.redo()
    assert [c.public_id for c in desk.model.captures] == [stored.public_id]


def test_keys_change_kind_stage_and_use_case_and_the_card_gets_them(
    qtbot: QtBot, desk: Desk
) -> None:
    first, _changes = use_cases.add_use_case(desk.store, desk.workshop_id, "Mobilité")
    desk.presenter.refresh(_changes)
    field = desk.bar.field
    press(qtbot, field, Qt.Key.Key_2, CTRL)
    assert desk.bar.kind is CaptureKind.WISH
    assert desk.bar.kind_chip.text() == "Souhait"
    press(qtbot, field, Qt.Key.Key_4, ALT)
    assert desk.bar.stage is LifecycleStage.SHARING
    assert desk.bar.stage_chip.text() == "Partage"
    press(qtbot, field, Qt.Key.Key_U, CTRL)
    assert desk.bar.use_case_id == first.public_id
    assert desk.bar.use_case_chip.text() == "Mobilité"

    desk.dialogs.titles.append("Qualité de l'air")
    press(qtbot, field, Qt.Key.Key_U, CTRL | SHIFT)
    created = use_cases.find_use_case(desk.store, desk.workshop_id, "Qualité de l'air")
    assert created is not None
    chosen = [desk.bar.use_case_id]
    press(qtbot, field, Qt.Key.Key_U, CTRL)  # cycles: the last one → none → the first
    chosen.append(desk.bar.use_case_id)
    press(qtbot, field, Qt.Key.Key_U, CTRL)
    chosen.append(desk.bar.use_case_id)
    assert chosen == [created.public_id, None, first.public_id]

    type_text(qtbot, field, "Un portail commun")
    press(qtbot, field, Qt.Key.Key_Enter)
    (card,) = desk.stored()
    assert (card.kind, card.stage, card.use_case_id) == (
        CaptureKind.WISH,
        LifecycleStage.SHARING,
        first.public_id,
    )
    press(qtbot, field, Qt.Key.Key_0, ALT)
    assert chips(desk) == ("Souhait", "Mobilité", "Sans étape")
    assert stage_of(desk) is None


def test_the_keys_work_from_the_wall_too(qtbot: QtBot, desk: Desk) -> None:
    desk.view.setFocus()
    qtbot.waitUntil(desk.view.hasFocus)
    press(qtbot, desk.view, Qt.Key.Key_6, CTRL)
    assert desk.bar.kind is CaptureKind.IDEA
    press(qtbot, desk.view, Qt.Key.Key_1, ALT)
    assert desk.bar.stage is LifecycleStage.COLLECTION


def test_shift_enter_breaks_the_line_and_the_text_is_kept_exactly(qtbot: QtBot, desk: Desk) -> None:
    field = desk.bar.field
    type_unicode(field, "Première ligne\u00a0:")
    press(qtbot, field, Qt.Key.Key_Return, SHIFT)
    type_unicode(field, "«\u00a0seconde\u00a0»")
    assert desk.stored() == []  # Shift+Enter did not save
    press(qtbot, field, Qt.Key.Key_Return)
    (card,) = desk.stored()
    assert card.text == "Première ligne\u00a0:\n«\u00a0seconde\u00a0»"


def test_an_empty_capture_is_not_saved(qtbot: QtBot, desk: Desk) -> None:
    field = desk.bar.field
    press(qtbot, field, Qt.Key.Key_Return)
    type_text(qtbot, field, "   ")
    press(qtbot, field, Qt.Key.Key_Return)
    assert desk.stored() == [] and desk.texts() == []
    assert desk.window.undo_stack.count() == 0
    assert desk.bar.message_label.isVisible()
    assert desk.bar.message_label.text().startswith("Une carte vide n'est pas enregistrée")
    assert desk.bar.text() == "   "  # left as typed
    type_text(qtbot, field, "x")
    assert not desk.bar.message_label.isVisible()  # typing again clears the message


def test_a_refused_text_stays_in_the_field_with_the_reason(qtbot: QtBot, desk: Desk) -> None:
    too_long = "é" * (TEXT_MAX_LENGTH + 1)
    desk.bar.field.setPlainText(too_long)
    press(qtbot, desk.bar.field, Qt.Key.Key_Return)
    assert desk.stored() == []
    assert "trop long" in desk.bar.message_label.text()
    assert desk.bar.text() == too_long


def test_the_text_being_typed_is_kept_as_a_draft_and_offered_back(qtbot: QtBot, desk: Desk) -> None:
    type_unicode(desk.bar.field, "Le SIG de la métropole")
    with qtbot.waitSignal(desk.bar.draft_changed, timeout=3000):
        pass  # 400 ms after the last key
    assert drafts.read_drafts(desk.store, desk.workshop_id) == {
        DRAFT_CONTEXT: "Le SIG de la métropole"
    }

    # A crash: the page is gone without saving the card. The next page offers the text back.
    reopened = CapturePresenter(
        desk.store, desk.window.operations, desk.workshop_id, dialogs=FakeCaptureDialogs()
    )
    qtbot.addWidget(reopened.page)
    bar = reopened.page.bar
    assert bar.text() == "Le SIG de la métropole"
    assert bar.message_label.text() == "Texte récupéré après une interruption"
    assert not bar.draft_timer.isActive()  # putting it back is not typing

    bar.submit()
    assert bar.text() == "" and not bar.message_label.text()
    assert drafts.read_drafts(desk.store, desk.workshop_id) == {}
    reopened.close()


def test_closing_the_page_saves_the_draft_at_once(qtbot: QtBot, desk: Desk) -> None:
    type_text(qtbot, desk.bar.field, "Interrompu")
    assert desk.bar.draft_timer.isActive()
    desk.presenter.close()
    assert drafts.read_drafts(desk.store, desk.workshop_id) == {DRAFT_CONTEXT: "Interrompu"}
