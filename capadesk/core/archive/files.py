"""Files around the archive: photo names, hashes, and writes that never leave half a file."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from capadesk.core.archive.format import EXTENSION

CHUNK = 1 << 20
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


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_write(target: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``target`` only once complete and flushed to disk.

    They go to a temporary file beside it, renamed over ``target`` at the end; on any error the
    temporary file is removed and ``target`` is as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    partial = Path(name)
    try:
        with os.fdopen(fd, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(target)
        fsync_dir(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through ``atomic_write``."""
    with source.open("rb") as reader, atomic_write(target) as writer:
        shutil.copyfileobj(reader, writer, CHUNK)
