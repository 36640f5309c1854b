"""Use cases brought by the local authorities: the wall and the capture bar group cards by them.

A use case is deleted for good (the table has no « deleted » mark): its cards, groups and photos
then point at no use case. ``delete_use_case`` returns what ``restore_use_case`` needs to put it
back, same id, with those cards, groups and photos pointing at it again (undo).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import NamedTuple

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, clean_text, folded
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import Capture, Photo, UseCase, WorkGroup, Workshop
from capadesk.core.storage.repositories.captures import (
    CaptureRepository,
    chunks,
    use_case_view,
)
from capadesk.core.storage.store import Store
from capadesk.i18n import _

# One colour per use case, in turn, readable as a card border on white and on the projector.
PALETTE = ("#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#37474f")


def list_use_cases(store: Store, workshop_id: uuid.UUID) -> list[UseCaseView]:
    """The workshop's use cases in their order."""
    with store.read() as session:
        repository = CaptureRepository(session)
        return repository.use_cases(repository.workshop_row(workshop_id))


def add_use_case(
    store: Store,
    workshop_id: uuid.UUID,
    title: str,
    territory: str = "",
    public_id: uuid.UUID | None = None,
) -> tuple[UseCaseView, Changes]:
    """Add a use case after the others, with the next colour of the palette."""
    title = check_use_case_title(title)
    territory = check_territory(territory)
    with store.write() as session:
        repository = CaptureRepository(session)
        workshop_row = repository.workshop_row(workshop_id)
        position = repository.next_use_case_position(workshop_row)
        row = UseCase(
            public_id=public_id or uuid.uuid4(),
            workshop_id=workshop_row,
            title=title,
            territory=territory,
            colour=PALETTE[position % len(PALETTE)],
            position=position,
        )
        session.add(row)
        session.flush()
        view = use_case_view(row)
    return view, Changes(use_cases=frozenset({workshop_id}))


def find_use_case(store: Store, workshop_id: uuid.UUID, id_or_title: str) -> UseCaseView | None:
    """The use case with this id, else with this title (exactly, then case and accents aside)."""
    use_cases = list_use_cases(store, workshop_id)
    try:
        wanted_id: uuid.UUID | None = uuid.UUID(id_or_title.strip())
    except ValueError:
        wanted_id = None
    title = clean_text(id_or_title)
    for matches in (
        lambda u: u.public_id == wanted_id,
        lambda u: u.title == title,
        lambda u: folded(u.title) == folded(title),
    ):
        found = [u for u in use_cases if matches(u)]
        if found:
            return found[0]
    return None


def check_use_case_title(title: str) -> str:
    """The title on one line, spaces collapsed; refused when empty or too long."""
    title = clean_text(title)
    if not title:
        raise ValidationError(_("Le titre du cas d'usage ne peut pas être vide."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _(
                "Le titre du cas d'usage est trop long ({count} caractères, {limit} au plus)."
            ).format(count=len(title), limit=TITLE_MAX_LENGTH)
        )
    return title


def check_territory(territory: str) -> str:
    """The territory on one line (may be empty); refused when too long."""
    territory = clean_text(territory)
    if len(territory) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _("Le territoire est trop long ({count} caractères, {limit} au plus).").format(
                count=len(territory), limit=TITLE_MAX_LENGTH
            )
        )
    return territory


def _row(session: Session, use_case_id: uuid.UUID) -> tuple[UseCase, uuid.UUID]:
    """The use case's row and its workshop's id, or NotFoundError."""
    found = session.execute(
        select(UseCase, Workshop.public_id)
        .join(Workshop, Workshop.id == UseCase.workshop_id)
        .where(UseCase.public_id == use_case_id, Workshop.deleted_at.is_(None))
    ).one_or_none()
    if found is None:
        raise NotFoundError(_("Ce cas d'usage n'existe pas ou plus."))
    return found[0], found[1]


def get_use_case(store: Store, use_case_id: uuid.UUID) -> UseCaseView:
    """One use case, or NotFoundError."""
    with store.read() as session:
        return use_case_view(_row(session, use_case_id)[0])


def rename_use_case(store: Store, use_case_id: uuid.UUID, title: str) -> Changes:
    """Give a use case a new title."""
    title = check_use_case_title(title)
    with store.write() as session:
        row, workshop_id = _row(session, use_case_id)
        row.title = title
    return Changes(use_cases=frozenset({workshop_id}))


def set_use_case_territory(store: Store, use_case_id: uuid.UUID, territory: str) -> Changes:
    """Say which local authority or territory brings the use case (empty: none)."""
    territory = check_territory(territory)
    with store.write() as session:
        row, workshop_id = _row(session, use_case_id)
        row.territory = territory
    return Changes(use_cases=frozenset({workshop_id}))


class RemovedUseCase(NamedTuple):
    """A deleted use case's row and what pointed at it, to put it all back."""

    use_case: UseCaseView
    workshop_id: uuid.UUID
    description: str
    created_at: dt.datetime
    updated_at: dt.datetime
    capture_ids: tuple[uuid.UUID, ...]  # deleted cards too: restoring one brings its use case
    group_ids: tuple[uuid.UUID, ...]
    photo_ids: tuple[uuid.UUID, ...]


def delete_use_case(store: Store, use_case_id: uuid.UUID) -> tuple[RemovedUseCase, Changes]:
    """Delete a use case; its cards, groups and photos stay, with no use case."""
    with store.write() as session:
        row, workshop_id = _row(session, use_case_id)
        pointing = [
            tuple(session.scalars(select(model.public_id).where(model.use_case_id == row.id)))
            for model in (Capture, WorkGroup, Photo)
        ]
        removed = RemovedUseCase(
            use_case_view(row),
            workshop_id,
            row.description,
            row.created_at,
            row.updated_at,
            *pointing,
        )
        session.execute(delete(UseCase).where(UseCase.id == row.id))  # SQLite unsets the links
        session.expunge(row)
    return removed, _changes_of(removed)


def restore_use_case(store: Store, removed: RemovedUseCase) -> Changes:
    """Put a deleted use case back (same id, order and colour), and what pointed at it."""
    view = removed.use_case
    with store.write() as session:
        repository = CaptureRepository(session)
        row = UseCase(
            public_id=view.public_id,
            workshop_id=repository.workshop_row(removed.workshop_id),
            title=view.title,
            territory=view.territory,
            description=removed.description,
            colour=view.colour,
            position=view.position,
            created_at=removed.created_at,
            updated_at=removed.updated_at,
        )
        session.add(row)
        session.flush()
        for model, ids in (
            (Capture, removed.capture_ids),
            (WorkGroup, removed.group_ids),
            (Photo, removed.photo_ids),
        ):
            for part in chunks(ids):
                # Only what still points at no use case: ``updated_at`` is written back as it
                # is, so the row is exactly as before the delete.
                session.execute(
                    update(model)
                    .where(
                        model.public_id.in_(part),
                        model.workshop_id == row.workshop_id,
                        model.use_case_id.is_(None),
                    )
                    .values(use_case_id=row.id, updated_at=model.updated_at)
                )
    return _changes_of(removed)


def _changes_of(removed: RemovedUseCase) -> Changes:
    mine = frozenset({removed.workshop_id})
    return Changes(
        captures=frozenset(removed.capture_ids),
        use_cases=mine,
        groups=mine if removed.group_ids else frozenset(),
    )
