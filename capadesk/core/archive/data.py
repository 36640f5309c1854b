"""Read ``data.json`` back and check it completely before anything touches the store.

Each row must have the columns of its table (a column missing from an archive of an older
schema takes its default; one without a default refuses the archive), values of the right
type, values from the closed vocabularies, UUIDs unique, keys to rows that the archive holds
(only a thread's starting workshop may be elsewhere), exactly the workshop the manifest names,
and a file for no photo it does not describe.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Collection
from enum import StrEnum
from typing import Any, NamedTuple

from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.format import DATA, EXTENSION, SHA256, Manifest, load_json, photo_member
from capadesk.core.archive.tables import EXCLUSIVE, ORDER, REQUIRED, SPECS, TableSpec, decode
from capadesk.core.domain.vocabulary import (
    ActivityKind,
    CaptureKind,
    LifecycleStage,
    ParticipantType,
    RunnerStatus,
    StepFormat,
)
from capadesk.i18n import _

Row = dict[str, Any]

_CHOICES: dict[tuple[str, str], type[StrEnum]] = {
    ("capture", "kind"): CaptureKind,
    ("capture", "lifecycle_stage"): LifecycleStage,
    ("participant", "type"): ParticipantType,
    ("step", "activity_kind"): ActivityKind,
    ("step", "format"): StepFormat,
    ("runner_state", "status"): RunnerStatus,
    ("track_runner_state", "status"): RunnerStatus,
}
_ALLOWED = {key: frozenset(member.value for member in enum) for key, enum in _CHOICES.items()}
_STAGES = frozenset(stage.value for stage in LifecycleStage)
_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class ArchiveData(NamedTuple):
    """``data.json``, checked: per table (in merge order) its rows, keys to rows as UUIDs."""

    workshop_id: uuid.UUID
    tables: dict[str, list[Row]]


def _bad(where: str, problem: str) -> ArchiveError:
    return ArchiveError(
        _("{data}, {where}\u00a0: {problem}.").format(data=DATA, where=where, problem=problem)
    )


def parse_data(raw: bytes, manifest: Manifest, photo_members: Collection[str]) -> ArchiveData:
    """Check ``data.json`` against itself, the manifest and the photo files staged."""
    data = load_json(raw, DATA)
    if not isinstance(data, dict):
        raise _bad(_("le document"), _("un objet est attendu"))
    unknown = sorted(data.keys() - set(ORDER))
    if unknown:
        raise _bad(
            _("le document"), _("table inconnue «\u00a0{name}\u00a0»").format(name=unknown[0])
        )
    tables: dict[str, list[Row]] = {}
    for name in ORDER:
        values = data.get(name, [])
        if not isinstance(values, list):
            raise _bad(name, _("une liste est attendue"))
        tables[name] = [_row(SPECS[name], value, index) for index, value in enumerate(values)]
    _check_unique(tables)
    workshops = tables["workshop"]
    if len(workshops) != 1 or workshops[0]["id"] != manifest.workshop_id:
        raise _bad("workshop", _("il faut exactement l'atelier que nomme le manifeste"))
    _check_references(tables)
    _check_photos(tables["photo"], photo_members)
    return ArchiveData(manifest.workshop_id, tables)


def _row(spec: TableSpec, value: object, index: int) -> Row:
    where = _("{table} n°{n}").format(table=spec.name, n=index + 1)
    if not isinstance(value, dict):
        raise _bad(where, _("un objet est attendu"))
    if spec.identified and isinstance(value.get("id"), str):
        where = f"{where} ({value['id']})"
    unknown = sorted(value.keys() - spec.keys)
    if unknown:
        raise _bad(where, _("champ inconnu «\u00a0{key}\u00a0»").format(key=unknown[0]))
    row: Row = {}
    if spec.identified:
        row["id"] = _value(value, "id", "uuid", nullable=False, default=REQUIRED, where=where)
    for field in spec.fields:
        row[field.key] = _value(
            value,
            field.key,
            field.kind,
            nullable=field.nullable,
            default=field.default,
            where=where,
        )
    for ref in spec.references:
        default = None if ref.nullable else REQUIRED
        row[ref.key] = _value(
            value, ref.key, "uuid", nullable=ref.nullable, default=default, where=where
        )
    if spec.name == "photo":
        extension = value.get("extension")
        if not isinstance(extension, str) or EXTENSION.match(extension) is None:
            raise _bad(where, _("extension de fichier invalide"))
        row["extension"] = extension
    _check_values(spec.name, row, where)
    return row


def _value(
    value: dict[str, Any], key: str, kind: Any, *, nullable: bool, default: Any, where: str
) -> Any:
    if key not in value:
        if default is REQUIRED:
            raise _bad(where, _("champ «\u00a0{key}\u00a0» manquant").format(key=key))
        return default
    try:
        decoded = decode(kind, value[key])
    except ValueError:
        raise _bad(where, _("valeur invalide pour «\u00a0{key}\u00a0»").format(key=key)) from None
    if decoded is None and not nullable:
        raise _bad(where, _("«\u00a0{key}\u00a0» ne peut pas être vide").format(key=key))
    return decoded


def _check_values(table: str, row: Row, where: str) -> None:
    """The closed vocabularies and the few columns with a shape of their own."""
    for (name, key), allowed in _ALLOWED.items():
        if name == table and row[key] is not None and row[key] not in allowed:
            raise _bad(
                where,
                _(
                    "«\u00a0{value}\u00a0» n'est pas une valeur permise de «\u00a0{key}\u00a0»"
                ).format(value=str(row[key])[:40], key=key),
            )
    if table == "thread":
        stages = [part for part in row["lifecycle_stages"].split(";") if part]
        if any(part not in _STAGES for part in stages):
            raise _bad(where, _("étape du cycle de vie inconnue"))
    elif table in ("step", "document"):
        key = "settings" if table == "step" else "data"
        try:
            content = json.loads(row[key])
        except (ValueError, RecursionError):
            content = None
        if not isinstance(content, dict):
            raise _bad(where, _("«\u00a0{key}\u00a0» n'est pas un objet JSON").format(key=key))
    elif table == "workshop" and row["day_start"] is not None:
        if _CLOCK.match(row["day_start"]) is None:
            raise _bad(where, _("heure de début invalide (HH:MM attendu)"))
    elif table == "photo" and SHA256.match(row["sha256"]) is None:
        raise _bad(where, _("empreinte SHA-256 invalide"))


def _check_unique(tables: dict[str, list[Row]]) -> None:
    for name, rows in tables.items():
        spec = SPECS[name]
        if spec.multiset:
            continue
        keys = Counter(tuple(row[key] for key in spec.identity) for row in rows)
        twice = [key for key, count in keys.items() if count > 1]
        if twice:
            raise _bad(name, _("la ligne {key} apparaît deux fois").format(key=_key_text(twice[0])))
        exclusive = EXCLUSIVE.get(name)
        if exclusive is not None:
            cards = Counter(row[exclusive] for row in rows)
            twice = [card for card, count in cards.items() if count > 1]
            if twice:
                raise _bad(name, _("la carte {id} est rangée dans deux fils").format(id=twice[0]))


def _key_text(key: tuple[Any, ...]) -> str:
    return "/".join(str(part) for part in key) or "()"


def _check_references(tables: dict[str, list[Row]]) -> None:
    ids = {
        name: {row["id"] for row in rows} for name, rows in tables.items() if SPECS[name].identified
    }
    for name, rows in tables.items():
        for index, row in enumerate(rows):
            for ref in SPECS[name].references:
                target = row[ref.key]
                if target is None or target in ids[ref.target] or ref.external:
                    continue
                raise _bad(
                    _("{table} n°{n}").format(table=name, n=index + 1),
                    _("«\u00a0{key}\u00a0» renvoie à {target} {id}, absent de l'archive").format(
                        key=ref.key, target=ref.target, id=target
                    ),
                )


def _check_photos(rows: list[Row], photo_members: Collection[str]) -> None:
    described = {photo_member(row["sha256"], row["extension"]) for row in rows}
    orphans = sorted(set(photo_members) - described)
    if orphans:
        raise _bad(
            "photo", _("le fichier {name} n'est décrit par aucune photo").format(name=orphans[0])
        )
