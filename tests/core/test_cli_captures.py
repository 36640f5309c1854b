"""``capture add`` and ``captures list``: ids only after the commit, texts kept exactly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from capadesk import paths
from capadesk.app import main
from capadesk.cli_captures import one_line
from capadesk.core.services.captures import list_captures
from capadesk.core.services.threads import create_thread, move_captures
from capadesk.core.services.use_cases import list_use_cases
from capadesk.core.services.workshops import list_workshops
from capadesk.core.storage.migrate import open_store
from tests.core.test_cli import UUID_LINE, run

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A home with one workshop, « Atelier de Toulon »."""
    directory = str(tmp_path / "D")
    code, _out, _err = run(capsys, "--home", directory, "workshops", "create", "Atelier de Toulon")
    assert code == 0
    return directory


def workshop_id(capsys: pytest.CaptureFixture[str], home: str) -> str:
    _code, out, _err = run(capsys, "--home", home, "workshops", "list")
    return out.split("\t")[0]


def test_add_prints_only_the_id_then_list_shows_it(
    home: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "--home",
        home,
        "capture",
        "add",
        "Atelier de Toulon",
        "--kind",
        "irritant",
        "--text",
        "Les comptages\nsont ressaisis\t«\u00a0à la main\u00a0» \\ <b>",
        "--stage",
        "collecte",
    )
    assert (code, err) == (0, "")
    created = out.removesuffix("\n")
    assert UUID_LINE.match(created)

    code, out, err = run(capsys, "--home", home, "captures", "list", workshop_id(capsys, home))
    assert (code, err) == (0, "")
    assert out == (
        f"{created}\tirritant\tcollecte\t"
        "Les comptages\\nsont ressaisis\\t«\u00a0à la main\u00a0» \\\\ <b>\n"
    )


def test_list_as_json_round_trips_every_field(
    home: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "x\x00y\u2028z😀 " * 10_000
    _code, first, _err = run(
        capsys, "--home", home, "capture", "add", "atelier de toulon", "--kind", "souhait",
        "--text", text, "--use-case", "Mobilité douce",
    )  # fmt: skip
    _code, second, _err = run(
        capsys, "--home", home, "capture", "add", "Atelier de Toulon", "--kind", "idee",
        "--text", "Deuxième",
    )  # fmt: skip
    app_paths = paths.resolve(home)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = uuid.UUID(workshop_id(capsys, home))
        thread, _changes = create_thread(store, workshop, "Partager les données")
        move_captures(store, workshop, [uuid.UUID(second.strip())], thread.public_id)
        created_at = [c.created_at.isoformat() for c in list_captures(store, workshop)]
        (use_case,) = list_use_cases(store, workshop)
    finally:
        store.close()

    code, out, err = run(capsys, "--home", home, "captures", "list", str(workshop), "--json")

    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "id": first.strip(),
            "kind": "souhait",
            "stage": None,
            "use_case": str(use_case.public_id),
            "thread": None,
            "text": text,
            "created_at": created_at[0],
        },
        {
            "id": second.strip(),
            "kind": "idee",
            "stage": None,
            "use_case": None,
            "thread": str(thread.public_id),
            "text": "Deuxième",
            "created_at": created_at[1],
        },
    ]


def test_a_use_case_is_matched_or_created_and_said_so(
    home: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def add(use_case: str) -> str:
        code, _out, err = run(
            capsys, "--home", home, "capture", "add", "Atelier de Toulon", "--kind", "irritant",
            "--text", "x", "--use-case", use_case,
        )  # fmt: skip
        assert code == 0
        return err

    assert add("Mobilité douce") == "Cas d'usage «\u00a0Mobilité douce\u00a0» créé.\n"
    assert add("MOBILITE DOUCE") == ""
    app_paths = paths.resolve(home)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        (use_case,) = list_use_cases(store, uuid.UUID(workshop_id(capsys, home)))
    finally:
        store.close()
    assert add(str(use_case.public_id)) == ""


@pytest.mark.parametrize(
    ("option", "value", "accepted"),
    [
        ("--kind", "rouge", "irritant, souhait, base-de-donnees"),
        ("--stage", "partout", "collecte, stockage, traitement"),
    ],
)
def test_a_bad_kind_or_stage_is_a_usage_error_listing_the_values(
    home: str, capsys: pytest.CaptureFixture[str], option: str, value: str, accepted: str
) -> None:
    arguments = ["--kind", "irritant", "--text", "x", option, value]
    with pytest.raises(SystemExit) as exited:
        main(["--home", home, "capture", "add", "Atelier de Toulon", *arguments])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"inconnue «\u00a0{value}\u00a0»" in err or f"inconnu «\u00a0{value}\u00a0»" in err
    assert f"valeurs acceptées\u00a0: {accepted}" in err


def test_refusals_print_no_id(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--home", home, "capture", "add", "Atelier de Toulon", "--kind", "irritant",
        "--text", "   ", "--use-case", "Nouveau",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err == "Erreur\u00a0: Une carte vide n'est pas enregistrée\u00a0: saisissez un texte.\n"

    code, out, err = run(capsys, "--home", home, "captures", "list", "Atelier inconnu")
    assert (code, out) == (1, "")
    assert err.startswith("Erreur\u00a0: Aucun atelier n'a l'identifiant ou le titre")

    _code, _out, _err = run(capsys, "--home", home, "workshops", "create", "Atelier de Toulon")
    code, out, err = run(capsys, "--home", home, "captures", "list", "Atelier de Toulon")
    assert (code, out) == (1, "")
    assert "Plusieurs ateliers s'appellent «\u00a0Atelier de Toulon\u00a0»" in err
    assert len(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}", err)) == 2
    app_paths = paths.resolve(home)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        assert all(not list_use_cases(store, w.public_id) for w in list_workshops(store))
    finally:
        store.close()


def test_one_line_escapes_only_what_breaks_a_line() -> None:
    assert one_line("a\\b\nc\rd\te\x00f\x1b\x85g\u2028h é «\u00a0»") == (
        "a\\\\b\\nc\\rd\\te\\u0000f\\u001b\\u0085g\\u2028h é «\u00a0»"
    )


def test_the_installed_command_prints_the_id_after_the_commit(home: str) -> None:
    """From outside, as a script would: the printed id is readable by another process."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "capadesk",
            "--home",
            home,
            "capture",
            "add",
            "Atelier de Toulon",
            "--kind",
            "souhait",
            "--text",
            "Dehors",
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    listed = subprocess.run(
        [sys.executable, "-m", "capadesk", "--home", home, "captures", "list", "Atelier de Toulon"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
    )
    assert listed.stdout == f"{completed.stdout.strip()}\tsouhait\t-\tDehors\n"
