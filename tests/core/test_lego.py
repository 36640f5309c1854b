"""Lego builds: markers placed on the photo (relative positions), numbered per photo, the story;
the build photos per group in the store; photos for the tools (refusals store nothing, upright
downscaled display copies)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from capadesk.core.domain import lego as rules
from capadesk.core.domain.lego import AnnotationKind, LegoBuild
from capadesk.core.errors import ValidationError
from capadesk.core.services import lego_builds, photo_display
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.tool_commands import PutDocument, Steps
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Photo
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths

ACTOR, USER, BRAKE, LEVER = (
    AnnotationKind.ACTOR,
    AnnotationKind.USER,
    AnnotationKind.BRAKE,
    AnnotationKind.LEVER,
)


def write_photo(path: Path, size: tuple[int, int] = (80, 40), orientation: int = 1) -> Path:
    """A JPEG; ``orientation`` 6 means « turn a quarter clockwise to show it »."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def annotated() -> LegoBuild:
    build = rules.annotate(LegoBuild(), ACTOR, "La collectivité", 0.2, 0.3, "a")
    build = rules.annotate(build, USER, "Le plaisancier", 0.8, 0.6, "b")
    build = rules.annotate(build, BRAKE, "Pas de budget", 0.5, 0.9, "c")
    build = rules.annotate(build, LEVER, "Un élu porteur", 1.0, 0.0, "d")
    return rules.set_story(build, "Un comité data réunit tout le monde.\n")


def test_markers_are_placed_inside_the_photo() -> None:
    build = annotated()
    assert [a.kind for a in build.annotations] == [ACTOR, USER, BRAKE, LEVER]
    assert build.story == "Un comité data réunit tout le monde."
    for x, y in ((-0.01, 0.5), (0.5, 1.2), (float("nan"), 0.5), (float("inf"), 0.1)):
        with pytest.raises(ValidationError, match="sur la photo"):
            rules.annotate(build, ACTOR, "hors cadre", x, y, "x")
    moved = rules.move_annotation(build, "a", 0.9, 0.9)
    assert (moved.annotations[0].x, moved.annotations[0].y) == (0.9, 0.9)
    with pytest.raises(ValidationError, match="vide"):
        rules.edit_annotation(build, "a", USER, "  ")


def test_markers_are_numbered_in_placing_order_per_kind() -> None:
    build = rules.annotate(annotated(), ACTOR, "Le port", 0.1, 0.1, "e")
    assert [(n, a.text) for n, a in build.of_kind(ACTOR)] == [
        (1, "La collectivité"),
        (5, "Le port"),
    ]
    fewer = rules.remove_annotation(build, "b")
    assert [n for n, _a in fewer.of_kind(ACTOR)] == [1, 4]
    assert AnnotationKind.BRAKE.plural == "Freins"


def test_a_photo_holds_forty_markers_at_most() -> None:
    build = LegoBuild()
    for index in range(rules.MAX_ANNOTATIONS):
        build = rules.annotate(build, LEVER, f"l{index}", 0.5, 0.5, str(index))
    with pytest.raises(ValidationError, match="40 annotations"):
        rules.annotate(build, LEVER, "de trop", 0.5, 0.5, "x")


def test_json_round_trip_and_refusals() -> None:
    data = json.loads(json.dumps(rules.dump(annotated())))
    assert rules.load(data, 1) == annotated()
    off = json.loads(json.dumps(data))
    off["annotations"][0]["x"] = 1.5
    with pytest.raises(ValidationError, match="illisible"):
        rules.load(off, 1)
    kind = json.loads(json.dumps(data))
    kind["annotations"][0]["kind"] = "martien"
    with pytest.raises(ValidationError, match="illisible"):
        rules.load(kind, 1)


# --- photos and the store ------------------------------------------------------------------


def photo_rows(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count(Photo.id))) or 0


def test_a_build_photo_is_attached_linked_and_undone_as_one(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    workshop, _c = create_workshop(store, "Chamonix")
    group = GroupDraft("Défi 4", challenge="Avoir un outil commun")
    replace_groups(store, workshop.public_id, None, [group])
    (listed,) = lego_builds.build_groups(store, workshop.public_id, None)
    assert listed.challenge == "Avoir un outil commun"
    source = write_photo(tmp_path / "lego.jpg")
    attach, photo_id = photo_display.photo_for_tool(
        store, app_paths.photos_dir, workshop.public_id, source, group_id=group.public_id
    )
    assert attach is not None
    link = PutDocument(
        "Ajouter la photo",
        lego_builds.place(workshop.public_id, group.public_id),
        uuid.uuid4(),
        None,
        lego_builds.CODEC.content(annotated(), photo_id),
    )
    both = Steps("Ajouter la photo", [attach, link])
    both.apply(store)
    (build,) = lego_builds.builds_of(store, workshop.public_id, group.public_id)
    assert build.photo_id == photo_id and build.value == annotated()
    assert build.stored.photo_file.endswith(".jpg")
    assert lego_builds.builds_of(store, workshop.public_id, uuid.uuid4()) == []
    both.revert(store)
    assert lego_builds.builds_of(store, workshop.public_id) == [] and photo_rows(store) == 0
    both.apply(store)
    assert lego_builds.builds_of(store, workshop.public_id)[0].photo_id == photo_id
    again, same = photo_display.photo_for_tool(
        store, app_paths.photos_dir, workshop.public_id, source
    )
    assert again is None and same == photo_id  # the same image is reused, not refused


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xd8\xff\xe0 pas une vraie image JPEG" * 10, "pas une image lisible"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
    ],
    ids=["corrupt", "heic"],
)
def test_a_damaged_or_heic_file_is_refused_and_nothing_is_stored(
    store: Store, app_paths: AppPaths, tmp_path: Path, content: bytes, message: str
) -> None:
    workshop, _c = create_workshop(store, "Chamonix")
    source = tmp_path / "photo.jpg"
    source.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        photo_display.photo_for_tool(store, app_paths.photos_dir, workshop.public_id, source)
    assert photo_rows(store) == 0
    assert not app_paths.photos_dir.exists() or not any(app_paths.photos_dir.rglob("*.*"))


def test_display_copies_are_upright_downscaled_and_cached(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    workshop, _c = create_workshop(store, "Chamonix")
    source = write_photo(tmp_path / "turned.jpg", size=(800, 400), orientation=6)
    attach, _photo_id = photo_display.photo_for_tool(
        store, app_paths.photos_dir, workshop.public_id, source
    )
    assert attach is not None
    attach.apply(store)
    (stored,) = lego_builds_photo_files(store, workshop.public_id)
    copy = photo_display.display_copy(app_paths.photos_dir, app_paths.cache_dir, stored, 200)
    assert copy is not None and copy.parent == photo_display.copies_dir(app_paths.cache_dir)
    with Image.open(copy) as image:
        assert image.size == (100, 200)  # turned upright, then fitted in 200 px
    assert (
        photo_display.display_copy(app_paths.photos_dir, app_paths.cache_dir, stored, 200) == copy
    )
    copy.unlink()
    (app_paths.photos_dir / stored).unlink()
    assert (
        photo_display.display_copy(app_paths.photos_dir, app_paths.cache_dir, stored, 200) is None
    )
    assert photo_display.display_copy(app_paths.photos_dir, app_paths.cache_dir, "../x.jpg") is None


def lego_builds_photo_files(store: Store, workshop_id: uuid.UUID) -> list[str]:
    from capadesk.core.services.photos import list_photos

    return [p.file_name for p in list_photos(store, workshop_id)]
