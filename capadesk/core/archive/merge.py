"""Merge a checked archive into the store, inside the caller's one transaction.

Rows are matched by UUID (or, without one, by their other keys; the runner's log as a
multiset of equal events). A row not in the store is added. A row already there is kept,
unless both carry ``updated_at`` and the archive's is newer: then the archive's values replace
the store's. The merge never deletes: a row the store has and the archive lacks stays, a
deletion travels as ``deleted_at``. A card already in a thread here stays in it. A row whose
UUID belongs here to another workshop (or a track to another step) refuses the archive.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any, NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from capadesk.core.archive.data import ArchiveData, Row
from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.files import photo_file_name
from capadesk.core.archive.tables import EXCLUSIVE, LOOKUP, ORDER, PARENT, SPECS, TableSpec
from capadesk.core.storage.repositories.captures import chunks
from capadesk.i18n import _


class Tally(NamedTuple):
    """Rows of one table: added, already there (kept as they were), updated from the archive."""

    added: int = 0
    kept: int = 0
    updated: int = 0


def merge(session: Session, data: ArchiveData) -> dict[str, Tally]:
    """Merge ``data`` through ``session``; per table (in merge order), what happened."""
    return _Merge(session, data).run()


class _Merge:
    def __init__(self, session: Session, data: ArchiveData) -> None:
        self.session = session
        self.data = data
        self.ids: dict[str, dict[uuid.UUID, int]] = {name: {} for name in ORDER}
        self.owner = 0  # the workshop's row id, known once it is merged
        self.tallies: dict[str, Tally] = {}
        self.deferred: list[tuple[TableSpec, uuid.UUID, Row]] = []

    def run(self) -> dict[str, Tally]:
        for name in ORDER:
            spec = SPECS[name]
            rows = self.data.tables[name]
            if spec.identified:
                self._merge_identified(spec, rows)
            else:
                self._merge_keyed(spec, rows)
            if name == "workshop":
                self.owner = self.ids["workshop"][self.data.workshop_id]
        for spec, public_id, row in self.deferred:
            values = {ref.column: self._resolve(ref.target, row[ref.key]) for ref in _later(spec)}
            if spec.versioned:  # or SQLAlchemy stamps the row with the time of the import
                values["updated_at"] = row["updated_at"]
            table = spec.table
            self.session.execute(update(table).where(table.c.public_id == public_id).values(values))
        return self.tallies

    # -- values --------------------------------------------------------------------------------

    def _resolve(self, target: str, public_id: uuid.UUID | None) -> int | None:
        if public_id is None:
            return None
        found = self.ids[target].get(public_id)
        if found is None:  # a reference allowed outside the archive: linked if it is here
            table = SPECS[target].table
            found = self.session.scalar(select(table.c.id).where(table.c.public_id == public_id))
        return found

    def _values(self, spec: TableSpec, row: Row) -> dict[str, Any]:
        values = {field.key: row[field.key] for field in spec.fields}
        if spec.identified:
            values["public_id"] = row["id"]
        if spec.owner is not None:
            values[spec.owner] = self.owner
        for ref in spec.references:
            # A table merged later: set once its rows are in (``run``).
            values[ref.column] = None if ref.deferred else self._resolve(ref.target, row[ref.key])
        if spec.name == "photo":
            values["file_name"] = photo_file_name(row["sha256"], row["extension"])
        return values

    def _count(self, name: str, *, added: int = 0, kept: int = 0, updated: int = 0) -> None:
        old = self.tallies.get(name, Tally())
        self.tallies[name] = Tally(old.added + added, old.kept + kept, old.updated + updated)

    # -- rows with a UUID ------------------------------------------------------------------------

    def _merge_identified(self, spec: TableSpec, rows: list[Row]) -> None:
        table = spec.table
        columns = [table.c.id, table.c.public_id]
        checked = spec.owner or PARENT.get(spec.name)
        if checked is not None:
            columns.append(table.c[checked])
        if spec.versioned:
            columns.append(table.c.updated_at)
        existing = {}
        for chunk in chunks([row["id"] for row in rows]):
            query = select(*columns).where(table.c.public_id.in_(chunk))
            existing.update({found.public_id: found for found in self.session.execute(query)})
        added: list[dict[str, Any]] = []
        for row in rows:
            values = self._values(spec, row)
            found = existing.get(row["id"])
            if found is None:
                added.append(values)
                continue
            if checked is not None and getattr(found, checked) != values[checked]:
                raise _elsewhere(spec, row["id"])
            self.ids[spec.name][row["id"]] = found.id
            if spec.versioned and row["updated_at"] > found.updated_at:
                self._update(spec, table.c.id == found.id, values)
                self._defer(spec, row)
                self._count(spec.name, updated=1)
            else:
                self._count(spec.name, kept=1)
        if added:
            result = self.session.execute(
                insert(table).returning(table.c.id, table.c.public_id), added
            )
            self.ids[spec.name].update({found.public_id: found.id for found in result})
            for row in rows:
                if row["id"] not in existing:
                    self._defer(spec, row)
            self._count(spec.name, added=len(added))

    def _update(self, spec: TableSpec, where: Any, values: dict[str, Any]) -> None:
        later = {ref.column for ref in _later(spec)}
        kept = {key: value for key, value in values.items() if key not in later}
        self.session.execute(update(spec.table).where(where).values(kept))

    def _defer(self, spec: TableSpec, row: Row) -> None:
        if _later(spec):
            self.deferred.append((spec, row["id"], row))

    # -- rows named by their other keys ----------------------------------------------------------

    def _merge_keyed(self, spec: TableSpec, rows: list[Row]) -> None:
        if not rows:
            return
        table = spec.table
        prepared = [self._values(spec, row) for row in rows]
        if spec.owner is not None:
            existing = list(
                self.session.execute(select(table).where(table.c[spec.owner] == self.owner))
                .mappings()
                .all()
            )
        else:
            lookup = LOOKUP[spec.name]
            existing = []
            for chunk in chunks(sorted({values[lookup] for values in prepared})):
                query = select(table).where(table.c[lookup].in_(chunk))
                existing.extend(self.session.execute(query).mappings().all())
        if spec.multiset:
            added = self._multiset(spec, prepared, existing)
        else:
            added = self._keyed(spec, prepared, existing)
        if added:
            self.session.execute(insert(table), added)
            self._count(spec.name, added=len(added))

    def _multiset(
        self, spec: TableSpec, prepared: list[dict[str, Any]], existing: list[Any]
    ) -> list[dict[str, Any]]:
        columns = sorted(prepared[0])
        present = Counter(tuple(found[c] for c in columns) for found in existing)
        added = []
        for values in prepared:
            key = tuple(values[c] for c in columns)
            if present[key] > 0:
                present[key] -= 1
                self._count(spec.name, kept=1)
            else:
                added.append(values)
        return added

    def _keyed(
        self, spec: TableSpec, prepared: list[dict[str, Any]], existing: list[Any]
    ) -> list[dict[str, Any]]:
        columns = [_column(spec, key) for key in spec.identity]
        if spec.owner is not None:
            columns.append(spec.owner)
        by_key = {tuple(found[c] for c in columns): found for found in existing}
        exclusive = EXCLUSIVE.get(spec.name)
        taken = {found[_column(spec, exclusive)] for found in existing} if exclusive else set()
        added = []
        for values in prepared:
            key = tuple(values[c] for c in columns)
            found = by_key.get(key)
            if found is None:
                if exclusive is not None and values[_column(spec, exclusive)] in taken:
                    self._count(spec.name, kept=1)  # the card sits in another thread here
                    continue
                added.append(values)
            elif spec.versioned and values["updated_at"] > found["updated_at"]:
                table = spec.table
                where = [table.c[c] == found[c] for c in columns]
                self.session.execute(update(table).where(*where).values(values))
                self._count(spec.name, updated=1)
            else:
                self._count(spec.name, kept=1)
        return added


def _later(spec: TableSpec) -> list[Any]:
    return [ref for ref in spec.references if ref.deferred]


def _column(spec: TableSpec, key: str) -> str:
    for ref in spec.references:
        if ref.key == key:
            return ref.column
    return key


def _elsewhere(spec: TableSpec, public_id: uuid.UUID) -> ArchiveError:
    return ArchiveError(
        _(
            "l'élément {table} {id} de l'archive appartient déjà à un autre atelier de cette "
            "base (identifiant en double)."
        ).format(table=spec.name, id=public_id)
    )
