"""What the templates decide on every page of the record across meetings, for the public and
for an editor: one h1 and headings in order, every form control labelled, every table
captioned, everything inside a landmark, and markup from the minutes shown as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from oversight.services import Database

from .conftest import Ingest, MakeClient, TestClient, add_staff, meeting_id_of, sign_in
from .minutes import HOSTILE, SCRIPT

PAGES = [
    "/",
    "/actions",
    "/actions/20250521-A05",
    "/promises",
    "/promises/20250410-P01",
    "/hmicfrs",
    "/hmicfrs/20250626-R01",
    "/people",
    "/people/marcus-elwood",
    "/roles",
    "/roles?role=Chief+Constable",
    "/topics",
    "/topics/vawg",
    "/figures",
    "/meetings/{may}",
]


class _Outline(HTMLParser):
    """Collect headings, landmarks around text, and the text outside every landmark."""

    LANDMARKS = frozenset({"header", "main", "footer", "nav"})

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.open: list[str] = []
        self.stray: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag not in ("br", "input", "meta", "link", "img", "hr", "line", "circle", "polyline"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside = any(t in self.LANDMARKS for t in self.open)
        if data.strip() and not inside and not {"title", "script", "a"} & set(self.open):
            self.stray.append(data.strip())


def _check(html: str, url: str) -> None:
    outline = _Outline()
    outline.feed(html)
    assert outline.headings.count(1) == 1, url
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, (url, outline.headings)
    assert outline.stray == [], (url, outline.stray)
    for control in ("<select", "<input", "<textarea"):
        for tag in html.split(control)[1:]:
            attributes = tag.split(">", 1)[0]
            if 'type="hidden"' in attributes:
                continue
            ident = attributes.split('id="', 1)[1].split('"', 1)[0]
            assert f'for="{ident}"' in html, (url, ident)
    assert html.count("<table") == html.count("<caption"), url
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg, url


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "editor"])
def test_every_page_is_in_order_and_labelled(
    year_database: Database, make_year_client: MakeClient, signed_in: bool
) -> None:
    client = make_year_client()
    if signed_in:
        sign_in(client, "eden")
    may = meeting_id_of(year_database, "02-governance-board-2025-05.txt")
    for url in PAGES:
        response = client.get(url.format(may=may))
        assert response.status_code == 200, url
        _check(response.text, url)
        if signed_in and url in ("/actions/20250521-A05", "/people/marcus-elwood"):
            assert "Save correction" in response.text


def test_the_phase_banner_is_inside_the_header(year_client: TestClient) -> None:
    html = year_client.get("/").text
    header = html[html.index("<header") : html.index("</header>")]
    assert 'class="phase-banner"' in header


def test_markup_from_the_minutes_is_text_on_the_tracker_pages(
    make_client: MakeClient, ingest: Ingest
) -> None:
    ingest("hostile.txt", HOSTILE)
    client = make_client()
    for url in ("/", "/actions", "/actions/20240312-A01", "/people", "/topics/victims"):
        response = client.get(url, params={"as_of": "2024-06-01"})
        assert response.status_code in (200, 404), url
        body = response.text.replace('<script src="/static/copy.js" defer></script>', "")
        assert "<script>" not in body and "<img" not in body, url
    item = client.get("/actions/20240312-A01").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in item
    assert SCRIPT in client.get("/api/actions/20240312-A01").json()["item"]["text"]


@pytest.fixture(scope="module")
def year_editor(year_database: Database) -> str:
    """Make an editor's account on the fictional year's store, once; return its name."""
    add_staff(year_database, "eden")
    return "eden"


@pytest.fixture
def make_year_client(year_database: Database, year_editor: str) -> MakeClient:
    """Return a factory of clients on the fictional year, where `year_editor` may sign in."""
    from fastapi.testclient import TestClient as Client

    from oversight.web import create_app

    from .conftest import settings_for

    def make(**overrides: object) -> TestClient:
        app = create_app(settings_for(year_database, **overrides), database=year_database)
        return Client(app, base_url="https://testserver")

    return make
