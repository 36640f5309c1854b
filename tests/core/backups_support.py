"""Shared by the backup and recovery tests: captures added in bulk, and readers of any file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Capture, Workshop
from capadesk.core.storage.store import Store


def add_captures(store: Store, texts: list[str], *, workshop_title: str = "Atelier") -> None:
    """Captures in one transaction, in a workshop created for them if need be."""
    with store.read() as session:
        found = session.query(Workshop.id).filter_by(title=workshop_title).first()
    if found is None:
        create_workshop(store, workshop_title)
    with store.write() as session:
        workshop = session.query(Workshop).filter_by(title=workshop_title).one()
        session.add_all(Capture(workshop_id=workshop.id, kind="note", text=t) for t in texts)


def read_texts(path: Path) -> list[str]:
    """Every capture's text in a store or backup file, by id (read-only)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT text FROM capture ORDER BY id")]


def read_titles(path: Path) -> list[str]:
    """Every live workshop's title, sorted (read-only)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT title FROM workshop WHERE deleted_at IS NULL ORDER BY title"
            )
        ]


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a file, read-only."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
