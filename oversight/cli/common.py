"""What every `oversight` command shares: options, the database, printing, failing.

Exit codes: 0 when all went well; 1 when a file could not be ingested or extracted, a meeting
was not found, or the database could not be opened; 2 for bad usage, including a malformed
search query. Query commands print Rich tables, or with `--json` the JSON the web API gives.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.orm import Session

    from oversight.services import Database
    from oversight.settings import Settings

# Above this many files, ingest and extract show a progress bar.
PROGRESS_THRESHOLD = 3

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $OVERSIGHT_DATABASE_URL, then sqlite:///oversight.db).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def database_url(ctx: typer.Context) -> str:
    from oversight.settings import SettingsError, get_settings

    given = ctx.obj.get("db") if isinstance(ctx.obj, dict) else None
    if given:
        return str(given)
    try:
        return get_settings().database_url
    except SettingsError as exc:
        raise fail(str(exc), 2) from None


@contextmanager
def using_database(ctx: typer.Context) -> Iterator[Database]:
    from oversight.services import ServiceError, open_database

    try:
        database = open_database(database_url(ctx))
    except ServiceError as exc:
        raise fail(str(exc), 1) from None
    with database:
        yield database


@contextmanager
def using_session(ctx: typer.Context) -> Iterator[Session]:
    from sqlalchemy.exc import SQLAlchemyError

    with using_database(ctx) as database, database.session() as session:
        try:
            yield session
        except SQLAlchemyError as exc:
            detail = " ".join(str(getattr(exc, "orig", None) or exc).split())
            raise fail(f"database error: {detail}", 1) from None


def make_console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_json(value: Any) -> None:
    from oversight.services import to_json

    typer.echo(json.dumps(to_json(value), indent=2, ensure_ascii=False))


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def max_file_bytes() -> int:
    return _settings().max_file_bytes


def topics_file() -> Path | None:
    return _settings().topics_file


def _settings() -> Settings:
    from oversight.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None


def root(ctx: typer.Context, db: DbOption = None) -> None:
    """Keep the structured, searchable record of police accountability meetings."""
    ctx.obj = {"db": db}


def parse_day(value: str | None) -> dt.date | None:
    """Return a YYYY-MM-DD option as a date; None stays None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
