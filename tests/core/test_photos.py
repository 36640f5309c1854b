"""Photos of the paper drawings: checked, copied once under their hash, never half-written,
listed, deleted (the file kept while shared) and their undoable commands."""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import time
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from capadesk.core.errors import NotFoundError, StoreError, ValidationError
from capadesk.core.services import photo_files
from capadesk.core.services.changes import Changes
from capadesk.core.services.photo_commands import AttachPhoto, DeletePhoto
from capadesk.core.services.photos import (
    attach_photo,
    delete_photo,
    get_photo,
    list_photos,
    photo_path,
    restore_photo,
)
from capadesk.core.services.use_cases import add_use_case, delete_use_case, restore_use_case
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Photo
from capadesk.core.storage.store import Store
from tests.core.runner_support import assert_french_typography


def png_file(
    path: Path, size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (200, 30, 30)
) -> Path:
    """A small real PNG (its colour makes its bytes, hence its hash)."""
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def jpeg_file(path: Path, size: tuple[int, int], exif: dict[int, Any] | None = None) -> Path:
    """A real JPEG; ``exif`` maps IFD0 tags, and 0x9003/0x9011 go to the Exif IFD."""
    image = Image.new("RGB", size, (30, 120, 200))
    data = Image.Exif()
    for tag, value in (exif or {}).items():
        if tag in (0x9003, 0x9011):
            data.get_ifd(0x8769)[tag] = value
        else:
            data[tag] = value
    image.save(path, "JPEG", exif=data.tobytes())
    return path


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header announces ``width`` × ``height``, cut short after a few pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels))
    return path


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    return create_workshop(store, "Atelier de Toulon")[0].public_id


@pytest.fixture
def photos_dir(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data" / "photos"


def stored_files(photos_dir: Path) -> list[str]:
    """Every file under the photos folder, temporary ones included."""
    if not photos_dir.exists():
        return []
    return sorted(
        p.relative_to(photos_dir).as_posix() for p in photos_dir.rglob("*") if p.is_file()
    )


def photo_rows(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count(Photo.id))) or 0


def test_a_png_is_copied_under_its_hash_and_listed(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    source = png_file(tmp_path / "nappe mobilité.png", (64, 48))

    view, changes = attach_photo(
        store, photos_dir, workshop, source, use_case_id=mobility.public_id, caption="La nappe"
    )

    assert changes == Changes(use_cases=frozenset({workshop}))
    import hashlib

    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert view.file_name == f"{sha[:2]}/{sha}.png"
    assert stored_files(photos_dir) == [view.file_name]
    assert photo_path(photos_dir, view).read_bytes() == source.read_bytes()
    assert (view.sha256, view.media_type, view.width, view.height) == (sha, "image/png", 64, 48)
    assert (view.size_bytes, view.caption, view.taken_at) == (
        source.stat().st_size,
        "La nappe",
        None,
    )
    assert (view.workshop_id, view.use_case_id) == (workshop, mobility.public_id)
    assert list_photos(store, workshop) == [view]
    assert get_photo(store, view.public_id) == view
    assert source.exists()  # the original is copied, never moved


def test_the_same_image_is_stored_once(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    air, _changes = add_use_case(store, workshop, "Air")
    first = png_file(tmp_path / "a.png")
    again = tmp_path / "copie de a.png"
    again.write_bytes(first.read_bytes())
    other = png_file(tmp_path / "b.png", colour=(10, 160, 40))

    one, _changes = attach_photo(store, photos_dir, workshop, first, use_case_id=mobility.public_id)
    two, _changes = attach_photo(store, photos_dir, workshop, again, use_case_id=air.public_id)
    three, _changes = attach_photo(store, photos_dir, workshop, other, use_case_id=air.public_id)

    assert one.file_name == two.file_name != three.file_name
    assert stored_files(photos_dir) == sorted([one.file_name, three.file_name])
    with pytest.raises(ValidationError) as twice:
        attach_photo(store, photos_dir, workshop, again, use_case_id=mobility.public_id)
    assert twice.value.message == "Cette photo est déjà jointe à ce cas d'usage."
    assert photo_rows(store) == 3

    # A damaged copy under the right name is replaced, not trusted.
    photo_path(photos_dir, three).write_bytes(b"abime")
    four, _changes = attach_photo(store, photos_dir, workshop, other)
    assert photo_path(photos_dir, four).read_bytes() == other.read_bytes()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        pytest.param(
            b"\xff\xd8\xff\xe0 pas vraiment un JPEG",
            "faux.jpg",
            "«\u00a0faux.jpg\u00a0» n'est pas une image lisible (JPEG, PNG, WebP).",
            id="not-an-image",
        ),
        pytest.param(
            b"",
            "vide.png",
            "«\u00a0vide.png\u00a0» n'est pas une image lisible (JPEG, PNG, WebP).",
            id="empty",
        ),
        pytest.param(
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
            "IMG_0042.HEIC",
            "La photo «\u00a0IMG_0042.HEIC\u00a0» est au format HEIC, qui n'est pas pris en "
            "charge\u00a0: enregistrez-la en JPEG (sur l'iPhone\u00a0: Réglages › Appareil "
            "photo › Formats › «\u00a0Le plus compatible\u00a0») puis joignez-la de nouveau.",
            id="heic",
        ),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept(
    store: Store,
    workshop: uuid.UUID,
    photos_dir: Path,
    tmp_path: Path,
    content: bytes,
    name: str,
    message: str,
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        attach_photo(store, photos_dir, workshop, source)
    assert refused.value.message == message
    assert_french_typography(refused.value.message)
    assert stored_files(photos_dir) == [] and photo_rows(store) == 0


def test_other_formats_truncated_files_and_missing_files_are_refused(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    truncated = tmp_path / "coupée.png"
    truncated.write_bytes(png_file(tmp_path / "entière.png").read_bytes()[:-30])
    cases = {
        gif: "Le format GIF de «\u00a0anim.gif\u00a0» n'est pas pris en charge\u00a0: "
        "JPEG, PNG, WebP.",
        truncated: "«\u00a0coupée.png\u00a0» n'est pas une image lisible (JPEG, PNG, WebP).",
        tmp_path / "absente.jpg": "Le fichier «\u00a0absente.jpg\u00a0» est introuvable.",
        tmp_path: f"Le fichier «\u00a0{tmp_path.name}\u00a0» est introuvable.",
    }
    for source, message in cases.items():
        with pytest.raises(ValidationError) as refused:
            attach_photo(store, photos_dir, workshop, source)
        assert refused.value.message == message
    assert stored_files(photos_dir) == [] and photo_rows(store) == 0


def test_too_heavy_and_too_many_pixels_are_refused(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    heavy = tmp_path / "lourde.jpg"
    with heavy.open("wb") as file:  # sparse: 41 Mo announced, nothing written
        file.truncate(41 * 1024 * 1024)
    with pytest.raises(ValidationError) as too_heavy:
        attach_photo(store, photos_dir, workshop, heavy)
    assert too_heavy.value.message == (
        "La photo «\u00a0lourde.jpg\u00a0» est trop lourde\u00a0: 41,0\u00a0Mo, 40\u00a0Mo au plus."
    )
    wide = png_header(tmp_path / "panorama.png", 10_000, 8_001)
    with pytest.raises(ValidationError) as too_wide:
        attach_photo(store, photos_dir, workshop, wide)
    assert too_wide.value.message == (
        "La photo «\u00a0panorama.png\u00a0» a trop de pixels (10000\u00a0×\u00a08001)\u00a0: "
        "80 millions au plus."
    )
    huge = png_header(tmp_path / "géante.png", 20_000, 20_000)  # past Pillow's own bomb limit
    with pytest.raises(ValidationError) as too_huge:
        attach_photo(store, photos_dir, workshop, huge)
    assert "a trop de pixels" in too_huge.value.message
    assert stored_files(photos_dir) == [] and photo_rows(store) == 0
    # At the limit exactly it passes the pixel check (and is then only a header).
    with pytest.raises(ValidationError) as at_limit:
        attach_photo(store, photos_dir, workshop, png_header(tmp_path / "pile.png", 10_000, 8_000))
    assert "n'est pas une image lisible" in at_limit.value.message


def test_exif_date_and_orientation_are_read(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    dated = jpeg_file(
        tmp_path / "IMG_0001.JPG",
        (80, 60),
        {0x0112: 6, 0x9003: "2024:03:14 10:30:00", 0x9011: "+01:00"},
    )
    view, _changes = attach_photo(store, photos_dir, workshop, dated)
    assert view.media_type == "image/jpeg" and view.file_name.endswith(".jpg")
    assert (view.width, view.height) == (60, 80)  # turned a quarter by the camera
    assert view.taken_at == dt.datetime(2024, 3, 14, 9, 30, tzinfo=dt.UTC)

    local = jpeg_file(tmp_path / "IMG_0002.JPG", (80, 60), {0x9003: "2024:03:14 10:30:00"})
    view, _changes = attach_photo(store, photos_dir, workshop, local)
    assert view.taken_at == dt.datetime(2024, 3, 14, 10, 30).astimezone(dt.UTC)
    blank = jpeg_file(tmp_path / "IMG_0003.JPG", (80, 60), {0x9003: "0000:00:00 00:00:00"})
    assert attach_photo(store, photos_dir, workshop, blank)[0].taken_at is None
    webp = tmp_path / "scan.webp"
    Image.new("RGB", (20, 10), (1, 2, 3)).save(webp, "WEBP")
    assert attach_photo(store, photos_dir, workshop, webp)[0].media_type == "image/webp"


def test_a_failed_copy_leaves_no_file_and_no_row(
    store: Store,
    workshop: uuid.UUID,
    photos_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = png_file(tmp_path / "nappe.png")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(StoreError) as failed:
            attach_photo(store, photos_dir, workshop, source)
    assert failed.value.message == (
        "La photo «\u00a0nappe.png\u00a0» n'a pas pu être copiée\u00a0: No space left on device"
    )
    assert stored_files(photos_dir) == [] and photo_rows(store) == 0

    renamed: list[Path] = []
    real_replace = Path.replace

    def watched_replace(self: Path, target: Any) -> Path:
        # Written and flushed under a temporary name of the same folder tree, no real name yet.
        assert self.name.startswith(".incoming-") and self.parent == photos_dir
        assert not Path(target).exists()
        renamed.append(Path(target))
        return real_replace(self, target)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", watched_replace)
        view, _changes = attach_photo(store, photos_dir, workshop, source)
    assert renamed == [photo_path(photos_dir, view)]
    assert stored_files(photos_dir) == [view.file_name]


def test_a_crash_leftover_is_removed_by_the_next_copy(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    photos_dir.mkdir(parents=True)
    stale = photos_dir / ".incoming-0123.part"
    stale.write_bytes(b"moitie")
    hour_ago = time.time() - 7200
    os.utime(stale, (hour_ago, hour_ago))
    running = photos_dir / ".incoming-4567.part"  # a copy going on right now: left alone
    running.write_bytes(b"en cours")
    view, _changes = attach_photo(store, photos_dir, workshop, png_file(tmp_path / "n.png"))
    assert stored_files(photos_dir) == sorted([".incoming-4567.part", view.file_name])


def test_delete_keeps_a_shared_file_and_restore_puts_the_row_back(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    source = png_file(tmp_path / "a.png")
    one, _changes = attach_photo(store, photos_dir, workshop, source)
    two, _changes = attach_photo(
        store, photos_dir, workshop, source, use_case_id=mobility.public_id
    )
    path = photo_path(photos_dir, one)

    removed, changes = delete_photo(store, photos_dir, one.public_id)
    assert changes == Changes(use_cases=frozenset({workshop}))
    assert path.exists() and list_photos(store, workshop) == [two]  # two still uses the file
    assert restore_photo(store, removed) == changes
    assert list_photos(store, workshop) == [one, two]

    delete_photo(store, photos_dir, one.public_id)
    delete_photo(store, photos_dir, two.public_id, keep_file=True)
    assert path.exists() and list_photos(store, workshop) == []
    restore_photo(store, removed)
    delete_photo(store, photos_dir, one.public_id)
    assert not path.exists()  # no row uses it any more
    with pytest.raises(NotFoundError) as gone:
        delete_photo(store, photos_dir, one.public_id)
    assert gone.value.message == "Cette photo n'existe pas ou plus."


def test_a_deleted_use_case_takes_its_photos_back_on_restore(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    view, _changes = attach_photo(
        store, photos_dir, workshop, png_file(tmp_path / "a.png"), use_case_id=mobility.public_id
    )
    removed, _changes = delete_use_case(store, mobility.public_id)
    assert list_photos(store, workshop) == [view._replace(use_case_id=None)]
    restore_use_case(store, removed)
    assert list_photos(store, workshop) == [view]


def test_commands_undo_and_redo_with_the_same_id_and_file(
    store: Store, workshop: uuid.UUID, photos_dir: Path, tmp_path: Path
) -> None:
    mobility, _changes = add_use_case(store, workshop, "Mobilité")
    attach = AttachPhoto(
        photos_dir, workshop, png_file(tmp_path / "a.png"), use_case_id=mobility.public_id
    )
    assert attach.text == "Joindre la photo"
    attach.apply(store)
    assert attach.view is not None
    attached = list_photos(store, workshop)
    assert attached == [attach.view]
    attach.revert(store)
    assert list_photos(store, workshop) == []
    assert stored_files(photos_dir) == [attach.view.file_name]  # kept for the redo
    attach.apply(store)
    assert list_photos(store, workshop) == attached

    delete = DeletePhoto(photos_dir, attach.view)
    assert delete.text == "Supprimer la photo"
    assert delete.revert(store) == Changes()
    delete.apply(store)
    assert list_photos(store, workshop) == [] and stored_files(photos_dir) != []
    delete.revert(store)
    assert list_photos(store, workshop) == attached


def test_file_names_from_the_store_cannot_point_elsewhere(photos_dir: Path) -> None:
    for name in ("../../etc/passwd", "ab/../../x.png", "/tmp/x.jpg", "ab/ab.jpg", "AB/" + "a" * 64):
        with pytest.raises(ValidationError):
            photo_files.photo_file(photos_dir, name)
    good = "ab/" + "ab" * 32 + ".webp"
    assert photo_files.photo_file(photos_dir, good) == photos_dir / "ab" / ("ab" * 32 + ".webp")


def test_an_image_in_memory_reads_the_same_as_on_disk(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (5, 7)).save(buffer, "PNG")
    path = tmp_path / "x.png"
    path.write_bytes(buffer.getvalue())
    info = photo_files.check_photo_file(path)
    assert (info.media_type, info.extension, info.width, info.height) == ("image/png", ".png", 5, 7)
