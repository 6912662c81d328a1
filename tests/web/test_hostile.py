"""Text from documents is untrusted: markup in minutes shows as text on every page, feed
and download, and no link on the site is taken from a document."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest

from oversight.services import Database
from oversight.web.meeting_view import MeetingPage
from oversight.web.render import make_templates
from oversight.web.routes import feeds

from .conftest import Ingest, TestClient, meeting_ids
from .minutes import HOSTILE, LINK, SCRIPT

TEMPLATES = make_templates().env.loader.list_templates()  # type: ignore[union-attr]


@pytest.fixture
def hostile(client: TestClient, ingest: Ingest, database: Database) -> int:
    ingest("hostile.txt", HOSTILE)
    (meeting_id,) = meeting_ids(database)
    return meeting_id


def _hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


def test_the_hostile_text_really_reaches_the_record(client: TestClient, hostile: int) -> None:
    page = client.get(f"/meetings/{hostile}").context["page"]
    assert isinstance(page, MeetingPage)
    assert SCRIPT in page.meeting.actions[0].text
    assert LINK in page.source.text


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings",
        "/meetings/{id}",
        "/meetings/{id}/actions/1",
        "/meetings/{id}/decisions/1",
        "/actions",
        "/search?q=alert",
        "/search?q=click",
    ],
)
def test_markup_from_minutes_is_escaped_on_every_page(
    client: TestClient, hostile: int, url: str
) -> None:
    response = client.get(url.format(id=hostile))
    assert response.status_code == 200
    html = response.text
    assert "<script>" not in html.replace('<script src="/static/copy.js" defer></script>', "")
    assert "<img" not in html
    assert "javascript:" not in "".join(_hrefs(html))
    assert "onerror=alert" not in html.replace("onerror=alert(5)&gt;", "")
    if "{id}" in url:
        assert "&lt;script&gt;alert(" in html


def test_no_link_on_the_site_comes_from_a_document(client: TestClient, hostile: int) -> None:
    html = client.get(f"/meetings/{hostile}").text
    for href in _hrefs(html):
        assert href.startswith(("/", "#", "?")), href


def test_no_template_marks_anything_safe() -> None:
    from oversight.web.render import TEMPLATES as folder

    for name in TEMPLATES:
        source = (folder / name).read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), name
        assert "autoescape false" not in source, name


def test_feeds_carry_markup_as_text(client: TestClient, hostile: int) -> None:
    feed = client.get("/feeds/meetings.atom")
    root = ET.fromstring(feed.content)
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<img src=x onerror=alert(5)>" in t for t in titles)
    assert b"<img" not in feed.content
    search = client.get("/feeds/search.atom", params={"q": "alert"})
    assert search.status_code == 200
    ET.fromstring(search.content)
    assert b"<script>" not in search.content


def test_calendar_escapes_values_so_they_cannot_add_properties(
    client: TestClient, hostile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The calendar keeps what fell due in the last year; these minutes are from 2024.
    monkeypatch.setattr(feeds, "CALENDAR_PAST", dt.timedelta(days=365 * 100))
    body = client.get("/feeds/calendar.ics").text
    unfolded = body.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert all(re.match(r"^[A-Z-]+[;:]", line) for line in lines if line), (
        "every line is a property"
    )
    assert any(line.startswith("SUMMARY:Action due: CC to report on <script>") for line in lines)


def test_csv_download_neutralises_formulas(client: TestClient, hostile: int) -> None:
    from oversight.web.routes.actions import _cell

    assert _cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _cell("+1") == "'+1" and _cell("plain") == "plain"
    rows = list(csv.reader(io.StringIO(client.get("/actions.csv").text)))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_api_returns_the_text_as_data(client: TestClient, hostile: int) -> None:
    response = client.get(f"/api/meetings/{hostile}")
    assert response.headers["content-type"].startswith("application/json")
    assert SCRIPT in response.json()["meeting"]["actions"][0]["text"]
