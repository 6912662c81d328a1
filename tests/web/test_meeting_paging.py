"""The list of meetings and the feeds page, filter and sort in the database: on the fictional
year (twelve meetings, one a month from April 2025), with one meeting made a draft, the
pages hold the right meetings in the right order, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from oversight.services import Database, ingest_paths, open_database
from oversight.services.browse import (
    MeetingFilter,
    meeting_index,
    newest_meetings,
    upcoming_meetings,
)
from oversight.services.publication import set_meeting_state
from oversight.web import create_app
from oversight.web.routes import feeds, meetings
from tests.tracking.year import minutes_files

from .conftest import (
    BASE_URL,
    TestClient,
    _postgres_url,
    add_staff,
    context_of,
    meeting_id_of,
    settings_for,
    sign_in,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DRAFT = "11-performance-scrutiny-2026-02.txt"
# Stored in this order, so that the order they were stored in is not the order of their dates.
STORED = ("03", "12", "01", "07", "11", "05", "09", "02", "10", "04", "08", "06")


def _sources() -> dict[str, str]:
    return {p.name[:2]: p.name for p in minutes_files()}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def year(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """Yield the fictional year stored in a scrambled order, its February meeting a draft."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('paging') / 'y.db'}"])
    else:
        base = os.environ.get("OVERSIGHT_TEST_POSTGRES_URL")
        if not base:
            pytest.skip("OVERSIGHT_TEST_POSTGRES_URL is not set")
        urls = _postgres_url(base)
    opened = open_database(next(urls))
    try:
        files = {p.name[:2]: p for p in minutes_files()}
        report = ingest_paths(engine=opened.engine, paths=[files[n] for n in STORED])
        assert report.failures == [], report.failures
        with opened.session() as session:
            set_meeting_state(
                session=session,
                meeting_id=meeting_id_of(opened, DRAFT),
                state="draft",
                actor="test",
            )
            session.commit()
        yield opened
    finally:
        opened.close()
        for _ in urls:  # drops the PostgreSQL schema
            pass


def _numbers(sources: list[str]) -> list[str]:
    return [s[:2] for s in sources]


def _client(database: Database) -> TestClient:
    return TestClient(create_app(settings_for(database), database=database), base_url=BASE_URL)


def _listed(client: TestClient, query: str) -> tuple[list[str], int, int]:
    page = client.get(f"/api/meetings?{query}").json()
    sources = [m["source"] for m in page["meetings"]]
    return _numbers(sources), page["paging"]["total"], page["paging"]["pages"]


def test_pages_of_meetings_newest_first_without_the_draft_for_the_public(
    year: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meetings, "PER_PAGE", 5)
    client = _client(year)
    assert _listed(client, "page=1") == (["12", "10", "09", "08", "07"], 11, 3)
    assert _listed(client, "page=2") == (["06", "05", "04", "03", "02"], 11, 3)
    assert _listed(client, "page=3") == (["01"], 11, 3)
    assert _listed(client, "page=4") == ([], 11, 3)
    assert _listed(client, "sort=date&page=2") == (["06", "07", "08", "09", "10"], 11, 3)


def test_staff_pages_hold_the_draft(year: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meetings, "PER_PAGE", 5)
    add_staff(year, f"ed{id(monkeypatch)}")
    client = _client(year)
    sign_in(client, f"ed{id(monkeypatch)}")
    assert _listed(client, "page=1") == (["12", "11", "10", "09", "08"], 12, 3)
    assert _listed(client, "sort=date&page=3") == (["11", "12"], 12, 3)
    page = client.get("/api/meetings", params={"year": 2026}).json()
    assert [m["state"] for m in page["meetings"]] == ["published", "draft", "published"]


def test_filters_by_year_kind_and_body_in_any_case(
    year: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meetings, "PER_PAGE", 3)
    client = _client(year)
    assert _listed(client, "year=2026") == (["12", "10"], 2, 1)
    assert _listed(client, "year=2024") == ([], 0, 1)
    assert _listed(client, "kind=governance&sort=date") == (["02", "06", "10"], 4, 2)
    assert _listed(client, "kind=governance&sort=date&page=2") == (["12"], 4, 2)
    assert _listed(client, "kind=performance") == (["07", "04", "01"], 3, 1)
    assert _listed(client, "kind=performance&year=2025&sort=date") == (["01", "04", "07"], 3, 1)
    assert _listed(client, "kind=ethics") == ([], 0, 1)
    body = "northmoor police and crime commissioner"
    assert _listed(client, f"body={body}") == (["12", "06"], 2, 1)
    assert _listed(client, f"body={body}&year=2025") == (["06"], 1, 1)
    page = client.get("/api/meetings").json()
    assert page["years"] == [2026, 2025]
    assert page["kinds"] == ["accountability", "governance", "performance"]
    assert page["bodies"] == [
        "NORTHMOOR POLICE AND CRIME COMMISSIONER",
        "Strategic Governance Board",
    ]


def test_html_list_shows_the_same_page(year: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meetings, "PER_PAGE", 3)
    client = _client(year)
    first = context_of(client, "/meetings?kind=accountability")
    assert _numbers([m.source for m in first.meetings]) == ["09", "08", "05"]
    second = context_of(client, "/meetings?kind=accountability&page=2")
    assert _numbers([m.source for m in second.meetings]) == ["03"]
    assert (second.paging.total, second.paging.pages) == (4, 2)
    html = client.get("/meetings?kind=accountability&page=2").text
    shown = meeting_id_of(year, "03-accountability-meeting-2025-06.md")
    assert f'href="/meetings/{shown}"' in html
    assert (
        f'href="/meetings/{meeting_id_of(year, "09-accountability-meeting-2025-12.txt")}"'
        not in html
    )


def test_service_pages_match_sorting_every_meeting(year: Database) -> None:
    with year.session() as session:
        every = meeting_index(
            session=session, drafts=True, wanted=MeetingFilter(), page=1, per_page=100
        )
        dates = [m.summary.date for m in every.meetings]
        assert len(dates) == 12 and dates == sorted((d for d in dates if d), reverse=True)
        for per_page in (1, 4, 5, 7):
            pages = [
                meeting_index(
                    session=session, drafts=True, wanted=MeetingFilter(), page=n, per_page=per_page
                ).meetings
                for n in range(1, 13 // per_page + 2)
            ]
            flat = [m.summary.id for p in pages for m in p]
            assert flat == [m.summary.id for m in every.meetings]


def test_meetings_feed_holds_the_newest_stored_at_most_n_without_the_draft(
    year: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "FEED_SIZE", 4)
    response = _client(year).get("/feeds/meetings.atom")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    stored_last = [n for n in reversed(STORED) if n != DRAFT[:2]][:4]
    ids = {meeting_id_of(year, name): number for number, name in _sources().items()}
    got = [ids[int((e.findtext(f"{ATOM}id") or "").rsplit("/", 1)[1])] for e in entries]
    assert got == stored_last
    stamps = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    with year.session() as session:
        staff = newest_meetings(session=session, drafts=True, limit=3)
    assert [m.summary.source[:2] for m in staff] == list(reversed(STORED))[:3]
    assert all(m.ingested_at is not None and m.ingested_at.tzinfo for m in staff)


def test_search_feed_dates_entries_by_when_their_meeting_was_stored(year: Database) -> None:
    response = _client(year).get("/feeds/search.atom", params={"q": "meeting"})
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entries
    stamps = {e.findtext(f"{ATOM}updated") for e in entries}
    assert "2000-01-01T00:00:00Z" not in stamps


def test_calendar_next_meetings_are_distinct_bounded_and_published(year: Database) -> None:
    with year.session() as session:
        public = upcoming_meetings(
            session=session, drafts=False, on_or_after=dt.date(2025, 12, 1), limit=10
        )
        staff = upcoming_meetings(
            session=session, drafts=True, on_or_after=dt.date(2025, 12, 1), limit=10
        )
        capped = upcoming_meetings(
            session=session, drafts=True, on_or_after=dt.date(2025, 1, 1), limit=2
        )
    days = [m.date for m in public]
    assert days == sorted(days) and min(days) >= dt.date(2025, 12, 1)
    draft_id = meeting_id_of(year, DRAFT)
    assert draft_id not in {m.meeting_id for m in public}
    assert draft_id in {m.meeting_id for m in staff}
    assert len(staff) == len(public) + 1
    assert [m.date for m in capped] == [dt.date(2025, 7, 17), dt.date(2025, 8, 27)]
    body = _client(year).get("/feeds/calendar.ics").text
    assert body.count("SUMMARY:Next meeting") <= feeds.CALENDAR_MEETINGS
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_feed_window_and_cap(year: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    # The year's minutes are from 2025 and 2026: widen the window back from today to hold them.
    monkeypatch.setattr(feeds, "CALENDAR_PAST", dt.timedelta(days=365 * 100))
    monkeypatch.setattr(feeds, "CALENDAR_MEETINGS", 3)
    body = _client(year).get("/feeds/calendar.ics").text.replace("\r\n ", "")
    nexts = [line for line in body.split("\r\n") if line.startswith("UID:next-")]
    first = meeting_id_of(year, "01-performance-scrutiny-2025-04.txt")
    assert nexts[0] == f"UID:next-20250717-{first}@oversight" and len(nexts) == 3
    assert f"-{meeting_id_of(year, DRAFT)}@oversight" not in body
    assert "SUMMARY:Action due:" in body
