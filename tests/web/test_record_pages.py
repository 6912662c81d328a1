"""People, roles, topics, figures and the dashboard's tracking panels on the fictional year,
through each page's context and its JSON twin first, the HTML only for what the template
decides (the chart and its text alternative).

Checked by hand against the minutes in examples/year: Marcus Elwood is "Assistant Chief
Constable Local Policing" from April to August 2025, "T/ Deputy Chief Constable" from
September 2025 to January 2026 and "Deputy Chief Constable" (written "M. Elwood") from
February 2026, and is in every attendance list but June's; the Chief Constable is Daniel
Ruddock until August 2025, Fiona Cassidy (temporary) in September and October, Rosalind
Threlfall from November; violence against women and girls comes up in April (item 2.4 and
the VAWG delivery plan action), June (the VAWG item, "Stalking", the stalking protection
orders action) and October (the review of 64 stalking cases); 101 calls answered within 30
seconds were 68.4% in April, 71.9% in July, 69.8% in October and 72.6% in February, against
a target of 75%.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from oversight.web.pages import DashboardPage
from oversight.web.tracking_pages import (
    FiguresPage,
    PeoplePage,
    PersonPage,
    RolesPage,
    TopicPage,
    TopicsPage,
)

from .conftest import TestClient, context_of


def _same_as_api(client: TestClient, url: str, page: object) -> None:
    api = client.get("/api" + url if url != "/" else "/api/dashboard").json()
    assert api == json.loads(page.model_dump_json())  # type: ignore[attr-defined]


def test_people_are_listed_by_name_with_their_attendance(year_client: TestClient) -> None:
    page = context_of(year_client, "/people")
    assert isinstance(page, PeoplePage)
    names = [p.name for p in page.people]
    assert names == sorted(names) and "Helena Marchbank" in names
    found = context_of(year_client, "/people?name=MARCH")
    assert [(p.name, p.roles, p.present) for p in found.people] == [
        ("Helena Marchbank", ["Police and Crime Commissioner"], 12)
    ]
    assert found.people[0].first == dt.date(2025, 4, 10)
    assert found.people[0].last == dt.date(2026, 3, 18)
    _same_as_api(year_client, "/people?name=MARCH", found)


def test_a_person_has_names_seen_a_role_timeline_and_attendance(year_client: TestClient) -> None:
    page = context_of(year_client, "/people/marcus-elwood")
    assert isinstance(page, PersonPage)
    assert page.names_seen == ["M. Elwood", "Marcus Elwood"]
    assert [(t.title, t.first.date, t.last.date) for t in page.tenures] == [
        ("Assistant Chief Constable", dt.date(2025, 4, 10), dt.date(2025, 8, 27)),
        ("Temporary Deputy Chief Constable", dt.date(2025, 9, 17), dt.date(2026, 1, 21)),
        ("Deputy Chief Constable", dt.date(2026, 2, 12), dt.date(2026, 3, 18)),
    ]
    assert (page.present, page.apologies) == (11, 0)
    assert [(y.year, y.first) for y in page.years] == [(2025, 8), (2026, 3)]
    newest = page.attendance[0]
    assert (newest.meeting.date, newest.written) == (dt.date(2026, 3, 18), "Marcus Elwood")
    assert ("M. Elwood", dt.date(2026, 2, 12)) in [
        (a.written, a.meeting.date) for a in page.attendance
    ]
    _same_as_api(year_client, "/people/marcus-elwood", page)
    assert year_client.get("/people/nobody-at-all").status_code == 404
    assert year_client.get("/api/people/nobody-at-all").status_code == 404
    html = year_client.get("/people/marcus-elwood").text
    assert "Correct this person" not in html


def test_roles_show_who_held_each_role_when(year_client: TestClient) -> None:
    page = context_of(year_client, "/roles?role=Chief+Constable")
    assert isinstance(page, RolesPage)
    assert [(t.person.label, t.qualifier, t.first.date, t.last.date) for t in page.tenures] == [
        ("Rosalind Threlfall", None, dt.date(2025, 11, 19), dt.date(2026, 3, 18)),
        ("Fiona Cassidy", "temporary", dt.date(2025, 9, 17), dt.date(2025, 10, 16)),
        ("Daniel Ruddock", None, dt.date(2025, 4, 10), dt.date(2025, 8, 27)),
    ]
    chief = next(r for r in page.roles if r.role == "Chief Constable")
    assert chief.tenures == 3 and chief.latest is not None
    assert chief.latest.person.url == "/people/rosalind-threlfall"
    _same_as_api(year_client, "/roles?role=Chief+Constable", page)
    everything = context_of(year_client, "/roles")
    assert everything.role is None and everything.tenures == []
    assert year_client.get("/roles?role=Grand+Vizier").status_code == 404


def test_topics_count_meetings_and_show_their_timeline(year_client: TestClient) -> None:
    page = context_of(year_client, "/topics")
    assert isinstance(page, TopicsPage)
    vawg = next(t for t in page.topics if t.key == "vawg")
    assert (vawg.label, vawg.meetings, vawg.hits) == ("Violence against women and girls", 3, 6)
    assert "stalking" in vawg.words
    counts = [t.meetings for t in page.topics]
    assert counts == sorted(counts, reverse=True)
    _same_as_api(year_client, "/topics", page)

    topic = context_of(year_client, "/topics/vawg?as_of=2026-04-15")
    assert isinstance(topic, TopicPage)
    assert [m.meeting.date for m in topic.meetings] == [
        dt.date(2025, 10, 16),
        dt.date(2025, 6, 26),
        dt.date(2025, 4, 10),
    ]
    april = topic.meetings[-1]
    assert any("VAWG delivery plan" in p.text for p in april.passages)
    assert all(
        any(word.rstrip("*") in p.text.lower() for word in p.words)
        for m in topic.meetings
        for p in m.passages
    )
    assert {w.word: w.count for w in topic.words_seen}["stalking"] == 3
    assert [(y.year, y.first, y.second) for y in topic.years] == [(2025, 3, 6)]
    assert topic.open_url == "/actions?kind=&status=outstanding&topic=vawg"
    assert all(i.status in ("open", "updated", "overdue") for i in topic.open_items)
    _same_as_api(year_client, "/topics/vawg?as_of=2026-04-15", topic)
    assert year_client.get("/topics/no_such_topic").status_code == 404


def test_figures_are_charted_with_their_target_and_a_table(year_client: TestClient) -> None:
    page = context_of(year_client, "/figures")
    assert isinstance(page, FiguresPage)
    calls = next(s for s in page.series if "101 calls were answered within 30 seconds" in s.measure)
    points = [(p.date, p.number) for p in calls.points]
    for expected in [
        (dt.date(2025, 4, 10), 68.4),
        (dt.date(2025, 7, 17), 71.9),
        (dt.date(2025, 10, 16), 69.8),
        (dt.date(2026, 2, 12), 72.6),
    ]:
        assert expected in points
    assert (calls.unit, calls.target, calls.target_number) == ("%", "75%", 75.0)
    _same_as_api(year_client, "/figures", page)
    one = context_of(year_client, f"/figures?series={calls.key}")
    assert [s.key for s in one.series] == [calls.key]
    assert year_client.get("/figures?series=no-such-series").status_code == 404

    html = year_client.get("/figures").text
    first_chart = html[html.index("<svg") : html.index("</svg>")]
    assert (
        'role="img"' in first_chart and "<title id=" in first_chart and "<desc id=" in first_chart
    )
    assert '<line class="target"' in first_chart and "<polyline" in first_chart
    assert "<script" not in html.replace('<script src="/static/copy.js" defer></script>', "")
    table = html[html.index("<table", html.index("</svg>")) :]
    assert "<caption" in table[:200]


def test_the_chart_describes_itself(year_client: TestClient) -> None:
    html = year_client.get("/figures").text
    described = re.findall(r"<desc id=\"chart-\d+-desc\">([^<]+)</desc>", html)
    assert described
    assert any("68.4" in d and "target 75%" in d for d in described)


def test_the_dashboard_shows_promises_falling_due_and_topics_rising(
    year_client: TestClient,
) -> None:
    page = context_of(year_client, "/?as_of=2026-03-31")
    assert isinstance(page, DashboardPage)
    # Promises still to be kept on 31 March 2026, soonest first: the response policing model
    # (by 31 March 2026), the support services review and the 101 target (by 30 June 2026).
    assert [p.due_date for p in page.promises_falling_due] == [
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 6, 30),
    ]
    assert page.promises_due_count == 3
    assert all(p.kind == "promise" for p in page.promises_falling_due)
    assert all(a.status == "overdue" for a in page.overdue)
    assert page.overdue_count == len(page.overdue) <= 10
    rising = {r.topic.key: (r.before, r.lately) for r in page.topics_rising}
    assert rising and all(lately > before for before, lately in rising.values())
    assert len(page.topics_rising) <= 10
    api = year_client.get("/api/dashboard", params={"as_of": "2026-03-31"}).json()
    assert api == json.loads(page.model_dump_json())
