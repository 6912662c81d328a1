"""Pages kept until the store changes: never stale, never shared between readers, and built
once when many ask at the same time."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from oversight.services import Database
from oversight.services.publication import set_meeting_state
from oversight.web.response_cache import ResponseCache

from .conftest import Ingest, MakeClient, TestClient, add_staff, form_token, meeting_ids, sign_in
from .minutes import LATER, QUIET


def _cache_of(client: TestClient) -> ResponseCache:
    layer: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_a_kept_page_gives_way_to_what_is_stored_next(client: TestClient, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    first = client.get("/meetings")
    assert "Accountability Board" in first.text
    assert "Performance Meeting" not in first.text
    assert client.get("/meetings").text == first.text
    assert len(_cache_of(client).entries) == 1
    ingest("performance-2024-06.txt", LATER)
    assert "Performance Meeting" in client.get("/meetings").text


def test_staff_pages_carry_each_sessions_own_form_token(
    make_client: MakeClient, database: Database, ingest: Ingest
) -> None:
    ingest("board-2024-03.txt", QUIET)
    (meeting,) = meeting_ids(database)
    add_staff(database, "ed")
    one, two = make_client(), make_client()
    sign_in(one, "ed")
    sign_in(two, "ed")
    pages = [client.get(f"/meetings/{meeting}") for client in (one, two, one, two)]
    tokens = [form_token(page.text) for page in pages]
    assert tokens[0] == tokens[2] and tokens[1] == tokens[3] and tokens[0] != tokens[1]
    # Each token is the one its session accepts: publishing with it works.
    response = two.post(
        f"/meetings/{meeting}/publication",
        data={"state": "draft", "csrf_token": tokens[3]},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert all("oversight-form-token-" not in page.text for page in pages)
    assert all(page.headers["content-length"] == str(len(page.content)) for page in pages)


def test_the_public_never_gets_a_page_kept_for_staff(
    make_client: MakeClient, database: Database, ingest: Ingest
) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    _, hidden = meeting_ids(database)
    with database.session() as session:
        set_meeting_state(session=session, meeting_id=hidden, state="draft", actor="test")
        session.commit()
    add_staff(database, "ed")
    staff, public = make_client(), make_client()
    sign_in(staff, "ed")
    # The same app (and so the same cache) answers both clients.
    public.app = staff.app
    for _ in range(2):
        assert "Performance Meeting" in staff.get("/meetings").text
        assert "Performance Meeting" not in public.get("/meetings").text
        assert "Signed in as" not in public.get("/meetings").text


def test_many_asking_at_once_wait_for_one_build() -> None:
    built = 0

    async def slow_page(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal built
        built += 1
        await asyncio.sleep(0.05)
        body = f"page {built}".encode()
        headers = [(b"content-type", b"text/plain"), (b"content-length", b"6")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    cache = ResponseCache(slow_page, version=lambda: "v1", instant=True)

    async def ask() -> bytes:
        scope: Scope = {"type": "http", "method": "GET", "path": "/meetings", "headers": []}
        sent: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            sent.append(message)

        await cache(scope, receive, send)
        assert sent[0]["status"] == 200
        return b"".join(m.get("body", b"") for m in sent[1:])

    async def crowd() -> list[bytes]:
        return await asyncio.gather(*(ask() for _ in range(20)))

    bodies = asyncio.run(crowd())
    assert built == 1
    assert set(bodies) == {b"page 1"}
