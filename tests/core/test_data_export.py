"""The JSON and CSV exports: complete, stable, spreadsheet-friendly, names only with consent."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.export.data_export import (
    CSV_SEPARATOR,
    csv_bytes,
    csv_files,
    export_json,
    json_bytes,
    json_document,
    safe_cell,
    write_csv,
    write_json,
)
from capadesk.core.export.store_reader import read_workshop
from capadesk.core.services.captures import add_capture
from capadesk.core.storage.store import Store
from tests.core.export_support import (
    CONSENTING,
    KEPT_THREAD,
    SECRET,
    SPECIAL,
    build_day,
)

FILES = ("cartes.csv", "fils.csv", "votes.csv", "participants.csv", "cas-d-usage.csv")


def _rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=CSV_SEPARATOR))


def test_json_holds_everything_with_uuid_strings_and_no_export_time(store: Store) -> None:
    day = build_day(store)
    document = export_json(store, day.workshop_id)
    assert document["format"] == "capadesk-data" and document["format_version"] == 1
    assert "exported_at" not in document
    assert document["workshop"]["id"] == str(day.workshop_id)
    assert document["workshop"]["day"] == "2024-03-14"
    assert [u["id"] for u in document["use_cases"]] == [str(u) for u in day.use_case_ids]
    assert len(document["captures"]) == 8 and len(document["participants"]) == 5
    special = next(c for c in document["captures"] if c["id"] == str(day.special_id))
    assert special["text"] == SPECIAL  # exactly as typed: no typography, no escaping
    assert special["kind"] == "irritant" and special["stage"] == "collecte"
    assert special["thread_id"] == str(day.kept_thread_id)
    assert special["note"] == "contrat\u00a0: aucun"
    kept = next(t for t in document["threads"] if t["title"] == KEPT_THREAD)
    assert kept["kept"] and kept["dots"] == 9 and str(day.special_id) in kept["capture_ids"]
    assert sorted(v["dots"] for v in document["votes"]) == [4, 9]
    for capture in document["captures"]:
        uuid.UUID(capture["id"])
        assert capture["created_at"].endswith("+00:00")
    # Stable: the same export twice, byte for byte.
    assert json_bytes(document) == json_bytes(export_json(store, day.workshop_id))


def test_json_names_only_with_consent_unless_full(store: Store) -> None:
    day = build_day(store)
    default = json_bytes(export_json(store, day.workshop_id)).decode()
    assert CONSENTING in default and SECRET not in default
    secret = next(p for p in json.loads(default)["participants"] if p["id"] == str(day.secret_id))
    assert secret["name"] is None and secret["organisation"] == "Cerema"
    assert "notes" not in secret
    full = export_json(store, day.workshop_id, full=True)
    assert full["full"] is True
    assert [p["name"] for p in full["participants"]][:2] == [CONSENTING, "Bruno Martin"]
    assert SECRET in json_bytes(full).decode()
    assert all("notes" in p for p in full["participants"])


def test_json_order_does_not_depend_on_the_order_rows_come_in(store: Store) -> None:
    day = build_day(store)
    data = read_workshop(store, day.workshop_id)
    shuffled = data._replace(
        use_cases=data.use_cases[::-1],
        participants=data.participants[::-1],
        captures=data.captures[::-1],
        threads=data.threads[::-1],
        votes=data.votes[::-1],
    )
    for full in (False, True):
        assert json_document(shuffled, full=full) == json_document(data, full=full)
        assert json_bytes(json_document(shuffled, full=full)) == json_bytes(
            json_document(data, full=full)
        )


def test_csv_files_open_right_in_a_french_spreadsheet(store: Store, tmp_path: Path) -> None:
    day = build_day(store)
    tricky, _changes = add_capture(
        store, day.workshop_id, CaptureKind.IDEA, '=HYPERLINK("http://x";"clic")\nsuite; fin'
    )
    seen: list[tuple[int, int, str]] = []
    written = write_csv(
        store, day.workshop_id, tmp_path / "export", progress=lambda *a: seen.append(a)
    )
    assert [p.name for p in written] == list(FILES)
    assert seen[-1] == (6, 6, "Terminé")
    cards = _rows((tmp_path / "export" / "cartes.csv").read_bytes())
    assert cards[0][:4] == ["identifiant", "type", "texte", "étape du cycle de vie"]
    by_id = {row[0]: row for row in cards[1:]}
    special = by_id[str(day.special_id)]
    assert special[1:6] == [
        "Irritant",
        SPECIAL,
        "Collecte",
        "Mobilité douce",
        KEPT_THREAD,
    ]
    assert special[7].startswith("2") and "T" in special[7]  # ISO date
    # A formula is neutralised, the line break and the « ; » survive quoting.
    assert by_id[str(tricky.public_id)][2] == '\'=HYPERLINK("http://x";"clic")\nsuite; fin'
    raw = (tmp_path / "export" / "cartes.csv").read_bytes()
    assert b"\r\n" in raw and raw.count(b"\xef\xbb\xbf") == 1
    people = _rows((tmp_path / "export" / "participants.csv").read_bytes())
    assert people[0][1] == "nom" and "notes" not in people[0]
    names = [row[1] for row in people[1:]]
    assert CONSENTING in names and SECRET not in names and "" in names
    assert SECRET not in (tmp_path / "export" / "votes.csv").read_text(encoding="utf-8-sig")
    threads = _rows((tmp_path / "export" / "fils.csv").read_bytes())
    assert threads[1][1:6] == [KEPT_THREAD, "", "9", "1", "oui"]
    votes = _rows((tmp_path / "export" / "votes.csv").read_bytes())
    assert {row[3] for row in votes[1:]} == {"décompte au mur"}


def test_full_csv_adds_every_name_and_the_notes(store: Store) -> None:
    day = build_day(store)
    files = csv_files(read_workshop(store, day.workshop_id), full=True)
    assert list(files) == list(FILES)
    people = _rows(files["participants.csv"])
    assert people[0][-1] == "notes"
    assert SECRET in [row[1] for row in people[1:]]
    default = csv_files(read_workshop(store, day.workshop_id))
    assert SECRET.encode() not in b"".join(default.values())


def test_cells_are_typed_for_a_french_spreadsheet() -> None:
    assert safe_cell(None) == ""
    assert safe_cell(True) == "oui" and safe_cell(False) == "non"
    assert safe_cell(12.5) == "12,5" and safe_cell(1200.0) == "1200" and safe_cell(3) == "3"
    for formula in ("=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(formula) == "'" + formula
    assert safe_cell("« ok »") == "« ok »"
    content = csv_bytes(("a", "b"), [("x;y", 'il dit "oui"')])
    assert content == '\ufeffa;b\r\n"x;y";"il dit ""oui"""\r\n'.encode()


def test_write_json_replaces_the_file_whole(store: Store, tmp_path: Path) -> None:
    day = build_day(store)
    folder = tmp_path / "sortie"
    folder.mkdir()
    path = folder / "donnees.json"
    path.write_text("ancien", encoding="utf-8")
    write_json(store, day.workshop_id, path, full=True)
    assert json.loads(path.read_text(encoding="utf-8")) == export_json(
        store, day.workshop_id, full=True
    )
    assert [p.name for p in folder.iterdir()] == ["donnees.json"]  # no temporary file left
