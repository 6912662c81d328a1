"""Keep the pages built for the public, and serve them again until the database changes.

What the public sees depends only on the address asked for, the day, and what is stored:
the same request gives the same bytes until something is committed. So a page built for
a reader who is not signed in is kept, keyed by its address, the host, the day and the
database's version (`store.changes`), and served from memory while that version holds.
Staff are never served from the cache, nor is anything kept that sets a cookie or is not a
plain 200; entries also expire after `ttl` seconds, for a taxonomy file edited in place.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oversight.web.deps import USER_KEY

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


@dataclass(frozen=True, slots=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    stored: float


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

    def _key(self, scope: Scope, version: str) -> tuple[str, ...]:
        headers = dict(scope.get("headers") or [])
        return (
            scope.get("scheme", "http"),
            headers.get(b"host", b"").decode("latin-1"),
            scope["path"],
            (scope.get("query_string") or b"").decode("latin-1"),
            dt.date.today().isoformat(),
            version,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        session = scope.get("session") if scope["type"] == "http" else None
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not cacheable_path(scope["path"])
            or (isinstance(session, dict) and session.get(USER_KEY))
        ):
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
        key = self._key(scope, version)
        entry = self.entries.get(key)
        if entry is not None and time.monotonic() - entry.stored < self.ttl:
            self.entries.move_to_end(key)
            await send(
                {"type": "http.response.start", "status": entry.status, "headers": entry.headers}
            )
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self._build(scope, receive, send, key)

    async def _build(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, ...]
    ) -> None:
        start: Message = {}
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                headers = message.get("headers") or []
                keep = message.get("status") == 200 and not any(
                    name.lower() == b"set-cookie" for name, _ in headers
                )
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                keep = sum(len(c) for c in chunks) <= MAX_BODY_BYTES
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start and key[-1] == self.seen_version:
            body = b"".join(chunks)
            old = self.entries.pop(key, None)
            self.size -= 0 if old is None else len(old.body)
            self.entries[key] = _Entry(
                200, list(start.get("headers") or []), body, time.monotonic()
            )
            self.size += len(body)
            while self.entries and (len(self.entries) > MAX_ENTRIES or self.size > MAX_TOTAL_BYTES):
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped.body)
