"""Keep the pages the site has built, and serve them again until the database changes.

A page depends only on the address asked for, the day, what is stored, and who asks: the
same request gives the same bytes until something is committed. So a GET page is kept,
keyed by its address, the host, the day, the database's version (`store.changes`) and the
account signed in (none for the public), and served from memory while that version holds.
A staff page carries its session's form token; it is kept with a placeholder in the
token's place and given the asking session's own token when served. Nothing is kept that
sets a cookie, changes the session or is not a plain 200. When many ask at once for a page
that is being built, they wait for that one build instead of each making their own.
Entries also expire after `ttl` seconds, for a taxonomy file edited in place.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oversight.web.deps import USER_KEY
from oversight.web.security import CSRF_KEY

# Paths whose GET answers depend only on the address, the day and the store.
CACHED_PREFIXES = (
    "/meetings",
    "/actions",
    "/promises",
    "/hmicfrs",
    "/people",
    "/roles",
    "/topics",
    "/figures",
    "/search",
    "/feeds/",
    "/api/dashboard",
    "/api/meetings",
    "/api/actions",
    "/api/promises",
    "/api/hmicfrs",
    "/api/people",
    "/api/roles",
    "/api/topics",
    "/api/figures",
    "/api/search",
)
MAX_ENTRIES = 1000
MAX_BODY_BYTES = 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
TTL_SECONDS = 300.0
# How long a request waits for another's build of the same page before building its own.
WAIT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class _Entry:
    headers: list[tuple[bytes, bytes]]  # without the length, which serving adds
    body: bytes
    stored: float


@dataclass(frozen=True, slots=True)
class _Asker:
    """Who asks: the account signed in ("" for the public) and their session's form token."""

    account: str
    token: str


def _asker(scope: Scope) -> _Asker | None:
    """Say who asks, or None when their pages cannot be kept (a session without a token)."""
    session = scope.get("session")
    if not isinstance(session, dict) or not session.get(USER_KEY):
        return _Asker("", "")
    account, token = session.get(USER_KEY), session.get(CSRF_KEY)
    if isinstance(account, str) and isinstance(token, str) and token:
        return _Asker(account, token)
    return None


def cacheable_path(path: str) -> bool:
    """Say whether a path is one whose public GET answers are kept."""
    return path == "/" or path.startswith(CACHED_PREFIXES)


class ResponseCache:
    """ASGI middleware, inside the session middleware, keeping the public's pages."""

    def __init__(
        self,
        app: ASGIApp,
        version: Callable[[], str | None],
        instant: bool = False,
        ttl: float = TTL_SECONDS,
    ) -> None:
        self.app = app
        self.version = version
        # A version that costs microseconds is asked on the event loop, not in a thread.
        self.instant = instant
        self.ttl = ttl
        self.entries: OrderedDict[tuple[str, ...], _Entry] = OrderedDict()
        self.size = 0
        self.seen_version: str | None = None
        self.building: dict[tuple[str, ...], asyncio.Event] = {}
        # Stands for a staff session's token in a kept page; no document can guess it.
        self.placeholder = f"oversight-form-token-{secrets.token_hex(16)}".encode()

    def _key(self, scope: Scope, version: str, account: str) -> tuple[str, ...]:
        headers = dict(scope.get("headers") or [])
        return (
            scope.get("scheme", "http"),
            headers.get(b"host", b"").decode("latin-1"),
            scope["path"],
            (scope.get("query_string") or b"").decode("latin-1"),
            dt.date.today().isoformat(),
            account,
            version,
        )

    def _fresh(self, key: tuple[str, ...]) -> _Entry | None:
        entry = self.entries.get(key)
        if entry is None or time.monotonic() - entry.stored >= self.ttl:
            return None
        self.entries.move_to_end(key)
        return entry

    async def _serve(self, entry: _Entry, asker: _Asker, send: Send) -> None:
        body = entry.body
        if asker.account:
            body = body.replace(self.placeholder, asker.token.encode())
        headers = [*entry.headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asker = _asker(scope) if scope["type"] == "http" else None
        if asker is None or scope["method"] != "GET" or not cacheable_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.instant:
            version = self.version()
        else:
            version = await anyio.to_thread.run_sync(self.version)
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self.seen_version:
            # Everything kept was built from an older database: let it all go at once.
            self.entries.clear()
            self.size, self.seen_version = 0, version
        key = self._key(scope, version, asker.account)
        entry = self._fresh(key)
        if entry is None and key in self.building:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.building[key].wait(), WAIT_SECONDS)
            entry = self._fresh(key)
        if entry is not None:
            await self._serve(entry, asker, send)
            return
        done = self.building.setdefault(key, asyncio.Event())
        try:
            await self._build(scope, receive, send, key, asker)
        finally:
            if self.building.get(key) is done:
                del self.building[key]
            done.set()

    async def _build(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, ...], asker: _Asker
    ) -> None:
        session = scope.get("session")
        before = dict(session) if isinstance(session, dict) else None
        start: Message = {}
        chunks: list[bytes] = []
        keep, size = True, 0

        async def capture(message: Message) -> None:
            nonlocal start, keep, size
            if message["type"] == "http.response.start":
                start = message
                headers = message.get("headers") or []
                keep = message.get("status") == 200 and not any(
                    name.lower() == b"set-cookie" for name, _ in headers
                )
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                keep = size <= MAX_BODY_BYTES
            await send(message)

        await self.app(scope, receive, capture)
        unchanged = before is None or scope.get("session") == before
        if keep and unchanged and start and key[-1] == self.seen_version:
            body = b"".join(chunks)
            if asker.account:
                body = body.replace(asker.token.encode(), self.placeholder)
            headers = [
                (name, value)
                for name, value in start.get("headers") or []
                if name.lower() != b"content-length"
            ]
            old = self.entries.pop(key, None)
            self.size -= 0 if old is None else len(old.body)
            self.entries[key] = _Entry(headers, body, time.monotonic())
            self.size += len(body)
            while self.entries and (len(self.entries) > MAX_ENTRIES or self.size > MAX_TOTAL_BYTES):
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped.body)
