"""The archive's fixed parts: member names, the manifest (and its JSON Schema, which must agree
with the checks CapaDesk runs), canonical times."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from typing import Any

import jsonschema
import pytest

from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.format import (
    FORMAT_VERSION,
    Manifest,
    MemberEntry,
    check_member_name,
    decode_time,
    encode_time,
    manifest_data,
    parse_manifest,
)
from capadesk.core.archive.importer import known_revision
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.paths import resource_path

SCHEMA = json.loads(resource_path("archive", "manifest.schema.json").read_text("utf-8"))
SHA = "ab" * 32
GOOD = manifest_data(
    Manifest(
        format_version=FORMAT_VERSION,
        app_version="0.1.0",
        schema_revision=SCHEMA_HEAD,
        created_at=dt.datetime(2024, 3, 14, 17, 30, 0, 123456, tzinfo=dt.UTC),
        workshop_id=uuid.UUID("f3a85c67-b770-52b6-a583-b1861a641ada"),
        workshop_title="Atelier de Lyon — cas d'usage",
        members=(MemberEntry(f"photos/{SHA}.jpg", 10, SHA), MemberEntry("data.json", 5, SHA)),
    )
)


def _schema_accepts(manifest: Any) -> bool:
    try:
        jsonschema.validate(manifest, SCHEMA, format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError:
        return False
    return True


def _app_accepts(manifest: Any) -> bool:
    try:
        parse_manifest(json.dumps(manifest).encode(), known_revision)
    except ArchiveError:
        return False
    return True


def _changed(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    manifest = copy.deepcopy(GOOD)
    place: Any = manifest
    for key in path[:-1]:
        place = place[key]
    if value is KeyError:
        del place[path[-1]]
    else:
        place[path[-1]] = value
    return manifest


BAD_MANIFESTS = {
    "format": _changed(("format",), "zip"),
    "version 0": _changed(("format_version",), 0),
    "version as text": _changed(("format_version",), "1"),
    "no app version": _changed(("app_version",), KeyError),
    "extra field": _changed(("extra",), True),
    "naive time": _changed(("created_at",), "2024-03-14T17:30:00"),
    "bad uuid": _changed(("workshop", "id"), "lyon"),
    "empty title": _changed(("workshop", "title"), ""),
    "member slip": _changed(("members", 0, "name"), "../data.json"),
    "member size": _changed(("members", 0, "size"), -1),
    "member hash": _changed(("members", 0, "sha256"), "AB" * 32),
    "no data": _changed(("members",), [GOOD["members"][1]]),
    "members not a list": _changed(("members",), {}),
}


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_a_written_manifest_passes_both() -> None:
    assert GOOD["members"][0]["name"] == "data.json"  # sorted
    assert _schema_accepts(GOOD)
    assert _app_accepts(GOOD)


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_the_schema_and_the_app_refuse_the_same_manifests(case: str) -> None:
    manifest = BAD_MANIFESTS[case]
    assert not _schema_accepts(manifest)
    assert not _app_accepts(manifest)


def test_a_newer_format_says_to_update_capadesk() -> None:
    manifest = _changed(("format_version",), FORMAT_VERSION + 1)
    manifest["a_field_from_the_future"] = {}
    with pytest.raises(ArchiveError, match="Mettez CapaDesk à jour"):
        parse_manifest(json.dumps(manifest).encode(), known_revision)


def test_an_older_known_schema_revision_is_accepted() -> None:
    assert known_revision("0001_baseline")
    assert not known_revision("9999_futur")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../x", "remonte"),
        ("photos/../../x", "remonte"),
        ("/etc/passwd", "chemin absolu"),
        ("C:/Windows/x", "lecteur Windows"),
        ("c:x", "lecteur Windows"),
        ("photos\\x.jpg", "barre oblique inverse"),
        ("photos//x.jpg", "n'est pas permis"),
        ("./data.json", "n'est pas permis"),
        ("photos/con.jpg", "n'est pas permis"),
        ("data.json\x00.jpg", "caractères de contrôle"),
        ("", "vide ou trop long"),
        ("photos/" + "a" * 300, "vide ou trop long"),
        ("photos/", "n'est pas permis"),
        ("photos/abc.jpg", "élément inattendu"),
        (f"photos/{SHA}.JPG", "élément inattendu"),
        ("Data.json", "élément inattendu"),
    ],
)
def test_member_names_are_refused(name: str, reason: str) -> None:
    with pytest.raises(ArchiveError, match=reason):
        check_member_name(name)


@pytest.mark.parametrize("name", ["manifest.json", "data.json", f"photos/{SHA}.jpg"])
def test_member_names_are_accepted(name: str) -> None:
    check_member_name(name)


def test_times_have_one_form() -> None:
    moment = dt.datetime(2022, 6, 14, 12, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert encode_time(moment) == "2022-06-14T10:05:00.000000Z"
    assert decode_time("2022-06-14T10:05:00.000000Z") == moment
    with pytest.raises(ValueError):
        decode_time("2022-06-14T10:05:00+00:00")
