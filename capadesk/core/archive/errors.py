"""Why an archive was refused, in French."""

from __future__ import annotations

from pathlib import Path

from capadesk.core.errors import KnownError
from capadesk.i18n import _


class ArchiveError(KnownError):
    """An archive that cannot be written or imported; nothing in the store was changed.

    ``reason`` is the precise cause alone; ``message`` adds the file and that the store was
    left as it was.
    """

    def __init__(self, reason: str, source: Path | None = None) -> None:
        super().__init__(reason if source is None else self.wrap(reason, source))
        self.reason = reason
        self.source = source

    def wrap(self, reason: str, source: Path) -> str:
        """The whole message, once the file is known."""
        return _(
            "Import de «\u00a0{name}\u00a0» refusé\u00a0: {reason} La base n'a pas été modifiée."
        ).format(name=source.name, reason=reason)
