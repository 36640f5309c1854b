"""Projection 2027 and rétroplanning: a thread's story and drawing; post-its typed onto the
timeline, moved by drag and drop and by keyboard, read as the roadmap; what the room sees."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain import backcast as rules
from capadesk.core.domain.backcast import Period
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services import backcasts
from capadesk.core.services.threads import create_thread, set_kept
from capadesk.ui.tools.backcast_presenter import BackcastPresenter
from capadesk.ui.tools.story_canvas import StoryCanvas
from capadesk.ui.tools.story_presenter import StoryPresenter
from capadesk.ui.tools.timeline import TimelineEditor
from tests.core.test_lego import write_photo

from .helpers import press
from .test_capture_fixtures import screenshots, type_unicode
from .test_tool_fixtures import Tools, drawn, tools_fixture  # noqa: F401 (fixture)

IDEAS = {
    "T2 2025": ["Réunir les services autour des données"],
    "T4 2025": ["Créer un comité data", "Signer une convention avec le port"],
    "T2 2026": ["Ouvrir la plateforme commune"],
}


def mouse(widget: QWidget, kind: QEvent.Type, point: QPoint) -> None:
    buttons = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseButtonRelease
        else Qt.MouseButton.LeftButton
    )
    event = QMouseEvent(
        kind,
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(timeline: TimelineEditor, start: QPoint, end: QPoint) -> None:
    """What the hand does: press on the post-it, move in steps, release over the target."""
    mouse(timeline, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        mouse(timeline, QEvent.Type.MouseMove, start + (end - start) * step / 5)
    mouse(timeline, QEvent.Type.MouseButtonRelease, end)


def test_story_of_a_thread_with_its_drawing(tools: Tools, qtbot: QtBot, tmp_path: Path) -> None:
    create_thread(tools.store, tools.workshop_id, "Convergence des données")
    kept, _c = create_thread(tools.store, tools.workshop_id, "Parcours utilisateur idéal")
    set_kept(tools.store, [kept.public_id], True)
    presenter = tools.open(ActivityKind.PROJECTION_2027)
    assert isinstance(presenter, StoryPresenter)
    page = presenter.page
    assert page.threads.current_id == kept.public_id  # the kept thread comes first
    assert page.heading.text() == "Nous sommes en 2027"
    page.story.setFocus()
    type_unicode(page.story, "Le plaisancier trouve tout au même endroit.")
    press(qtbot, page.story, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tools.dialogs.files.append(write_photo(tmp_path / "dessin.jpg", (600, 400)))
    page.drawing_button.click()
    story = backcasts.story_of(tools.store, tools.workshop_id, kept.public_id)
    assert story is not None and story.value.text == "Le plaisancier trouve tout au même endroit."
    assert story.photo_id is not None
    slide = tools.project(presenter)
    assert isinstance(slide, StoryCanvas)
    shown = drawn(slide)
    for expected in (
        "Nous sommes en 2027",
        "Parcours utilisateur idéal",
        "Le plaisancier trouve tout au même endroit.",
    ):
        assert expected in shown
    assert slide.drawing is not None
    assert slide.grab().save(str(screenshots(tmp_path) / "projection-2027.png"))
    tools.undo()  # the drawing
    assert backcasts.story_of(tools.store, tools.workshop_id, kept.public_id).photo_id is None  # type: ignore[union-attr]


def test_a_corrupt_drawing_is_refused_and_nothing_is_stored(tools: Tools, tmp_path: Path) -> None:
    thread, _c = create_thread(tools.store, tools.workshop_id, "Fil")
    presenter = tools.open(ActivityKind.PROJECTION_2027)
    assert isinstance(presenter, StoryPresenter)
    broken = tmp_path / "dessin.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 ceci n'est pas une image" * 20)
    tools.dialogs.files.append(broken)
    presenter.page.drawing_button.click()
    assert "n'est pas une image lisible" in presenter.message.text()
    assert presenter.message.isVisible()
    assert backcasts.story_of(tools.store, tools.workshop_id, thread.public_id) is None
    assert not tools.app_paths.photos_dir.exists() or not any(
        tools.app_paths.photos_dir.rglob("*.*")
    )
    assert tools.window.undo_stack.count() == 0


def test_a_backcast_typed_dragged_and_projected(tools: Tools, qtbot: QtBot, tmp_path: Path) -> None:
    thread, _c = create_thread(tools.store, tools.workshop_id, "L'espace commun de données")
    presenter = tools.open(ActivityKind.BACKCAST)
    assert isinstance(presenter, BackcastPresenter)
    page = presenter.page
    labels = [page.period.itemText(i) for i in range(page.period.count())]
    assert labels[0] == "T2 2025" and labels[-1] == "T4 2027"  # from today to 2027
    for period, ideas in IDEAS.items():
        page.period.setCurrentIndex(labels.index(period))
        for idea in ideas:
            page.note.setFocus()
            type_unicode(page.note, idea)
            press(qtbot, page.note, Qt.Key.Key_Return)
    stored = backcasts.backcast_of(tools.store, tools.workshop_id, thread.public_id)
    assert stored is not None
    assert [(i.period.label, i.text) for i in rules.roadmap(stored.value)] == [
        (period, idea) for period, ideas in IDEAS.items() for idea in ideas
    ]
    # Drag « Ouvrir la plateforme commune » onto the top of T1 2026.
    timeline = page.timeline
    note = next(n for n in stored.value.notes if n.text == "Ouvrir la plateforme commune")
    start = timeline.placement().notes[note.id].center()
    target = dict(timeline.placement().columns)[Period(2026, 1)]
    drag(timeline, start, QPoint(target.center().x(), target.top() + 5))
    stored = backcasts.backcast_of(tools.store, tools.workshop_id, thread.public_id)
    assert stored is not None
    assert stored.value.in_period(Period(2026, 1))[0].text == "Ouvrir la plateforme commune"
    # Keyboard: Ctrl+Haut puts « Signer… » above « Créer… » in T4 2025.
    sign = next(n for n in stored.value.notes if n.text.startswith("Signer"))
    timeline.setFocus()
    timeline.select(sign.id)
    press(qtbot, timeline, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    roadmap = [page.roadmap.item(i).text() for i in range(page.roadmap.count())]
    assert roadmap == [
        "T2 2025 — Réunir les services autour des données",
        "T4 2025 — Signer une convention avec le port",
        "T4 2025 — Créer un comité data",
        "T1 2026 — Ouvrir la plateforme commune",
    ]
    slide = tools.project(presenter)
    shown = drawn(slide)
    for expected in (
        "Comment en est-on arrivé là\u00a0?",
        "L'espace commun de données",
        "2025",
        "2027",
        "T4",
        "Créer un comité data",
        "Ouvrir la plateforme commune",
    ):
        assert expected in shown, expected
    assert slide.grab().save(str(screenshots(tmp_path) / "backcast.png"))
    assert page.grab().save(str(screenshots(tmp_path) / "backcast-page.png"))
    tools.undo()  # the keyboard move
    tools.undo()  # the drag
    stored = backcasts.backcast_of(tools.store, tools.workshop_id, thread.public_id)
    assert stored is not None
    assert stored.value.in_period(Period(2026, 2))[0].text == "Ouvrir la plateforme commune"
