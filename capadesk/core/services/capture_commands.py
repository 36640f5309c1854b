"""The capture bar's undoable commands: add, edit and delete a card.

An added card keeps its UUID across undo and redo: undo marks it deleted, redo brings the same
row back, so a thread or a photo pointing at it never breaks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import captures
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import N_, _

_ADD_LABELS = {
    CaptureKind.IRRITANT: N_("Ajouter l'irritant"),
    CaptureKind.WISH: N_("Ajouter le souhait"),
    CaptureKind.DATABASE: N_("Ajouter la base de données"),
    CaptureKind.APPLICATION: N_("Ajouter l'application"),
    CaptureKind.DATA_FLOW: N_("Ajouter le flux de données"),
    CaptureKind.IDEA: N_("Ajouter l'idée"),
    CaptureKind.ACTION: N_("Ajouter l'action"),
    CaptureKind.NOTE: N_("Ajouter la note"),
}


class AddCapture:
    """« Ajouter l'irritant » (or the card's kind): one Enter in the capture bar."""

    def __init__(
        self,
        workshop_id: uuid.UUID,
        kind: CaptureKind,
        text: str,
        stage: LifecycleStage | None = None,
        use_case_id: uuid.UUID | None = None,
        group_id: uuid.UUID | None = None,
        step_id: uuid.UUID | None = None,
        note: str = "",
        public_id: uuid.UUID | None = None,
    ) -> None:
        self.workshop_id = workshop_id
        self.kind = kind
        self.capture_text = text  # ``text`` is the command's label (the Command protocol)
        self.stage = stage
        self.use_case_id = use_case_id
        self.group_id = group_id
        self.step_id = step_id
        self.note = note
        self.public_id = public_id or uuid.uuid4()
        self.view: CaptureView | None = None  # the card as saved, once applied
        self._created = False

    @property
    def text(self) -> str:
        label = _ADD_LABELS.get(CaptureKind(self.kind))
        return _(label) if label else _("Ajouter la carte")

    def apply(self, store: Store) -> Changes:
        if self._created:
            return captures.restore_capture(store, self.public_id)
        self.view, changes = captures.add_capture(
            store,
            self.workshop_id,
            self.kind,
            self.capture_text,
            stage=self.stage,
            use_case_id=self.use_case_id,
            group_id=self.group_id,
            step_id=self.step_id,
            note=self.note,
            public_id=self.public_id,
        )
        self._created = True
        return changes

    def revert(self, store: Store) -> Changes:
        return captures.delete_capture(store, self.public_id)


@dataclass
class UpdateCapture:
    """« Modifier la carte »: kind, text, stage, use case, group and note, all at once."""

    before: CaptureView
    after: CaptureView

    @property
    def text(self) -> str:
        return _("Modifier la carte")

    def apply(self, store: Store) -> Changes:
        _view, changes = captures.update_capture(store, self.after)
        return changes

    def revert(self, store: Store) -> Changes:
        _view, changes = captures.update_capture(store, self.before)
        return changes


@dataclass
class DeleteCapture:
    """« Supprimer la carte »: off the wall, back on undo in the thread it was in."""

    capture: CaptureView

    @property
    def text(self) -> str:
        return _("Supprimer la carte")

    def apply(self, store: Store) -> Changes:
        return captures.delete_capture(store, self.capture.public_id)

    def revert(self, store: Store) -> Changes:
        return captures.restore_capture(store, self.capture.public_id)
