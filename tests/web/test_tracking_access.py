"""The public sees the record across meetings as the published meetings make it: nothing
raised, said or seen only at a draft meeting reaches a page, the API, a feed or a search,
and a status a draft would change stays as the published minutes leave it. Staff see all.

The draft is the accountability meeting of 17 December 2025 (examples/year/09-...), the only
meeting that Amara Nwosu (Director of People) attends, that raises the action on
"publishing the outcomes of misconduct hearings" (20251217-A01), and at which the command
and control promise made in May 2025 (20250521-P02, "will go live by 30 November 2025") is
reported kept ("The new command and control system went live on 25th November 2025").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oversight.services import Database, open_database
from oversight.services.publication import set_meeting_state

from .conftest import (
    MakeClient,
    TestClient,
    add_staff,
    ingest_year,
    meeting_id_of,
    settings_for,
    sign_in,
)

DRAFT = "09-accountability-meeting-2025-12.txt"
SECRETS = ("Nwosu", "misconduct hearings", "20251217-A01", "Director of People")
PROMISE = "20250521-P02"


@pytest.fixture
def drafted(database_url: str) -> Iterator[tuple[Database, int]]:
    """Yield a store of the fictional year whose December meeting is a draft, and its id."""
    opened = open_database(database_url)
    try:
        ingest_year(opened)
        hidden = meeting_id_of(opened, DRAFT)
        with opened.session() as session:
            set_meeting_state(session=session, meeting_id=hidden, state="draft", actor="test")
            session.commit()
        yield opened, hidden
    finally:
        opened.close()


@pytest.fixture
def clients(drafted: tuple[Database, int]) -> tuple[TestClient, TestClient]:
    """Return a client of the public and a signed-in editor's client."""
    from fastapi.testclient import TestClient as Client

    from oversight.web import create_app

    database, _ = drafted

    def make() -> TestClient:
        app = create_app(settings_for(database), database=database)
        return Client(app, base_url="https://testserver")

    add_staff(database, "erin")
    staff = make()
    sign_in(staff, "erin")
    return make(), staff


PAGES = [
    "/",
    "/actions",
    "/actions?kind=",
    "/actions?kind=&status=closed",
    "/actions.csv?kind=",
    "/actions.json?kind=",
    "/promises",
    "/hmicfrs",
    "/people",
    "/people?name=a",
    "/roles",
    "/roles?role=Chief+Constable",
    "/topics",
    "/topics/workforce",
    "/topics/standards",
    "/figures",
    "/feeds/calendar.ics",
    "/feeds/meetings.atom",
    "/search?q=misconduct",
    "/feeds/search.atom?q=misconduct",
]
API = [
    "/api/dashboard",
    "/api/actions",
    "/api/actions?kind=",
    "/api/actions?kind=&status=closed",
    "/api/promises",
    "/api/hmicfrs",
    "/api/people",
    "/api/people?name=a",
    "/api/roles",
    "/api/roles?role=Chief+Constable",
    "/api/topics",
    "/api/topics/workforce",
    "/api/topics/standards",
    "/api/figures",
    "/api/search?q=misconduct",
]


def test_nothing_from_a_draft_reaches_the_public(
    clients: tuple[TestClient, TestClient], drafted: tuple[Database, int]
) -> None:
    public, _ = clients
    _, hidden = drafted
    for url in PAGES + API:
        response = public.get(url)
        assert response.status_code == 200, url
        for secret in SECRETS:
            assert secret not in response.text, (url, secret)
        assert f"/meetings/{hidden}" not in response.text, url
    assert public.get("/api/search", params={"q": "Nwosu"}).json()["results"] == []
    for url in (
        "/actions/20251217-A01",
        "/api/actions/20251217-A01",
        "/people/amara-nwosu",
        "/api/people/amara-nwosu",
        "/roles?role=Director+of+People",
    ):
        assert public.get(url).status_code == 404, url


def test_a_draft_does_not_change_what_the_public_is_told(
    clients: tuple[TestClient, TestClient],
) -> None:
    public, staff = clients
    seen = public.get(f"/api/promises/{PROMISE}", params={"as_of": "2026-04-15"}).json()
    assert seen["item"]["status"] == "overdue"
    assert "2025-12-17" not in [e["date"] for e in seen["events"]]
    told = staff.get(f"/api/promises/{PROMISE}", params={"as_of": "2026-04-15"}).json()
    assert told["item"]["status"] == "closed"
    assert "2025-12-17" in [e["date"] for e in told["events"]]
    listed = public.get("/api/promises", params={"as_of": "2026-04-15"}).json()["items"]
    assert next(i for i in listed if i["key"] == PROMISE)["status"] == "overdue"
    chosen = public.get(
        "/api/actions", params={"kind": "promise", "status": "closed", "as_of": "2026-04-15"}
    ).json()
    assert PROMISE not in [i["key"] for i in chosen["items"]]
    # The December meeting's referral figure is not among the points the public sees.
    series = public.get("/api/figures").json()["series"]
    assert "2025-12-17" not in [p["date"] for s in series for p in s["points"]]


def test_staff_see_what_drafts_say(
    clients: tuple[TestClient, TestClient], drafted: tuple[Database, int]
) -> None:
    _, staff = clients
    _, hidden = drafted
    assert staff.get("/api/actions/20251217-A01").status_code == 200
    person = staff.get("/api/people/amara-nwosu").json()
    assert person["roles"] == ["Director of People"]
    roles = staff.get("/api/roles").json()["roles"]
    assert "Director of People" in [r["role"] for r in roles]
    tracker = staff.get("/api/actions", params={"meeting": hidden}).json()
    assert [i["key"] for i in tracker["items"]] == ["20251217-A01"]


def test_the_public_pages_follow_publication_at_once(
    make_client: MakeClient, database: Database
) -> None:
    ingest_year(database)
    public = make_client()
    assert public.get("/api/actions/20251217-A01").status_code == 200
    before = public.get("/api/people").json()["paging"]["total"]
    hidden = meeting_id_of(database, DRAFT)
    with database.session() as session:
        set_meeting_state(session=session, meeting_id=hidden, state="draft", actor="test")
        session.commit()
    assert public.get("/api/actions/20251217-A01").status_code == 404
    assert public.get("/api/people").json()["paging"]["total"] == before - 1
    with database.session() as session:
        set_meeting_state(session=session, meeting_id=hidden, state="published", actor="test")
        session.commit()
    assert public.get("/api/actions/20251217-A01").status_code == 200
