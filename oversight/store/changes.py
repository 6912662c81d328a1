"""Tell, for almost nothing, whether anything was committed to the database since last asked.

The website keeps pages it has built for the public and serves them again until the
database changes; this says when it has. On SQLite, a connection of its own asks
`PRAGMA data_version`, which changes whenever any other connection (of this process or
another, such as `oversight ingest`) commits. On PostgreSQL, every engine Oversight makes
counts, in the one row of `store_change`, the transactions that wrote: the row is bumped as
the last statement before such a transaction commits, so the new count and the new data
become visible together (a write made by hand outside Oversight is seen when the cache's
entries expire). Elsewhere the answer is None: cannot tell, keep nothing.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

# Statements that change nothing stored; any other is taken for a write (a text() INSERT, a
# CTE that writes, DDL), at worst letting kept pages go for nothing.
_READS = re.compile(
    r"\s*(?:SELECT|SHOW|SET|RESET|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|EXPLAIN|VALUES)\b",
    re.IGNORECASE,
)
_WROTE = "oversight_wrote"
# Run before a writing transaction commits. PL/pgSQL plans the UPDATE only when it runs, so
# a database whose migrations have not made the table yet commits as before.
_BUMP = (
    "DO $$ BEGIN IF to_regclass('store_change') IS NOT NULL THEN "
    "UPDATE store_change SET version = version + 1 WHERE id = 1; END IF; END $$"
)
_READ = text("SELECT version FROM store_change WHERE id = 1")


def _run_bump(connection: Connection) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(_BUMP)
    except connection.dialect.loaded_dbapi.Error as exc:
        # Raised as SQLAlchemy's own error, which callers handle, not the driver's.
        raise DBAPIError.instance(_BUMP, None, exc, connection.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


def _autocommit(connection: Connection) -> bool:
    return bool(getattr(connection.connection.driver_connection, "autocommit", False))


def count_writes(engine: Engine) -> None:
    """Make a PostgreSQL engine bump the store's change count in every transaction that writes.

    The database must run at READ COMMITTED (PostgreSQL's default), and the account Oversight
    connects as may update `store_change`: the bump is part of every writing commit.
    """
    if engine.url.get_backend_name() != "postgresql":
        return

    @event.listens_for(engine, "after_cursor_execute")
    def _note(
        connection: Connection,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        context: Any,
        _executemany: bool,
    ) -> None:
        dml = context is not None and (context.isinsert or context.isupdate or context.isdelete)
        writes = dml or not _READS.match(statement)
        if not writes:
            return
        if _autocommit(connection):
            _run_bump(connection)  # the write is committed already: count it now
        else:
            connection.info[_WROTE] = True

    @event.listens_for(engine, "commit")
    def _bump(connection: Connection) -> None:
        if connection.info.pop(_WROTE, False):
            _run_bump(connection)

    @event.listens_for(engine, "rollback")
    def _forget(connection: Connection) -> None:
        connection.info.pop(_WROTE, None)


class ChangeCounter:
    """A value that changes whenever anything is committed to the engine's database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._watcher: sqlite3.Connection | None = None
        url = engine.url
        self._backend = url.get_backend_name()
        database = url.database or ""
        self._path = database if database and database != ":memory:" else None
        if "mode=memory" in database:
            self._path = None

    @property
    def instant(self) -> bool:
        """Say whether asking costs microseconds (SQLite), not a round trip to a server."""
        return self._backend == "sqlite"

    def version(self) -> str | None:
        """Return the database's current version, or None when it cannot be told."""
        if self._backend == "sqlite":
            return self._sqlite_version()
        if self._backend == "postgresql":
            try:
                with self._engine.connect() as connection:
                    found = connection.execute(_READ).scalar()
            except SQLAlchemyError:
                return None
            return None if found is None else f"postgresql:{found}"
        return None

    def _sqlite_version(self) -> str | None:
        if self._path is None:
            return None
        with self._lock:
            if self._watcher is None:
                # Only ever reads the pragma; shared by the threads under the lock.
                self._watcher = sqlite3.connect(self._path, check_same_thread=False)
            row = self._watcher.execute("PRAGMA data_version").fetchone()
        return None if row is None else f"sqlite:{row[0]}"

    def close(self) -> None:
        """Close the connection kept for asking, if one was opened."""
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
