"""``capadesk export``, through a parser built from ``capadesk.cli_export`` alone (``capadesk.cli``
registers it)."""

from __future__ import annotations

import argparse
import importlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from capadesk import cli_export
from capadesk.core.errors import NotFoundError
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.export_support import SECRET, TITLE, build_day, pdf_pages


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="capadesk")
    cli_export.add_parser(built.add_subparsers(dest="command", required=True))
    return built


def run(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, *argv: str
) -> tuple[int, str, str]:
    code = cli_export.run(parser().parse_args(["export", *argv]), app_paths)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def wid(store: Store, app_paths: AppPaths) -> uuid.UUID:
    return build_day(store, app_paths.photos_dir).workshop_id


def test_restitution_and_sheets_by_id_or_title(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, wid: uuid.UUID, tmp_path: Path
) -> None:
    out = tmp_path / "restitution.pdf"
    code, stdout, stderr = run(
        capsys, app_paths, str(wid), "--format", "restitution", "--out", str(out)
    )
    assert code == 0
    assert stdout.startswith(f"Restitution écrite\u00a0: {out} (") and "pages)" in stdout
    assert "[1/" in stderr and "Terminé" in stderr  # the progress, on stderr
    assert "Fils retenus" in "\n".join(pdf_pages(out.read_bytes()))

    folder = tmp_path / "dossier"
    folder.mkdir()
    code, stdout, stderr = run(
        capsys, app_paths, TITLE.upper(), "--format", "sheets", "--out", str(folder), "--quiet"
    )
    assert code == 0 and stderr == ""
    [written] = folder.iterdir()
    assert written.name == "fiches-atelier-dessine-moi-ton-cas-d-usage-b-toulon-b-co.pdf"
    assert len(pdf_pages(written.read_bytes())) == 4
    assert str(written) in stdout


def test_csv_and_json_respect_consent_unless_full(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, wid: uuid.UUID, tmp_path: Path
) -> None:
    code, stdout, _err = run(
        capsys, app_paths, str(wid), "--format", "csv", "--out", str(tmp_path / "csv"), "--quiet"
    )
    assert code == 0 and "5 fichiers CSV écrits" in stdout
    assert SECRET not in (tmp_path / "csv" / "participants.csv").read_text(encoding="utf-8-sig")
    for full, expected in ((False, False), (True, True)):
        path = tmp_path / f"data-{full}.json"
        extra = ["--full"] if full else []
        code, _out, _err = run(
            capsys, app_paths, str(wid), "--format", "json", "--out", str(path), "--quiet", *extra
        )
        assert code == 0
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["full"] is full
        assert (SECRET in path.read_text(encoding="utf-8")) is expected


def test_archive_is_delegated_or_refused_when_missing(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    wid: uuid.UUID,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Any, ...]] = []

    def fake_archive(store: Store, workshop_id: uuid.UUID, target: Path, photos: Path) -> Path:
        calls.append((workshop_id, target, photos))
        target.write_bytes(b"PK")
        return target

    monkeypatch.setattr(cli_export, "archive_writer", lambda: fake_archive)
    target = tmp_path / "atelier.capadesk"
    code, stdout, _err = run(
        capsys, app_paths, str(wid), "--format", "archive", "--out", str(target)
    )
    assert code == 0 and calls == [(wid, target, app_paths.photos_dir)]
    assert f"Archive écrite\u00a0: {target}" in stdout

    monkeypatch.setattr(cli_export, "archive_writer", lambda: None)
    code, stdout, stderr = run(
        capsys, app_paths, str(wid), "--format", "archive", "--out", str(tmp_path / "b.capadesk")
    )
    assert code == cli_export.EXIT_INVALID and stdout == ""
    assert "archive .capadesk n'est pas encore disponible" in stderr
    assert not (tmp_path / "b.capadesk").exists()


def test_archive_writer_is_none_only_when_the_module_is_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> Any:
        raise ModuleNotFoundError(f"No module named {name!r}", name="capadesk.core.archive")

    monkeypatch.setattr(importlib, "import_module", missing)
    assert cli_export.archive_writer() is None

    def broken(name: str) -> Any:
        raise ModuleNotFoundError("No module named 'zipfile_deflate64'", name="zipfile_deflate64")

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        cli_export.archive_writer()


def test_an_unknown_workshop_is_a_known_error(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, store: Store, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError, match="Aucun atelier"):
        run(capsys, app_paths, "Nulle part", "--format", "json", "--out", str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists()


def test_the_format_is_required_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["export", "Atelier", "--format", "docx", "--out", "x"])
    assert "invalid choice" in capsys.readouterr().err
