"""The headless command line: ``workshops create|list``, ``check``, ``--version``, ``--home``."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from capadesk import __version__, paths
from capadesk.app import main
from capadesk.core.storage.health import EXIT_MISSING, EXIT_PROBLEM
from capadesk.core.storage.probe import SCHEMA_HEAD

REPO_ROOT = Path(__file__).resolve().parents[2]
UUID_LINE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_create_then_list_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "D")

    code, out, err = run(capsys, "--home", home, "workshops", "create", "Atelier test")
    assert (code, err) == (0, "")
    created = out.strip()
    assert UUID_LINE.match(created)

    code, out, err = run(capsys, "--home", home, "workshops", "list")
    assert (code, err) == (0, "")
    assert out == f"{created}\tAtelier test\n"

    code, out, err = run(capsys, "--home", home, "check")
    assert (code, err) == (0, "")
    assert f"Schéma\u00a0: révision {SCHEMA_HEAD} (à jour)" in out
    assert out.rstrip().endswith("La base est saine.")
    assert (tmp_path / "D" / "data" / "capadesk.db").is_file()


def test_create_with_every_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "D")
    for title, day in (("Ancien", "2023-05-04"), ("Récent", "2024-10-01")):
        code, _out, _err = run(
            capsys,
            "--home",
            home,
            "workshops",
            "create",
            title,
            "--place",
            "Écully",
            "--date",
            day,
            "--programme",
            "CAPACities",
        )
        assert code == 0

    from capadesk.core.services.workshops import list_workshops
    from capadesk.core.storage.migrate import open_store

    app_paths = paths.resolve(home)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        listed = list_workshops(store)
    finally:
        store.close()
    assert [(w.title, w.place, w.day, w.programme_title) for w in listed] == [
        ("Récent", "Écully", dt.date(2024, 10, 1), "CAPACities"),
        ("Ancien", "Écully", dt.date(2023, 5, 4), "CAPACities"),
    ]

    _code, out, _err = run(capsys, "--home", home, "workshops", "list")
    assert [line.split("\t")[1] for line in out.splitlines()] == ["Récent", "Ancien"]


def test_home_defaults_to_the_environment(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "workshops", "create", "Sans option")
    assert code == 0
    assert (_isolated_home / "data" / "capadesk.db").is_file()
    _code, listed, _err = run(capsys, "workshops", "list")
    assert listed == f"{out.strip()}\tSans option\n"


def test_an_empty_title_is_refused_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--home", str(tmp_path), "workshops", "create", "   ")

    assert code == 1
    assert out == ""
    assert err == "Erreur\u00a0: Le titre de l'atelier ne peut pas être vide.\n"
    _code, listed, _err = run(capsys, "--home", str(tmp_path), "workshops", "list")
    assert listed == ""


def test_an_invalid_date_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--home", str(tmp_path), "workshops", "create", "A", "--date", "14/06/2022"])
    assert exited.value.code == 2
    assert "date invalide '14/06/2022'\u00a0: attendu AAAA-MM-JJ" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def test_check_without_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--home", str(tmp_path), "check")

    assert code == EXIT_MISSING
    assert out.startswith("Base\u00a0: ")
    assert err.startswith("Erreur\u00a0: aucune base à cet emplacement")
    assert not (tmp_path / "data").exists()  # check creates nothing


def test_check_of_a_corrupt_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = paths.resolve(tmp_path).ensure().db_path
    db.write_bytes(b"\x00garbage" * 1000)

    code, _out, err = run(capsys, "--home", str(tmp_path), "check")

    assert code == EXIT_PROBLEM
    assert "n'est pas une base lisible" in err


def test_a_store_from_a_newer_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path)
    run(capsys, "--home", home, "workshops", "create", "A")
    db = paths.resolve(home).db_path
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
        connection.commit()

    code, out, err = run(capsys, "--home", home, "workshops", "list")

    assert (code, out) == (1, "")
    assert err.startswith("Erreur\u00a0: Cette base a été écrite par une version plus récente")
    code, _out, err = run(capsys, "--home", home, "check")
    assert code == EXIT_PROBLEM
    assert "plus récente" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"CapaDesk {__version__}\n"


def test_the_console_script_points_at_the_app() -> None:
    (script,) = entry_points(group="console_scripts", name="capadesk")
    assert script.value == "capadesk.app:main"
    assert script.load().__module__ == "capadesk.app"


def _capadesk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "capadesk", *argv],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_the_real_command_in_a_subprocess(tmp_path: Path) -> None:
    home = str(tmp_path / "D")

    created = _capadesk("--home", home, "workshops", "create", "Atelier test")
    assert (created.returncode, created.stderr) == (0, "")
    public_id = uuid.UUID(created.stdout.strip())

    listed = _capadesk("--home", home, "workshops", "list")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert listed.stdout == f"{public_id}\tAtelier test\n"

    checked = _capadesk("--home", home, "check")
    assert checked.returncode == 0, checked.stderr
    assert "La base est saine." in checked.stdout

    version = _capadesk("--version")
    assert (version.returncode, version.stdout) == (0, f"CapaDesk {__version__}\n")


def test_headless_commands_load_neither_qt_nor_alembic(tmp_path: Path) -> None:
    """A normal start (no migration due) stays light: no Qt, no Alembic."""
    home = str(tmp_path / "D")
    assert main(["--home", home, "workshops", "create", "Atelier"]) == 0
    probe_imports = (
        "import sys\n"
        "from capadesk.app import main\n"
        f"code = main(['--home', {home!r}, 'workshops', 'list'])\n"
        "heavy = ('PySide6', 'alembic', 'reportlab', 'qrcode')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe_imports],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
