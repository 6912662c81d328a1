"""The public pages and their JSON twins, tested through the context each page renders."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from oversight.services import Database
from oversight.web.meeting_view import ItemPage, MeetingPage
from oversight.web.pages import DashboardPage, MeetingListPage
from oversight.web.tracking_pages import ActionTrackerPage

from .conftest import Ingest, TestClient, meeting_ids
from .minutes import LATER, QUIET


def _page(client: TestClient, url: str) -> object:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.context["page"]


def test_dashboard_shows_actions_promises_next_meeting_and_recent(
    client: TestClient, ingest: Ingest
) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    page = _page(client, "/?as_of=2024-05-01")
    assert isinstance(page, DashboardPage)
    # The June meeting had not happened by 1 May: its action is not counted yet.
    assert (page.open_count, page.overdue_count) == (1, 1)
    assert [a.text for a in page.overdue] == [
        "CC to report on rural patrol hours by 30 April 2024."
    ]
    assert page.overdue[0].url == "/actions/20240305-A01"
    assert [p.key for p in page.promises_falling_due] == ["20240305-P01"]
    assert page.promises_falling_due[0].due_date == dt.date(2024, 6, 1)
    assert page.next_meeting is not None and page.next_meeting.date == dt.date(2024, 6, 4)
    assert (page.recent[0].title or "").startswith("Wexmoor Police Performance")
    api = client.get("/api/dashboard", params={"as_of": "2024-05-01"}).json()
    assert api == json.loads(page.model_dump_json())


def test_dashboard_links_every_list_and_caps_its_panels(client: TestClient) -> None:
    html = client.get("/").text
    for href in ("/actions", "/promises", "/hmicfrs", "/people", "/roles", "/topics", "/figures"):
        assert f'href="{href}"' in html, href


def test_meetings_filter_by_year_kind_and_body_and_sort(client: TestClient, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    page = _page(client, "/meetings")
    assert isinstance(page, MeetingListPage)
    assert [m.date for m in page.meetings] == [dt.date(2024, 6, 6), dt.date(2024, 3, 5)]
    assert page.kinds == ["governance", "performance"]
    oldest = _page(client, "/meetings?sort=date&year=&kind=&body=")
    assert isinstance(oldest, MeetingListPage)
    assert [m.date for m in oldest.meetings] == [dt.date(2024, 3, 5), dt.date(2024, 6, 6)]
    only = _page(client, "/meetings?kind=performance")
    assert isinstance(only, MeetingListPage)
    assert [m.kind for m in only.meetings] == ["performance"]
    none = _page(client, "/meetings?year=2023")
    assert isinstance(none, MeetingListPage) and none.paging.total == 0
    assert (
        client.get("/api/meetings", params={"kind": "performance"}).json()["paging"]["total"] == 1
    )


def test_meeting_page_highlights_each_fact_at_its_span(
    client: TestClient, ingest: Ingest, database: Database
) -> None:
    ingest("board-2024-03.txt", QUIET)
    (meeting_id,) = meeting_ids(database)
    page = _page(client, f"/meetings/{meeting_id}")
    assert isinstance(page, MeetingPage)
    text = page.source.text
    action = page.meeting.actions[0]
    assert action.anchor == "action-1" and action.url == f"/meetings/{meeting_id}/actions/1"
    assert action.span is not None
    assert text[action.span[0] : action.span[1]].startswith("CC to report on rural patrol hours")
    kinds = {h.kind for h in page.source.highlights}
    assert kinds == {"action", "decision", "figure", "promise"}
    assert "".join(s.text for s in page.source.segments()) == text
    html = client.get(f"/meetings/{meeting_id}").text
    assert 'id="action-1"' in html and 'id="source-action-1"' in html
    assert '<mark class="src src-action">' in html
    assert 'href="#source-action-1"' in html and 'href="#action-1"' in html


def test_each_fact_has_a_stable_page_and_a_citation(
    client: TestClient, ingest: Ingest, database: Database
) -> None:
    ingest("board-2024-03.txt", QUIET)
    (meeting_id,) = meeting_ids(database)
    page = _page(client, f"/meetings/{meeting_id}/actions/1")
    assert isinstance(page, ItemPage)
    assert page.heading == "Action 1"
    assert page.excerpt.startswith("CC to report on rural patrol hours")
    assert page.citation == (
        "Wexmoor Police Accountability Board, 5 March 2024, action 1, "
        f"https://testserver/meetings/{meeting_id}/actions/1"
    )
    assert {d.label: d.value for d in page.details}["Due date"] == "2024-04-30"
    promise = _page(client, f"/meetings/{meeting_id}/promises/1")
    assert isinstance(promise, ItemPage) and "neighbourhood plan" in promise.text
    assert client.get(f"/meetings/{meeting_id}/actions/9").status_code == 404
    assert client.get(f"/meetings/{meeting_id}/nonsense/1").status_code in (400, 404)
    api = client.get(f"/api/meetings/{meeting_id}/actions/1").json()
    assert api["citation"] == page.citation
    html = client.get(f"/meetings/{meeting_id}").text
    assert f'href="/meetings/{meeting_id}/actions/1#citation" class="copy-citation"' in html


def test_search_result_marks_the_passage_on_the_meeting_page(
    client: TestClient, ingest: Ingest, database: Database
) -> None:
    ingest("board-2024-03.txt", QUIET)
    search = client.get("/api/search", params={"q": "estates"}).json()
    url = search["results"][0]["url"]
    assert url.startswith("/meetings/") and "passage=" in url
    page = _page(client, url.split("#")[0])
    assert isinstance(page, MeetingPage)
    found = [h for h in page.source.highlights if h.kind == "found"]
    assert len(found) == 1
    assert "estates" in page.source.text[found[0].start : found[0].end]


def test_missing_meeting_is_not_found_as_page_and_json(client: TestClient) -> None:
    response = client.get("/meetings/999")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert client.get("/api/meetings/999").status_code == 404


def test_action_tracker_filters_sorts_and_downloads(
    client: TestClient, ingest: Ingest, database: Database
) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    first, second = meeting_ids(database)
    page = _page(client, "/actions?as_of=2024-12-01&status=&owner=&meeting=&sort=-due")
    assert isinstance(page, ActionTrackerPage)
    assert [a.due_date for a in page.items] == [dt.date(2024, 12, 31), dt.date(2024, 4, 30)]
    assert page.owners == ["CC", "CEO"]
    overdue = _page(client, "/actions?as_of=2024-12-01&status=overdue")
    assert isinstance(overdue, ActionTrackerPage)
    assert [a.raised.id for a in overdue.items] == [first]
    owned = _page(client, "/actions?owner=CEO")
    assert isinstance(owned, ActionTrackerPage)
    assert [a.raised.id for a in owned.items] == [second]
    ranged = _page(client, "/actions?due_from=2024-06-01&due_to=2025-01-01")
    assert isinstance(ranged, ActionTrackerPage) and len(ranged.items) == 1
    by_meeting = _page(client, f"/actions?meeting={first}")
    assert isinstance(by_meeting, ActionTrackerPage) and by_meeting.paging.total == 1

    downloaded = client.get("/actions.csv?status=outstanding&as_of=2024-12-01")
    assert downloaded.headers["content-type"].startswith("text/csv")
    assert "attachment" in downloaded.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(downloaded.text)))
    assert [r["status"] for r in rows] == ["overdue", "open"]
    assert rows[0]["url"] == "https://testserver/actions/20240305-A01"
    as_json = client.get("/actions.json?status=outstanding&as_of=2024-12-01")
    assert "attachment" in as_json.headers["content-disposition"]
    api = client.get("/api/actions?status=outstanding&as_of=2024-12-01").json()
    assert as_json.json()["items"] == api["items"]
    assert client.get("/api/actions?status=finished").status_code == 422
    assert client.get("/actions?status=finished").status_code == 400


def test_search_highlights_filters_sorts_and_pages(client: TestClient, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    response = client.get("/search", params={"q": "Ashgrove"})
    page = response.context["page"]
    assert page.paging.total >= 2
    assert all(r.parts() and any(matched for _, matched in r.parts()) for r in page.results)
    assert "<mark>Ashgrove</mark>" in response.text
    newest = client.get("/api/search", params={"q": "Ashgrove", "sort": "newest"}).json()
    dates = [r["meeting"]["date"] for r in newest["results"]]
    assert dates == sorted(dates, reverse=True)
    kind = client.get("/api/search", params={"q": "Ashgrove", "kind": "performance"}).json()
    assert {r["kind"] for r in kind["results"]} == {"performance"}
    dated = client.get("/api/search", params={"q": "Ashgrove", "date_to": "2024-04-01"}).json()
    assert {r["meeting"]["date"] for r in dated["results"]} == {"2024-03-05"}
    second = client.get("/api/search", params={"q": "Ashgrove", "page": 2}).json()
    assert second["paging"]["page"] == 2 and second["results"] == []


def test_malformed_search_says_what_is_wrong(client: TestClient, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    response = client.get("/search", params={"q": '"unclosed phrase'})
    assert response.status_code == 400
    assert "unbalanced quotation mark" in response.context["page"].error
    assert 'role="alert"' in response.text
    api = client.get("/api/search", params={"q": "NOT this"})
    assert api.status_code == 400 and "NOT is not supported" in api.json()["error"]
    assert client.get("/feeds/search.atom", params={"q": "a OR"}).status_code == 400


def test_pages_have_one_h1_a_skip_link_and_labelled_controls(
    client: TestClient, ingest: Ingest, database: Database
) -> None:
    ingest("board-2024-03.txt", QUIET)
    (meeting_id,) = meeting_ids(database)
    for url in [
        "/",
        "/meetings",
        f"/meetings/{meeting_id}",
        "/actions",
        "/actions/20240305-A01",
        "/promises",
        "/hmicfrs",
        "/people",
        "/people/imogen-stroud",
        "/roles",
        "/roles?role=Chief+Constable",
        "/topics",
        "/topics/neighbourhoods",
        "/figures",
        "/search?q=plan",
        "/sign-in",
    ]:
        html = client.get(url).text
        assert html.count("<h1") == 1, url
        assert 'href="#main" class="skip-link"' in html and 'id="main"' in html
        for control in ("<select", "<input", "<textarea"):
            for tag in html.split(control)[1:]:
                attributes = tag.split(">", 1)[0]
                if 'type="hidden"' in attributes:
                    continue
                ident = attributes.split('id="', 1)[1].split('"', 1)[0]
                assert f'for="{ident}"' in html, (url, ident)


def test_security_headers_forbid_inline_script_and_framing(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
