"""Undoable dot-vote commands: a tally, one participant's dots, keeping the best ranked threads.

Each records the dots (or the « kept » marks) of the threads it touches and puts them back
exactly on undo (see ``WallCommand``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from capadesk.core.services import votes
from capadesk.core.services.changes import Changes
from capadesk.core.services.thread_commands import WallCommand
from capadesk.core.services.threads import list_threads
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class SetTally(WallCommand):
    """« Voter »: the dots counted on the paper wall for one thread."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    thread_id: uuid.UUID
    dots: int
    _cards = False

    @property
    def text(self) -> str:
        return _("Voter")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.thread_id]

    def _do(self, store: Store) -> Changes:
        return votes.set_tally(store, self.workshop_id, self.step_id, self.thread_id, self.dots)


@dataclass
class SetParticipantDots(WallCommand):
    """« Voter »: one participant's dots on one thread."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    participant_id: uuid.UUID
    thread_id: uuid.UUID
    dots: int
    _cards = False

    @property
    def text(self) -> str:
        return _("Voter")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.thread_id]

    def _do(self, store: Store) -> Changes:
        return votes.set_participant_dots(
            store, self.workshop_id, self.step_id, self.participant_id, self.thread_id, self.dots
        )


@dataclass
class KeepTop(WallCommand):
    """« Retenir les fils les mieux placés » after the vote."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    _cards = False
    _votes = False

    @property
    def text(self) -> str:
        return _("Retenir les fils les mieux placés")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [t.public_id for t in list_threads(store, self.workshop_id)]

    def _do(self, store: Store) -> Changes:
        return votes.keep_top(store, self.workshop_id, self.step_id)
