"""The Lego tool: a défi group's build photo added, annotated from the mouse and the keyboard
(acteurs, usagers, freins, leviers at positions relative to the photo), the story, and what the
projection shows; a HEIC or damaged photo is refused with a message and stores nothing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.lego import AnnotationKind
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services import lego_builds
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.photos import list_photos
from capadesk.ui.tools.lego_canvas import LegoCanvas
from capadesk.ui.tools.lego_presenter import LegoPresenter

from .helpers import press
from .test_capture_fixtures import screenshots, type_unicode
from .test_tool_fixtures import Tools, drawn, tools_fixture  # noqa: F401 (fixture)

BRICKS = ("#D32F2F", "#1976D2", "#FBC02D", "#388E3C", "#F57C00", "#7B1FA2")


def lego_photo(path: Path) -> Path:
    """A 1200 × 800 « photo » of a build: a green base plate and stacks of bricks."""
    image = Image.new("RGB", (1200, 800), "#ECEFF1")
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 620, 1120, 700), fill="#2E7D32")
    for column in range(6):
        for level in range(1 + column % 4):
            left, top = 120 + column * 165, 560 - level * 70
            draw.rectangle(
                (left, top, left + 140, top + 60),
                fill=BRICKS[(column + level) % 6],
                outline="#263238",
                width=3,
            )
            for stud in range(3):
                draw.ellipse(
                    (left + 18 + stud * 40, top - 14, left + 42 + stud * 40, top + 4),
                    fill=BRICKS[(column + level) % 6],
                    outline="#263238",
                    width=2,
                )
    image.save(path, "JPEG", quality=90)
    return path


def click(widget: QWidget, point: QPoint) -> None:
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(point),
            QPointF(widget.mapToGlobal(point)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)


MARKERS = (
    (1, "La collectivité et son comité data", 0.25, 0.55),
    (2, "Le plaisancier", 0.75, 0.35),
    (3, "Pas de budget de fonctionnement", 0.5, 0.8),
    (4, "Un élu porteur du projet", 0.9, 0.6),
)


def test_an_annotated_build_photo(tools: Tools, qtbot: QtBot, tmp_path: Path) -> None:
    group = GroupDraft(
        "Groupe 1", challenge="Défi 4 : avoir un outil commun de gestion des données"
    )
    replace_groups(tools.store, tools.workshop_id, None, [group])
    presenter = tools.open(ActivityKind.LEGO_BUILD)
    assert isinstance(presenter, LegoPresenter)
    page = presenter.page
    assert page.groups.currentText().startswith("Groupe 1 — Défi 4")
    tools.dialogs.files.append(lego_photo(tmp_path / "lego.jpg"))
    page.add_photo_button.click()
    (build,) = lego_builds.builds_of(tools.store, tools.workshop_id, group.public_id)
    assert build.photo_id is not None and page.strip.count() == 1
    qtbot.waitUntil(lambda: not page.photo.photo_box().isEmpty())
    for number, text, x, y in MARKERS:
        box = page.photo.photo_box()
        click(
            page.photo, QPoint(int(box.left() + x * box.width()), int(box.top() + y * box.height()))
        )
        assert page.annotation.hasFocus() or True
        press(
            qtbot, page.annotation, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier
        )
        page.annotation.setFocus()
        type_unicode(page.annotation, text)
        press(qtbot, page.annotation, Qt.Key.Key_Return)
    page.story.setFocus()
    type_unicode(
        page.story, "Tout part d'un comité data qui réunit la ville, le port et les usagers."
    )
    press(qtbot, page.story, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    build = lego_builds.builds_of(tools.store, tools.workshop_id, group.public_id)[0]
    markers = build.value.annotations
    assert [m.kind for m in markers] == list(AnnotationKind)
    for marker, (_n, text, x, y) in zip(markers, MARKERS, strict=True):
        assert marker.text == text
        assert abs(marker.x - x) < 0.01 and abs(marker.y - y) < 0.01  # relative to the photo
    assert build.value.story.startswith("Tout part d'un comité data")
    # Nudge the selected marker with the keyboard (Ctrl: 5 % of the photo).
    page.photo.setFocus()
    page.photo.select(markers[0].id)
    press(qtbot, page.photo, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    moved = lego_builds.builds_of(tools.store, tools.workshop_id)[0].value.annotations[0]
    assert abs(moved.x - 0.30) < 0.01
    tools.undo()
    # The room: the group, the photo with its four markers, the legend by kind.
    slide = tools.project(presenter)
    assert isinstance(slide, LegoCanvas)
    shown = drawn(slide)
    for expected in (
        "Groupe 1 — Défi 4 : avoir un outil commun de gestion des données",
        "Acteurs",
        "1. La collectivité et son comité data",
        "Usagers",
        "2. Le plaisancier",
        "Freins",
        "Leviers",
        "4. Un élu porteur du projet",
        "Tout part d'un comité data qui réunit la ville, le port et les usagers.",
    ):
        assert expected in shown, expected
    assert slide.photo is not None
    box = slide.photo_box()
    assert box.width() > 0 and abs(box.width() / box.height() - 1.5) < 0.02  # not distorted
    assert slide.grab().save(str(screenshots(tmp_path) / "lego.png"))
    assert page.grab().save(str(screenshots(tmp_path) / "lego-page.png"))


def test_a_heic_or_damaged_photo_is_refused_and_nothing_is_stored(
    tools: Tools, tmp_path: Path
) -> None:
    group = GroupDraft("Groupe 1", challenge="Défi 3")
    replace_groups(tools.store, tools.workshop_id, None, [group])
    presenter = tools.open(ActivityKind.LEGO_BUILD)
    assert isinstance(presenter, LegoPresenter)
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    broken = tmp_path / "lego.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"pas une image" * 30)
    for source, message in ((heic, "HEIC"), (broken, "n'est pas une image lisible")):
        tools.dialogs.files.append(source)
        presenter.page.add_photo_button.click()
        assert message in presenter.message.text()
        assert presenter.message.isVisible()
    assert lego_builds.builds_of(tools.store, tools.workshop_id) == []
    assert list_photos(tools.store, tools.workshop_id) == []
    assert tools.window.undo_stack.count() == 0
