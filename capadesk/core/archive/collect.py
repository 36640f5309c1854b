"""What ``data.json`` holds for one workshop: every row that belongs to it, read in one snapshot.

In scope: the workshop; its steps and their tracks; its runner state, track timers and log; its
participants, groups and memberships; use cases, captures, votes, photo rows, drafts and step
entries, deleted ones included (a deletion can be undone); the threads it shows that concern
it (its own, those holding its captures, those it voted on) with its cards in them; its filled
tools (documents) and its programme's programme-wide ones (the persona library); and the
programmes all these belong to.
"""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from capadesk.core.archive.files import photo_extension
from capadesk.core.archive.format import dump_json
from capadesk.core.archive.tables import ORDER, SPECS, TableSpec, encode
from capadesk.core.errors import NotFoundError
from capadesk.i18n import _

JsonRow = dict[str, Any]

_OWNED = tuple(name for name in ORDER if SPECS[name].owner is not None)


class PhotoRef(NamedTuple):
    """A photo row's file, as stored and as it travels."""

    file_name: str
    sha256: str
    extension: str


class Collected(NamedTuple):
    """One workshop, ready to be written."""

    workshop_id: uuid.UUID
    title: str
    tables: dict[str, list[JsonRow]]
    photos: list[PhotoRef]


def _table(name: str) -> Any:
    return SPECS[name].table.c


def _scopes(workshop_row_id: int, programme_id: int | None) -> dict[str, ColumnElement[bool]]:
    step, group, capture = _table("step"), _table("work_group"), _table("capture")
    thread, link, vote = _table("thread"), _table("thread_capture"), _table("vote")
    own_captures = select(capture.id).where(capture.workshop_id == workshop_row_id)
    scopes: dict[str, ColumnElement[bool]] = {
        name: _table(name)[SPECS[name].owner] == workshop_row_id for name in _OWNED
    }
    scopes["workshop"] = _table("workshop").id == workshop_row_id
    scopes["track"] = _table("track").step_id.in_(
        select(step.id).where(step.workshop_id == workshop_row_id)
    )
    scopes["group_membership"] = _table("group_membership").group_id.in_(
        select(group.id).where(group.workshop_id == workshop_row_id)
    )
    scopes["thread"] = or_(
        thread.workshop_id == workshop_row_id,
        thread.id.in_(select(link.thread_id).where(link.capture_id.in_(own_captures))),
        thread.id.in_(select(vote.thread_id).where(vote.workshop_id == workshop_row_id)),
    )
    scopes["thread_capture"] = link.capture_id.in_(own_captures)
    document = _table("document")
    scopes["document"] = document.workshop_id == workshop_row_id
    if programme_id is not None:
        scopes["document"] = or_(
            scopes["document"],
            and_(document.workshop_id.is_(None), document.programme_id == programme_id),
        )
    return scopes


def _rows(session: Session, query: Select[Any]) -> list[RowMapping]:
    return list(session.execute(query).mappings())


def collect(session: Session, workshop_id: uuid.UUID) -> Collected:
    """Every row of the workshop, as ``data.json`` writes it (sorted, canonical)."""
    workshop_table = SPECS["workshop"].table
    found = session.execute(
        select(workshop_table.c.id, workshop_table.c.title, workshop_table.c.programme_id).where(
            workshop_table.c.public_id == workshop_id
        )
    ).one_or_none()
    if found is None:
        raise NotFoundError(_("Aucun atelier {id} dans la base.").format(id=workshop_id))
    scopes = _scopes(found.id, found.programme_id)
    raw: dict[str, list[RowMapping]] = {}
    for name in ORDER:
        if name == "programme":
            continue  # needs the others first
        raw[name] = _rows(session, select(SPECS[name].table).where(scopes[name]))
    programme_ids = {found.programme_id} | {
        row["programme_id"] for rows in raw.values() for row in rows if "programme_id" in row
    }
    programme = SPECS["programme"].table
    raw["programme"] = _rows(
        session, select(programme).where(programme.c.id.in_(programme_ids - {None}))
    )
    public_ids = {
        name: {row["id"]: row["public_id"] for row in rows}
        for name, rows in raw.items()
        if SPECS[name].identified
    }
    outside = _outside_references(session, raw, public_ids)
    tables = {
        name: _sorted(
            SPECS[name], [_encode(SPECS[name], row, public_ids, outside) for row in raw[name]]
        )
        for name in ORDER
    }
    photos = sorted(
        {
            PhotoRef(
                row["file_name"],
                row["sha256"],
                photo_extension(row["file_name"], row["media_type"]),
            )
            for row in raw["photo"]
        }
    )
    return Collected(workshop_id, str(found.title), tables, photos)


def _outside_references(
    session: Session, raw: dict[str, list[RowMapping]], public_ids: dict[str, dict[int, Any]]
) -> dict[tuple[str, int], Any]:
    """UUIDs of rows named from the archive but not in it (only threads' starting workshops)."""
    wanted: dict[str, set[int]] = {}
    for name, rows in raw.items():
        for ref in SPECS[name].references:
            if ref.external:
                known = public_ids.get(ref.target, {})
                wanted.setdefault(ref.target, set()).update(
                    row[ref.column]
                    for row in rows
                    if row[ref.column] is not None and row[ref.column] not in known
                )
    found: dict[tuple[str, int], Any] = {}
    for target, ids in wanted.items():
        table = SPECS[target].table
        query = select(table.c.id, table.c.public_id).where(table.c.id.in_(ids))
        found.update({(target, row.id): row.public_id for row in session.execute(query)})
    return found


def _encode(
    spec: TableSpec,
    row: RowMapping,
    public_ids: dict[str, dict[int, Any]],
    outside: dict[tuple[str, int], Any],
) -> JsonRow:
    out: JsonRow = {field.key: encode(field.kind, row[field.key]) for field in spec.fields}
    if spec.identified:
        out["id"] = str(row["public_id"])
    for ref in spec.references:
        value = row[ref.column]
        target = None
        if value is not None:
            # A key to a row outside the workshop (which the app never makes, bar a thread's
            # starting workshop) is written as null rather than as a UUID no archive holds.
            target = public_ids.get(ref.target, {}).get(value, outside.get((ref.target, value)))
        out[ref.key] = None if target is None else str(target)
    if spec.name == "photo":
        out["extension"] = photo_extension(row["file_name"], row["media_type"])
    return out


def _sorted(spec: TableSpec, rows: list[JsonRow]) -> list[JsonRow]:
    def key(row: JsonRow) -> tuple[tuple[str, ...], bytes]:
        return tuple(str(row.get(name)) for name in spec.sort_keys), dump_json(row)

    return sorted(rows, key=key)
