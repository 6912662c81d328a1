"""The typed context of each page other than the meeting pages (see `meeting_view`).

The HTML route renders a page's context with its template; the API route returns the same
context as JSON. Contexts hold data only; who is viewing and the form token are passed to
the templates beside them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from oversight.web.schemas import (
    AnnouncedMeetingPublic,
    AuditEntryPublic,
    MeetingLinkPublic,
    MeetingSummaryPublic,
    UploadOutcomePublic,
)
from oversight.web.tracking_schemas import LinkPublic, TrackedItemRowPublic


class RisingTopicPublic(BaseModel):
    """A theme mentioned more often in the last half year than in the one before."""

    topic: LinkPublic
    before: int
    lately: int


class DashboardPage(BaseModel):
    """The front page: actions open and overdue, promises falling due, the next meeting,
    recent meetings and topics rising, each list short with a link to all of it."""

    as_of: dt.date
    open_count: int
    overdue_count: int
    overdue: list[TrackedItemRowPublic]
    due_soon: list[TrackedItemRowPublic]
    promises_due_count: int
    promises_falling_due: list[TrackedItemRowPublic]
    next_meeting: AnnouncedMeetingPublic | None
    recent: list[MeetingSummaryPublic]
    topics_rising: list[RisingTopicPublic]


class MeetingFiltersPublic(BaseModel):
    """The filters a list of meetings was asked for."""

    year: int | None
    kind: str | None
    body: str | None
    sort: str


class PagingPublic(BaseModel):
    """Where a page of results sits among them all."""

    page: int
    pages: int
    total: int
    per_page: int


def paging(page: int, total: int, per_page: int) -> PagingPublic:
    """Describe page `page` of `total` results shown `per_page` at a time."""
    pages = max(1, -(-total // per_page))
    return PagingPublic(page=page, pages=pages, total=total, per_page=per_page)


class MeetingListPage(BaseModel):
    """The list of meetings, filtered and sorted."""

    filters: MeetingFiltersPublic
    meetings: list[MeetingSummaryPublic]
    paging: PagingPublic
    years: list[int]
    kinds: list[str]
    bodies: list[str]
    sorts: list[str]


class SearchFiltersPublic(BaseModel):
    """The filters a search was asked for."""

    date_from: dt.date | None
    date_to: dt.date | None
    kind: str | None
    sort: str


class SearchResultPublic(BaseModel):
    """One passage that matched; `highlights` are [start, end) ranges within `snippet`."""

    meeting: MeetingLinkPublic | None
    source: str
    kind: str | None
    section: str
    label: str | None
    snippet: str
    highlights: list[list[int]]
    url: str | None

    def parts(self) -> list[tuple[str, bool]]:
        """Cut the snippet into (text, matched) parts, for the template."""
        out: list[tuple[str, bool]] = []
        cursor = 0
        for start, end in self.highlights:
            if start < cursor or end > len(self.snippet):
                continue
            out += [(self.snippet[cursor:start], False), (self.snippet[start:end], True)]
            cursor = end
        out.append((self.snippet[cursor:], False))
        return [(text, matched) for text, matched in out if text]


class SearchPage(BaseModel):
    """The search form and one page of results, or the reason a query cannot run."""

    query: str
    filters: SearchFiltersPublic
    results: list[SearchResultPublic]
    paging: PagingPublic
    capped: bool
    error: str | None
    kinds: list[str]
    sorts: list[str]


class UploadPage(BaseModel):
    """The upload form and its limits."""

    max_file_mb: int
    max_upload_mb: int


class UploadResultPage(BaseModel):
    """What became of each uploaded file."""

    outcomes: list[UploadOutcomePublic]


class AuditPage(BaseModel):
    """One page of the audit log, newest first."""

    entries: list[AuditEntryPublic]
    paging: PagingPublic


class SignInPage(BaseModel):
    """The sign-in form, with why the last attempt was refused."""

    error: str | None
    next: str
