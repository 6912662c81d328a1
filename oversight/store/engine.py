"""Engines and sessions for the store: SQLite by default, PostgreSQL by URL.

SQLite connections get foreign keys switched on (SQLite leaves them off), a busy timeout so
that a second process waits instead of failing, and write-ahead logging when the database
is a file, so that readers are not blocked while a document is being ingested.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def _is_memory(database: str | None) -> bool:
    return not database or database == ":memory:" or "mode=memory" in database


def make_engine(url: str) -> Engine:
    """Create an engine for a database URL, with the SQLite settings the store relies on."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed)
    use_wal = not _is_memory(parsed.database)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 10000")
            if use_wal:
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory bound to the engine; objects stay usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
