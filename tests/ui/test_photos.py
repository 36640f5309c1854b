"""Photos on the wall: a PNG dropped on a use case's heading shows as a thumbnail in its strip
(undo takes it away), « Joindre une photo… » through the file dialog with a bad file named,
a double click opens the larger view, a photo deleted and brought back."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.services import photos, use_cases
from capadesk.ui.capture.photo_viewer import PhotoViewer
from capadesk.ui.capture.wall_layout import Grouping, Placed
from tests.core.test_photos import png_file

from .fakes import FakePrompts
from .helpers import press
from .test_capture_fixtures import (  # noqa: F401 (desk_fixture: the desk fixture)
    Desk,
    desk_fixture,
    drop,
    screenshots,
)

RED = (200, 30, 30)
GREEN = (10, 160, 40)


def use_case(desk: Desk, title: str, *, card: bool = True) -> UseCaseView:
    made, changes = use_cases.add_use_case(desk.store, desk.workshop_id, title)
    desk.presenter.refresh(changes)
    if card:
        desk.add(f"Une carte de {title}", use_case_id=made.public_id)
    return made


def section(desk: Desk, use_case_id: uuid.UUID) -> Placed:
    return next(p for p in desk.view.geometry_now().placed if p.section.key == use_case_id)


def files_mime(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return data


def thumb_point(desk: Desk, use_case_id: uuid.UUID, number: int = 0) -> QPoint:
    """The centre of a photo box of the use case's strip, in viewport coordinates."""
    placed = section(desk, use_case_id)
    geometry = desk.view.geometry_now()
    assert placed.strip_top is not None
    x = geometry.strip_boxes(number + 1)[number] + geometry.thumb_width() // 2
    return QPoint(
        x, placed.strip_top + geometry.grid.strip_height // 2 - desk.view.verticalOffset()
    )


def colour_at(desk: Desk, point: QPoint) -> tuple[int, int, int]:
    colour = QColor(desk.view.viewport().grab().toImage().pixel(point))
    return (colour.red(), colour.green(), colour.blue())


def wait_thumbnails(qtbot: QtBot, desk: Desk) -> None:
    desk.view.viewport().repaint()  # asks for the thumbnails it lacks
    qtbot.waitUntil(lambda: desk.presenter.thumbnails.pending() == 0)
    desk.view.viewport().repaint()


def test_a_png_dropped_on_a_heading_shows_in_its_strip_and_undo_removes_it(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    mobility = use_case(desk, "Mobilité")
    slide = desk.presenter.wall_slide()
    qtbot.addWidget(slide)
    source = png_file(tmp_path / "nappe.png", (160, 120), RED)
    heading = QPoint(40, section(desk, mobility.public_id).top + 4)
    assert section(desk, mobility.public_id).strip_top is None  # no strip before a photo

    assert drop(desk.view.viewport(), heading, files_mime(source))

    qtbot.waitUntil(lambda: bool(desk.presenter.photos))  # attached once the drop is over
    (stored,) = photos.list_photos(desk.store, desk.workshop_id)
    assert stored.use_case_id == mobility.public_id
    assert (desk.photos_dir / stored.file_name).read_bytes() == source.read_bytes()
    assert desk.window.undo_stack.undoText() == "Joindre la photo"
    assert section(desk, mobility.public_id).strip_top is not None
    assert slide.view.photos == {mobility.public_id: [stored]}  # the room sees it too
    wait_thumbnails(qtbot, desk)
    point = thumb_point(desk, mobility.public_id)
    assert desk.view.photo_at(point) == (mobility.public_id, 0)
    assert colour_at(desk, point) == RED  # the picture itself is drawn there
    assert desk.page.grab().save(str(screenshots(tmp_path) / "wall-photo-strip.png"))

    desk.undo()
    assert photos.list_photos(desk.store, desk.workshop_id) == []
    assert section(desk, mobility.public_id).strip_top is None
    desk.redo()
    assert photos.list_photos(desk.store, desk.workshop_id) == [stored]  # same id and file


def test_drops_only_land_on_a_use_case_heading_or_strip(desk: Desk, tmp_path: Path) -> None:
    mobility = use_case(desk, "Mobilité")
    source = png_file(tmp_path / "nappe.png")
    on_card = QPoint(40, section(desk, mobility.public_id).cards_top + 10)
    assert not drop(desk.view.viewport(), on_card, files_mime(source))
    desk.page.wall.set_grouping(Grouping.THREAD)
    assert not drop(desk.view.viewport(), QPoint(40, 10), files_mime(source))
    assert photos.list_photos(desk.store, desk.workshop_id) == []


def test_attach_from_the_menu_names_a_bad_file_and_keeps_the_good_ones(
    qtbot: QtBot, desk: Desk, tmp_path: Path, prompts: FakePrompts
) -> None:
    air = use_case(desk, "Qualité de l'air", card=False)  # no card: the photos make it show
    bad = tmp_path / "IMG_0042.HEIC"
    bad.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    first = png_file(tmp_path / "a.png", colour=RED)
    second = png_file(tmp_path / "b.png", colour=GREEN)
    desk.dialogs.files.append([first, bad, second])

    desk.page.wall.menus.attach_requested.emit(air)

    assert [p.sha256 for p in photos.list_photos(desk.store, desk.workshop_id)] == [
        hashlib.sha256(f.read_bytes()).hexdigest() for f in (first, second)
    ]
    assert desk.window.undo_stack.undoText() == "Joindre 2 photos"
    message = desk.page.wall.message_label
    assert message.isVisible() and message.text().startswith(
        "La photo «\u00a0IMG_0042.HEIC\u00a0» est au format HEIC"
    )
    assert prompts.errors == []
    assert [p.section.title for p in desk.view.geometry_now().placed] == ["Qualité de l'air"]
    wait_thumbnails(qtbot, desk)
    assert colour_at(desk, thumb_point(desk, air.public_id, 1)) == GREEN

    desk.undo()  # both in one step
    assert photos.list_photos(desk.store, desk.workshop_id) == []
    assert desk.view.geometry_now().placed == []


def test_a_double_click_opens_the_larger_view(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    mobility = use_case(desk, "Mobilité")
    for number, colour in enumerate((RED, GREEN)):
        desk.presenter.photo_actions.attach(
            mobility.public_id, [png_file(tmp_path / f"{number}.png", (400, 300), colour)]
        )
    double_click = cast(Callable[..., None], qtbot.mouseDClick)
    double_click(
        desk.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=thumb_point(desk, mobility.public_id, 1),
    )
    (viewer,) = desk.dialogs.shown
    assert isinstance(viewer, PhotoViewer)
    assert viewer.isVisible() and viewer.index == 1
    assert viewer.position_label.text() == "Photo 2 sur 2"
    assert viewer.details_label.text().startswith("400\u00a0×\u00a0300 · ")
    picture = viewer.picture_label.pixmap()
    assert not picture.isNull() and picture.width() > 200  # large, not the thumbnail
    viewer.previous_button.click()
    assert viewer.position_label.text() == "Photo 1 sur 2"
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    press(qtbot, viewer.next_button, Qt.Key.Key_Right)  # the arrows go through the photos
    assert viewer.position_label.text() == "Photo 2 sur 2"
    assert desk.view.selectionModel().selectedIndexes() == []  # no card was touched
    viewer.close()  # deleted on close: the page does not keep it


def test_a_photo_deleted_comes_back_with_undo(desk: Desk, tmp_path: Path) -> None:
    mobility = use_case(desk, "Mobilité")
    desk.presenter.photo_actions.attach(mobility.public_id, [png_file(tmp_path / "a.png")])
    (photo,) = desk.presenter.photos_of(mobility.public_id)

    desk.page.wall.menus.delete_photo_requested.emit(photo)
    assert desk.window.undo_stack.undoText() == "Supprimer la photo"
    assert desk.presenter.photos_of(mobility.public_id) == []
    assert (desk.photos_dir / photo.file_name).exists()  # kept for the undo
    desk.undo()
    assert desk.presenter.photos_of(mobility.public_id) == [photo]
