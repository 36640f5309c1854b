"""How each table of the store goes into ``data.json`` and comes back, read from the models.

Every column is written, under its own name, except the row id: rows name each other by their
public UUIDs. A key to another table becomes that row's UUID under the column's name without
``_id`` (``step_id`` → ``"step"``). The NOT NULL key to the workshop is implied (every row of
the archive belongs to its one workshop) and left out. Tables without a UUID are named by their
other keys (``identity``); the runner's log, which has none, is a multiset of equal events.

A new column is picked up without code here; a new table must be placed in ``ORDER`` (a test
checks that every table is).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Boolean, Column, Date, Float, Integer, String, Table, Uuid

from capadesk.core.archive.format import decode_time, encode_time
from capadesk.core.storage.models import Base
from capadesk.core.storage.models.base import UTCDateTime

Kind = Literal["str", "int", "float", "bool", "datetime", "date", "uuid"]
REQUIRED: Any = object()  # no default: the archive must give the value

# The merge order: every table after the tables it refers to, except step → track (the step
# of a parallel track), set once the tracks are in.
ORDER = (
    "programme",
    "workshop",
    "step",
    "track",
    "use_case",
    "participant",
    "work_group",
    "group_membership",
    "capture",
    "thread",
    "thread_capture",
    "vote",
    "photo",
    "step_entry",
    "document",
    "draft",
    "runner_state",
    "track_runner_state",
    "runner_event",
)
# A thread belongs to its programme; the workshop that started it may not be in the archive.
_EXTERNAL = frozenset({("thread", "workshop_id")})
# Written as its extension (``photo_extension``): the file is renamed on import.
_DERIVED = frozenset({("photo", "file_name")})
# Link tables: existing rows are looked up by this column; a card sits in one thread only.
LOOKUP = {"thread_capture": "capture_id", "group_membership": "group_id"}
EXCLUSIVE = {"thread_capture": "capture"}
# Rows with a UUID but no NOT NULL workshop column: an existing row must hang from the same
# parent (a document's workshop is null for a programme-wide one, such as the persona library).
PARENT = {"track": "step_id", "document": "workshop_id"}
_SORT = {"runner_event": ("at",)}


@dataclass(frozen=True)
class Field:
    """A plain column: its JSON key is its name."""

    key: str
    kind: Kind
    nullable: bool
    default: Any  # REQUIRED when the archive must give it


@dataclass(frozen=True)
class Reference:
    """A key to another table, written as that row's UUID."""

    key: str
    column: str
    target: str
    nullable: bool
    deferred: bool  # its table is merged later: set once every row is in
    external: bool  # may name a row outside the archive


@dataclass(frozen=True)
class TableSpec:
    """One table as the archive sees it."""

    name: str
    table: Table
    fields: tuple[Field, ...]
    references: tuple[Reference, ...]
    owner: str | None  # the implied NOT NULL column to the workshop
    identified: bool  # has a public UUID, written as "id"
    identity: tuple[str, ...]  # JSON keys naming a row (``("id",)`` when identified)
    multiset: bool  # no identity at all: equal rows are counted

    @property
    def versioned(self) -> bool:
        """Rows carry ``updated_at``: a newer one replaces an older one."""
        return "updated_at" in self.table.c

    @property
    def sort_keys(self) -> tuple[str, ...]:
        """How ``data.json`` orders the rows (ties broken by the whole row)."""
        return _SORT.get(self.name, self.identity)

    @property
    def keys(self) -> frozenset[str]:
        """Every JSON key a row may have."""
        extra = {"extension"} if self.name == "photo" else set()
        names = {f.key for f in self.fields} | {r.key for r in self.references} | extra
        return frozenset(names | ({"id"} if self.identified else set()))


def _kind(column: Column[Any]) -> Kind:
    kinds: tuple[tuple[type[Any], Kind], ...] = (
        (UTCDateTime, "datetime"),
        (Uuid, "uuid"),
        (Boolean, "bool"),
        (Date, "date"),
        (Float, "float"),
        (Integer, "int"),
        (String, "str"),
    )
    for type_, kind in kinds:
        if isinstance(column.type, type_):
            return kind
    raise TypeError(f"{column}: type {column.type!r} unknown to the archive")


def _default(column: Column[Any]) -> Any:
    if column.nullable:
        return None
    default = column.default
    if default is not None and default.is_scalar:
        return getattr(default, "arg", REQUIRED)
    return REQUIRED


def _spec(name: str) -> TableSpec:
    table = Base.metadata.tables[name]
    position = ORDER.index(name)
    fields: list[Field] = []
    references: list[Reference] = []
    owner = None
    for column in table.columns:
        if column.name in ("id", "public_id") or (name, column.name) in _DERIVED:
            continue
        targets = [key.column.table.name for key in column.foreign_keys]
        if not targets:
            fields.append(
                Field(column.name, _kind(column), bool(column.nullable), _default(column))
            )
        elif targets[0] == "workshop" and not column.nullable and name != "workshop":
            owner = column.name
        else:
            references.append(
                Reference(
                    key=column.name.removesuffix("_id"),
                    column=column.name,
                    target=targets[0],
                    nullable=bool(column.nullable),
                    deferred=ORDER.index(targets[0]) > position,
                    external=(name, column.name) in _EXTERNAL,
                )
            )
    identified = "public_id" in table.c
    by_column = {ref.column: ref.key for ref in references} | {f.key: f.key for f in fields}
    primary = [c.name for c in table.primary_key.columns if c.name not in ("id", owner)]
    multiset = not identified and [c.name for c in table.primary_key.columns] == ["id"]
    identity = ("id",) if identified else tuple(by_column[c] for c in primary)
    return TableSpec(
        name=name,
        table=table,
        fields=tuple(fields),
        references=tuple(references),
        owner=owner,
        identified=identified,
        identity=identity,
        multiset=multiset,
    )


SPECS: dict[str, TableSpec] = {name: _spec(name) for name in ORDER}


def encode(kind: Kind, value: Any) -> Any:
    """A column value as JSON."""
    if value is None:
        return None
    if kind == "datetime":
        return encode_time(value)
    if kind == "date":
        return value.isoformat()
    if kind == "uuid":
        return str(value)
    if kind == "float":
        return float(value) if math.isfinite(value) else None  # JSON has no NaN
    return value


def decode(kind: Kind, value: object) -> Any:
    """A JSON value back as the column's Python value; ValueError when it is not one."""
    if value is None:
        return None
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if kind == "int" and isinstance(value, int) and -(2**63) <= value < 2**63:
        return value
    if kind == "float" and isinstance(value, int | float):
        return float(value)
    if kind == "datetime":
        return decode_time(value)
    if kind == "date" and isinstance(value, str) and len(value) == 10:
        return dt.date.fromisoformat(value)
    if kind == "uuid" and isinstance(value, str):
        return uuid.UUID(value)
    raise ValueError(value)
