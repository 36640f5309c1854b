"""Undoable edits of a step's groups: replace them all (a proposal), move a person, rename."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from capadesk.core.domain.people import GroupView
from capadesk.core.services import groups
from capadesk.core.services.changes import Changes
from capadesk.core.services.groups import GroupDraft
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class ReplaceGroups:
    """The step's groups become ``drafts`` (a saved proposal, a group added or removed).

    Undo puts the previous groups back with their ids, members, captures and photos.
    """

    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    drafts: Sequence[GroupDraft]
    label: str = ""
    _before: list[GroupDraft] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.label or _("Proposer des groupes")

    def apply(self, store: Store) -> Changes:
        if self._before is None:
            self._before = groups.snapshot(store, self.workshop_id, self.step_id)
        return groups.replace_groups(store, self.workshop_id, self.step_id, self.drafts)[1]

    def revert(self, store: Store) -> Changes:
        assert self._before is not None, "revert before apply"
        return groups.replace_groups(store, self.workshop_id, self.step_id, self._before)[1]


@dataclass
class MoveMember:
    """Move a person to another group of the step (``group_id`` None: out of every group)."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID | None
    participant_id: uuid.UUID
    group_id: uuid.UUID | None
    name: str = ""
    _previous: uuid.UUID | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return _("Déplacer «\u00a0{name}\u00a0»").format(name=self.name)

    def apply(self, store: Store) -> Changes:
        self._previous, changes = groups.move_member(
            store, self.workshop_id, self.step_id, self.participant_id, self.group_id
        )
        return changes

    def revert(self, store: Store) -> Changes:
        return groups.move_member(
            store, self.workshop_id, self.step_id, self.participant_id, self._previous
        )[1]


@dataclass
class RenameGroup:
    """« Renommer le groupe »."""

    group: GroupView
    name: str

    @property
    def text(self) -> str:
        return _("Renommer le groupe «\u00a0{name}\u00a0»").format(name=self.group.name)

    def apply(self, store: Store) -> Changes:
        return groups.rename_group(store, self.group.public_id, self.name)[1]

    def revert(self, store: Store) -> Changes:
        return groups.rename_group(store, self.group.public_id, self.group.name)[1]
