"""The API's schemas for the record across meetings (`TrackedItemPublic`, `EventPublic`,
`PersonRowPublic`, ...), and the functions that build them from what the services return.

As in `schemas`, values from documents are plain text that the templates escape, and links
are built from ids and keys only. A correction's own note and author are staff business:
the public sees that the office recorded a change, not who or why.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from pydantic import BaseModel, Field

from oversight.records import SourceSpan
from oversight.records.tracking import LinkMethod, RoleTenure
from oversight.services.item_corrections import MAX_NOTE_CHARS, MAX_VALUE_CHARS
from oversight.services.item_tracker import ItemHistory, ListedItem, SeenEvent
from oversight.web.schemas import MeetingLinkPublic, meeting_url, span_pair

# Where each kind of tracked item has its page.
ITEM_PATHS = {"action": "/actions", "promise": "/promises", "recommendation": "/hmicfrs"}
OFFICE_NOTE = "Recorded by the office."


def tracked_url(kind: str, key: str) -> str:
    """Return the path of a tracked item's page."""
    return f"{ITEM_PATHS.get(kind, '/actions')}/{quote(key, safe='')}"


def kind_of_key(key: str) -> str:
    """Return the kind of item a key names by its letter ("20250410-P01" is a promise)."""
    letter = key.rpartition("-")[2][:1]
    return {"P": "promise", "R": "recommendation"}.get(letter, "action")


def person_url(key: str) -> str:
    """Return the path of a person's page."""
    return f"/people/{quote(key, safe='')}"


def topic_url(key: str) -> str:
    """Return the path of a topic's page."""
    return f"/topics/{quote(key, safe='')}"


def passage_url(meeting_id: int, span: SourceSpan | None) -> str | None:
    """Return the address of a span of a meeting's minutes, marked on the meeting page."""
    if span is None:
        return None
    return f"{meeting_url(meeting_id)}?passage={span.start}-{span.end}#found"


def meeting_link(meeting_id: int, title: str | None, date: dt.date | None) -> MeetingLinkPublic:
    """Name a meeting and link to it."""
    return MeetingLinkPublic(id=meeting_id, title=title, date=date, url=meeting_url(meeting_id))


class LinkPublic(BaseModel):
    """Something with a page of its own: a person, a topic, a role."""

    key: str
    label: str
    url: str


class EventPublic(BaseModel):
    """What one meeting did to a tracked item, with where the minutes say so."""

    effect: str
    meeting: MeetingLinkPublic
    date: dt.date | None
    text: str
    span: list[int] | None
    source_url: str | None
    method: str
    confidence: float
    key: str | None
    correction: bool


def event_public(seen: SeenEvent, *, staff: bool) -> EventPublic:
    """Describe an event; to the public, a correction shows as the office's record only."""
    e = seen.event
    made_by_hand = e.method is LinkMethod.CORRECTION and e.span is None
    hide = made_by_hand and not staff
    return EventPublic(
        effect=e.effect.value,
        meeting=meeting_link(e.meeting_id, seen.meeting_title, e.date),
        date=e.date,
        text=OFFICE_NOTE if hide else e.text,
        span=span_pair(e.span),
        source_url=passage_url(e.meeting_id, e.span),
        method="office" if hide else e.method.value,
        confidence=e.confidence,
        key=None if hide else e.fact_key,
        correction=made_by_hand,
    )


class TrackedItemRowPublic(BaseModel):
    """A tracked item in a list, with the meeting that raised it and, for promises and
    recommendations, the latest meetings that came back to it."""

    key: str
    kind: str
    text: str
    owners: list[str]
    reference: str | None
    report: str | None
    due: str | None
    due_date: dt.date | None
    status: str
    raised: MeetingLinkPublic
    url: str
    later: list[EventPublic]
    later_count: int


def item_row(
    listed: ListedItem,
    later: list[SeenEvent] | None = None,
    later_count: int = 0,
    *,
    staff: bool = False,
) -> TrackedItemRowPublic:
    """Describe a tracked item for a list."""
    item = listed.item
    return TrackedItemRowPublic(
        key=item.key,
        kind=item.kind.value,
        text=item.text,
        owners=list(item.owners),
        reference=item.reference,
        report=item.item if item.kind.value == "recommendation" else None,
        due=item.due,
        due_date=item.due_date,
        status=listed.status,
        raised=meeting_link(item.meeting_id, listed.meeting_title, item.date),
        url=tracked_url(item.kind.value, item.key),
        later=[event_public(e, staff=staff) for e in later or []],
        later_count=later_count,
    )


class TrackedItemPublic(BaseModel):
    """One tracked item in full: what was asked or promised, by whom, by when, where."""

    key: str
    kind: str
    text: str
    owners: list[str]
    people: list[LinkPublic]
    reference: str | None
    item: str | None
    due: str | None
    due_date: dt.date | None
    due_note: str | None
    status: str
    raised: MeetingLinkPublic
    source_url: str | None
    topics: list[LinkPublic]
    url: str


def tracked_public(history: ItemHistory, topic_labels: dict[str, str]) -> TrackedItemPublic:
    """Describe one tracked item in full."""
    listed, item = history.item, history.item.item
    return TrackedItemPublic(
        key=item.key,
        kind=item.kind.value,
        text=item.text,
        owners=list(item.owners),
        people=[LinkPublic(key=k, label=n, url=person_url(k)) for k, n in history.people],
        reference=item.reference,
        item=item.item,
        due=item.due,
        due_date=item.due_date,
        due_note=item.due_note,
        status=listed.status,
        raised=meeting_link(item.meeting_id, listed.meeting_title, item.date),
        source_url=passage_url(item.meeting_id, item.span),
        topics=[
            LinkPublic(key=t, label=topic_labels.get(t, t), url=topic_url(t)) for t in item.topics
        ],
        url=tracked_url(item.kind.value, item.key),
    )


class TenurePublic(BaseModel):
    """A spell of one person in one role, from the first meeting to the last."""

    role: str
    qualifier: str | None
    title: str
    person: LinkPublic
    first: MeetingLinkPublic
    last: MeetingLinkPublic
    meetings: int


def tenure_public(t: RoleTenure) -> TenurePublic:
    """Describe a role tenure."""
    return TenurePublic(
        role=t.role,
        qualifier=t.qualifier,
        title=t.title,
        person=LinkPublic(key=t.person_key, label=t.name, url=person_url(t.person_key)),
        first=meeting_link(t.first_meeting_id, None, t.first_date),
        last=meeting_link(t.last_meeting_id, None, t.last_date),
        meetings=t.meetings,
    )


class OperationPublic(BaseModel):
    """A correction an editor may make: its form value, label and what value it takes."""

    name: str
    label: str
    hint: str
    value: str


class CorrectionCreate(BaseModel):
    """A correction of a tracked item or a person: one of the operations its page offers."""

    operation: str = Field(max_length=32)
    value: str | None = Field(default=None, max_length=MAX_VALUE_CHARS)
    note: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)


class CorrectionResultPublic(BaseModel):
    """Where the corrected item or person is now shown."""

    key: str
    url: str
