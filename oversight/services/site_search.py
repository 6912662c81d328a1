"""Search as the website offers it: published passages only for the public, filtered by the
meeting's date and kind, sorted by relevance or date, a page at a time.

At most `MAX_SEARCH_RESULTS` passages are considered, best first, before sorting by date
and paging, so that a broad query costs the same as a narrow one; snippets are made for the
page shown only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight import store
from oversight.services.browse import meeting_kind
from oversight.services.errors import InvalidFilterError
from oversight.store import SearchHit
from oversight.store.search import SearchScope, add_snippets

MAX_SEARCH_RESULTS = 200
SEARCH_SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True, slots=True)
class FoundPassage:
    """A search hit with the kind of meeting it belongs to (None without a meeting)."""

    hit: SearchHit
    kind: str | None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of results, how many there are, and whether the cap cut the list short."""

    passages: list[FoundPassage]
    total: int
    capped: bool


def search_records(
    *,
    session: Session,
    query: str,
    drafts: bool,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """Search the passages the viewer may see; raise SearchQueryError for a bad query."""
    if sort not in SEARCH_SORTS:
        raise InvalidFilterError(f"unknown sort {sort!r}: use {', '.join(SEARCH_SORTS)}")
    scope = SearchScope(drafts=drafts, date_from=date_from, date_to=date_to)
    hits = store.search(
        session=session, query=query, limit=MAX_SEARCH_RESULTS, scope=scope, snippets=False
    )
    found = [
        FoundPassage(hit, None if hit.meeting_id is None else meeting_kind(hit.title))
        for hit in hits
    ]
    if kind:
        found = [f for f in found if f.kind == kind]
    if sort != "relevance":
        sign = -1 if sort == "newest" else 1
        found.sort(key=lambda f: (sign * (f.hit.date or dt.date.min).toordinal(), -f.hit.score))
    start = (max(page, 1) - 1) * per_page
    shown = found[start : start + per_page]
    with_snippets = add_snippets(session=session, query=query, hits=[f.hit for f in shown])
    return SearchResults(
        passages=[FoundPassage(hit, f.kind) for hit, f in zip(with_snippets, shown, strict=True)],
        total=len(found),
        capped=len(hits) >= MAX_SEARCH_RESULTS,
    )
