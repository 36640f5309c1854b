"""A refused commit says so in French: a full disk is named as such, and every store error is a
KnownError (the UI shows it, and records nothing to undo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from capadesk.core import errors
from capadesk.core.errors import KnownError, StoreError
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage.store import Store, write_error
from tests.core.backups_support import integrity
from tests.core.test_recovery import _fill_the_disk

REFUSED = "L'enregistrement a échoué, rien n'a été modifié\u00a0: "


def test_a_full_disk_is_named_in_french_and_nothing_is_written(store: Store) -> None:
    create_workshop(store, "Avant")
    _fill_the_disk(store, full=True)

    saved: list[str] = []
    with pytest.raises(StoreError) as raised:
        for n in range(2000):
            create_workshop(store, f"Atelier {n:04d} " + "x" * 170)
            saved.append(f"Atelier {n:04d} " + "x" * 170)  # acknowledged: the call returned

    message = raised.value.message
    assert message.startswith(REFUSED + "le disque est plein (database or disk is full).")
    assert message.endswith("Libérez de la place puis réessayez.")
    assert raised.value.path == store.path
    assert sorted(w.title for w in list_workshops(store)) == sorted(["Avant", *saved])
    assert integrity(store.path) == "ok"


def test_other_sqlite_failures_keep_sqlite_s_words(tmp_path: Path) -> None:
    error = write_error(sqlite3.OperationalError("disk I/O error"), tmp_path / "x.db")

    assert error.message == REFUSED + "disk I/O error"
    assert "plein" not in error.message


def test_a_full_disk_is_known_by_its_code_too(tmp_path: Path) -> None:
    full = sqlite3.OperationalError("quelque chose")
    full.sqlite_errorcode = 13  # SQLITE_FULL, as a localised SQLite could word it otherwise

    assert "le disque est plein" in write_error(full, tmp_path / "x.db").message


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found))


def test_every_store_error_is_a_known_error() -> None:
    """Operations catches KnownError: a store error shown, never sent to the crash handler."""
    store_errors = _subclasses(StoreError) | {StoreError}

    assert {
        errors.StoreReadOnlyError,
        errors.CorruptStoreError,
        errors.StoreInUseError,
        errors.MigrationError,
    } <= store_errors
    assert all(issubclass(cls, KnownError) for cls in store_errors)
