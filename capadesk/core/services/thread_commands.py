"""The wall's undoable thread commands: create, rename, move cards, merge, split, tag, delete, keep.

Commands that move cards or dots record the threads they touch before and after (``wall_state``)
and undo or redo by putting that record back: memberships, positions and vote rows return
exactly, with the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from capadesk.core.domain.capture import ThreadView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.core.services import threads
from capadesk.core.services.changes import Changes
from capadesk.core.services.threads import WallState, restore_wall, wall_state
from capadesk.core.storage.store import Store
from capadesk.i18n import _


class WallCommand:
    """Apply once by the service, then undo and redo by restoring the recorded state."""

    workshop_id: uuid.UUID
    _before: WallState | None = None
    _after: WallState | None = None
    _cards = True  # record the cards of the threads in scope
    _votes = True  # record the votes on the threads in scope

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        """The threads this command changes."""
        raise NotImplementedError

    def _captures(self) -> Sequence[uuid.UUID]:
        """Cards it moves that may sit outside those threads."""
        return ()

    def _do(self, store: Store) -> Changes:
        """Run the service(s) the first time."""
        raise NotImplementedError

    def _record(self, store: Store) -> WallState:
        return wall_state(
            store,
            self.workshop_id,
            self._threads(store),
            self._captures(),
            cards=self._cards,
            votes=self._votes,
        )

    def apply(self, store: Store) -> Changes:
        if self._after is not None:
            return restore_wall(store, self._after)
        self._before = self._record(store)
        try:
            changes = self._do(store)
        except Exception:
            self._before = None
            raise
        self._after = self._record(store)
        return changes

    def revert(self, store: Store) -> Changes:
        if self._before is None:
            return Changes()
        return restore_wall(store, self._before)


@dataclass
class CreateThread(WallCommand):
    """« Créer le fil « … » », with the cards it starts with (taken from their threads)."""

    workshop_id: uuid.UUID
    title: str
    capture_ids: Sequence[uuid.UUID] = ()
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def text(self) -> str:
        return _("Créer le fil «\u00a0{title}\u00a0»").format(title=self.title)

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.public_id]

    def _captures(self) -> Sequence[uuid.UUID]:
        return self.capture_ids

    def _do(self, store: Store) -> Changes:
        _view, changes = threads.create_thread(store, self.workshop_id, self.title, self.public_id)
        if not self.capture_ids:
            return changes
        try:
            moved = threads.move_captures(store, self.workshop_id, self.capture_ids, self.public_id)
        except Exception:
            if self._before is not None:
                restore_wall(store, self._before)  # no half-made thread left behind
            raise
        return threads.combine(changes, moved)


@dataclass
class MoveToThread(WallCommand):
    """« Déplacer la carte » into a thread, or « Retirer du fil » (``thread_id`` None)."""

    workshop_id: uuid.UUID
    capture_ids: Sequence[uuid.UUID]
    thread_id: uuid.UUID | None
    _votes = False

    @property
    def text(self) -> str:
        if self.thread_id is None:
            return _("Retirer du fil")
        return _("Déplacer la carte") if len(self.capture_ids) == 1 else _("Déplacer les cartes")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.thread_id] if self.thread_id else []

    def _captures(self) -> Sequence[uuid.UUID]:
        return self.capture_ids

    def _do(self, store: Store) -> Changes:
        return threads.move_captures(store, self.workshop_id, self.capture_ids, self.thread_id)


@dataclass
class MergeThreads(WallCommand):
    """« Fusionner les fils »: cards, dots and tags of the sources go to the target."""

    workshop_id: uuid.UUID
    target_id: uuid.UUID
    source_ids: Sequence[uuid.UUID]

    @property
    def text(self) -> str:
        return _("Fusionner les fils")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.target_id, *self.source_ids]

    def _do(self, store: Store) -> Changes:
        return threads.merge_threads(store, self.workshop_id, self.target_id, self.source_ids)


@dataclass
class SplitThread(WallCommand):
    """« Séparer le fil »: some of its cards start a new thread."""

    workshop_id: uuid.UUID
    thread_id: uuid.UUID
    capture_ids: Sequence[uuid.UUID]
    title: str
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def text(self) -> str:
        return _("Séparer le fil")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return [self.thread_id, self.public_id]

    def _captures(self) -> Sequence[uuid.UUID]:
        return self.capture_ids

    def _do(self, store: Store) -> Changes:
        _view, changes = threads.split_thread(
            store, self.workshop_id, self.thread_id, self.capture_ids, self.title, self.public_id
        )
        return changes


@dataclass
class KeepThreads(WallCommand):
    """« Retenir les fils » (or « Ne plus retenir les fils »)."""

    workshop_id: uuid.UUID
    thread_ids: Sequence[uuid.UUID]
    kept: bool
    _cards = False
    _votes = False

    @property
    def text(self) -> str:
        return _("Retenir les fils") if self.kept else _("Ne plus retenir les fils")

    def _threads(self, store: Store) -> Sequence[uuid.UUID]:
        return self.thread_ids

    def _do(self, store: Store) -> Changes:
        return threads.set_kept(store, self.thread_ids, self.kept)


@dataclass
class RenameThread:
    """« Renommer le fil »."""

    thread: ThreadView
    title: str

    @property
    def text(self) -> str:
        return _("Renommer le fil «\u00a0{title}\u00a0»").format(title=self.thread.title)

    def apply(self, store: Store) -> Changes:
        return threads.rename_thread(store, self.thread.public_id, self.title)

    def revert(self, store: Store) -> Changes:
        return threads.rename_thread(store, self.thread.public_id, self.thread.title)


@dataclass
class TagThread:
    """« Étiqueter le fil »: the life-cycle stages it pulls."""

    thread: ThreadView
    stages: Sequence[LifecycleStage]

    @property
    def text(self) -> str:
        return _("Étiqueter le fil «\u00a0{title}\u00a0»").format(title=self.thread.title)

    def apply(self, store: Store) -> Changes:
        return threads.set_thread_stages(store, self.thread.public_id, self.stages)

    def revert(self, store: Store) -> Changes:
        return threads.set_thread_stages(store, self.thread.public_id, self.thread.stages)


@dataclass
class DeleteThread:
    """« Supprimer le fil »: its cards go back to « no thread » until undo."""

    thread: ThreadView

    @property
    def text(self) -> str:
        return _("Supprimer le fil «\u00a0{title}\u00a0»").format(title=self.thread.title)

    def apply(self, store: Store) -> Changes:
        return threads.delete_thread(store, self.thread.public_id)

    def revert(self, store: Store) -> Changes:
        return threads.restore_thread(store, self.thread.public_id)
