"""What the method tools add to ``photos``: upright, downscaled copies for the screen, kept in the
cache folder, and a photo chosen for a tool attached once (the same image already in the
workshop is reused rather than refused as a twin).

The original stays untouched in the photos folder (its name is its hash); the copies are
derived from it (EXIF orientation applied, at most ``max_side`` pixels on the long side, JPEG)
and can be deleted at any time: they are made again when next needed.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from capadesk.core.errors import ValidationError
from capadesk.core.export.photo_prep import prepare_photo
from capadesk.core.files import write_atomically
from capadesk.core.services import photos
from capadesk.core.services.commands import Command
from capadesk.core.services.photo_commands import AttachPhoto
from capadesk.core.services.photo_files import check_photo_file, photo_file
from capadesk.core.storage.store import Store

SCREEN_SIDE = 1600  # a projected photo: sharp on a 1080p projector
THUMBNAIL_SIDE = 360
_CHUNK = 1024 * 1024


def copies_dir(cache_dir: Path) -> Path:
    """Where the display copies live."""
    return cache_dir / "photos"


def display_copy(
    photos_dir: Path, cache_dir: Path, file_name: str, max_side: int = SCREEN_SIDE
) -> Path | None:
    """An upright JPEG of the stored photo ``file_name``, at most ``max_side`` pixels long,
    made once and kept in the cache; None when the original is missing or unreadable (a store
    carried without its photos folder)."""
    if not file_name:
        return None
    try:
        original = photo_file(photos_dir, file_name)
    except ValidationError:  # a name that is not one of ours: nothing to show
        return None
    target = copies_dir(cache_dir) / f"{Path(file_name).stem}-{max_side}.jpg"
    if target.is_file():
        return target
    prepared = prepare_photo(original, max_side)
    if prepared.data is None:
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, prepared.data)  # never a half-written copy under the real name
    except OSError:
        return None  # a full or read-only cache: the screen shows no photo, nothing is lost
    return target


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (the name ``photos`` stores it under)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def photo_for_tool(
    store: Store,
    photos_dir: Path,
    workshop_id: uuid.UUID,
    source: Path,
    *,
    step_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
) -> tuple[Command | None, uuid.UUID]:
    """The photo to link to a tool's document: the workshop's photo with the same bytes when
    there is one (no command needed), else an ``AttachPhoto`` to run before the link.

    The file is checked first: a missing, damaged or HEIC file raises ValidationError (French)
    and nothing is stored.
    """
    check_photo_file(source)
    sha256 = file_sha256(source)
    for photo in photos.list_photos(store, workshop_id):
        if photo.sha256 == sha256 and photo.use_case_id is None:
            return None, photo.public_id
    command = AttachPhoto(photos_dir, workshop_id, source, step_id=step_id, group_id=group_id)
    return command, command.public_id
