"""``capadesk backups list | create | restore ID``, through the module's parser and run()."""

from __future__ import annotations

import argparse
import re

import pytest

from capadesk import cli_backups
from capadesk.core.errors import NotFoundError, StoreError
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.backups import list_backups
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.backups_support import read_titles

LINE = re.compile(
    r"^(?P<id>\d{8}T\d{12}Z-[a-z0-9-]+)\t(?P<time>\w+ (1er|\d+)\u00a0\w+ \d{4} à \d\d:\d\d)\t"
    r"(?P<summary>.+ · .+ · .+)$"
)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="capadesk")
    cli_backups.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["backups", *argv])


def run(capsys: pytest.CaptureFixture[str], app_paths: AppPaths, *argv: str) -> list[str]:
    assert cli_backups.run(parse(*argv), app_paths) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def test_list_without_backups_prints_nothing(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths
) -> None:
    assert run(capsys, app_paths, "list") == []


def test_create_then_list_newest_first_one_line_each(
    capsys: pytest.CaptureFixture[str], store: Store, app_paths: AppPaths
) -> None:
    create_workshop(store, "Toulon")
    (first,) = run(capsys, app_paths, "create")
    create_workshop(store, "Lyon")
    (second,) = run(capsys, app_paths, "create")

    lines = run(capsys, app_paths, "list")

    assert lines == [second, first]
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [m["id"] for m in parsed if m] == [b.id for b in list_backups(app_paths.backups_dir)]
    assert [m["summary"].split(" · ")[:2] for m in parsed if m] == [
        ["2 ateliers, 0 saisie", "manuelle"],
        ["1 atelier, 0 saisie", "manuelle"],
    ]


def test_restore_prints_what_it_kept(
    capsys: pytest.CaptureFixture[str], store: Store, app_paths: AppPaths
) -> None:
    create_workshop(store, "Avant")
    (line,) = run(capsys, app_paths, "create")
    backup_id = line.split("\t")[0]
    create_workshop(store, "Après")

    out = run(capsys, app_paths, "restore", backup_id)

    assert out[0] == f"Sauvegarde {backup_id} restaurée."
    assert out[1].startswith("L'état d'avant est gardé\u00a0: sauvegarde ")
    assert len(out) == 2
    assert read_titles(store.path) == ["Avant"]


def test_restore_of_an_unknown_id_is_a_known_error(app_paths: AppPaths) -> None:
    with pytest.raises(NotFoundError, match="Aucune sauvegarde «\u00a0nope\u00a0»"):
        cli_backups.run(parse("restore", "nope"), app_paths)


def test_create_without_a_store_is_a_known_error(app_paths: AppPaths) -> None:
    with pytest.raises(StoreError, match="Sauvegarde impossible"):
        cli_backups.run(parse("create"), app_paths)
    assert list_backups(app_paths.backups_dir) == []


def test_an_action_is_required() -> None:
    with pytest.raises(SystemExit):
        parse()
