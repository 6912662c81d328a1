"""Pages kept until the store changes: never stale, never shared between readers, and built
once when many ask at the same time."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from oversight.services import Database
from oversight.services.publication import set_meeting_state
from oversight.web import create_app
from oversight.web.response_cache import ResponseCache

from .conftest import (
    BASE_URL,
    Ingest,
    TestClient,
    add_staff,
    form_token,
    meeting_ids,
    run_in_own_loop,
    settings_for,
    sign_in,
)
from .minutes import LATER, QUIET


def _clients(database: Database, count: int) -> list[TestClient]:
    """Return clients with cookies of their own on one app, and so on one cache."""
    app = create_app(settings_for(database), database=database)
    return [TestClient(app, base_url=BASE_URL) for _ in range(count)]


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


def test_staff_pages_carry_each_sessions_own_form_token(database: Database, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    (meeting,) = meeting_ids(database)
    add_staff(database, "ed")
    one, two = _clients(database, 2)
    sign_in(one, "ed")
    sign_in(two, "ed")
    pages = [client.get(f"/meetings/{meeting}") for client in (one, two, one, two)]
    # One page kept for the account, served to both of its sessions.
    assert [key[2] for key in _cache_of(one).entries] == [f"/meetings/{meeting}"]
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


def test_the_public_never_gets_a_page_kept_for_staff(database: Database, ingest: Ingest) -> None:
    ingest("board-2024-03.txt", QUIET)
    ingest("performance-2024-06.txt", LATER)
    _, hidden = meeting_ids(database)
    with database.session() as session:
        set_meeting_state(session=session, meeting_id=hidden, state="draft", actor="test")
        session.commit()
    add_staff(database, "ed")
    staff, public = _clients(database, 2)
    sign_in(staff, "ed")
    for _ in range(2):
        assert "Performance Meeting" in staff.get("/meetings").text
        assert "Performance Meeting" not in public.get("/meetings").text
        assert "Signed in as" not in public.get("/meetings").text
    assert len(_cache_of(staff).entries) == 2


async def _ask(cache: ResponseCache, path: str = "/meetings") -> tuple[int, bytes]:
    scope: Scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    await cache(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def _page(status: int, body: bytes) -> list[Message]:
    headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
    return [
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body},
    ]


def test_answers_other_than_200_and_builds_across_a_change_are_not_kept() -> None:
    version, built = ["v1"], 0

    async def page(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal built
        built += 1
        if scope["path"] == "/meetings/404":
            status = 404
        else:
            status = 200
            if built == 3:
                version[0] = "v2"  # something is committed while this page is built
        for message in _page(status, f"{status} {built}".encode()):
            await send(message)

    cache = ResponseCache(page, version=lambda: version[0], instant=True)

    async def run() -> list[tuple[int, bytes]]:
        return [
            await _ask(cache, "/meetings/404"),
            await _ask(cache, "/meetings/404"),
            await _ask(cache),
            await _ask(cache),
            await _ask(cache),
        ]

    answers = run_in_own_loop(run())
    assert answers[:2] == [(404, b"404 1"), (404, b"404 2")]
    # Built at "v1" while "v2" was committed: not kept; the next build is.
    assert answers[2:] == [(200, b"200 3"), (200, b"200 4"), (200, b"200 4")]


def test_many_asking_at_once_wait_for_one_build() -> None:
    built = 0

    async def slow_page(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal built
        built += 1
        await asyncio.sleep(0.05)
        for message in _page(200, f"page {built}".encode()):
            await send(message)

    cache = ResponseCache(slow_page, version=lambda: "v1", instant=True)

    async def crowd() -> list[tuple[int, bytes]]:
        return await asyncio.gather(*(_ask(cache) for _ in range(20)))

    answers = run_in_own_loop(crowd())
    assert built == 1
    assert set(answers) == {(200, b"page 1")}
