"""``capadesk import FILE.capadesk``, through a parser built from ``capadesk.cli_archive``
alone (``capadesk.cli`` registers it)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from capadesk import cli_archive, paths
from capadesk.core.archive.writer import export_archive
from capadesk.core.storage.backups import BackupKind, list_backups
from capadesk.paths import AppPaths
from tests.core.archive_support import LYON, NOW, rich_store


def run(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, *argv: str
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="capadesk")
    cli_archive.add_parser(parser.add_subparsers(dest="command", required=True))
    code = cli_archive.run(parser.parse_args(list(argv)), app_paths)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    source = paths.resolve(tmp_path / "source")
    store = rich_store(source)
    try:
        return export_archive(store, LYON, tmp_path / "lyon.capadesk", source.photos_dir, now=NOW)
    finally:
        store.close()


def test_import_prints_the_report_in_french(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, archive: Path
) -> None:
    code, out, err = run(capsys, app_paths, "import", str(archive))

    assert (code, err) == (0, "")
    assert out.startswith("Atelier «\u00a0Atelier de Lyon — cas d'usage\u00a0» importé depuis")
    assert "  Saisies\u00a0: 7 ajouts\n" in out
    assert "Fichiers photo\u00a0: 1 copié(s), 0 déjà présent(s)." in out
    [backup] = list_backups(app_paths.backups_dir)
    assert backup.kind is BackupKind.BEFORE_IMPORT and backup.id in out

    code, out, err = run(capsys, app_paths, "import", str(archive))
    assert code == 0 and "Rien de nouveau" in out


def test_a_refused_archive_exits_with_2(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, tmp_path: Path
) -> None:
    bad = tmp_path / "faux.capadesk"
    bad.write_text("pas une archive", "utf-8")

    code, out, err = run(capsys, app_paths, "import", str(bad))

    assert (code, out) == (2, "")
    assert err.startswith("Erreur\u00a0: Import de «\u00a0faux.capadesk\u00a0» refusé\u00a0: ")
    assert list_backups(app_paths.backups_dir) == []
