"""Alembic environment: runs on the connection CapaDesk hands over, or on ``-x db=PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from capadesk.core.storage.engine import StoreHealth, make_engine
from capadesk.core.storage.models import Base
from capadesk.core.storage.models.base import UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write app column types as plain SQLAlchemy types: a revision must not import the app."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite has almost no ALTER TABLE: rebuild tables in batches
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Use the app's connection when given one; otherwise open the file named by ``-x db``."""
    shared = config.attributes.get("connection")
    if shared is not None:
        _run(shared)
        return
    db = context.get_x_argument(as_dictionary=True).get("db")
    if not db:
        raise SystemExit("usage: alembic -x db=PATH …")
    engine = make_engine(Path(db), StoreHealth(), pooled=False)
    try:
        with engine.connect() as connection:
            # As in capadesk.core.storage.migrate: table rebuilds must not cascade deletes.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                _run(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise SystemExit(f"{len(broken)} broken foreign keys: rolled back")
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("CapaDesk migrations run online only")
main()
