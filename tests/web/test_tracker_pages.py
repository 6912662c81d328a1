"""The tracker on the fictional year: tracked actions filtered, sorted, paged and downloaded,
one action's history across meetings, promises with the meetings that came back to them,
and the HMICFRS register; through each page's context and its JSON twin first.

Expected values were read from the minutes in examples/year by hand: at the governance
board of 21 May 2025, "Action 11/2025: LS to align the description and scoring of the data
quality risk in the force and OPCC risk registers by the end of June 2025." (LS is Lorna
Strachan, ACC Crime and Justice); at the board of 17 September 2025, "Action 11/2025 - ...
Update: The joint risk workshop has been moved to October. Open."; at the performance
scrutiny of 10 April 2025, Ch Supt Whitlock "expects the 75% target to be met by the end of
September 2025", which the meeting of 17 July 2025 came back to.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from oversight.services import Database
from oversight.web.routes.actions import actions_csv
from oversight.web.tracking_pages import (
    ActionTrackerPage,
    HmicfrsRegisterPage,
    ItemHistoryPage,
    PromiseTrackerPage,
)
from oversight.web.tracking_schemas import TrackedItemRowPublic

from .conftest import TestClient, context_of, meeting_id_of

AS_OF = "2026-04-15"
BOARD_MAY = "02-governance-board-2025-05.txt"
BOARD_SEPTEMBER = "06-governance-board-2025-09.txt"
RISK_ACTION = "20250521-A05"


def _tracker(client: TestClient, query: str) -> ActionTrackerPage:
    page = context_of(client, f"/actions?as_of={AS_OF}&{query}")
    assert isinstance(page, ActionTrackerPage)
    return page


def test_the_tracker_lists_tracked_actions_with_their_status_on_a_day(
    year_client: TestClient, year_database: Database
) -> None:
    page = _tracker(year_client, "status=overdue")
    risk = next(i for i in page.items if i.key == RISK_ACTION)
    assert risk.text.startswith("LS to align the description and scoring of the data quality")
    assert (risk.owners, risk.reference, risk.due_date) == (["LS"], "11/2025", dt.date(2025, 6, 30))
    assert risk.status == "overdue" and risk.kind == "action"
    assert risk.raised.date == dt.date(2025, 5, 21)
    assert risk.raised.id == meeting_id_of(year_database, BOARD_MAY)
    assert risk.url == f"/actions/{RISK_ACTION}"
    assert {i.status for i in page.items} == {"overdue"}
    assert page.paging.total == len(page.items)
    # Before its due date the same action was open.
    before = context_of(year_client, "/actions?as_of=2025-06-01&status=open")
    assert RISK_ACTION in [i.key for i in before.items]
    api = year_client.get("/api/actions", params={"as_of": AS_OF, "status": "overdue"}).json()
    assert api == json.loads(page.model_dump_json())


def test_the_tracker_filters_by_owner_person_topic_meeting_and_due_dates(
    year_client: TestClient, year_database: Database
) -> None:
    by_owner = _tracker(year_client, "owner=LS")
    assert RISK_ACTION in [i.key for i in by_owner.items]
    assert all("LS" in i.owners for i in by_owner.items)
    by_person = _tracker(year_client, "person=lorna-strachan")
    assert RISK_ACTION in [i.key for i in by_person.items]
    assert ("lorna-strachan", "Lorna Strachan") in [(p.value, p.label) for p in by_person.people]
    by_topic = _tracker(year_client, "topic=technology")
    assert RISK_ACTION in [i.key for i in by_topic.items]
    may = meeting_id_of(year_database, BOARD_MAY)
    by_meeting = _tracker(year_client, f"meeting={may}")
    assert by_meeting.items and {i.raised.id for i in by_meeting.items} == {may}
    assert may in [m.id for m in by_meeting.meetings]
    ranged = _tracker(year_client, "due_from=2025-06-30&due_to=2025-06-30")
    assert [i.key for i in ranged.items] == [RISK_ACTION]
    assert ranged.filters.due_from == dt.date(2025, 6, 30)


def test_the_tracker_sorts_in_both_directions_and_pages(year_client: TestClient) -> None:
    soonest = _tracker(year_client, "sort=due")
    dated = [i.due_date for i in soonest.items if i.due_date is not None]
    assert dated == sorted(dated) and dated
    # Items without a due date come after every dated one.
    assert all(i.due_date is not None for i in soonest.items[: len(dated)])
    latest = _tracker(year_client, "sort=-due")
    dated_latest = [i.due_date for i in latest.items if i.due_date is not None]
    assert dated_latest == sorted(dated, reverse=True)
    raised = _tracker(year_client, "sort=-raised")
    days = [i.raised.date for i in raised.items if i.raised.date is not None]
    assert days == sorted(days, reverse=True)
    every = _tracker(year_client, "kind=")
    assert {i.kind for i in every.items} == {"action", "promise", "recommendation"}
    # 30 actions, 12 promises and 7 recommendations: 49 on one page of 50.
    assert every.paging.total == 49 and every.paging.pages == 1
    promises = _tracker(year_client, "kind=promise&status=outstanding")
    assert {i.kind for i in promises.items} == {"promise"}
    assert {i.status for i in promises.items} <= {"open", "updated", "overdue"}


def test_downloads_hold_the_filtered_items(year_client: TestClient) -> None:
    query = {"as_of": AS_OF, "owner": "LS"}
    page = _tracker(year_client, "owner=LS")
    rows = list(csv.DictReader(io.StringIO(year_client.get("/actions.csv", params=query).text)))
    assert [r["key"] for r in rows] == [i.key for i in page.items]
    risk = next(r for r in rows if r["key"] == RISK_ACTION)
    assert (risk["reference"], risk["due_date"], risk["status"]) == (
        "11/2025",
        "2025-06-30",
        "overdue",
    )
    assert risk["url"] == f"https://testserver/actions/{RISK_ACTION}"
    downloaded = year_client.get("/actions.json", params=query)
    assert "attachment" in downloaded.headers["content-disposition"]
    assert downloaded.json()["items"] == json.loads(page.model_dump_json())["items"]


def test_the_csv_download_neutralises_formulas() -> None:
    row = TrackedItemRowPublic.model_validate(
        {
            "key": "20250101-A01",
            "kind": "action",
            "text": '=HYPERLINK("http://example.invalid")',
            "owners": ["@CC"],
            "reference": "-1",
            "report": None,
            "due": "+3 months",
            "due_date": None,
            "status": "open",
            "raised": {"id": 1, "title": "\tBoard", "date": None, "url": "/meetings/1"},
            "url": "/actions/20250101-A01",
            "later": [],
            "later_count": 0,
        }
    )
    page = ActionTrackerPage.model_validate(
        {
            "as_of": "2025-01-02",
            "filters": {
                "kind": "action",
                "status": None,
                "owner": None,
                "person": None,
                "topic": None,
                "meeting": None,
                "due_from": None,
                "due_to": None,
                "sort": "due",
            },
            "items": [row],
            "paging": {"page": 1, "pages": 1, "total": 1, "per_page": 50},
            "statuses": [],
            "sorts": [],
            "kinds": [],
            "owners": [],
            "people": [],
            "topics": [],
            "meetings": [],
        }
    )
    (written,) = list(csv.DictReader(io.StringIO(actions_csv(page, "https://x"))))
    for field in ("text", "owners", "reference", "due", "raised_at"):
        assert written[field].startswith("'"), field


def test_an_item_shows_its_history_each_event_quoted_with_its_passage(
    year_client: TestClient, year_database: Database
) -> None:
    page = context_of(year_client, f"/actions/{RISK_ACTION}?as_of={AS_OF}")
    assert isinstance(page, ItemHistoryPage)
    assert page.item.status == "overdue" and page.item.reference == "11/2025"
    assert [p.label for p in page.item.people] == ["Lorna Strachan"]
    assert [(e.effect, e.date) for e in page.events] == [
        ("raised", dt.date(2025, 5, 21)),
        ("update", dt.date(2025, 9, 17)),
    ]
    update = page.events[1]
    assert update.text == "The joint risk workshop has been moved to October. Open."
    assert update.method == "reference" and update.confidence == 1.0
    assert update.meeting.id == meeting_id_of(year_database, BOARD_SEPTEMBER)
    assert update.source_url is not None and update.span is not None
    meeting = year_client.get(update.source_url.split("#")[0]).context["page"]
    start, end = update.span
    assert meeting.source.text[start:end] == update.text
    api = year_client.get(f"/api/actions/{RISK_ACTION}", params={"as_of": AS_OF}).json()
    assert api == json.loads(page.model_dump_json())
    html = year_client.get(f"/actions/{RISK_ACTION}").text
    assert (
        "<blockquote>The joint risk workshop has been moved to October. Open.</blockquote>" in html
    )
    assert f'href="{update.source_url}"' in html
    assert "Save correction" not in html and 'name="operation"' not in html
    assert year_client.get("/actions/20250101-A99").status_code == 404
    assert year_client.get("/api/actions/20250101-A99").status_code == 404


def test_the_meeting_page_links_its_actions_to_their_history(
    year_client: TestClient, year_database: Database
) -> None:
    may = meeting_id_of(year_database, BOARD_MAY)
    page = context_of(year_client, f"/meetings/{may}")
    risk = next(a for a in page.meeting.actions if (a.reference or "") == "11/2025")
    assert risk.url == f"/meetings/{may}/actions/{risk.number}"
    assert risk.tracked_key == RISK_ACTION and risk.tracked_url == f"/actions/{RISK_ACTION}"
    september = meeting_id_of(year_database, BOARD_SEPTEMBER)
    later = context_of(year_client, f"/meetings/{september}")
    assert RISK_ACTION in [e.key for e in later.earlier]
    fact = context_of(year_client, f"/meetings/{may}/actions/{risk.number}")
    assert fact.tracked_url == f"/actions/{RISK_ACTION}"


def test_promises_show_the_later_meetings_that_came_back_to_them(
    year_client: TestClient,
) -> None:
    page = context_of(year_client, f"/promises?as_of={AS_OF}")
    assert isinstance(page, PromiseTrackerPage)
    assert {i.kind for i in page.items} == {"promise"}
    response = next(i for i in page.items if "75% target to be met by the end of Sept" in i.text)
    assert (response.status, response.due_date) == ("overdue", dt.date(2025, 9, 30))
    assert response.raised.date == dt.date(2025, 4, 10)
    assert dt.date(2025, 7, 17) in [e.date for e in response.later]
    assert response.later_count >= len(response.later) >= 1
    html = year_client.get(f"/promises?as_of={AS_OF}").text
    assert "Came up again at" in html
    assert year_client.get("/api/promises", params={"as_of": AS_OF}).json() == json.loads(
        page.model_dump_json()
    )


def test_the_hmicfrs_register_shows_deadlines_status_and_updates(
    year_client: TestClient,
) -> None:
    page = context_of(year_client, f"/hmicfrs?as_of={AS_OF}")
    assert isinstance(page, HmicfrsRegisterPage)
    recommendations = [r for report in page.reports for r in report.recommendations]
    assert {r.kind for r in recommendations} == {"recommendation"}
    training = next(r for r in recommendations if "trained in the new domestic abuse" in r.text)
    assert (training.reference, training.due_date) == ("Recommendation 1", dt.date(2025, 9, 30))
    assert training.status == "closed"
    assert dt.date(2025, 9, 17) in [e.date for e in training.later]
    closed = context_of(year_client, f"/hmicfrs?as_of={AS_OF}&status=closed")
    assert all(r.status == "closed" for rep in closed.reports for r in rep.recommendations)
    html = year_client.get(f"/hmicfrs?as_of={AS_OF}").text
    assert re.search(r"<h3[^>]*>[^<]+</h3>\s*<table", html)
