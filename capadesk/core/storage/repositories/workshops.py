"""Workshops and programmes in the store."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from capadesk.core.domain.workshop import folded
from capadesk.core.errors import NotFoundError
from capadesk.core.storage.models import Programme, Step, UseCase, Workshop
from capadesk.i18n import _


class WorkshopRepository:
    """Reads and writes workshops inside the caller's unit of work."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def active(self) -> list[Workshop]:
        """Workshops not deleted, with their programme loaded (services sort them)."""
        query = (
            select(Workshop)
            .where(Workshop.deleted_at.is_(None))
            .options(selectinload(Workshop.programme))
        )
        return list(self._session.scalars(query))

    def get(self, public_id: uuid.UUID, *, include_deleted: bool = False) -> Workshop:
        """The workshop with this id, or NotFoundError."""
        query = select(Workshop).where(Workshop.public_id == public_id)
        if not include_deleted:
            query = query.where(Workshop.deleted_at.is_(None))
        workshop = self._session.scalars(query).one_or_none()
        if workshop is None:
            raise NotFoundError(_("Cet atelier n'existe pas ou plus."))
        return workshop

    def active_titles(self) -> set[str]:
        """Titles in use, to name a duplicate without a clash."""
        query = select(Workshop.title).where(Workshop.deleted_at.is_(None))
        return set(self._session.scalars(query))

    def programme_titles(self) -> list[str]:
        """Titles of the programmes some listed workshop belongs to, alphabetical (accents aside).

        A programme left behind by an undone creation is not offered again.
        """
        query = (
            select(Programme.title)
            .join(Workshop, Workshop.programme_id == Programme.id)
            .where(Workshop.deleted_at.is_(None))
            .distinct()
        )
        return sorted(self._session.scalars(query), key=folded)

    def programme_titled(self, title: str) -> Programme:
        """The programme with this title (case and accents aside), created when missing."""
        # Compared in Python: SQLite's lower() folds ASCII only. Programmes are few.
        wanted = folded(title)
        programme = next(
            (p for p in self._session.scalars(select(Programme)) if folded(p.title) == wanted),
            None,
        )
        if programme is None:
            programme = Programme(title=title)
            self._session.add(programme)
        return programme

    def add(self, workshop: Workshop) -> Workshop:
        """Stage a new workshop and give it its database id."""
        self._session.add(workshop)
        self._session.flush()
        return workshop

    def use_cases(self, workshop: Workshop) -> list[UseCase]:
        """The workshop's use cases in their order."""
        query = select(UseCase).where(UseCase.workshop_id == workshop.id).order_by(UseCase.position)
        return list(self._session.scalars(query))

    def top_level_steps(self, workshop: Workshop) -> list[Step]:
        """Steps of the main sequence (not inside a track), in order, with their tracks."""
        query = (
            select(Step)
            .where(Step.workshop_id == workshop.id, Step.track_id.is_(None))
            .options(selectinload(Step.tracks))
            .order_by(Step.position)
        )
        return list(self._session.scalars(query))
