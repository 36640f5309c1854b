"""Photo files: checked with Pillow, copied into the photos folder under their SHA-256.

A file lands in ``photos/ab/ab12….jpg`` (the first two hex digits make the sub-folder, so no
folder grows huge); the same bytes are stored once. The copy goes to a temporary name inside
the photos folder, is flushed to disk (fsync), checked, then renamed into place: a crash or a
refusal never leaves a half-written photo under a real name. Temporary files a crash left are
removed by the next copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
import uuid
import warnings
from pathlib import Path
from typing import NamedTuple

from capadesk.core.errors import StoreError, ValidationError
from capadesk.core.files import fsync_dir
from capadesk.i18n import _

PHOTO_MAX_BYTES = 40 * 1024 * 1024
PHOTO_MAX_PIXELS = 80_000_000
ACCEPTED = "JPEG, PNG, WebP"
# Pillow's format → (media type, file extension).
_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
_FILE_NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}\.(?:jpg|png|webp)")
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
_PART_PREFIX = ".incoming-"
_PART_SUFFIX = ".part"
_STALE_PART_SECONDS = 3600.0  # an older temporary file is a crash's leftover, not a copy running
_CHUNK = 1024 * 1024
_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011
_ORIENTATION = 0x0112


class ImageInfo(NamedTuple):
    """What a checked image file is."""

    media_type: str
    extension: str
    width: int  # as shown: EXIF orientation applied
    height: int
    taken_at: dt.datetime | None


class StoredFile(NamedTuple):
    """A photo file in the photos folder."""

    file_name: str  # relative to the photos folder, « / »-separated
    sha256: str
    size_bytes: int
    info: ImageInfo


def _quoted(name: str) -> str:
    return f"«\u00a0{name}\u00a0»"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _too_big(name: str, size: int) -> ValidationError:
    return ValidationError(
        _("La photo {name} est trop lourde\u00a0: {size}\u00a0Mo, {limit}\u00a0Mo au plus.").format(
            name=_quoted(name), size=_megabytes(size), limit=PHOTO_MAX_BYTES // (1024 * 1024)
        )
    )


def _unreadable(name: str) -> ValidationError:
    return ValidationError(
        _("{name} n'est pas une image lisible ({accepted}).").format(
            name=_quoted(name), accepted=ACCEPTED
        )
    )


def _too_many_pixels(name: str, size: str) -> ValidationError:
    return ValidationError(
        _("La photo {name} a trop de pixels{size}\u00a0: {limit} millions au plus.").format(
            name=_quoted(name),
            size=f" ({size})" if size else "",
            limit=PHOTO_MAX_PIXELS // 1_000_000,
        )
    )


def _is_heif(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def inspect_image(path: Path, name: str) -> ImageInfo:
    """Check that ``path`` is a JPEG, PNG or WebP image within the pixel limit (ValidationError
    naming the file ``name`` otherwise) and say what it is."""
    from PIL import Image

    if _is_heif(path):
        raise ValidationError(
            _(
                "La photo {name} est au format HEIC, qui n'est pas pris en charge\u00a0: "
                "enregistrez-la en JPEG (sur l'iPhone\u00a0: Réglages › Appareil photo › "
                "Formats › «\u00a0Le plus compatible\u00a0») puis joignez-la de nouveau."
            ).format(name=_quoted(name))
        )
    try:
        with warnings.catch_warnings():
            # Our own limit is below Pillow's warning threshold: its warning says nothing new.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format or ""
                width, height = image.size
                if width * height > PHOTO_MAX_PIXELS:
                    raise _too_many_pixels(name, f"{width}\u00a0×\u00a0{height}")
                if kind not in _FORMATS:
                    raise ValidationError(
                        _(
                            "Le format {kind} de {name} n'est pas pris en charge\u00a0: {accepted}."
                        ).format(kind=kind or "?", name=_quoted(name), accepted=ACCEPTED)
                    )
                image.verify()  # must come first: it reads the file as opened
            with Image.open(path) as image:
                exif = image.getexif()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:  # far past our limit: Pillow stops first
        raise _too_many_pixels(name, "") from error
    except Exception as error:
        # A damaged file can make a decoder raise almost anything (OSError, SyntaxError,
        # struct.error…): all of them mean « not an image we can show ».
        raise _unreadable(name) from error
    media_type, extension = _FORMATS[kind]
    if exif.get(_ORIENTATION) in (5, 6, 7, 8):  # turned a quarter: shown the other way round
        width, height = height, width
    return ImageInfo(media_type, extension, width, height, _taken_at(exif.get_ifd(_EXIF_IFD)))


def _taken_at(exif: dict[int, object]) -> dt.datetime | None:
    """The EXIF DateTimeOriginal, in UTC. Cameras write local time; with no offset recorded
    it is taken as this computer's local time (the photo was taken in the room)."""
    raw = exif.get(_DATE_TIME_ORIGINAL)
    if not isinstance(raw, str):
        return None
    try:
        taken = dt.datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")  # noqa: DTZ007
    except ValueError:  # « 0000:00:00 00:00:00 » and other blanks
        return None
    offset = exif.get(_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str):
        try:
            zone = dt.datetime.strptime(offset.strip("\x00 "), "%z").tzinfo
        except ValueError:
            zone = None
        if zone is not None:
            return taken.replace(tzinfo=zone).astimezone(dt.UTC)
    return taken.astimezone(dt.UTC)  # a naive time is read as local time


def check_photo_file(source: Path) -> ImageInfo:
    """Refuse (ValidationError, French, naming the file) a missing, too heavy or non-image file
    before anything is copied."""
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise FileNotFoundError(source)
    except OSError as error:
        raise ValidationError(
            _("Le fichier {name} est introuvable.").format(name=_quoted(source.name))
        ) from error
    if size > PHOTO_MAX_BYTES:
        raise _too_big(source.name, size)
    return inspect_image(source, source.name)


def photo_file(photos_dir: Path, file_name: str) -> Path:
    """Where a stored photo's file is; ValidationError for a name that is not one of ours
    (a name read from an imported archive could otherwise point anywhere)."""
    if not _FILE_NAME.fullmatch(file_name):
        raise ValidationError(_("Le nom de fichier de cette photo n'est pas valable."))
    return photos_dir.joinpath(*file_name.split("/"))


def store_file(photos_dir: Path, source: Path) -> StoredFile:
    """Copy ``source`` into the photos folder under its SHA-256 once it is checked (see module
    docstring); a file already there with the same bytes is kept and not copied again."""
    info = check_photo_file(source)
    try:
        photos_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(photos_dir)
        part = photos_dir / f"{_PART_PREFIX}{uuid.uuid4().hex}{_PART_SUFFIX}"
        try:
            sha256, size = _copy(source, part)
            # The bytes kept are the bytes checked: the source may change after the first look.
            info = inspect_image(part, source.name)
            file_name = f"{sha256[:2]}/{sha256}{info.extension}"
            final = photo_file(photos_dir, file_name)
            if not _holds(final, sha256):
                final.parent.mkdir(exist_ok=True)
                part.replace(final)
                fsync_dir(final.parent)
        finally:
            part.unlink(missing_ok=True)
    except OSError as error:
        raise StoreError(
            _("La photo {name} n'a pas pu être copiée\u00a0: {error}").format(
                name=_quoted(source.name), error=error.strerror or error
            ),
            photos_dir,
        ) from error
    return StoredFile(file_name, sha256, size, info)


def _copy(source: Path, part: Path) -> tuple[str, int]:
    """Copy ``source`` to the new file ``part``, flushed to disk; its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reading, part.open("xb") as writing:
        while chunk := reading.read(_CHUNK):
            size += len(chunk)
            if size > PHOTO_MAX_BYTES:  # the file grew since it was checked
                raise _too_big(source.name, size)
            digest.update(chunk)
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())
    return digest.hexdigest(), size


def _holds(path: Path, sha256: str) -> bool:
    """Whether ``path`` exists with exactly the bytes of that hash."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return False
    return digest.hexdigest() == sha256


def _remove_stale_parts(photos_dir: Path) -> None:
    limit = time.time() - _STALE_PART_SECONDS
    for part in photos_dir.glob(f"{_PART_PREFIX}*{_PART_SUFFIX}"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass  # another copy is finishing with it, or it is gone already
