"""Undoable changes to a workshop's agenda and to the clock time its day starts at."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.schedule import clock_text
from capadesk.core.services.agenda import apply_protocol, read_agenda, set_day_start
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class SetAgenda:
    """The workshop's agenda becomes ``protocol``: a library protocol chosen on the page, or
    one edit in the agenda builder. ``label`` names it in « Annuler … ».

    Undo writes back the agenda read before the first apply, and redo the one read after it,
    both with their store ids: a step undo brings back, or redo adds again, keeps the same id.
    """

    workshop_id: uuid.UUID
    protocol: Protocol
    label: str = ""
    _previous: Protocol | None = field(default=None, repr=False)
    _applied: Protocol | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.label or _("Modifier le déroulé")

    def apply(self, store: Store) -> Changes:
        if self._applied is not None:
            return apply_protocol(store, self.workshop_id, self._applied)
        previous = read_agenda(store, self.workshop_id).protocol
        changes = apply_protocol(store, self.workshop_id, self.protocol)
        self._previous = previous
        self._applied = read_agenda(store, self.workshop_id).protocol
        return changes

    def revert(self, store: Store) -> Changes:
        assert self._previous is not None, "revert before apply"
        return apply_protocol(store, self.workshop_id, self._previous)


@dataclass
class SetDayStart:
    """« Début de la journée » : the clock time the agenda's steps are timed from."""

    workshop_id: uuid.UUID
    start: dt.time
    _previous: dt.time | None = field(default=None, repr=False)
    _read: bool = field(default=False, repr=False)

    @property
    def text(self) -> str:
        return _("Début de la journée à {time}").format(time=clock_text(self.start))

    def apply(self, store: Store) -> Changes:
        if not self._read:
            self._previous = read_agenda(store, self.workshop_id).day_start
            self._read = True
        return set_day_start(store, self.workshop_id, self.start)

    def revert(self, store: Store) -> Changes:
        assert self._read, "revert before apply"
        return set_day_start(store, self.workshop_id, self._previous)
