"""Engines and sessions for the store: SQLite by default, PostgreSQL by URL.

SQLite connections get foreign keys switched on (SQLite leaves them off), a busy timeout so
that a second process waits instead of failing, and write-ahead logging when the database
is a file, so that readers are not blocked while a document is being ingested. PostgreSQL
engines count the transactions that write (`store.changes`), for the website's page cache.

The connection pool is sized for the website under load. A request holds its session's
connection from its first query until the session closes, across the hops between the
server's 40 worker threads, so every request in flight may hold one; a thread waiting for a
connection while the holders wait for a thread would stall until the pool's timeout.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from oversight.store.changes import count_writes

# Connections kept open, and how many more may be opened at busy times: together enough
# for 50 requests in flight and the checks of the public page cache beside them (the
# SQLAlchemy default, 5 + 10, was exhausted under 50 concurrent clients), and fewer than
# PostgreSQL's default limit of 100 connections.
POOL_SIZE = 10
MAX_OVERFLOW = 80
# Seconds a request waits for a free connection before it fails.
POOL_TIMEOUT = 30
# SQLite page cache per connection, in KiB (SQLite takes a negative number as KiB), and the
# size of the file mapped into memory, which every connection of the process shares.
SQLITE_CACHE_KIB = 8 * 1024
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def _is_memory(database: str | None) -> bool:
    return not database or database == ":memory:" or "mode=memory" in database


def make_engine(url: str) -> Engine:
    """Create an engine for a database URL, with the SQLite settings the store relies on."""
    parsed = make_url(url)
    pool: dict[str, Any] = {
        "pool_size": POOL_SIZE,
        "max_overflow": MAX_OVERFLOW,
        "pool_timeout": POOL_TIMEOUT,
    }
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, pool_pre_ping=True, **pool)
        count_writes(engine)
        return engine
    in_memory = _is_memory(parsed.database)
    # An in-memory database lives in one connection, so it keeps SQLAlchemy's own pool.
    engine = create_engine(parsed) if in_memory else create_engine(parsed, **pool)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            cursor.execute("PRAGMA temp_store = MEMORY")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
                # With write-ahead logging, NORMAL still never corrupts the file; it only
                # skips a sync per commit, which makes ingesting many files much faster.
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        finally:
            cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory bound to the engine; objects stay usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
