"""What every export shares: the progress callback, cancelling, atomic files, default names."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from capadesk.core.domain.workshop import folded
from capadesk.core.errors import KnownError
from capadesk.core.services.roster_csv import write_file_atomically
from capadesk.i18n import _

# (done, total, French label of what is being done): the UI drives a progress bar with it.
Progress = Callable[[int, int, str], None]


class ExportCancelledError(KnownError):
    """Raised by a progress callback to stop an export; nothing has been written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Export annulé\u00a0: aucun fichier n'a été écrit."))


def report(progress: Progress | None, done: int, total: int, label: str) -> None:
    """Tell ``progress`` (if any) where the export stands; it may raise ExportCancelledError."""
    if progress is not None:
        progress(done, total, label)


def write_atomically(path: Path, data: bytes) -> None:
    """Write the file whole next to ``path``, then rename it over: never half a file.

    ValidationError (French message) when it cannot be written.
    """
    write_file_atomically(path, data)


def slug(title: str, fallback: str = "atelier") -> str:
    """A file-name-safe form of a title: « Atelier de Toulon » → « atelier-de-toulon »."""
    words = re.sub(r"[^a-z0-9]+", "-", folded(title)).strip("-")
    return words[:60].rstrip("-") or fallback


def target_file(out: Path, default_name: str) -> Path:
    """``out`` itself, or ``default_name`` inside it when ``out`` is an existing folder."""
    return out / default_name if out.is_dir() else out
