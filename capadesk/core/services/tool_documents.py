"""The method tools' documents in the store: one ``document`` row per filled tool.

A row holds where the tool hangs (workshop, step, group, thread, photo) in its columns and the
tool's own JSON in ``data``, versioned by ``format_version`` and read back by the tool's domain
module through a ``Codec``. Each edit writes the whole document (``put_document``): undo puts
the previous content back, so one command type serves every tool.

The persona library is programme-wide: its documents have the programme and no workshop, and
every workshop of the programme lists them. A workshop outside any programme keeps its
personas itself.

An edit reports its workshop in ``Changes.documents``.
Deleting only marks the row, so an undo brings the same document back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from capadesk.core.errors import KnownError, NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import (
    Document,
    Photo,
    Step,
    Thread,
    WorkGroup,
    Workshop,
    utc_now,
)
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

T = TypeVar("T")
DATA_MAX_BYTES = 2_000_000  # a tool's JSON; a persona is a few kilobytes

_Photo = aliased(Photo)
_Step = aliased(Step)
_Group = aliased(WorkGroup)
_Thread = aliased(Thread)
_Workshop = aliased(Workshop)


class DocumentPlace(NamedTuple):
    """Where a new document hangs; ``library`` for the programme-wide persona library."""

    kind: str
    workshop_id: uuid.UUID
    step_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    thread_id: uuid.UUID | None = None
    library: bool = False


class Content(NamedTuple):
    """What an edit writes: the title column, the JSON, its format and the photo."""

    title: str
    data: str
    format_version: int
    photo_id: uuid.UUID | None = None


class StoredDocument(NamedTuple):
    """A document row as plain data (``data`` still JSON text)."""

    public_id: uuid.UUID
    kind: str
    workshop_id: uuid.UUID | None  # None for a library document
    step_id: uuid.UUID | None
    group_id: uuid.UUID | None
    thread_id: uuid.UUID | None
    photo_id: uuid.UUID | None
    photo_file: str  # the photo's file name in the photos folder, "" when none
    title: str
    data: str
    format_version: int
    position: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def content(self) -> Content:
        """What ``put_document`` would write to leave it as it is."""
        return Content(self.title, self.data, self.format_version, self.photo_id)


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How one tool's value is read from and written to a document."""

    kind: str
    version: int
    load: Callable[[Mapping[str, Any], int], T]
    dump: Callable[[T], dict[str, Any]]
    title: Callable[[T], str]
    empty: Callable[[], T]

    def content(self, value: T, photo_id: uuid.UUID | None = None) -> Content:
        """The content of a document holding ``value``."""
        data = json.dumps(self.dump(value), ensure_ascii=False, separators=(",", ":"))
        return Content(self.title(value)[:200], data, self.version, photo_id)

    def decode(self, stored: StoredDocument) -> ToolDocument[T]:
        """``stored`` read back; an unreadable one has an empty value and says why."""
        try:
            try:
                data = json.loads(stored.data)
            except (ValueError, RecursionError) as error:
                raise ValidationError(_("Ce document est illisible (données endommagées).")) from (
                    error
                )
            if not isinstance(data, dict):
                raise ValidationError(_("Ce document est illisible (données endommagées)."))
            return ToolDocument(stored, self.load(data, stored.format_version))
        except KnownError as error:
            return ToolDocument(stored, self.empty(), error.message)


@dataclass(frozen=True)
class ToolDocument(Generic[T]):
    """A document and its tool's value; ``problem`` (French) when it could not be read."""

    stored: StoredDocument
    value: T
    problem: str = ""

    @property
    def public_id(self) -> uuid.UUID:
        """The document's id."""
        return self.stored.public_id

    @property
    def photo_id(self) -> uuid.UUID | None:
        """The document's photo."""
        return self.stored.photo_id


def documents_changed(workshop_id: uuid.UUID) -> Changes:
    """What an edit of a document reports: the workshop's documents."""
    return Changes(documents=frozenset({workshop_id}))


def _query() -> Any:
    return (
        select(
            Document.public_id,
            Document.kind,
            _Workshop.public_id,
            _Step.public_id,
            _Group.public_id,
            _Thread.public_id,
            _Photo.public_id,
            _Photo.file_name,
            Document.title,
            Document.data,
            Document.format_version,
            Document.position,
            Document.created_at,
            Document.updated_at,
        )
        .outerjoin(_Workshop, _Workshop.id == Document.workshop_id)
        .outerjoin(_Step, _Step.id == Document.step_id)
        .outerjoin(_Group, _Group.id == Document.group_id)
        .outerjoin(_Thread, _Thread.id == Document.thread_id)
        .outerjoin(_Photo, _Photo.id == Document.photo_id)
        .where(Document.deleted_at.is_(None))
        .order_by(Document.position, Document.created_at, Document.id)
    )


def _views(session: Session, query: Any) -> list[StoredDocument]:
    return [
        StoredDocument._make((*row[:7], row[7] or "", *row[8:])) for row in session.execute(query)
    ]


def read_documents(
    store: Store,
    workshop_id: uuid.UUID,
    kind: str,
    *,
    group_id: uuid.UUID | None = None,
    thread_id: uuid.UUID | None = None,
) -> list[StoredDocument]:
    """The workshop's documents of ``kind`` (with its programme's library ones), in their
    order; only those of ``group_id`` / ``thread_id`` when given."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        mine = Document.workshop_id == workshop.id
        if workshop.programme_id is not None:
            mine = or_(
                mine,
                (Document.programme_id == workshop.programme_id) & Document.workshop_id.is_(None),
            )
        query = _query().where(Document.kind == kind, mine)
        if group_id is not None:
            query = query.where(_Group.public_id == group_id)
        if thread_id is not None:
            query = query.where(_Thread.public_id == thread_id)
        return _views(session, query)


def get_document(store: Store, public_id: uuid.UUID) -> StoredDocument:
    """One document not deleted, or NotFoundError."""
    with store.read() as session:
        found = _views(session, _query().where(Document.public_id == public_id))
    if not found:
        raise NotFoundError(_("Ce document n'existe pas ou plus."))
    return found[0]


def _row_of(session: Session, model: Any, public_id: uuid.UUID | None, workshop: Workshop) -> Any:
    if public_id is None:
        return None
    query = select(model.id).where(model.public_id == public_id)
    if model is Thread:  # a thread carried over from the programme's earlier workshops counts
        visible = Thread.workshop_id == workshop.id
        if workshop.programme_id is not None:
            visible = or_(visible, Thread.programme_id == workshop.programme_id)
        query = query.where(visible, Thread.deleted_at.is_(None))
    elif model is not Photo:  # a library persona's picture may come from a sibling workshop
        query = query.where(model.workshop_id == workshop.id)
    row_id = session.scalar(query)
    if row_id is None:
        raise NotFoundError(
            {
                Step: _("Cette étape n'existe pas dans cet atelier."),
                WorkGroup: _("Ce groupe n'existe pas dans cet atelier."),
                Thread: _("Ce fil commun n'existe pas ou plus."),
                Photo: _("Cette photo n'existe pas ou plus."),
            }[model]
        )
    return row_id


def _check_content(content: Content) -> None:
    if len(content.data.encode("utf-8", "surrogatepass")) > DATA_MAX_BYTES:
        raise ValidationError(_("Ce document est trop volumineux pour être enregistré."))


def put_document(
    store: Store, public_id: uuid.UUID, place: DocumentPlace, content: Content
) -> Changes:
    """Write ``content`` into the document ``public_id``: created at ``place`` (after the
    others of its kind) when it does not exist, brought back when it was deleted."""
    _check_content(content)
    with store.write() as session:
        workshop = WorkshopRepository(session).get(place.workshop_id)
        row = session.scalars(select(Document).where(Document.public_id == public_id)).first()
        if row is None:
            row = _new_row(session, workshop, public_id, place)
        row.deleted_at = None
        row.title = content.title
        row.data = content.data
        row.format_version = content.format_version
        row.photo_id = _row_of(session, Photo, content.photo_id, workshop)
    return documents_changed(place.workshop_id)


def _new_row(
    session: Session, workshop: Workshop, public_id: uuid.UUID, place: DocumentPlace
) -> Document:
    library = place.library and workshop.programme_id is not None
    owner = Document.workshop_id == workshop.id
    if library:
        owner = (Document.programme_id == workshop.programme_id) & Document.workshop_id.is_(None)
    last = session.scalar(
        select(func.max(Document.position)).where(Document.kind == place.kind, owner)
    )
    row = Document(
        public_id=public_id,
        kind=place.kind,
        programme_id=workshop.programme_id,
        workshop_id=None if library else workshop.id,
        step_id=_row_of(session, Step, place.step_id, workshop),
        group_id=_row_of(session, WorkGroup, place.group_id, workshop),
        thread_id=_row_of(session, Thread, place.thread_id, workshop),
        position=0 if last is None else last + 1,
    )
    session.add(row)
    return row


def delete_document(store: Store, public_id: uuid.UUID, workshop_id: uuid.UUID) -> Changes:
    """Mark a document deleted (``put_document`` with its content brings it back)."""
    with store.write() as session:
        row = session.scalars(
            select(Document).where(Document.public_id == public_id, Document.deleted_at.is_(None))
        ).first()
        if row is None:
            raise NotFoundError(_("Ce document n'existe pas ou plus."))
        row.deleted_at = utc_now()
    return documents_changed(workshop_id)
