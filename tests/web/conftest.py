"""Fixtures of the web tests: a store on each backend, the app over it, staff accounts.

Clients talk to `https://testserver`, so that the session cookie's Secure flag (on by
default) is honoured as a browser would honour it.
"""

from __future__ import annotations

import asyncio
import re
import warnings
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.orm import Session

from oversight.services import Database, ingest_paths, open_database
from oversight.services.accounts import Role, add_account
from oversight.settings import Settings
from oversight.web import create_app

with warnings.catch_warnings():
    # Starlette's test client warns that it prefers httpx2 to httpx; either works here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient as TestClient

PASSWORD = "correct horse battery staple"
BASE_URL = "https://testserver"
T = TypeVar("T")

MakeClient = Callable[..., TestClient]
Ingest = Callable[[str, str], Path]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """Yield the open store the app runs on, once per backend."""
    opened = open_database(database_url)
    try:
        yield opened
    finally:
        opened.close()


def settings_for(database: Database, **overrides: object) -> Settings:
    """Return settings naming the test store, with a fixed secret and small limits."""
    values: dict[str, object] = {
        "database_url": database.engine.url.render_as_string(hide_password=False),
        "session_secret": "a secret for the tests only",
        "lockout_failures": 3,
        "lockout_client_failures": 6,
        "lockout_minutes": 15,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def make_client(database: Database) -> MakeClient:
    """Return a factory of test clients on an app over the test store."""

    def make(**overrides: object) -> TestClient:
        app = create_app(settings_for(database, **overrides), database=database)
        return TestClient(app, base_url=BASE_URL)

    return make


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """Return a client of the public."""
    return make_client()


@pytest.fixture
def ingest(database: Database, tmp_path: Path) -> Ingest:
    """Return a function that ingests minutes text as a file, as `oversight ingest` does."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / "minutes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report = ingest_paths(engine=database.engine, paths=[path])
        assert report.ok, report.failures
        return path

    return write


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on an event loop of its own thread: the browser tests leave
    one running in the main thread of the same test process."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def add_staff(database: Database, name: str, role: Role = Role.EDITOR) -> None:
    """Create a staff account with the tests' password."""
    with database.session() as session:
        add_account(session=session, name=name, password=PASSWORD, role=role, actor="test")
        session.commit()


def token(client: TestClient) -> str:
    """Return the client's session form token, as the API hands it out."""
    value = client.get("/api/session").json()["csrf_token"]
    assert isinstance(value, str)
    return value


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    """Sign a client in through the form."""
    response = client.post(
        "/sign-in",
        data={"name": name, "password": password, "csrf_token": token(client), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def meeting_ids(database: Database) -> list[int]:
    """Return the ids of the stored meetings, oldest first."""
    from oversight.services import list_meetings

    with database.session() as session:
        return sorted(m.id for m in list_meetings(session=session))


def form_token(html: str) -> str:
    """Return the csrf_token of the first form in a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found[1]


def session_of(database: Database) -> Session:
    """Open a session on the test store."""
    return database.session()


def _postgres_url(base: str) -> Iterator[str]:
    """Yield the URL of a fresh schema on the PostgreSQL server at `base`, dropped after."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

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


def ingest_year(database: Database) -> None:
    """Store the fictional year of examples/year, as `oversight ingest` does."""
    from tests.tracking.year import minutes_files

    report = ingest_paths(engine=database.engine, paths=minutes_files())
    assert report.failures == [], report.failures


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def year_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """Yield a store holding the fictional year, once per module and backend; read only."""
    import os

    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('year') / 'year.db'}"])
    else:
        base = os.environ.get("OVERSIGHT_TEST_POSTGRES_URL")
        if not base:
            pytest.skip("OVERSIGHT_TEST_POSTGRES_URL is not set")
        urls = _postgres_url(base)
    url = next(urls)
    opened = open_database(url)
    try:
        ingest_year(opened)
        yield opened
    finally:
        opened.close()
        for _ in urls:  # drops the PostgreSQL schema
            pass


@pytest.fixture
def year_client(year_database: Database) -> TestClient:
    """Return a client of the public on the fictional year."""
    app = create_app(settings_for(year_database), database=year_database)
    return TestClient(app, base_url=BASE_URL)


def meeting_id_of(database: Database, source: str) -> int:
    """Return the id of the meeting stored from the file named `source`."""
    from sqlalchemy import select

    from oversight.store.tables import DocumentRow, MeetingRow

    with database.session() as session:
        found = session.scalars(
            select(MeetingRow.id)
            .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
            .where(DocumentRow.source == source)
        ).one()
    return int(found)


def context_of(client: TestClient, url: str) -> Any:
    """Return the page context an HTML page was rendered from (status 200 asserted)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    return response.context["page"]
