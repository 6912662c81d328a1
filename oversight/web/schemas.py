"""The API's schemas for the record, named by role (`MeetingPublic`, `ActionPublic`, ...),
and the functions that build them from what the services return.

Every value from a document is plain text here; the templates escape it, and no URL is ever
taken from a document: links are built from ids only.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from oversight.records import SourceSpan
from oversight.services.browse import AnnouncedMeeting, MeetingListing

# The kinds of fact a meeting page highlights, by their URL segment, with their label.
FACT_KINDS = {
    "actions": "Action",
    "decisions": "Decision",
    "figures": "Figure",
    "promises": "Promise",
    "recommendations": "HMICFRS recommendation",
}
# The anchor on the meeting page is the singular of the URL segment: actions -> action-3.
ANCHOR_PREFIX = {
    "actions": "action",
    "decisions": "decision",
    "figures": "figure",
    "promises": "promise",
    "recommendations": "recommendation",
}


def meeting_url(meeting_id: int) -> str:
    """Return the path of a meeting's page."""
    return f"/meetings/{meeting_id}"


def item_url(meeting_id: int, kind: str, number: int) -> str:
    """Return the stable path of one fact of a meeting (number counts from 1)."""
    return f"/meetings/{meeting_id}/{kind}/{number}"


def span_pair(span: SourceSpan | None) -> list[int] | None:
    """Return a span as [start, end], as the interchange format writes it."""
    return None if span is None else [span.start, span.end]


class MeetingLinkPublic(BaseModel):
    """Enough of a meeting to name it and link to it."""

    id: int
    title: str | None
    date: dt.date | None
    url: str


class MeetingSummaryPublic(BaseModel):
    """One meeting in a list."""

    id: int
    title: str | None
    body: str | None
    kind: str
    date: dt.date | None
    attendees: int
    actions: int
    decisions: int
    state: str
    source: str
    stored_at: dt.datetime | None
    url: str


def meeting_summary(listing: MeetingListing) -> MeetingSummaryPublic:
    """Describe a listed meeting."""
    m = listing.summary
    return MeetingSummaryPublic(
        id=m.id,
        title=m.title,
        body=m.body,
        kind=listing.kind,
        date=m.date,
        attendees=m.attendees,
        actions=m.actions,
        decisions=m.decisions,
        state=listing.state.value,
        source=m.source,
        stored_at=listing.ingested_at,
        url=meeting_url(m.id),
    )


class PersonPublic(BaseModel):
    """Someone in a meeting's attendance."""

    name: str
    role: str | None
    abbreviation: str | None


class AgendaItemPublic(BaseModel):
    """An agenda item."""

    number: str | None
    title: str
    level: int


class FactPublic(BaseModel):
    """What every highlighted fact has: its number, anchor, stable URL, span and citation;
    and, for an action, promise or recommendation, the item that follows it across
    meetings (`tracked_url`), when the tracker has one."""

    number: int
    anchor: str
    url: str
    span: list[int] | None
    citation: str
    tracked_key: str | None = None
    tracked_url: str | None = None


class ActionPublic(FactPublic):
    """An action given at the meeting."""

    id: int
    text: str
    owners: list[str]
    item: str | None
    due: str | None
    due_date: dt.date | None
    reference: str | None
    status: str


class DecisionPublic(FactPublic):
    """Something the meeting decided."""

    text: str
    item: str | None


class FigurePublic(FactPublic):
    """A number quoted in the minutes."""

    measure: str
    value: str
    unit: str | None
    target: str | None
    area: str | None
    period: str | None


class PromisePublic(FactPublic):
    """A dated promise made at the meeting."""

    text: str
    who: str | None
    by: str | None
    by_date: dt.date | None


class RecommendationPublic(FactPublic):
    """An HMICFRS report or recommendation discussed at the meeting."""

    report: str
    recommendation: str | None
    text: str
    deadline: str | None
    deadline_date: dt.date | None


class NextMeetingPublic(BaseModel):
    """When and where the next meeting is to be, as the minutes announce it."""

    date: dt.date | None
    time: str | None
    kind: str | None
    venue: str | None


class AnnouncedMeetingPublic(BaseModel):
    """A next meeting with the minutes that announced it."""

    date: dt.date
    time: str | None
    kind: str | None
    venue: str | None
    announced_by: MeetingLinkPublic


class MeetingPublic(BaseModel):
    """One meeting's full record."""

    id: int
    title: str | None
    body: str | None
    kind: str
    date: dt.date | None
    date_note: str | None
    start_time: str | None
    venue: str | None
    chair: str | None
    minute_taker: str | None
    state: str
    source: str
    url: str
    attendees: list[PersonPublic]
    apologies: list[PersonPublic]
    items: list[AgendaItemPublic]
    actions: list[ActionPublic]
    decisions: list[DecisionPublic]
    figures: list[FigurePublic]
    promises: list[PromisePublic]
    recommendations: list[RecommendationPublic]
    next_meeting: NextMeetingPublic | None


class AuditEntryPublic(BaseModel):
    """One change in the audit log."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: str | None
    after: str | None


class UploadOutcomePublic(BaseModel):
    """What became of one uploaded file (or zip member)."""

    file: str
    result: str
    reason: str | None
    state: str | None
    meeting_url: str | None


class SessionPublic(BaseModel):
    """Who is signed in, and the token that forms and API writes must carry."""

    name: str | None
    role: str | None
    csrf_token: str


def announced_public(meeting: AnnouncedMeeting) -> AnnouncedMeetingPublic:
    """Describe a next meeting with the minutes that announced it."""
    return AnnouncedMeetingPublic(
        date=meeting.date,
        time=meeting.time,
        kind=meeting.kind,
        venue=meeting.venue,
        announced_by=MeetingLinkPublic(
            id=meeting.meeting_id,
            title=meeting.announced_by,
            date=None,
            url=meeting_url(meeting.meeting_id),
        ),
    )
