"""The JSON API: its OpenAPI description names schemas by role, and schemathesis, sending
whatever the description allows, never gets a server error."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from .conftest import Ingest, MakeClient
from .minutes import HOSTILE, LATER, QUIET


@pytest.fixture
def api_schema(make_client: MakeClient, ingest: Ingest) -> Any:
    """Load the API description from the app itself, over a store holding some meetings."""
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    ingest("hostile.txt", HOSTILE)
    app = make_client().app
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_api_never_answers_with_a_server_error(api_schema: Any) -> None:
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()

        # The examples database would be written in the working directory; keep none.
        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (
                case.method,
                case.formatted_path,
                response.text[:500],
            )

        call()
        checked += 1
    assert checked >= 10


def test_schemas_are_named_by_role(make_client: MakeClient) -> None:
    described = make_client().get("/api/openapi.json").json()
    names = set(described["components"]["schemas"])
    assert {
        "MeetingPublic",
        "MeetingSummaryPublic",
        "ActionPublic",
        "TrackedItemRowPublic",
        "TrackedItemPublic",
        "EventPublic",
        "ItemHistoryPage",
        "PromiseTrackerPage",
        "HmicfrsRegisterPage",
        "PeoplePage",
        "PersonPage",
        "RolesPage",
        "TopicsPage",
        "TopicPage",
        "FiguresPage",
        "DecisionPublic",
        "FigurePublic",
        "PromisePublic",
        "MeetingPage",
        "MeetingListPage",
        "ActionTrackerPage",
        "SearchPage",
        "DashboardPage",
        "AuditPage",
        "UploadResultPage",
        "SessionPublic",
    } <= names
    paths = set(described["paths"])
    assert {
        "/api/meetings",
        "/api/meetings/{meeting_id}",
        "/api/actions",
        "/api/actions/{key}",
        "/api/promises",
        "/api/hmicfrs",
        "/api/people",
        "/api/people/{key}",
        "/api/roles",
        "/api/topics",
        "/api/topics/{key}",
        "/api/figures",
        "/api/search",
    } <= paths
    assert not any(path in paths for path in ("/", "/meetings", "/search"))


def test_every_page_has_a_json_twin(make_client: MakeClient) -> None:
    client = make_client()
    pairs = [
        ("/", "/api/dashboard"),
        ("/meetings", "/api/meetings"),
        ("/actions", "/api/actions"),
        ("/promises", "/api/promises"),
        ("/hmicfrs", "/api/hmicfrs"),
        ("/people", "/api/people"),
        ("/roles", "/api/roles"),
        ("/topics", "/api/topics"),
        ("/figures", "/api/figures"),
    ]
    for page, api in pairs:
        html = client.get(page)
        assert html.context["page"].model_dump(mode="json") == client.get(api).json()
