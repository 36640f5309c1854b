"""Photos shown by the tools: upright, downscaled copies (``photo_display``) as pixmaps, kept in
memory once read, and the picking of a photo for a document (checked before anything is
stored: a damaged or HEIC file is refused with its message and leaves no trace)."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap

from capadesk.core.errors import KnownError
from capadesk.core.services import photo_display
from capadesk.core.services.commands import Command
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.ui.tools.base import ToolPresenter

_KEPT = 24  # pixmaps kept in memory (a 1600 px photo is about 10 MB decoded)


class PhotoPixmaps:
    """Display copies as pixmaps, by file name and size."""

    def __init__(self, app_paths: AppPaths) -> None:
        self._paths = app_paths
        self._cache: OrderedDict[tuple[str, int], QPixmap | None] = OrderedDict()

    def pixmap(self, file_name: str, max_side: int = photo_display.SCREEN_SIDE) -> QPixmap | None:
        """The upright photo, or None when its file is missing or unreadable."""
        if not file_name:
            return None
        key = (file_name, max_side)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        path = photo_display.display_copy(
            self._paths.photos_dir, self._paths.cache_dir, file_name, max_side
        )
        pixmap = QPixmap(str(path)) if path is not None else None
        found = pixmap if pixmap is not None and not pixmap.isNull() else None
        self._cache[key] = found
        if len(self._cache) > _KEPT:
            self._cache.popitem(last=False)
        return found


def pick_photo(
    presenter: ToolPresenter,
    title: str,
    *,
    group_id: uuid.UUID | None = None,
) -> tuple[Command | None, uuid.UUID] | None:
    """Ask for an image file and check it: the photo to link (with the command attaching it
    first, if it is new to the workshop), or None (cancelled, or refused: the tool says why)."""
    source = presenter.dialogs.photo_file(presenter.view, title)
    if source is None:
        return None
    try:
        return photo_display.photo_for_tool(
            presenter.store,
            presenter.app_paths.photos_dir,
            presenter.workshop_id,
            source,
            step_id=presenter.step_id,
            group_id=group_id,
        )
    except KnownError as error:
        presenter.say(error.message, error=True)
        return None
