"""Undoable photo commands: attach a photo, delete one.

Undo and redo never lose the file: an undone attach (or a deleted photo) keeps its file in the
photos folder, so redo (or undo) puts the same row back, same id, on the same file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from capadesk.core.domain.capture import PhotoView
from capadesk.core.services import photos
from capadesk.core.services.changes import Changes
from capadesk.core.services.photos import RemovedPhoto
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class AttachPhoto:
    """« Joindre la photo »: one image file, copied in and attached."""

    photos_dir: Path
    workshop_id: uuid.UUID
    source: Path
    use_case_id: uuid.UUID | None = None
    step_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    caption: str = ""
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    view: PhotoView | None = field(default=None, init=False)  # as saved, once applied
    _removed: RemovedPhoto | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return _("Joindre la photo")

    def apply(self, store: Store) -> Changes:
        if self._removed is not None:
            return photos.restore_photo(store, self._removed)
        self.view, changes = photos.attach_photo(
            store,
            self.photos_dir,
            self.workshop_id,
            self.source,
            use_case_id=self.use_case_id,
            step_id=self.step_id,
            group_id=self.group_id,
            caption=self.caption,
            public_id=self.public_id,
        )
        return changes

    def revert(self, store: Store) -> Changes:
        self._removed, changes = photos.delete_photo(
            store, self.photos_dir, self.public_id, keep_file=True
        )
        return changes


@dataclass
class DeletePhoto:
    """« Supprimer la photo »."""

    photos_dir: Path
    photo: PhotoView
    _removed: RemovedPhoto | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return _("Supprimer la photo")

    def apply(self, store: Store) -> Changes:
        self._removed, changes = photos.delete_photo(
            store, self.photos_dir, self.photo.public_id, keep_file=True
        )
        return changes

    def revert(self, store: Store) -> Changes:
        if self._removed is None:
            return Changes()
        return photos.restore_photo(store, self._removed)
