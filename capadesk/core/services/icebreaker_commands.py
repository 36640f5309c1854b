"""The ice-breakers' undoable commands: record an answer, draw a question, delete answers,
take a question out of the deck.

A recorded answer keeps its UUID (and a newcomer it added to the roster keeps theirs) across
undo and redo; a draw keeps the question it drew, so a redo shows the same one.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from capadesk.core.domain.icebreakers import EntryDraft, EntryKind
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import ValidationError
from capadesk.core.services import icebreakers
from capadesk.core.services.changes import Changes
from capadesk.core.services.icebreakers import Recorded
from capadesk.core.storage.store import Store
from capadesk.i18n import N_, _


def _quoted(name: str) -> str:
    return f"«\u00a0{name.strip()}\u00a0»"


_RECORD_LABELS = {
    EntryKind.LINE_UP_PROMPT: N_("Ajouter une question au paquet"),
    EntryKind.LINE_UP_DRAW: N_("Tirer une question"),
    EntryKind.LINE_UP_KM: N_("Noter les kilomètres de {name}"),
    EntryKind.DIXIT_MOOD: N_("Noter l'humeur de {name}"),
    EntryKind.YARN_LINK: N_("Noter la pelote de {name} à {other}"),
    EntryKind.LEGO_TOWER: N_("Noter la tour de {name}"),
}


def _new_ids() -> tuple[uuid.UUID, uuid.UUID]:
    return uuid.uuid4(), uuid.uuid4()


@dataclass
class RecordEntry:
    """One answer typed in the room (``team`` names a tower's team for the label)."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID
    draft: EntryDraft
    new_type: ParticipantType = ParticipantType.AGENT
    team: str = ""
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    new_ids: tuple[uuid.UUID, uuid.UUID] = field(default_factory=_new_ids)
    recorded: Recorded | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        draft = self.draft
        lego = draft.kind is EntryKind.LEGO_TOWER
        name = (self.team or draft.label) if lego else draft.person
        return _(_RECORD_LABELS[EntryKind(draft.kind)]).format(
            name=_quoted(name), other=_quoted(draft.other)
        )

    def apply(self, store: Store) -> Changes:
        self.recorded, changes = icebreakers.record_entry(
            store,
            self.workshop_id,
            self.step_id,
            self.draft,
            public_id=self.public_id,
            new_ids=self.new_ids,
            new_type=self.new_type,
        )
        return changes

    def revert(self, store: Store) -> Changes:
        assert self.recorded is not None, "revert before apply"
        return icebreakers.unrecord_entry(store, self.recorded)


@dataclass
class DrawPrompt:
    """« Tirer une question »: one not drawn yet in this step, at random."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID
    rng: random.Random = field(default_factory=random.Random, repr=False)
    prompt: str | None = None  # chosen at the first apply, kept for redo
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    recorded: Recorded | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return _("Tirer une question")

    def apply(self, store: Store) -> Changes:
        if self.prompt is None:
            self.prompt = icebreakers.next_prompt(store, self.workshop_id, self.step_id, self.rng)
        if self.prompt is None:
            raise ValidationError(
                _(
                    "Toutes les questions du paquet ont été tirées\u00a0: remettez-les dans le "
                    "paquet ou ajoutez-en."
                )
            )
        draft = EntryDraft(EntryKind.LINE_UP_DRAW, text=self.prompt)
        self.recorded, changes = icebreakers.record_entry(
            store,
            self.workshop_id,
            self.step_id,
            draft,
            public_id=self.public_id,
            new_ids=_new_ids(),
        )
        return changes

    def revert(self, store: Store) -> Changes:
        assert self.recorded is not None, "revert before apply"
        return icebreakers.unrecord_entry(store, self.recorded)


@dataclass
class DeleteEntries:
    """Delete answers (one, or all the draws to put the questions back in the deck)."""

    entry_ids: Sequence[uuid.UUID]
    label: str = ""

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        if len(self.entry_ids) == 1:
            return _("Supprimer la réponse")
        return _("Supprimer {count} réponses").format(count=len(self.entry_ids))

    def apply(self, store: Store) -> Changes:
        return icebreakers.delete_entries(store, self.entry_ids)

    def revert(self, store: Store) -> Changes:
        return icebreakers.restore_entries(store, self.entry_ids)


@dataclass
class RemovePrompt:
    """Take a question out of the step's deck."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID
    prompt: str
    _removed: tuple[uuid.UUID, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        return _("Retirer la question {prompt}").format(prompt=_quoted(_short(self.prompt)))

    def apply(self, store: Store) -> Changes:
        self._removed, changes = icebreakers.remove_prompt(
            store, self.workshop_id, self.step_id, self.prompt
        )
        return changes

    def revert(self, store: Store) -> Changes:
        return icebreakers.restore_entries(store, self._removed)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
