"""read_workshop_list(): the first frame's list, read without SQLAlchemy, equal to the services'."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from capadesk.core.services.workshops import (
    create_workshop,
    delete_workshop,
    edit_workshop,
    list_workshops,
)
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.snapshot import read_workshop_list
from capadesk.core.storage.store import Store
from tests.fixtures.stores import BASELINE_FIXTURE

VARIED = [
    ("Eybens", dt.date(2024, 3, 1), "Isère"),
    ("Écully", dt.date(2024, 3, 1), None),
    ("Echirolles", dt.date(2024, 3, 1), "Isère"),
    ("zèbre", dt.date(2024, 3, 1), None),
    ("Ateliers «\u00a0données\u00a0» — 45 €", dt.date(2024, 3, 1), None),
    ("Lyon", dt.date(2025, 1, 15), "CAPACities 2025"),
    ("Œuvre commune", None, None),
    ("avant-première", None, None),
    ("Brest", dt.date(2023, 11, 30), None),
]


@pytest.fixture
def varied_store(store: Store) -> Store:
    for title, day, programme in VARIED:
        create_workshop(store, title, place=f"Salle {title}", day=day, programme=programme)
    gone, _changes = create_workshop(store, "Supprimé", day=dt.date(2030, 1, 1))
    delete_workshop(store, gone.public_id)
    return store


def test_snapshot_equals_the_service_list(varied_store: Store) -> None:
    expected = list_workshops(varied_store)

    assert read_workshop_list(varied_store.path) == expected
    assert len(expected) == len(VARIED)


def test_the_list_order_folds_accents(varied_store: Store) -> None:
    titles = [w.title for w in read_workshop_list(varied_store.path) or []]

    assert titles == [
        "Lyon",  # newest day first
        "Ateliers «\u00a0données\u00a0» — 45 €",
        "Echirolles",
        "Écully",  # « É » sorts as « e », among the E's
        "Eybens",
        "zèbre",  # case-insensitive: after the E's
        "Brest",
        "avant-première",  # undated last, by title
        "Œuvre commune",
    ]


def test_snapshot_sees_committed_changes_of_an_open_store(store: Store) -> None:
    summary, _changes = create_workshop(store, "Avant")
    edit_workshop(store, summary.public_id, title="Après", place="Écully", day=None, programme="P")

    snapshot = read_workshop_list(store.path)

    assert snapshot is not None
    assert [(w.title, w.place, w.programme_title) for w in snapshot] == [("Après", "Écully", "P")]
    assert snapshot == list_workshops(store)
    assert snapshot[0].updated_at.tzinfo is dt.UTC


def test_snapshot_of_an_empty_store(store: Store) -> None:
    assert read_workshop_list(store.path) == []


def test_no_snapshot_of_a_missing_file(tmp_path: Path) -> None:
    assert read_workshop_list(tmp_path / "absent.db") is None
    assert not (tmp_path / "absent.db").exists()


def test_no_snapshot_of_a_directory(tmp_path: Path) -> None:
    assert read_workshop_list(tmp_path) is None


def test_no_snapshot_of_a_file_at_another_revision(varied_store: Store) -> None:
    varied_store.close()
    with closing(sqlite3.connect(varied_store.path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futur'")
        connection.commit()

    assert read_workshop_list(varied_store.path) is None


def test_no_snapshot_of_a_file_without_revision(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.commit()

    assert read_workshop_list(path) is None


def test_no_snapshot_of_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "faux.db"
    path.write_bytes(b"pas une base" * 500)

    assert read_workshop_list(path) is None


def test_snapshot_of_the_baseline_fixture(tmp_path: Path) -> None:
    path = tmp_path / "capadesk.db"
    shutil.copyfile(BASELINE_FIXTURE, path)

    snapshot = read_workshop_list(path)

    if SCHEMA_HEAD != "0001_baseline":
        assert snapshot is None  # an older file: the window waits for the upgraded store
        return
    assert snapshot is not None
    assert [w.title for w in snapshot] == [
        "Atelier de Lyon — cas d'usage",
        "Écully — rétroplanning",
    ]
    assert snapshot[0].programme_title == "CAPACities 2022"
    assert snapshot[0].day == dt.date(2022, 6, 14)
