"""Tell, for almost nothing, whether anything was committed to the database since last asked.

The website keeps pages it has built for the public and serves them again until the
database changes; this says when it has. On SQLite, a connection of its own asks
`PRAGMA data_version`, which changes whenever any other connection (of this process or
another, such as `oversight ingest`) commits. On PostgreSQL, the write-ahead log's
position moves with every write. Elsewhere the answer is None: cannot tell, keep nothing.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import Engine, text


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
            with self._engine.connect() as connection:
                found = connection.execute(text("SELECT pg_current_wal_lsn()::text")).scalar()
            return None if found is None else str(found)
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
