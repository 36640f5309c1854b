"""``matrices list | blank | validate``, through a parser built from ``capadesk.cli_matrices``
alone (``capadesk.cli`` registers it)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, landscape  # type: ignore[import-untyped]

from capadesk import cli_matrices
from capadesk.core.domain.matrix import user_templates_dir
from capadesk.core.errors import NotFoundError
from capadesk.paths import AppPaths

from .test_matrix_templates import minimal


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="capadesk")
    cli_matrices.add_parser(built.add_subparsers(dest="command", required=True))
    return built


def run(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, *argv: str
) -> tuple[int, str, str]:
    code = cli_matrices.run(parser().parse_args(list(argv)), app_paths)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_prints_each_template_id_then_title_with_the_users_own(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths
) -> None:
    folder = user_templates_dir(app_paths)
    folder.mkdir(parents=True)
    (folder / "mienne.json").write_text(json.dumps(minimal()), encoding="utf-8")

    code, out, _err = run(capsys, app_paths, "matrices", "list")

    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == ["analyse-cout-benefice", "Matrice «\u00a0Analyse Coût Bénéfices\u00a0»"]
    assert ["numerique-responsable", "Matrice «\u00a0numérique responsable\u00a0»"] in lines
    assert lines[-1] == ["ma-grille", "Ma grille"]
    assert len(lines) == 7


def test_blank_writes_a_landscape_pdf_of_the_chosen_size(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, tmp_path: Path
) -> None:
    out_file = tmp_path / "acb.pdf"
    code, out, _err = run(
        capsys,
        app_paths,
        "matrices",
        "blank",
        "analyse-cout-benefice",
        "--format",
        "a3",
        "--out",
        str(out_file),
    )
    assert code == 0
    assert out.strip() == str(out_file)
    reader = PdfReader(out_file)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(landscape(A3))
    assert "Pour la collectivité et les usagers" in reader.pages[-1].extract_text()
    with pytest.raises(NotFoundError, match="Matrices connues"):
        run(capsys, app_paths, "matrices", "blank", "inconnue", "--out", str(out_file))


def test_validate_says_what_is_wrong_with_a_template_file(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, tmp_path: Path
) -> None:
    good = tmp_path / "bonne.json"
    good.write_text(json.dumps(minimal()), encoding="utf-8")
    bad = tmp_path / "mauvaise.json"
    bad.write_text(json.dumps(minimal() | {"id": "Mauvaise Grille"}), encoding="utf-8")

    assert run(capsys, app_paths, "matrices", "validate", str(good))[0] == 0
    code, _out, err = run(capsys, app_paths, "matrices", "validate", str(bad))
    assert code == cli_matrices.EXIT_INVALID
    assert "id\u00a0: «\u00a0Mauvaise Grille\u00a0»\u00a0: minuscules, chiffres et tirets" in err
