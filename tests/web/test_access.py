"""Who sees what: the public sees published meetings only, read-only, through every page,
API route, feed and search snippet; editors publish; admins alone read the audit log."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from oversight.services import Database, ingest_paths
from oversight.services.accounts import Role
from oversight.services.publication import PublicationState, meeting_state, set_meeting_state

from .conftest import Ingest, MakeClient, TestClient, add_staff, meeting_ids, sign_in, token
from .minutes import LATER, QUIET

SECRET_WORD = "bypass"  # appears only in LATER, the draft, beside "Marrow"


@pytest.fixture
def draft(ingest: Ingest, database: Database) -> tuple[int, int]:
    """Store QUIET (published) and LATER, then make LATER a draft; return their ids."""
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    published, hidden = meeting_ids(database)
    with database.session() as session:
        set_meeting_state(session=session, meeting_id=hidden, state="draft", actor="test")
        session.commit()
    return published, hidden


def test_public_cannot_see_a_draft_anywhere(client: TestClient, draft: tuple[int, int]) -> None:
    published, hidden = draft
    assert client.get(f"/meetings/{hidden}").status_code == 404
    assert client.get(f"/api/meetings/{hidden}").status_code == 404
    assert client.get(f"/meetings/{hidden}/actions/1").status_code == 404
    assert client.get(f"/api/meetings/{hidden}/actions/1").status_code == 404
    assert client.get(f"/meetings/{published}").status_code == 200
    for url in [
        "/",
        "/meetings",
        "/actions",
        "/actions.csv",
        "/actions.json",
        "/api/dashboard",
        "/api/meetings",
        "/api/actions",
        "/search?q=Marrow",
        "/api/search?q=Marrow",
        "/search?q=Ashgrove",
        "/feeds/meetings.atom",
        "/feeds/search.atom?q=Marrow",
        "/feeds/search.atom?q=Ashgrove",
        "/feeds/calendar.ics",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_WORD not in response.text, url
        assert f"/meetings/{hidden}" not in response.text, url
    assert client.get("/api/search", params={"q": "Marrow"}).json()["results"] == []


def test_staff_see_drafts_marked_as_such(
    make_client: MakeClient, database: Database, draft: tuple[int, int]
) -> None:
    _, hidden = draft
    add_staff(database, "erin")
    staff = make_client()
    sign_in(staff, "erin")
    page = staff.get(f"/meetings/{hidden}")
    assert page.status_code == 200
    assert page.context["page"].meeting.state == "draft"
    assert '<strong class="tag tag-draft">draft</strong>' in page.text
    results = staff.get("/api/search", params={"q": "Marrow"}).json()["results"]
    assert results and results[0]["meeting"]["id"] == hidden


def test_public_cannot_publish_upload_or_read_the_audit_log(
    client: TestClient, draft: tuple[int, int]
) -> None:
    _, hidden = draft
    csrf = token(client)
    assert client.get("/audit", follow_redirects=False).status_code == 303
    assert client.get("/api/audit").status_code == 401
    assert (
        client.get("/upload", follow_redirects=False).headers["location"] == "/sign-in?next=/upload"
    )
    response = client.post(
        f"/api/meetings/{hidden}/publication",
        json={"state": "published"},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 401
    form = client.post(
        f"/meetings/{hidden}/publication",
        data={"state": "published", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert form.status_code == 303 and form.headers["location"].startswith("/sign-in")
    upload = client.post(
        "/api/uploads", files={"files": ("x.txt", b"x")}, headers={"X-CSRF-Token": csrf}
    )
    assert upload.status_code == 401
    assert client.get(f"/meetings/{hidden}").status_code == 404


def test_editor_publishes_and_the_change_is_audited(
    make_client: MakeClient, database: Database, draft: tuple[int, int]
) -> None:
    _, hidden = draft
    add_staff(database, "erin")
    add_staff(database, "ada", Role.ADMIN)
    editor = make_client()
    sign_in(editor, "erin")
    page = editor.get(f"/meetings/{hidden}").text
    assert "Publish this meeting" in page
    response = editor.post(
        f"/meetings/{hidden}/publication",
        data={"state": "published", "csrf_token": token(editor)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert make_client().get(f"/meetings/{hidden}").status_code == 200
    assert editor.get("/audit").status_code == 403
    assert editor.get("/api/audit").status_code == 403

    admin = make_client()
    sign_in(admin, "ada")
    log = admin.get("/api/audit").json()
    change = log["entries"][0]
    assert change["actor"] == "erin" and change["action"] == "meeting.publication"
    assert json.loads(change["before"]) == {"state": "draft"}
    assert json.loads(change["after"]) == {"state": "published"}
    assert {e["action"] for e in log["entries"]} >= {"account.add", "meeting.publication"}
    html = admin.get("/audit")
    assert html.status_code == 200 and "meeting.publication" in html.text


def test_publication_survives_reingesting_the_same_file(
    database: Database, tmp_path: Path, draft: tuple[int, int]
) -> None:
    path = tmp_path / "minutes" / "performance-2024-06.txt"
    path.write_text(LATER.replace("speed awareness", "speed and awareness"), encoding="utf-8")
    report = ingest_paths(engine=database.engine, paths=[path])
    assert report.replaced == 1
    new_id = meeting_ids(database)[-1]
    with database.session() as session:
        assert meeting_state(session=session, meeting_id=new_id) is PublicationState.DRAFT


def test_uploads_start_as_drafts_and_keep_their_state_when_uploaded_again(
    make_client: MakeClient, database: Database
) -> None:
    add_staff(database, "erin")
    editor = make_client()
    sign_in(editor, "erin")
    csrf = token(editor)
    first = editor.post(
        "/api/uploads",
        files={"files": ("later.txt", LATER.encode())},
        headers={"X-CSRF-Token": csrf},
    ).json()["outcomes"]
    assert [(o["result"], o["state"]) for o in first] == [("stored", "draft")]
    (meeting_id,) = meeting_ids(database)
    public = make_client()
    assert public.get(f"/meetings/{meeting_id}").status_code == 404
    editor.post(
        f"/api/meetings/{meeting_id}/publication",
        json={"state": "published"},
        headers={"X-CSRF-Token": csrf},
    )
    changed = LATER.replace("speed awareness", "speed and awareness").encode()
    again = editor.post(
        "/api/uploads", files={"files": ("later.txt", changed)}, headers={"X-CSRF-Token": csrf}
    ).json()["outcomes"]
    assert [(o["result"], o["state"]) for o in again] == [("replaced", "published")]
    (new_id,) = meeting_ids(database)
    assert public.get(f"/meetings/{new_id}").status_code == 200


def test_zip_members_uploaded_are_drafts_too(make_client: MakeClient, database: Database) -> None:
    add_staff(database, "erin")
    editor = make_client()
    sign_in(editor, "erin")
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("year/board.txt", QUIET)
        z.writestr("year/performance.txt", LATER)
    response = editor.post(
        "/api/uploads",
        files={"files": ("year.zip", archive.getvalue())},
        headers={"X-CSRF-Token": token(editor)},
    )
    outcomes = response.json()["outcomes"]
    assert sorted(o["file"] for o in outcomes) == [
        "year.zip/year/board.txt",
        "year.zip/year/performance.txt",
    ]
    assert {o["state"] for o in outcomes} == {"draft"}
    assert make_client().get("/api/meetings").json()["paging"]["total"] == 0
