"""Open the store for a composition root: engine, schema brought up to date, sessions.

The CLI and the web app call `open_database(url)` once and close it when done; everything
else receives the engine or a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from oversight.services.errors import DatabaseUnavailableError, one_line
from oversight.store import make_engine, make_session_factory, migrate


@dataclass(slots=True)
class Database:
    """An open store: its engine and a factory of sessions."""

    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        """Open a new session; use it as a context manager."""
        return self.sessions()

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_database(url: str) -> Database:
    """Connect to the database at a URL and upgrade its schema to the newest revision."""
    try:
        engine = make_engine(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUnavailableError(f"{url}: not a database URL ({one_line(exc)})") from exc
    except ImportError as exc:
        raise DatabaseUnavailableError(f"{url}: no driver for it ({one_line(exc)})") from exc
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = one_line(getattr(exc, "orig", None) or exc)
        raise DatabaseUnavailableError(f"cannot open the database: {reason}") from exc
    except CommandError as exc:
        engine.dispose()
        raise DatabaseUnavailableError(
            f"the database's schema is not one this version knows ({one_line(exc)})"
        ) from exc
    return Database(engine=engine, sessions=make_session_factory(engine))
