"""Alembic environment: run the migrations on the connection the caller hands over.

`oversight.store.schema.migrate(engine)` passes its connection in `config.attributes`; when
Alembic is run by hand (`alembic -c oversight/store/migrations/alembic.ini upgrade head`),
the URL comes from `-x url=...`, then `OVERSIGHT_DATABASE_URL`, then the ini file.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from oversight.store.changes import count_writes
from oversight.store.tables import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("OVERSIGHT_DATABASE_URL")
        or context.config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise RuntimeError("no database URL: pass -x url=... or set OVERSIGHT_DATABASE_URL")
    engine = create_engine(url)
    count_writes(engine)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
_run_online()
