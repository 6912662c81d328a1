"""Editors correct the record across meetings from an item's or a person's page: the
correction is stored, the record rebuilt, the change audited, and the page shown again.
The public and forms without the session's token are refused; a correction's note is
staff business, shown to the public only as the office's record.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from oversight.services import Database, audit_log
from oversight.services.accounts import Role
from oversight.services.audit import AuditEntry
from oversight.web.tracking_pages import ItemHistoryPage, PersonPage

from .conftest import (
    MakeClient,
    TestClient,
    add_staff,
    form_token,
    ingest_year,
    sign_in,
    token,
)

ITEM = "20250521-A05"
NOTE = "Confirmed by email from the ACC's office"


@pytest.fixture
def site(make_client: MakeClient, database: Database) -> tuple[TestClient, TestClient]:
    """Return the public's client and an editor's, on the fictional year."""
    ingest_year(database)
    add_staff(database, "erin", Role.EDITOR)
    editor = make_client()
    sign_in(editor, "erin")
    return make_client(), editor


def _corrections(database: Database) -> list[AuditEntry]:
    """Return the audit log's corrections, newest first."""
    with database.session() as session:
        entries = audit_log(session=session).entries
    return [e for e in entries if e.action.startswith("correction.")]


def _form(editor: TestClient, url: str) -> str:
    html = editor.get(url).text
    return form_token(html[html.index('id="correct"') :])


def test_the_item_page_offers_editors_a_labelled_correction_form(
    site: tuple[TestClient, TestClient],
) -> None:
    _, editor = site
    html = editor.get(f"/actions/{ITEM}").text
    form = html[html.index('id="correct"') :]
    assert '<label class="label label-bold" for="operation">Correction</label>' in form
    assert '<select class="select" id="operation" name="operation"' in form
    operations = re.findall(r'<option value="([a-z_]+)">', form)
    assert {"confirm", "close", "reopen", "drop", "set_due", "reassign"} <= set(operations)
    assert 'name="value"' in form and '<textarea class="textarea" id="note" name="note"' in form
    assert 'name="csrf_token"' in form
    assert '<button type="submit" class="button">Save correction</button>' in form
    assert f'action="/actions/{ITEM}/corrections"' in form


def test_closing_an_item_stores_rebuilds_audits_and_shows_it_again(
    site: tuple[TestClient, TestClient], database: Database
) -> None:
    public, editor = site
    response = editor.post(
        f"/actions/{ITEM}/corrections",
        data={
            "operation": "close",
            "value": "2025-10-20",
            "note": NOTE,
            "csrf_token": _form(editor, f"/actions/{ITEM}"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/actions/{ITEM}"
    page = editor.get(f"/actions/{ITEM}?as_of=2026-04-15").context["page"]
    assert isinstance(page, ItemHistoryPage)
    assert page.item.status == "closed"
    closing = page.events[-1]
    assert (closing.effect, closing.date, closing.text) == ("closed", dt.date(2025, 10, 20), NOTE)
    assert closing.correction and closing.method == "correction"
    (entry,) = _corrections(database)
    assert (entry.actor, entry.action, entry.target) == (
        "erin",
        "correction.item.close",
        f"item {ITEM}",
    )
    assert json.loads(entry.before or "{}")["status"] == "overdue"
    after = json.loads(entry.after or "{}")
    assert (after["status"], after["note"], after["value"]) == ("closed", NOTE, "2025-10-20")
    # The public sees that the office closed it, not the note or who wrote it.
    seen = public.get(f"/api/actions/{ITEM}", params={"as_of": "2026-04-15"}).json()
    assert seen["item"]["status"] == "closed"
    assert seen["events"][-1]["text"] == "Recorded by the office."
    assert seen["events"][-1]["key"] is None
    assert NOTE not in public.get(f"/actions/{ITEM}").text


def test_setting_the_due_date_and_reassigning_through_the_api(
    site: tuple[TestClient, TestClient],
) -> None:
    _, editor = site
    headers = {"X-CSRF-Token": token(editor)}
    done = editor.post(
        f"/api/actions/{ITEM}/corrections",
        json={"operation": "set_due", "value": "2026-06-30"},
        headers=headers,
    )
    assert done.status_code == 200 and done.json() == {"key": ITEM, "url": f"/actions/{ITEM}"}
    editor.post(
        f"/api/actions/{ITEM}/corrections",
        json={"operation": "reassign", "value": "LS, GT", "note": "Joint work"},
        headers=headers,
    )
    item = editor.get(f"/api/actions/{ITEM}", params={"as_of": "2026-04-15"}).json()["item"]
    assert (item["due_date"], item["owners"], item["status"]) == (
        "2026-06-30",
        ["LS", "GT"],
        "updated",
    )


def test_unlinking_an_update_takes_it_out_of_the_history(
    site: tuple[TestClient, TestClient],
) -> None:
    _, editor = site
    events = editor.get(f"/api/actions/{ITEM}").json()["events"]
    update = events[1]["key"]
    assert update == "20250917-U05"
    response = editor.post(
        f"/actions/{ITEM}/corrections",
        data={
            "operation": "unlink",
            "value": update,
            "csrf_token": _form(editor, f"/actions/{ITEM}"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert [e["effect"] for e in editor.get(f"/api/actions/{ITEM}").json()["events"]] == ["raised"]


def test_a_correction_that_cannot_be_made_says_why_and_changes_nothing(
    site: tuple[TestClient, TestClient], database: Database
) -> None:
    _, editor = site
    for operation, value, reason in [
        ("set_due", "next Tuesday", "is not a date written YYYY-MM-DD"),
        ("merge", ITEM, "cannot be merged into itself"),
        ("unlink", "20250101-U99", "is not the key of an update in this history"),
        ("rename", "x", "unknown correction"),
        ("", "", "choose a correction"),
    ]:
        response = editor.post(
            f"/actions/{ITEM}/corrections",
            data={
                "operation": operation,
                "value": value,
                "csrf_token": _form(editor, f"/actions/{ITEM}"),
            },
        )
        assert response.status_code == 400, operation
        page = response.context["page"]
        assert reason in (page.error or ""), (operation, page.error)
        assert 'role="alert"' in response.text and 'id="operation-error"' in response.text
    api = editor.post(
        f"/api/actions/{ITEM}/corrections",
        json={"operation": "close", "value": "soon"},
        headers={"X-CSRF-Token": token(editor)},
    )
    assert api.status_code == 400
    assert _corrections(database) == []


def test_the_public_and_stale_forms_cannot_correct(
    site: tuple[TestClient, TestClient], database: Database
) -> None:
    public, editor = site
    refused = public.post(
        f"/actions/{ITEM}/corrections",
        data={"operation": "close", "csrf_token": token(public)},
        follow_redirects=False,
    )
    assert refused.status_code == 303 and refused.headers["location"].startswith("/sign-in")
    assert (
        public.post(
            f"/api/actions/{ITEM}/corrections",
            json={"operation": "close"},
            headers={"X-CSRF-Token": token(public)},
        ).status_code
        == 401
    )
    assert (
        public.post(
            "/api/people/marcus-elwood/corrections",
            json={"operation": "split", "value": "M. Elwood"},
            headers={"X-CSRF-Token": token(public)},
        ).status_code
        == 401
    )
    stale = editor.post(
        f"/actions/{ITEM}/corrections", data={"operation": "close", "csrf_token": "forged"}
    )
    assert stale.status_code == 403
    no_header = editor.post(f"/api/actions/{ITEM}/corrections", json={"operation": "close"})
    assert no_header.status_code == 403
    assert _corrections(database) == []
    assert (
        public.get(f"/api/actions/{ITEM}", params={"as_of": "2026-04-15"}).json()["item"]["status"]
        == "overdue"
    )


def test_editors_split_a_name_off_a_person_and_merge_it_back(
    site: tuple[TestClient, TestClient], database: Database
) -> None:
    _, editor = site
    html = editor.get("/people/marcus-elwood").text
    assert "Correct this person" in html and "Save correction" in html
    response = editor.post(
        "/people/marcus-elwood/corrections",
        data={
            "operation": "split",
            "value": "M. Elwood",
            "note": "Another officer",
            "csrf_token": _form(editor, "/people/marcus-elwood"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/people/marcus-elwood"
    kept = editor.get("/people/marcus-elwood").context["page"]
    assert isinstance(kept, PersonPage) and kept.names_seen == ["Marcus Elwood"]
    split = editor.get("/api/people/m-elwood").json()
    assert split["names_seen"] == ["M. Elwood"] and split["present"] == 1
    merged = editor.post(
        "/api/people/m-elwood/corrections",
        json={"operation": "merge", "value": "marcus-elwood"},
        headers={"X-CSRF-Token": token(editor)},
    )
    assert merged.json() == {"key": "marcus-elwood", "url": "/people/marcus-elwood"}
    assert editor.get("/api/people/marcus-elwood").json()["present"] == 11
    actions = [e.action for e in _corrections(database)]
    assert actions == ["correction.person.merge", "correction.person.split"]
