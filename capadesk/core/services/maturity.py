"""Maturity self-assessments in the store: ``document`` rows of kind « maturity » whose ``data``
is ``maturity.assessment_to_json``. Each belongs to a workshop; all of them can be listed
together, so a later assessment is compared with an earlier one (maturity is a continuous,
cyclical process). Every edit saves the whole assessment: the domain module computes the new
one, ``save_assessment`` stores it, and undo stores the previous one back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from capadesk.core.domain.maturity import (
    DATA_VERSION,
    Assessment,
    assessment_from_json,
    assessment_to_json,
    default_subjects,
)
from capadesk.core.domain.maturity_csv import MAX_BYTES, AnswersImport, import_answers
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import Document, Workshop, utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

KIND = "maturity"


class AssessmentView(NamedTuple):
    """A stored assessment and the workshop it was made in."""

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    workshop_title: str
    assessment: Assessment
    created_at: dt.datetime

    @property
    def label(self) -> str:
        """« Autodiagnostic — 14 mars 2024 (Atelier de Caux) » for choosers."""
        day = self.assessment.day or self.created_at.date()
        title = self.assessment.title or _("Autodiagnostic")
        return f"{title} — {day.strftime('%d/%m/%Y')} ({self.workshop_title})"


def maturity_changed(workshop_id: uuid.UUID) -> Changes:
    """What an assessment edit reports: the workshop's documents."""
    return Changes(documents=frozenset({workshop_id}))


def _view(row: Document, workshop: Workshop) -> AssessmentView:
    try:
        assessment = assessment_from_json(json.loads(row.data))
    except (ValueError, RecursionError):  # damaged JSON: shown empty, the row is kept
        assessment = assessment_from_json({})
    return AssessmentView(
        row.public_id, workshop.public_id, workshop.title, assessment, row.created_at
    )


def create_assessment(
    store: Store,
    workshop_id: uuid.UUID,
    *,
    title: str = "",
    day: dt.date | None = None,
    public_id: uuid.UUID | None = None,
) -> tuple[AssessmentView, Changes]:
    """A new assessment with the default subjects, dated ``day`` (else the workshop's day)."""
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        assessment = Assessment(
            title or _("Autodiagnostic de maturité"), day or workshop.day, default_subjects()
        )
        row = Document(
            public_id=public_id or uuid.uuid4(),
            workshop_id=workshop.id,
            kind=KIND,
            title=assessment.title,
            data=json.dumps(assessment_to_json(assessment), ensure_ascii=False),
            format_version=DATA_VERSION,
        )
        session.add(row)
        session.flush()
        view = _view(row, workshop)
    return view, maturity_changed(workshop_id)


def _row(session: Session, assessment_id: uuid.UUID, *, deleted: bool = False) -> Document:
    row = session.scalars(
        select(Document).where(Document.public_id == assessment_id, Document.kind == KIND)
    ).one_or_none()
    if row is None or (row.deleted_at is not None) != deleted:
        raise NotFoundError(_("Cet autodiagnostic n'existe pas ou plus."))
    return row


def get_assessment(store: Store, assessment_id: uuid.UUID) -> AssessmentView:
    """The assessment with this id, or NotFoundError."""
    with store.read() as session:
        row = _row(session, assessment_id)
        workshop = session.get(Workshop, row.workshop_id)
        assert workshop is not None
        return _view(row, workshop)


def list_assessments(store: Store, workshop_id: uuid.UUID | None = None) -> list[AssessmentView]:
    """The assessments of one workshop, or of every workshop (to compare over time), oldest
    first by their day."""
    with store.read() as session:
        query = (
            select(Document, Workshop)
            .join(Workshop, Workshop.id == Document.workshop_id)
            .where(
                Document.kind == KIND,
                Document.deleted_at.is_(None),
                Workshop.deleted_at.is_(None),
            )
        )
        if workshop_id is not None:
            query = query.where(Workshop.public_id == workshop_id)
        views = [_view(row, workshop) for row, workshop in session.execute(query)]
    return sorted(views, key=lambda v: (v.assessment.day or v.created_at.date(), v.created_at))


def save_assessment(store: Store, assessment_id: uuid.UUID, assessment: Assessment) -> Changes:
    """Store ``assessment`` as the whole content of the assessment."""
    with store.write() as session:
        row = _row(session, assessment_id)
        row.data = json.dumps(assessment_to_json(assessment), ensure_ascii=False)
        row.title = assessment.title
        row.format_version = DATA_VERSION
        row.updated_at = utc_now()
        workshop = session.get(Workshop, row.workshop_id)
        assert workshop is not None
        workshop_id = workshop.public_id
    return maturity_changed(workshop_id)


def delete_assessment(store: Store, assessment_id: uuid.UUID) -> Changes:
    """Remove the assessment (kept for undo)."""
    return _set_deleted(store, assessment_id, utc_now())


def restore_assessment(store: Store, assessment_id: uuid.UUID) -> Changes:
    """Bring a deleted assessment back."""
    return _set_deleted(store, assessment_id, None)


def _set_deleted(store: Store, assessment_id: uuid.UUID, when: dt.datetime | None) -> Changes:
    with store.write() as session:
        row = _row(session, assessment_id, deleted=when is None)
        row.deleted_at = when
        workshop = session.get(Workshop, row.workshop_id)
        assert workshop is not None
        workshop_id = workshop.public_id
    return maturity_changed(workshop_id)


def read_answers_csv(
    path: Path, assessment: Assessment, *, add_subjects: bool = False
) -> AnswersImport:
    """The assessment with the answers of a CSV file added (not saved: the caller stores it
    through an undoable command). ValidationError for a file that cannot be read or is wrong."""
    try:
        if not path.is_file():
            raise ValidationError(
                _("«\u00a0{name}\u00a0» n'est pas un fichier.").format(name=path.name)
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise ValidationError(
            _("Le fichier «\u00a0{name}\u00a0» ne peut pas être lu\u00a0: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
    return import_answers(data, assessment, add_subjects=add_subjects)
