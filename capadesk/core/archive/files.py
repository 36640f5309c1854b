"""Files around the archive: photo names and hashes (atomic writes: ``capadesk.core.files``)."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from capadesk.core.archive.format import EXTENSION
from capadesk.core.files import CHUNK as CHUNK  # the archive's read size, re-exported

_MEDIA_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "image/tiff": "tif",
}


def photo_extension(file_name: str, media_type: str) -> str:
    """The extension a photo travels with: its file's, else its media type's, else ``bin``."""
    suffix = PurePosixPath(file_name).suffix.lower().removeprefix(".")
    if EXTENSION.match(suffix):
        return suffix
    return _MEDIA_EXTENSIONS.get(media_type.lower(), "bin")


def photo_file_name(sha256: str, extension: str) -> str:
    """Where an imported photo lives, relative to the photos folder: ``ab/ab12….jpg``."""
    return f"{sha256[:2]}/{sha256}.{extension}"


def stored_photo(photos_dir: Path, file_name: str) -> Path | None:
    """The photo file a row names, if it is a file inside ``photos_dir``."""
    if not file_name or PurePosixPath(file_name).is_absolute() or ".." in file_name.split("/"):
        return None
    path = photos_dir / file_name
    try:
        inside = path.resolve().is_relative_to(photos_dir.resolve())
    except OSError:
        return None
    return path if inside and path.is_file() else None


def sha256_file(path: Path) -> str:
    """The file's SHA-256, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
