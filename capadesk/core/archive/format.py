"""The archive's fixed parts: member names, limits, strict JSON, and the manifest.

The manifest is checked by hand here (``jsonschema`` is a development tool, not shipped);
``resources/archive/manifest.schema.json`` says the same for other tools, and a test keeps the
two in agreement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from capadesk.core.archive.errors import ArchiveError
from capadesk.i18n import _

FORMAT_NAME = "capadesk-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
PHOTOS_PREFIX = "photos/"
SUFFIX = ".capadesk"

_PHOTO = re.compile(r"^photos/(?P<sha>[0-9a-f]{64})\.(?P<ext>[a-z0-9]{1,8})$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"


class ArchiveLimits(NamedTuple):
    """What an archive may expand to: checked on the headers, then again while extracting."""

    max_members: int = 10_000
    max_name_length: int = 200
    max_manifest_bytes: int = 1 << 20  # 1 MiB
    max_data_bytes: int = 64 << 20  # a two-day workshop writes about 1 MiB
    max_photo_bytes: int = 128 << 20
    max_total_bytes: int = 4 << 30
    max_ratio: int = 200  # uncompressed / compressed; zeros deflate at about 1000:1
    ratio_floor: int = 4 << 20  # smaller members may compress as well as they like


LIMITS = ArchiveLimits()


class MemberEntry(NamedTuple):
    """One member as the manifest lists it."""

    name: str
    size: int
    sha256: str


class Manifest(NamedTuple):
    """``manifest.json``, checked."""

    format_version: int
    app_version: str
    schema_revision: str
    created_at: dt.datetime
    workshop_id: uuid.UUID
    workshop_title: str
    members: tuple[MemberEntry, ...]


def encode_time(moment: dt.datetime) -> str:
    """UTC, to the microsecond, always the same width: ``2022-06-14T10:05:00.000000Z``."""
    return moment.astimezone(dt.UTC).strftime(_TIME)


def decode_time(value: object) -> dt.datetime:
    """The inverse of ``encode_time``; ValueError for anything else."""
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.datetime.strptime(value, _TIME).replace(tzinfo=dt.UTC)


def dump_json(data: object) -> bytes:
    """Canonical JSON: sorted keys, UTF-8, one line per value, a final newline."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(_("la clé «\u00a0{key}\u00a0» apparaît deux fois").format(key=key))
        found[key] = value
    return found


def _no_constant(name: str) -> object:
    raise ValueError(_("valeur {name} interdite").format(name=name))


def load_json(raw: bytes, member: str) -> object:
    """Strict JSON from an archive member: UTF-8, no duplicate keys, no NaN, bounded nesting."""
    try:
        return json.loads(
            raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "imbrication trop profonde" if isinstance(error, RecursionError) else str(error)
        raise ArchiveError(
            _("{member} n'est pas un JSON valide ({reason}).").format(member=member, reason=reason)
        ) from None


def check_member_name(name: str, limits: ArchiveLimits = LIMITS) -> None:
    """Refuse any name that could write outside the staging folder, then any unexpected one."""
    shown = repr(name[:80])
    if not name or len(name) > limits.max_name_length:
        raise ArchiveError(_("nom d'élément vide ou trop long ({name}).").format(name=shown))
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise ArchiveError(
            _("le nom d'élément {name} contient des caractères de contrôle.").format(name=shown)
        )
    if "\\" in name:
        raise ArchiveError(
            _(
                "le nom d'élément {name} contient une barre oblique inverse (chemin Windows)."
            ).format(name=shown)
        )
    if name.startswith("/"):
        raise ArchiveError(
            _("l'élément {name} a un chemin absolu (attaque «\u00a0zip slip\u00a0»).").format(
                name=shown
            )
        )
    if _DRIVE.match(name):
        raise ArchiveError(
            _(
                "l'élément {name} désigne un lecteur Windows (attaque «\u00a0zip slip\u00a0»)."
            ).format(name=shown)
        )
    parts = name.split("/")
    if ".." in parts:
        raise ArchiveError(
            _(
                "l'élément {name} remonte hors du dossier d'import "
                "(attaque «\u00a0zip slip\u00a0»)."
            ).format(name=shown)
        )
    if any(part in ("", ".") or _RESERVED.match(part) for part in parts):
        raise ArchiveError(_("le nom d'élément {name} n'est pas permis.").format(name=shown))
    if name not in (MANIFEST, DATA) and _PHOTO.match(name) is None:
        raise ArchiveError(
            _("élément inattendu {name} (une archive CapaDesk ne contient que {expected}).").format(
                name=shown, expected=f"{MANIFEST}, {DATA}, {PHOTOS_PREFIX}…"
            )
        )


def photo_member(sha256: str, extension: str) -> str:
    """The member holding a photo file: ``photos/<sha256>.<extension>``."""
    return f"{PHOTOS_PREFIX}{sha256}.{extension}"


def photo_member_hash(name: str) -> str | None:
    """The hash a photo member is named after, or None for the other members."""
    found = _PHOTO.match(name)
    return None if found is None else found["sha"]


def manifest_data(manifest: Manifest) -> dict[str, Any]:
    """``manifest.json`` as written."""
    return {
        "format": FORMAT_NAME,
        "format_version": manifest.format_version,
        "app_version": manifest.app_version,
        "schema_revision": manifest.schema_revision,
        "created_at": encode_time(manifest.created_at),
        "workshop": {"id": str(manifest.workshop_id), "title": manifest.workshop_title},
        "members": [
            {"name": entry.name, "size": entry.size, "sha256": entry.sha256}
            for entry in sorted(manifest.members)
        ],
    }


def _bad(reason: str) -> ArchiveError:
    return ArchiveError(_("manifeste invalide\u00a0: {reason}.").format(reason=reason))


def _fields(value: object, where: str, keys: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _bad(_("{where} doit être un objet").format(where=where))
    missing = sorted(keys - value.keys())
    extra = sorted(value.keys() - keys)
    if missing:
        raise _bad(
            _("{where}\u00a0: champ «\u00a0{key}\u00a0» manquant").format(
                where=where, key=missing[0]
            )
        )
    if extra:
        raise _bad(
            _("{where}\u00a0: champ «\u00a0{key}\u00a0» inconnu").format(where=where, key=extra[0])
        )
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise _bad(_("«\u00a0{what}\u00a0» doit être un texte non vide").format(what=what))
    return value


def _entry(value: object, index: int, limits: ArchiveLimits) -> MemberEntry:
    where = _("members[{index}]").format(index=index)
    fields = _fields(value, where, {"name", "size", "sha256"})
    name, size, digest = fields["name"], fields["size"], fields["sha256"]
    if not isinstance(name, str):
        raise _bad(_("{where}.name doit être un texte").format(where=where))
    check_member_name(name, limits)
    if name == MANIFEST:
        raise _bad(_("le manifeste ne se liste pas lui-même"))
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise _bad(_("{where}.size doit être un entier positif").format(where=where))
    if not isinstance(digest, str) or SHA256.match(digest) is None:
        raise _bad(_("{where}.sha256 doit faire 64 chiffres hexadécimaux").format(where=where))
    return MemberEntry(name, size, digest)


def parse_manifest(
    raw: bytes, known_revision: Callable[[str], bool], limits: ArchiveLimits = LIMITS
) -> Manifest:
    """Check ``manifest.json``: format name and version first, so a newer one says so."""
    data = load_json(raw, MANIFEST)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ArchiveError(
            _(
                "ce fichier n'est pas une archive d'atelier CapaDesk (format inconnu dans {name})."
            ).format(name=MANIFEST)
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _bad(_("«\u00a0format_version\u00a0» doit être un entier à partir de 1"))
    if version > FORMAT_VERSION:
        raise ArchiveError(
            _(
                "cette archive a été créée par une version plus récente de CapaDesk (format "
                "{found}, cette version lit jusqu'au format {known}). Mettez CapaDesk à jour "
                "pour l'importer."
            ).format(found=version, known=FORMAT_VERSION)
        )
    keys = {"format", "format_version", "app_version", "schema_revision", "created_at"}
    fields = _fields(data, _("le manifeste"), keys | {"workshop", "members"})
    revision = _text(fields["schema_revision"], "schema_revision")
    if not known_revision(revision):
        raise ArchiveError(
            _(
                "cette archive a été créée par une version plus récente de CapaDesk (schéma "
                "«\u00a0{revision}\u00a0» inconnu de cette version). Mettez CapaDesk à jour pour "
                "l'importer."
            ).format(revision=revision)
        )
    workshop = _fields(fields["workshop"], "workshop", {"id", "title"})
    try:
        created_at = decode_time(fields["created_at"])
        workshop_id = uuid.UUID(_text(workshop["id"], "workshop.id"))
    except ValueError:
        raise _bad(_("date de création ou identifiant d'atelier illisible")) from None
    members = fields["members"]
    if not isinstance(members, list) or len(members) > limits.max_members:
        raise _bad(_("«\u00a0members\u00a0» doit être une liste"))
    entries = tuple(_entry(value, index, limits) for index, value in enumerate(members))
    if len({entry.name for entry in entries}) != len(entries):
        raise _bad(_("un élément est listé deux fois"))
    if DATA not in {entry.name for entry in entries}:
        raise _bad(_("{data} n'est pas listé").format(data=DATA))
    return Manifest(
        format_version=version,
        app_version=_text(fields["app_version"], "app_version"),
        schema_revision=revision,
        created_at=created_at,
        workshop_id=workshop_id,
        workshop_title=_text(workshop["title"], "workshop.title"),
        members=entries,
    )
