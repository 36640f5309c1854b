"""Filled matrices of a workshop: one per template and use case, group, or the whole workshop.

Each is a ``document`` row of kind « matrix » whose ``template`` is the template's id and whose
``data`` is ``matrix_grid.filled_to_json``. Cells are typed as text and checked against their
column's kind (``matrix_cells.parse_cell``); what the template does not know is refused.
Deleting is soft (``deleted_at``), so undo restores the row as it was.

Matrix edits report their workshop in ``Changes.documents``, which views showing matrices
listen to.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from capadesk.core.domain.matrix import MatrixTemplate
from capadesk.core.domain.matrix_cells import CellValue, parse_cell
from capadesk.core.domain.matrix_grid import (
    DATA_VERSION,
    INSTANCES_MAX,
    FilledMatrix,
    Instance,
    check_instance_name,
    filled_cells,
    filled_from_json,
    filled_to_json,
    group_key,
    locate,
    new_instance_id,
)
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import Document, Step, UseCase, WorkGroup, Workshop, utc_now
from capadesk.core.storage.repositories.workshops import WorkshopRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

KIND = "matrix"


class MatrixView(NamedTuple):
    """A filled matrix as the editor, the chooser and the PDF read it."""

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    template_id: str
    use_case_id: uuid.UUID | None
    group_id: uuid.UUID | None
    step_id: uuid.UUID | None
    owner: str  # the use case's title or the group's name; empty for the whole workshop
    filled: FilledMatrix
    updated_at: dt.datetime


class Owner(NamedTuple):
    """Whom a matrix is filled for: a use case, a group, or (both None) the whole workshop."""

    label: str
    use_case_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None


def list_owners(store: Store, workshop_id: uuid.UUID) -> list[Owner]:
    """The whole workshop, its use cases in order, then its groups (of every step, in the
    agenda's order): what the chooser offers."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        owners = [Owner(_("Tout l'atelier"))]
        for public_id, title in session.execute(
            select(UseCase.public_id, UseCase.title)
            .where(UseCase.workshop_id == workshop.id)
            .order_by(UseCase.position, UseCase.id)
        ):
            label = _("Cas d'usage «\u00a0{title}\u00a0»").format(title=title)
            owners.append(Owner(label, use_case_id=public_id))
        for public_id, name in session.execute(
            select(WorkGroup.public_id, WorkGroup.name)
            .outerjoin(Step, Step.id == WorkGroup.step_id)
            .where(WorkGroup.workshop_id == workshop.id)
            .order_by(Step.position, WorkGroup.position, WorkGroup.id)
        ):
            owners.append(
                Owner(_("Groupe «\u00a0{name}\u00a0»").format(name=name), group_id=public_id)
            )
    return owners


def matrices_changed(workshop_id: uuid.UUID) -> Changes:
    """What a matrix edit reports: the workshop's documents."""
    return Changes(documents=frozenset({workshop_id}))


def _owners(session: Session, rows: Sequence[Document]) -> dict[int, tuple[uuid.UUID, str]]:
    use_case_ids = {row.use_case_id for row in rows if row.use_case_id}
    group_ids = {row.group_id for row in rows if row.group_id}
    found: dict[int, tuple[uuid.UUID, str]] = {}
    if use_case_ids:
        for key, public_id, title in session.execute(
            select(UseCase.id, UseCase.public_id, UseCase.title).where(UseCase.id.in_(use_case_ids))
        ):
            found[-key] = (public_id, title)  # use cases negative: both tables count from 1
    if group_ids:
        for key, public_id, name in session.execute(
            select(WorkGroup.id, WorkGroup.public_id, WorkGroup.name).where(
                WorkGroup.id.in_(group_ids)
            )
        ):
            found[key] = (public_id, name)
    return found


def _views(session: Session, workshop: Workshop, rows: Sequence[Document]) -> list[MatrixView]:
    owners = _owners(session, rows)
    steps: dict[int, uuid.UUID] = {
        key: public_id
        for key, public_id in session.execute(
            select(Step.id, Step.public_id).where(Step.workshop_id == workshop.id)
        )
    }
    views = []
    for row in rows:
        use_case = owners.get(-row.use_case_id) if row.use_case_id else None
        group = owners.get(row.group_id) if row.group_id else None
        owner = (use_case or group or (None, ""))[1]
        views.append(
            MatrixView(
                public_id=row.public_id,
                workshop_id=workshop.public_id,
                template_id=row.template,
                use_case_id=use_case[0] if use_case else None,
                group_id=group[0] if group else None,
                step_id=steps.get(row.step_id) if row.step_id else None,
                owner=owner,
                filled=_filled(row),
                updated_at=row.updated_at,
            )
        )
    return views


def _filled(row: Document) -> FilledMatrix:
    try:
        return filled_from_json(json.loads(row.data))
    except (ValueError, RecursionError):  # damaged JSON: shown empty, the row is kept
        return filled_from_json({})


def _row(session: Session, matrix_id: uuid.UUID, *, deleted: bool = False) -> Document:
    query = select(Document).where(Document.public_id == matrix_id, Document.kind == KIND)
    row = session.scalars(query).one_or_none()
    if row is None or (row.deleted_at is not None) != deleted:
        raise NotFoundError(_("Cette matrice n'existe pas ou plus."))
    return row


def _workshop_of(session: Session, row: Document) -> Workshop:
    workshop = session.get(Workshop, row.workshop_id)
    if workshop is None:
        raise NotFoundError(_("Cet atelier n'existe pas ou plus."))
    return workshop


def list_matrices(
    store: Store, workshop_id: uuid.UUID, *, template_id: str | None = None
) -> list[MatrixView]:
    """The workshop's matrices (not deleted) in the order they were made."""
    with store.read() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        query = select(Document).where(
            Document.workshop_id == workshop.id,
            Document.kind == KIND,
            Document.deleted_at.is_(None),
        )
        if template_id is not None:
            query = query.where(Document.template == template_id)
        rows = list(session.scalars(query.order_by(Document.position, Document.id)))
        return _views(session, workshop, rows)


def get_matrix(store: Store, matrix_id: uuid.UUID) -> MatrixView:
    """The matrix with this id, or NotFoundError."""
    with store.read() as session:
        row = _row(session, matrix_id)
        return _views(session, _workshop_of(session, row), [row])[0]


def find_matrix(
    store: Store,
    workshop_id: uuid.UUID,
    template_id: str,
    *,
    use_case_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
) -> MatrixView | None:
    """The workshop's matrix of this template for this use case, group (or neither)."""
    for view in list_matrices(store, workshop_id, template_id=template_id):
        if view.use_case_id == use_case_id and view.group_id == group_id:
            return view
    return None


def create_matrix(
    store: Store,
    workshop_id: uuid.UUID,
    template: MatrixTemplate,
    *,
    use_case_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    step_id: uuid.UUID | None = None,
    public_id: uuid.UUID | None = None,
) -> tuple[MatrixView, Changes]:
    """A new, empty matrix of ``template`` for a use case, a group, or the whole workshop.

    One per template and use case (or group): a second is refused.
    """
    if use_case_id is not None and group_id is not None:
        raise ValidationError(_("Une matrice se remplit pour un cas d'usage ou pour un groupe."))
    if find_matrix(store, workshop_id, template.id, use_case_id=use_case_id, group_id=group_id):
        raise ValidationError(
            _("Cette matrice existe déjà pour ce cas d'usage ou ce groupe\u00a0: ouvrez-la.")
        )
    with store.write() as session:
        workshop = WorkshopRepository(session).get(workshop_id)
        row = Document(
            public_id=public_id or uuid.uuid4(),
            workshop_id=workshop.id,
            kind=KIND,
            template=template.id,
            title=template.title,
            data=json.dumps(filled_to_json(filled_from_json({})), ensure_ascii=False),
            format_version=DATA_VERSION,
            position=_next_position(session, workshop),
        )
        row.use_case_id = _link(session, UseCase, workshop, use_case_id, _("Ce cas d'usage"))
        row.group_id = _link(session, WorkGroup, workshop, group_id, _("Ce groupe"))
        row.step_id = _link(session, Step, workshop, step_id, _("Cette étape"))
        session.add(row)
        session.flush()
        view = _views(session, workshop, [row])[0]
    return view, matrices_changed(workshop_id)


def _next_position(session: Session, workshop: Workshop) -> int:
    positions = session.scalars(
        select(Document.position).where(Document.workshop_id == workshop.id, Document.kind == KIND)
    )
    return max(positions, default=-1) + 1


def _link(
    session: Session,
    model: type[UseCase] | type[WorkGroup] | type[Step],
    workshop: Workshop,
    public_id: uuid.UUID | None,
    what: str,
) -> int | None:
    if public_id is None:
        return None
    key = session.scalars(
        select(model.id).where(model.public_id == public_id, model.workshop_id == workshop.id)
    ).one_or_none()
    if key is None:
        raise NotFoundError(_("{what} n'existe pas ou plus.").format(what=what))
    return key


def _save(row: Document, filled: FilledMatrix) -> None:
    row.data = json.dumps(filled_to_json(filled), ensure_ascii=False)
    row.format_version = DATA_VERSION
    row.updated_at = utc_now()


def _check_key(template: MatrixTemplate, filled: FilledMatrix, key: str) -> None:
    section, _column = locate(template, key)
    sheet_id, section_id, row_key, _column_id = key.split("/")
    row_id, _hash, instance_id = row_key.partition("#")
    row = next(r for r in section.rows if r.id == row_id)
    group = section.group(row.group) if row.group else None
    repeatable = group is not None and group.repeatable
    if repeatable != bool(instance_id):
        raise ValidationError(_("Case inconnue dans cette matrice."))
    if group is not None and repeatable:
        known = filled.instances_of(group_key(sheet_id, section_id, group.id))
        if all(instance.id != instance_id for instance in known):
            raise ValidationError(_("Cette partie prenante n'existe pas ou plus."))


def set_cell(
    store: Store, matrix_id: uuid.UUID, template: MatrixTemplate, key: str, typed: str
) -> tuple[object, Changes]:
    """Set the cell ``key`` from what was typed (empty text empties it); return the cell's
    previous stored JSON (for undo). ValidationError, with nothing changed, when the text does
    not fit the column's kind."""
    with store.write() as session:
        row = _row(session, matrix_id)
        if row.template != template.id:
            raise ValidationError(_("Cette matrice n'est pas de ce modèle."))
        filled = _filled(row)
        _check_key(template, filled, key)
        _section, column = locate(template, key)
        value: CellValue | None = parse_cell(column, typed)
        previous = filled.raw(key)
        _save(row, filled.with_cell(key, column.kind, value))
        workshop_id = _workshop_of(session, row).public_id
    return previous, matrices_changed(workshop_id)


def put_raw(store: Store, matrix_id: uuid.UUID, key: str, raw: object) -> Changes:
    """Put a cell's stored JSON back as it was (undo and redo of ``set_cell``)."""
    with store.write() as session:
        row = _row(session, matrix_id)
        _save(row, _filled(row).with_raw(key, raw))
        workshop_id = _workshop_of(session, row).public_id
    return matrices_changed(workshop_id)


def replace_filled(store: Store, matrix_id: uuid.UUID, filled: FilledMatrix) -> Changes:
    """Replace everything the matrix holds (undo of a stakeholder added or removed)."""
    with store.write() as session:
        row = _row(session, matrix_id)
        _save(row, filled)
        workshop_id = _workshop_of(session, row).public_id
    return matrices_changed(workshop_id)


def _group_rows(template: MatrixTemplate, key: str) -> tuple[str, str, set[str]]:
    """The sheet, section and row ids of the repeatable group ``key`` (``sheet/section/group``),
    or ValidationError when the template has no such group."""
    parts = key.split("/")
    section = template.section(parts[1]) if len(parts) == 3 else None
    group = section.group(parts[2]) if section is not None else None
    if (
        section is None
        or group is None
        or not group.repeatable
        or parts[0] not in {sheet.id for sheet in template.sheets}
    ):
        raise ValidationError(_("Ce groupe de lignes ne se répète pas dans cette matrice."))
    return parts[0], parts[1], {row.id for row in section.rows if row.group == group.id}


def add_instance(
    store: Store, matrix_id: uuid.UUID, template: MatrixTemplate, key: str, name: str = ""
) -> tuple[FilledMatrix, Changes]:
    """Add a stakeholder to the repeatable group ``key`` (``sheet/section/group``); return
    what the matrix held before."""
    _group_rows(template, key)
    cleaned = check_instance_name(name)
    with store.write() as session:
        row = _row(session, matrix_id)
        before = _filled(row)
        instances = before.instances_of(key)
        if len(instances) >= INSTANCES_MAX:
            raise ValidationError(
                _("{limit} parties prenantes au plus.").format(limit=INSTANCES_MAX)
            )
        added = Instance(new_instance_id(instances), cleaned)
        _save(row, before.with_instances(key, (*instances, added)))
        workshop_id = _workshop_of(session, row).public_id
    return before, matrices_changed(workshop_id)


def rename_instance(
    store: Store,
    matrix_id: uuid.UUID,
    template: MatrixTemplate,
    key: str,
    instance_id: str,
    name: str,
) -> tuple[FilledMatrix, Changes]:
    """Name a stakeholder (« Entreprise », « Associations »); return what was held before."""
    _group_rows(template, key)
    cleaned = check_instance_name(name)
    with store.write() as session:
        row = _row(session, matrix_id)
        before = _filled(row)
        instances = before.instances_of(key)
        if all(i.id != instance_id for i in instances):
            raise ValidationError(_("Cette partie prenante n'existe pas ou plus."))
        renamed = [i._replace(name=cleaned) if i.id == instance_id else i for i in instances]
        _save(row, before.with_instances(key, renamed))
        workshop_id = _workshop_of(session, row).public_id
    return before, matrices_changed(workshop_id)


def remove_instance(
    store: Store, matrix_id: uuid.UUID, template: MatrixTemplate, key: str, instance_id: str
) -> tuple[FilledMatrix, Changes]:
    """Remove a stakeholder and its cells; the last one cannot go. Return what was held."""
    sheet_id, section_id, rows = _group_rows(template, key)
    with store.write() as session:
        row = _row(session, matrix_id)
        before = _filled(row)
        instances = before.instances_of(key)
        if len(instances) <= 1:
            raise ValidationError(_("Il faut au moins une partie prenante."))
        if all(i.id != instance_id for i in instances):
            raise ValidationError(_("Cette partie prenante n'existe pas ou plus."))
        gone = tuple(f"{sheet_id}/{section_id}/{row_id}#{instance_id}/" for row_id in rows)
        cells = {k: v for k, v in before.cells.items() if not k.startswith(gone)}
        kept = [i for i in instances if i.id != instance_id]
        _save(row, before._replace(cells=cells).with_instances(key, kept))
        workshop_id = _workshop_of(session, row).public_id
    return before, matrices_changed(workshop_id)


def delete_matrix(store: Store, matrix_id: uuid.UUID) -> Changes:
    """Remove the matrix (kept in the store for undo)."""
    with store.write() as session:
        row = _row(session, matrix_id)
        row.deleted_at = utc_now()
        workshop_id = _workshop_of(session, row).public_id
    return matrices_changed(workshop_id)


def restore_matrix(store: Store, matrix_id: uuid.UUID) -> Changes:
    """Bring a deleted matrix back as it was."""
    with store.write() as session:
        row = _row(session, matrix_id, deleted=True)
        row.deleted_at = None
        workshop_id = _workshop_of(session, row).public_id
    return matrices_changed(workshop_id)


def printable_matrices(
    store: Store, workshop_id: uuid.UUID, templates: Iterable[MatrixTemplate]
) -> list[tuple[MatrixTemplate, MatrixView]]:
    """The workshop's matrices that hold something, with their template, in order: what the
    restitution prints (a matrix whose template is gone is left out)."""
    by_id = {template.id: template for template in templates}
    found = []
    for view in list_matrices(store, workshop_id):
        template = by_id.get(view.template_id)
        if template is not None and filled_cells(template, view.filled):
            found.append((template, view))
    return found
