"""The workshop list's undoable commands.

Created and duplicated workshops keep their UUID across undo and redo: undo moves them out of
the list, redo brings the same row back, so nothing else that points at them breaks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.services import workshops
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class CreateWorkshop:
    """« Nouvel atelier »."""

    title_text: str
    place: str = ""
    day: dt.date | None = None
    programme: str | None = None
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    _created: bool = False

    @property
    def text(self) -> str:
        return _("Créer l'atelier «\u00a0{title}\u00a0»").format(title=self.title_text)

    def apply(self, store: Store) -> Changes:
        if self._created:
            return workshops.restore_workshop(store, self.public_id)
        _summary, changes = workshops.create_workshop(
            store,
            self.title_text,
            place=self.place,
            day=self.day,
            programme=self.programme,
            public_id=self.public_id,
        )
        self._created = True
        return changes

    def revert(self, store: Store) -> Changes:
        return workshops.delete_workshop(store, self.public_id)


@dataclass
class EditWorkshop:
    """« Modifier l'atelier » (title, place, day, programme)."""

    before: WorkshopSummary
    title_text: str
    place: str
    day: dt.date | None
    programme: str | None

    @property
    def text(self) -> str:
        return _("Modifier l'atelier «\u00a0{title}\u00a0»").format(title=self.before.title)

    def apply(self, store: Store) -> Changes:
        _summary, changes = workshops.edit_workshop(
            store,
            self.before.public_id,
            title=self.title_text,
            place=self.place,
            day=self.day,
            programme=self.programme,
        )
        return changes

    def revert(self, store: Store) -> Changes:
        _summary, changes = workshops.edit_workshop(
            store,
            self.before.public_id,
            title=self.before.title,
            place=self.before.place,
            day=self.before.day,
            programme=self.before.programme_title,
        )
        return changes


@dataclass
class DuplicateWorkshop:
    """« Dupliquer » : the same preparation under a new title."""

    source: WorkshopSummary
    copy_id: uuid.UUID = field(default_factory=uuid.uuid4)
    _created: bool = False

    @property
    def text(self) -> str:
        return _("Dupliquer l'atelier «\u00a0{title}\u00a0»").format(title=self.source.title)

    def apply(self, store: Store) -> Changes:
        if self._created:
            return workshops.restore_workshop(store, self.copy_id)
        _summary, changes = workshops.duplicate_workshop(
            store, self.source.public_id, copy_id=self.copy_id
        )
        self._created = True
        return changes

    def revert(self, store: Store) -> Changes:
        return workshops.delete_workshop(store, self.copy_id)


@dataclass
class DeleteWorkshop:
    """« Supprimer » : out of the list, back on undo with everything it held."""

    target: WorkshopSummary

    @property
    def text(self) -> str:
        return _("Supprimer l'atelier «\u00a0{title}\u00a0»").format(title=self.target.title)

    def apply(self, store: Store) -> Changes:
        return workshops.delete_workshop(store, self.target.public_id)

    def revert(self, store: Store) -> Changes:
        return workshops.restore_workshop(store, self.target.public_id)
