"""Writes that never leave half a file: a temporary file beside the target, flushed to disk, then
renamed over it, and the folder's entry made durable.

Imported by ``capadesk.settings`` before the first window: stdlib only. Errors are the plain
``OSError``; each caller says what failed in French. The target's folder must exist.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


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
def atomic_write(
    target: Path, *, prefix: str | None = None, suffix: str = ".part"
) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``target`` only once the block ends, flushed to disk.

    They go to a temporary file beside it (``prefix``, default ``.<name>.``, and ``suffix``),
    renamed over ``target`` at the end; on any error the temporary file is removed and
    ``target`` is as it was.
    """
    fd, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}." if prefix is None else prefix, suffix=suffix
    )
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


def write_atomically(
    path: Path, data: bytes, *, prefix: str | None = None, suffix: str = ".part"
) -> None:
    """Replace ``path`` with ``data`` through ``atomic_write``."""
    with atomic_write(path, prefix=prefix, suffix=suffix) as stream:
        stream.write(data)


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through ``atomic_write``, streamed in chunks."""
    with source.open("rb") as reader, atomic_write(target) as writer:
        shutil.copyfileobj(reader, writer, CHUNK)
