"""The roster's undoable commands.

Added people keep their UUID across undo and redo; a deletion keeps what the rows carried (group
seats, dots) and puts it back on undo.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from capadesk.core.domain.people import ParticipantFields, ParticipantView, fields_of
from capadesk.core.services import participants
from capadesk.core.services.changes import Changes
from capadesk.core.services.participants import RemovedParticipant
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def _quoted(name: str) -> str:
    return f"«\u00a0{name}\u00a0»"


@dataclass
class AddParticipant:
    """« Ajouter un participant »."""

    workshop_id: uuid.UUID
    fields: ParticipantFields
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def text(self) -> str:
        return _("Ajouter {name}").format(name=_quoted(self.fields.name))

    def apply(self, store: Store) -> Changes:
        _view, changes = participants.add_participant(
            store, self.workshop_id, self.fields, public_id=self.public_id
        )
        return changes

    def revert(self, store: Store) -> Changes:
        return participants.delete_participants(store, [self.public_id])[1]


@dataclass
class UpdateParticipant:
    """An edit of one participant's fields (a cell of the roster)."""

    before: ParticipantView
    after: ParticipantFields

    @property
    def text(self) -> str:
        return _("Modifier {name}").format(name=_quoted(self.before.name))

    def apply(self, store: Store) -> Changes:
        return participants.update_participant(store, self.before.public_id, self.after)[1]

    def revert(self, store: Store) -> Changes:
        return participants.update_participant(
            store, self.before.public_id, fields_of(self.before)
        )[1]


@dataclass
class SetArrival:
    """Tick (``at``) or untick (None) the arrival of one participant (émargement)."""

    participant: ParticipantView
    at: dt.datetime | None

    @property
    def text(self) -> str:
        name = _quoted(self.participant.name)
        if self.at is None:
            return _("Retirer l'arrivée de {name}").format(name=name)
        return _("Noter l'arrivée de {name}").format(name=name)

    def apply(self, store: Store) -> Changes:
        return participants.mark_arrived(store, self.participant.public_id, self.at)[1]

    def revert(self, store: Store) -> Changes:
        return participants.mark_arrived(
            store, self.participant.public_id, self.participant.arrived_at
        )[1]


@dataclass
class DeleteParticipants:
    """« Supprimer »: out of the roster (and of their groups); undo brings all back."""

    targets: Sequence[ParticipantView]
    _removed: list[RemovedParticipant] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        if len(self.targets) == 1:
            return _("Supprimer {name}").format(name=_quoted(self.targets[0].name))
        return _("Supprimer {count} participants").format(count=len(self.targets))

    def apply(self, store: Store) -> Changes:
        removed, changes = participants.delete_participants(
            store, [p.public_id for p in self.targets]
        )
        self._removed = removed
        return changes

    def revert(self, store: Store) -> Changes:
        return participants.restore_participants(store, self._removed)


@dataclass
class AddParticipants:
    """Several people at once: a CSV import, or the roster of another workshop."""

    workshop_id: uuid.UUID
    entries: Sequence[tuple[ParticipantFields, dt.datetime | None]]
    label: str = ""
    public_ids: tuple[uuid.UUID, ...] = ()

    def __post_init__(self) -> None:
        if len(self.public_ids) != len(self.entries):
            self.public_ids = tuple(uuid.uuid4() for _entry in self.entries)

    @property
    def text(self) -> str:
        return self.label or _("Importer {count} participants").format(count=len(self.entries))

    def apply(self, store: Store) -> Changes:
        rows = [
            (pid, fields, arrived)
            for pid, (fields, arrived) in zip(self.public_ids, self.entries, strict=True)
        ]
        return participants.add_participants(store, self.workshop_id, rows)[1]

    def revert(self, store: Store) -> Changes:
        return participants.delete_participants(store, self.public_ids)[1]


def copy_roster_command(
    store: Store, source_id: uuid.UUID, source_title: str, target_id: uuid.UUID
) -> AddParticipants:
    """« Reprendre la liste » of ``source_id``: the people it would add, as one command."""
    copies = participants.roster_copy(store, source_id, target_id)
    label = _("Reprendre la liste de {title}").format(title=_quoted(source_title))
    return AddParticipants(target_id, [(fields, None) for fields in copies], label)
