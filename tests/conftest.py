"""Shared fixtures: a throwaway database on SQLite and, when configured, on PostgreSQL.

The `database_url` fixture (and `engine`, `session_factory` built on it) runs each test once
per backend. SQLite gets a file under `tmp_path`; PostgreSQL gets a fresh schema on the
server named by OVERSIGHT_TEST_POSTGRES_URL, dropped afterwards, so tests never see each
other's data and can run again and again. Without that variable the PostgreSQL variants
are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import oversight.extract
from oversight.documents import Document
from oversight.extract import NotMinutesError
from oversight.records import Action, AgendaItem, Decision, Meeting, Person, SourceSpan
from oversight.store import make_engine, make_session_factory, migrate

POSTGRES_ENV = "OVERSIGHT_TEST_POSTGRES_URL"


def _postgres_schema_url(base: str) -> Iterator[str]:
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'oversight-test.db'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    yield from _postgres_schema_url(base)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """Yield an engine on a migrated, empty database."""
    made = make_engine(database_url)
    migrate(made)
    try:
        yield made
    finally:
        made.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory on the test database."""
    return make_session_factory(engine)


def fake_extract_meeting(document: Document) -> Meeting:
    """Extract a meeting from the line-per-fact minutes the storage tests write.

    The real extractor is pinned by its own tests; storage and service tests need one whose
    output they can predict exactly. It reads `Key: value` lines, refuses text containing
    NOT MINUTES, and breaks on text containing EXPLODE.
    """
    if "EXPLODE" in document.text:
        raise RuntimeError("the extractor broke")
    if "NOT MINUTES" in document.text:
        raise NotMinutesError("no meeting header found")
    meeting = Meeting(source=document.source)
    for block in document.blocks:
        line = block.text.strip()
        span = SourceSpan(block.start, block.end)
        key, _, value = line.partition(":")
        parts = [p.strip() for p in value.split("|")]
        if meeting.title is None and line:
            meeting.title = line
        elif key == "Date":
            meeting.date = dt.date.fromisoformat(value.strip())
        elif key in {"Present", "Apologies"}:
            person = Person(parts[0], parts[1] or None, parts[2] or None, span)
            (meeting.attendees if key == "Present" else meeting.apologies).append(person)
        elif key == "Item":
            meeting.items.append(AgendaItem(parts[1], parts[0], span=span))
        elif key == "Action":
            owners = [o.strip() for o in parts[1].split(",") if o.strip()]
            due = dt.date.fromisoformat(parts[2]) if len(parts) > 2 and parts[2] else None
            meeting.actions.append(Action(parts[0], owners, due_date=due, span=span))
        elif key == "Decision":
            meeting.decisions.append(Decision(value.strip(), span=span))
    return meeting


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the extractor with `fake_extract_meeting` for the test."""
    monkeypatch.setattr(oversight.extract, "extract_meeting", fake_extract_meeting)


def minutes_text(
    title: str,
    *,
    date: str = "2024-03-05",
    present: Sequence[str] = ("Alex Fenwick | Police and Crime Commissioner | PCC",),
    apologies: Sequence[str] = (),
    items: Sequence[str] = (),
    actions: Sequence[str] = (),
    decisions: Sequence[str] = (),
    extra: Sequence[str] = (),
) -> str:
    """Write minutes in the shape `fake_extract_meeting` reads (invented force and people)."""
    lines = [title, f"Date: {date}"]
    lines += [f"Present: {p}" for p in present]
    lines += [f"Apologies: {p}" for p in apologies]
    lines += [f"Item: {i}" for i in items]
    lines += [f"Action: {a}" for a in actions]
    lines += [f"Decision: {d}" for d in decisions]
    lines += list(extra)
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_minutes(tmp_path: Path) -> Callable[..., Path]:
    """Return a factory that writes minutes to a file under tmp_path and returns its path.

    Call it as `write_minutes("folder/name.txt", "Title", actions=[...], ...)`.
    """

    def write(name: str, title: str, **fields: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(minutes_text(title, **fields), encoding="utf-8")
        return path

    return write
