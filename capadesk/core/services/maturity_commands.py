"""Undoable edits of a maturity self-assessment: create, change (any edit: a respondent, an
answer, a subject, an import), delete."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from capadesk.core.domain.maturity import Assessment
from capadesk.core.services import maturity
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class CreateAssessment:
    """« Nouvel autodiagnostic »: undo deletes it, redo brings the same one back."""

    workshop_id: uuid.UUID
    title: str = ""
    day: dt.date | None = None
    assessment_id: uuid.UUID = field(default_factory=uuid.uuid4)
    _created: bool = field(default=False, repr=False)

    @property
    def text(self) -> str:
        return _("Nouvel autodiagnostic")

    def apply(self, store: Store) -> Changes:
        if self._created:
            return maturity.restore_assessment(store, self.assessment_id)
        _view, changes = maturity.create_assessment(
            store, self.workshop_id, title=self.title, day=self.day, public_id=self.assessment_id
        )
        self._created = True
        return changes

    def revert(self, store: Store) -> Changes:
        return maturity.delete_assessment(store, self.assessment_id)


@dataclass
class EditAssessment:
    """An edit computed from the stored assessment when applied (``edit`` may refuse with a
    ValidationError: nothing is then stored nor recorded); undo stores the assessment back."""

    assessment_id: uuid.UUID
    edit: Callable[[Assessment], Assessment]
    label: str = ""
    _before: Assessment | None = field(default=None, repr=False)
    _after: Assessment | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.label or _("Modifier l'autodiagnostic")

    def apply(self, store: Store) -> Changes:
        if self._after is None:
            before = maturity.get_assessment(store, self.assessment_id).assessment
            self._after = self.edit(before)
            self._before = before
        return maturity.save_assessment(store, self.assessment_id, self._after)

    def revert(self, store: Store) -> Changes:
        assert self._before is not None, "revert before apply"
        return maturity.save_assessment(store, self.assessment_id, self._before)


@dataclass
class ChangeAssessment:
    """Any edit: the assessment becomes ``after``; undo puts ``before`` back."""

    assessment_id: uuid.UUID
    before: Assessment
    after: Assessment
    label: str = ""

    @property
    def text(self) -> str:
        return self.label or _("Modifier l'autodiagnostic")

    def apply(self, store: Store) -> Changes:
        return maturity.save_assessment(store, self.assessment_id, self.after)

    def revert(self, store: Store) -> Changes:
        return maturity.save_assessment(store, self.assessment_id, self.before)


@dataclass
class DeleteAssessment:
    """« Supprimer l'autodiagnostic »."""

    assessment_id: uuid.UUID

    @property
    def text(self) -> str:
        return _("Supprimer l'autodiagnostic")

    def apply(self, store: Store) -> Changes:
        return maturity.delete_assessment(store, self.assessment_id)

    def revert(self, store: Store) -> Changes:
        return maturity.restore_assessment(store, self.assessment_id)
