"""The built-in library, protocol files on disk, the schedule and the ``protocols`` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from capadesk.app import main
from capadesk.core.domain.protocol_format import ProtocolError, parse_protocol
from capadesk.core.domain.schedule import schedule
from capadesk.core.domain.vocabulary import StepFormat
from capadesk.core.errors import NotFoundError
from capadesk.core.services.protocols import (
    MAX_FILE_BYTES,
    builtin_dir,
    builtin_protocols,
    find_protocol,
    read_protocol_file,
)

BUILTIN_IDS = {
    "capacities-1-toulon",
    "capacities-2-lisieux",
    "capacities-3-chamonix",
    "capacities-4-caux",
    "capacities-5-dunkerque",
    "design-thinking-cpn",
    "parcours-usager",
    "debat-mouvant",
}


def test_the_library_holds_the_eight_built_in_protocols() -> None:
    assert {p.id for p in builtin_protocols()} == BUILTIN_IDS


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.json")), ids=lambda p: p.name)
def test_every_built_in_file_follows_the_published_schema(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if path.name == "schema.json":
        jsonschema.Draft202012Validator.check_schema(data)
        return
    jsonschema.validate(data, json.loads((builtin_dir() / "schema.json").read_text("utf-8")))
    assert parse_protocol(data).id == path.stem  # one file per id, named after it


def test_toulon_follows_the_seed_order_durations_and_formats() -> None:
    toulon = find_protocol("capacities-1-toulon")
    planned = [(s.duration.minimum, s.duration.maximum) for s in toulon.steps]
    assert planned == [(30, 30), (10, 10), (15, 15), (45, 60), (60, 60), (10, 10)]
    assert toulon.steps[2].format is StepFormat.STANDING
    assert "CAPACities" in toulon.credit


def test_the_schedule_books_ranges_at_their_top() -> None:
    toulon = find_protocol("capacities-1-toulon")
    times = [(f"{p.start:%H:%M}", f"{p.end:%H:%M}") for p in schedule(toulon.steps, dt.time(9))]
    assert times == [
        ("09:00", "09:30"),
        ("09:30", "09:40"),
        ("09:40", "09:55"),
        ("09:55", "10:55"),
        ("10:55", "11:55"),
        ("11:55", "12:05"),
    ]


def test_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="capacities-1-toulon"):
        find_protocol("toulon")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": "capadesk-protocol",', "JSON invalide ligne 1"),
        (b"\xff\xfe{}", "pas en UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON illisible"),
        (b'{"format": "capadesk-protocol", "format_version": 1, "id": "a", "title": "t"}', "steps"),
    ],
)
def test_a_broken_file_is_refused_in_french(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "protocole.json"
    path.write_bytes(content)
    with pytest.raises(ProtocolError, match=words):
        read_protocol_file(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "enorme.json"
    with path.open("wb") as file:
        file.truncate(10 * MAX_FILE_BYTES)  # 10 MB of nothing, sparse on disk
    with pytest.raises(ProtocolError, match="fichier trop gros"):
        read_protocol_file(path)


def test_a_device_or_pipe_is_refused_without_reading_it() -> None:
    with pytest.raises(ProtocolError, match="pas un fichier ordinaire"):
        read_protocol_file(Path("/dev/zero"))


def test_cli_show_toulon_from_nine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protocols", "show", "capacities-1-toulon", "--start", "09:00"]) == 0
    out = capsys.readouterr().out.splitlines()
    steps = [line for line in out if line[:2].isdigit()]
    assert [line[:11] for line in steps] == [
        "09:00–09:30",
        "09:30–09:40",
        "09:40–09:55",
        "09:55–10:55",
        "10:55–11:55",
        "11:55–12:05",
    ]
    assert "45–60\u00a0min" in steps[3]
    assert out[-1] == "Durée prévue\u00a0: 3\u00a0h\u00a005"


def test_cli_list_gives_id_title_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protocols", "list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert {row[0] for row in rows} == BUILTIN_IDS
    assert all(len(row) == 3 and row[1] and row[2][0].isdigit() for row in rows)


def test_cli_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = builtin_dir() / "capacities-1-toulon.json"
    assert main(["protocols", "validate", str(good)]) == 0
    assert capsys.readouterr().out.startswith("Protocole valide\u00a0: capacities-1-toulon")

    bad = tmp_path / "faux.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["steps"][3]["activity"] = "danse"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["protocols", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "steps[3].activity\u00a0: «\u00a0danse\u00a0» n'est pas un type d'activité connu" in err
