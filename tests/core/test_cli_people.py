"""``participants import|list`` and ``groups propose``, through a parser built from
``capadesk.cli_people`` alone (``capadesk.cli`` registers it)."""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

import pytest

from capadesk import cli_people
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services import participants
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.workshops import create_workshop, find_workshop
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths

CSV = (
    "Nom;Organisation;Type;Km\n"
    "Anne Durand;Ville de Toulon;élue;12\n"
    "Bruno Martin;ACME;entreprise;\n"
    "Chloé Roux;ADEME;partenaire;\n"
    "Denis Blanc;Métropole;agent;\n"
    "Marie Anim;Chronos;animatrice;\n"
)


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="capadesk")
    cli_people.add_parser(built.add_subparsers(dest="command", required=True))
    return built


def run(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths, *argv: str
) -> tuple[int, str, str]:
    code = cli_people.run(parser().parse_args(list(argv)), app_paths)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def wid(store: Store) -> uuid.UUID:
    summary, _changes = create_workshop(store, "Atelier de Toulon")
    return summary.public_id


def names(store: Store, wid: uuid.UUID) -> list[str]:
    return [p.name for p in participants.list_participants(store, wid)]


def test_import_then_list_by_title_or_id(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    store: Store,
    wid: uuid.UUID,
    tmp_path: Path,
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(CSV, encoding="cp1252")
    code, out, err = run(
        capsys, app_paths, "participants", "import", "atelier de TOULON", str(path)
    )
    assert (code, err) == (0, "")
    assert out == "5 participant(s) importé(s) dans «\u00a0Atelier de Toulon\u00a0».\n"
    code, out, err = run(capsys, app_paths, "participants", "list", str(wid))
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [fields[1] for fields in lines] == names(store, wid)
    anne = lines[0]
    assert anne[1:] == ["Anne Durand", "Ville de Toulon", "Collectivité — élu", "", "12", "non", ""]
    assert uuid.UUID(anne[0])


def test_an_invalid_line_imports_nothing_and_exits_2_unless_skipped(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    store: Store,
    wid: uuid.UUID,
    tmp_path: Path,
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(
        CSV + "Zoé;X;martienne;\nAnne Durand;Ville de Toulon;agent;\n", encoding="utf-8"
    )
    code, out, err = run(capsys, app_paths, "participants", "import", str(wid), str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Ligne 7\u00a0: type «\u00a0martienne\u00a0» inconnu (attendu\u00a0: Collectivité — élu, "
        "Collectivité — agent, Entreprise, Partenaire institutionnel, Animateur, "
        "Usager / habitant)",
        "Ligne 8\u00a0: doublon de la ligne 2",
        "Rien n'a été importé\u00a0: 2 ligne(s) en erreur "
        "(--skip-invalid pour importer les autres).",
    ]
    assert names(store, wid) == []

    code, out, err = run(
        capsys, app_paths, "participants", "import", str(wid), str(path), "--skip-invalid"
    )
    assert code == 0
    assert out.splitlines()[-1] == "2 ligne(s) ignorée(s)."
    assert "Ligne 7" in err
    assert len(names(store, wid)) == 5


def test_an_unreadable_file_exits_2_with_its_message(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    store: Store,
    wid: uuid.UUID,
    tmp_path: Path,
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV.encode("utf-16"))
    code, out, err = run(capsys, app_paths, "participants", "import", str(wid), str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}\u00a0: Ce fichier n'est pas un texte CSV lisible")
    assert names(store, wid) == []


def test_groups_propose_prints_each_group_its_members_and_mix(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    store: Store,
    wid: uuid.UUID,
) -> None:
    kinds = [ParticipantType.AGENT] * 4 + [ParticipantType.COMPANY] * 2
    for n, kind in enumerate([*kinds, ParticipantType.FACILITATOR]):
        participants.add_participant(store, wid, ParticipantFields(f"P{n}", "Org", kind))
    argv = ("groups", "propose", str(wid), "--size", "3", "--seed", "4")
    code, out, err = run(capsys, app_paths, *argv)
    assert (code, err) == (0, "")
    assert out == run(capsys, app_paths, *argv)[1]  # same seed, same groups
    blocks = out.split("\n\n")
    assert (
        blocks[0].splitlines()[0] == "Groupe 1 — 3 personne(s)\u00a0: Public\u00a02 · Privé\u00a01"
    )
    assert (
        blocks[1].splitlines()[0] == "Groupe 2 — 3 personne(s)\u00a0: Public\u00a02 · Privé\u00a01"
    )
    assert all(
        line.startswith("  P") and line.endswith(" (Org)") for line in blocks[0].splitlines()[1:]
    )
    assert blocks[2].splitlines() == [
        "Non placés (animation)\u00a0: P6",
        "Graine\u00a0: 4 (--seed 4 redonne ces groupes)",
    ]


def test_groups_propose_by_defi_keeps_choices(
    capsys: pytest.CaptureFixture[str],
    app_paths: AppPaths,
    store: Store,
    wid: uuid.UUID,
) -> None:
    people = [
        participants.add_participant(store, wid, ParticipantFields(f"P{n}", "", kind))[0]
        for n, kind in enumerate([ParticipantType.AGENT, ParticipantType.COMPANY] * 3)
    ]
    replace_groups(
        store,
        wid,
        None,
        [
            GroupDraft("Choix 1", tuple(p.public_id for p in people[:4]), challenge="Comité data"),
            GroupDraft("Choix 2", tuple(p.public_id for p in people[4:]), challenge="Convaincre"),
        ],
    )
    code, out, _err = run(
        capsys,
        app_paths,
        "groups",
        "propose",
        "Atelier de Toulon",
        "--count",
        "2",
        "--by",
        "defi",
        "--seed",
        "1",
    )
    assert code == 0
    headers = [block.splitlines()[0] for block in out.split("\n\n")[:2]]
    assert headers == [
        "Comité data — 4 personne(s)\u00a0: Public\u00a02 · Privé\u00a02",
        "Convaincre — 2 personne(s)\u00a0: Public\u00a01 · Privé\u00a01",
    ]


def test_a_workshop_is_found_by_id_or_unique_title(store: Store, wid: uuid.UUID) -> None:
    assert find_workshop(store, f" {wid} ").public_id == wid
    assert find_workshop(store, "ATELIER  de toulon").public_id == wid
    with pytest.raises(NotFoundError, match="Aucun atelier n'a l'identifiant ou le titre"):
        find_workshop(store, "Ailleurs")
    with pytest.raises(NotFoundError):
        find_workshop(store, str(uuid.uuid4()))
    create_workshop(store, "Atelier de Toulon")
    with pytest.raises(ValidationError, match="Plusieurs ateliers"):
        find_workshop(store, "Atelier de Toulon")


def test_size_and_count_are_exclusive_and_one_is_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (
        ["groups", "propose", "X"],
        ["groups", "propose", "X", "--size", "3", "--count", "2"],
    ):
        with pytest.raises(SystemExit) as raised:
            parser().parse_args(argv)
        assert raised.value.code == 2
    capsys.readouterr()
