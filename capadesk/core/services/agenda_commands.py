"""Undoable changes to a workshop's agenda."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.protocol import Protocol
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class SetAgenda:
    """The workshop's agenda becomes ``protocol``: a library protocol chosen on the page, or
    one edit in the agenda builder. ``label`` names it in « Annuler … »."""

    workshop_id: uuid.UUID
    protocol: Protocol
    label: str = ""
    _previous: Protocol | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.label or _("Modifier le déroulé")

    def apply(self, store: Store) -> Changes:
        if self._previous is None:
            self._previous = read_agenda(store, self.workshop_id).protocol
        return apply_protocol(store, self.workshop_id, self.protocol)

    def revert(self, store: Store) -> Changes:
        assert self._previous is not None, "revert before apply"
        return apply_protocol(store, self.workshop_id, self._previous)
