"""Photos of the paper drawings, attached to a workshop's use case (or step, or group).

The file is checked and copied into the photos folder first (``photo_files``: named by its
SHA-256, the same image stored once, never half-written), then the row is written in one
transaction. Deleting a photo deletes its row; its file goes too, unless another row uses it or
``keep_file`` says an undo may still need it.

``Changes`` has no field for photos: a photo change is reported as ``use_cases`` of its workshop,
which is what the wall re-reads (its use cases and their photo strips).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from capadesk.core.domain.capture import PhotoView
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.photo_files import photo_file, store_file
from capadesk.core.storage.models import Capture, Photo, Step, UseCase, WorkGroup, Workshop
from capadesk.core.storage.repositories.captures import CaptureRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

CAPTION_MAX_LENGTH = 2000

_PhotoWorkshop = aliased(Workshop)


def _changes(workshop_id: uuid.UUID) -> Changes:
    return Changes(use_cases=frozenset({workshop_id}))


def _check_caption(caption: str) -> str:
    if len(caption) > CAPTION_MAX_LENGTH:
        raise ValidationError(
            _("La légende est trop longue ({count} caractères, {limit} au plus).").format(
                count=len(caption), limit=CAPTION_MAX_LENGTH
            )
        )
    try:
        caption.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(_("La légende contient un caractère invalide.")) from error
    return caption


def attach_photo(
    store: Store,
    photos_dir: Path,
    workshop_id: uuid.UUID,
    source: Path,
    *,
    use_case_id: uuid.UUID | None = None,
    step_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    caption: str = "",
    public_id: uuid.UUID | None = None,
) -> tuple[PhotoView, Changes]:
    """Copy the image ``source`` into ``photos_dir`` and attach it (see module docstring).

    Refused with a French message: a missing file, not a JPEG / PNG / WebP image (HEIC says
    how to convert it), over 40 Mo or 80 million pixels, the same image already attached to
    that use case, an unknown workshop, use case, step or group.
    """
    caption = _check_caption(caption)
    stored = store_file(photos_dir, source)
    public_id = public_id or uuid.uuid4()
    with store.write() as session:
        repository = CaptureRepository(session)
        workshop_row = repository.workshop_row(workshop_id)
        use_case_row = repository.use_case_row(workshop_row, use_case_id) if use_case_id else None
        twin = session.scalar(
            select(func.count(Photo.id)).where(
                Photo.workshop_id == workshop_row,
                Photo.sha256 == stored.sha256,
                Photo.use_case_id.is_(None)
                if use_case_row is None
                else Photo.use_case_id == use_case_row,
            )
        )
        if twin:
            raise ValidationError(
                _("Cette photo est déjà jointe à ce cas d'usage.")
                if use_case_id
                else _("Cette photo est déjà jointe à l'atelier.")
            )
        info = stored.info
        row = Photo(
            public_id=public_id,
            workshop_id=workshop_row,
            use_case_id=use_case_row,
            step_id=repository.step_row(workshop_row, step_id) if step_id else None,
            group_id=repository.group_row(workshop_row, group_id) if group_id else None,
            file_name=stored.file_name,
            sha256=stored.sha256,
            media_type=info.media_type,
            width=info.width,
            height=info.height,
            size_bytes=stored.size_bytes,
            caption=caption,
            taken_at=info.taken_at,
        )
        session.add(row)
        session.flush()
        (view,) = _views(session, Photo.id == row.id)
    return view, _changes(workshop_id)


def list_photos(store: Store, workshop_id: uuid.UUID) -> list[PhotoView]:
    """The workshop's photos, in the order they were attached."""
    with store.read() as session:
        workshop_row = CaptureRepository(session).workshop_row(workshop_id)
        return _views(session, Photo.workshop_id == workshop_row)


def get_photo(store: Store, photo_id: uuid.UUID) -> PhotoView:
    """One photo, or NotFoundError."""
    with store.read() as session:
        return _one(session, photo_id)[0]


def photo_path(photos_dir: Path, photo: PhotoView) -> Path:
    """Where the photo's file is (it may be missing: a store carried without its photos)."""
    return photo_file(photos_dir, photo.file_name)


class RemovedPhoto(NamedTuple):
    """A deleted photo's row, to put it back."""

    photo: PhotoView
    capture_id: uuid.UUID | None
    updated_at: dt.datetime


def delete_photo(
    store: Store, photos_dir: Path, photo_id: uuid.UUID, *, keep_file: bool = False
) -> tuple[RemovedPhoto, Changes]:
    """Delete a photo's row, and its file when no other row uses it (unless ``keep_file``)."""
    with store.write() as session:
        view, row = _one(session, photo_id)
        capture_id = (
            session.scalar(select(Capture.public_id).where(Capture.id == row.capture_id))
            if row.capture_id is not None
            else None
        )
        removed = RemovedPhoto(view, capture_id, row.updated_at)
        session.execute(delete(Photo).where(Photo.id == row.id))
        session.expunge(row)
        shared = session.scalar(select(func.count(Photo.id)).where(Photo.sha256 == view.sha256))
    if not keep_file and not shared:  # after the commit: a failed delete keeps its file
        path = photo_path(photos_dir, view)
        path.unlink(missing_ok=True)
    return removed, _changes(view.workshop_id)


def restore_photo(store: Store, removed: RemovedPhoto) -> Changes:
    """Put a deleted photo back, same id; a use case, step or group gone since is left out."""
    view = removed.photo
    with store.write() as session:
        workshop_row = CaptureRepository(session).workshop_row(view.workshop_id)

        def row_of(model: Any, public_id: uuid.UUID | None) -> int | None:
            if public_id is None:
                return None
            found: int | None = session.scalar(
                select(model.id).where(
                    model.public_id == public_id, model.workshop_id == workshop_row
                )
            )
            return found

        session.add(
            Photo(
                public_id=view.public_id,
                workshop_id=workshop_row,
                use_case_id=row_of(UseCase, view.use_case_id),
                step_id=row_of(Step, view.step_id),
                group_id=row_of(WorkGroup, view.group_id),
                capture_id=row_of(Capture, removed.capture_id),
                file_name=view.file_name,
                sha256=view.sha256,
                media_type=view.media_type,
                width=view.width,
                height=view.height,
                size_bytes=view.size_bytes,
                caption=view.caption,
                taken_at=view.taken_at,
                created_at=view.created_at,
                updated_at=removed.updated_at,
            )
        )
    return _changes(view.workshop_id)


def _one(session: Session, photo_id: uuid.UUID) -> tuple[PhotoView, Photo]:
    row = session.scalars(select(Photo).where(Photo.public_id == photo_id)).one_or_none()
    if row is None:
        raise NotFoundError(_("Cette photo n'existe pas ou plus."))
    (view,) = _views(session, Photo.id == row.id)
    return view, row


def _views(session: Session, where: Any) -> list[PhotoView]:
    query = (
        select(
            Photo.public_id,
            _PhotoWorkshop.public_id,
            UseCase.public_id,
            Step.public_id,
            WorkGroup.public_id,
            Photo.file_name,
            Photo.sha256,
            Photo.media_type,
            Photo.width,
            Photo.height,
            Photo.size_bytes,
            Photo.caption,
            Photo.taken_at,
            Photo.created_at,
        )
        .join(_PhotoWorkshop, _PhotoWorkshop.id == Photo.workshop_id)
        .outerjoin(UseCase, UseCase.id == Photo.use_case_id)
        .outerjoin(Step, Step.id == Photo.step_id)
        .outerjoin(WorkGroup, WorkGroup.id == Photo.group_id)
        .where(where)
        .order_by(Photo.created_at, Photo.id)
    )
    return [PhotoView._make(row) for row in session.execute(query)]
