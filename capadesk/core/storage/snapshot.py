"""The workshop list read with the standard library alone, for the first frame of the window.

Importing SQLAlchemy costs more than starting Qt, so the main window shows this snapshot at
once and the full store opens right after. It only reads a file already at this build's
revision; anything else returns None and the window waits for the store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

from capadesk.core.domain.workshop import WorkshopSummary, in_list_order
from capadesk.core.storage.probe import SCHEMA_HEAD, read_only

_QUERY = """
    SELECT w.public_id, w.title, w.place, w.day, p.title, w.updated_at
    FROM workshop AS w LEFT JOIN programme AS p ON p.id = w.programme_id
    WHERE w.deleted_at IS NULL
"""


def read_workshop_list(db_path: Path) -> list[WorkshopSummary] | None:
    """The workshop list as the services would return it, or None when it cannot be read."""
    if not db_path.is_file():
        return None
    try:
        with read_only(db_path) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or row[0] != SCHEMA_HEAD:
                return None
            rows = connection.execute(_QUERY).fetchall()
    except sqlite3.Error:
        return None
    return in_list_order(
        [
            WorkshopSummary(
                public_id=uuid.UUID(hex=public_id),
                title=title,
                place=place,
                day=dt.date.fromisoformat(day) if day else None,
                programme_title=programme,
                updated_at=dt.datetime.fromisoformat(updated).replace(tzinfo=dt.UTC),
            )
            for public_id, title, place, day, programme, updated in rows
        ]
    )
