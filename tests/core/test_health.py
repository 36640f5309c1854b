"""check_store(): the verdict of ``capadesk check``, without harming the file it looks at."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.storage import health
from capadesk.core.storage.health import (
    EXIT_HEALTHY,
    EXIT_MISSING,
    EXIT_PROBLEM,
    check_store,
)
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.store import Store
from tests.core.test_probe import damaged_store, garbage_file, other_app_file
from tests.fixtures.stores import BASELINE_FIXTURE, sha256


def test_a_healthy_store(store: Store) -> None:
    store.close()

    report = check_store(store.path)

    assert report.exit_code == EXIT_HEALTHY
    assert report.healthy
    assert report.verdict == ""
    assert report.lines[0] == f"Base\u00a0: {store.path}"
    assert "Intégrité\u00a0: ok" in report.lines
    assert f"Schéma\u00a0: révision {SCHEMA_HEAD} (à jour)" in report.lines
    assert any(line.startswith("Réglages SQLite\u00a0: journal_mode=WAL") for line in report.lines)
    assert report.lines[-1] == "La base est saine."


def test_a_healthy_store_while_it_is_open(store: Store) -> None:
    assert check_store(store.path).healthy


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "capadesk.db"

    report = check_store(path)

    assert report.exit_code == EXIT_MISSING
    assert not report.healthy
    assert "aucune base" in report.verdict
    assert not path.exists()


def test_a_corrupt_file_is_reported_and_unchanged(tmp_path: Path) -> None:
    path = garbage_file(tmp_path / "capadesk.db")
    before = sha256(path)

    report = check_store(path)

    assert report.exit_code == EXIT_PROBLEM
    assert "n'est pas une base lisible" in report.verdict
    assert sha256(path) == before


def test_damaged_pages_are_reported_and_unchanged(tmp_path: Path) -> None:
    path = damaged_store(tmp_path / "capadesk.db")
    before = sha256(path)

    report = check_store(path)

    assert report.exit_code == EXIT_PROBLEM
    assert "endommagée" in report.verdict
    assert "Intégrité\u00a0: ok" not in report.lines
    assert sha256(path) == before


def test_another_apps_file_is_reported_and_unchanged(tmp_path: Path) -> None:
    path = other_app_file(tmp_path / "capadesk.db")
    before = sha256(path)

    report = check_store(path)

    assert report.exit_code == EXIT_PROBLEM
    assert "n'a pas été écrit par CapaDesk" in report.verdict
    assert sha256(path) == before


def test_a_file_from_a_newer_capadesk_is_reported_and_unchanged(store: Store) -> None:
    store.close()
    with closing(sqlite3.connect(store.path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
        connection.commit()
    before = sha256(store.path)

    report = check_store(store.path)

    assert report.exit_code == EXIT_PROBLEM
    assert "version plus récente" in report.verdict
    assert "0099_futur" in report.verdict
    assert sha256(store.path) == before


def test_an_older_known_revision_is_healthy_and_announces_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "capadesk.db"
    shutil.copyfile(BASELINE_FIXTURE, path)
    # As a build whose head is one revision past the fixture would see it.
    monkeypatch.setattr(health, "SCHEMA_HEAD", "0002_suivante")

    report = check_store(path)

    assert report.healthy, report.verdict
    assert (
        "Schéma\u00a0: révision 0001_baseline, mise à jour vers 0002_suivante au prochain lancement"
        in report.lines
    )


def test_an_empty_file_is_healthy_and_will_be_initialised(tmp_path: Path) -> None:
    path = tmp_path / "capadesk.db"
    path.touch()

    report = check_store(path)

    assert report.healthy
    assert "Schéma\u00a0: base vide, initialisée au prochain lancement" in report.lines


def test_check_never_writes_to_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "vide.db"
    empty.touch()
    check_store(empty)
    assert empty.stat().st_size == 0


def test_check_leaves_a_rollback_journal_store_byte_for_byte(tmp_path: Path) -> None:
    fixture = BASELINE_FIXTURE
    copy = tmp_path / "capadesk.db"
    copy.write_bytes(fixture.read_bytes())

    report = check_store(copy)

    assert report.healthy, report.verdict
    assert copy.read_bytes() == fixture.read_bytes()
    assert any(line.startswith("Journal\u00a0: delete") for line in report.lines)
    assert sorted(p.name for p in tmp_path.iterdir() if "check" in p.name) == []
