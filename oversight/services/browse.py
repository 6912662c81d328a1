"""Meetings as the website shows them: listed, filtered and paged, one with its text, the
latest and the next, and the newest stored for the feeds.

`drafts` says whether the viewer may see drafts (staff) or only published meetings (the
public); every function here takes it, so that no page can forget to ask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight import store
from oversight.services.errors import MeetingNotFoundError
from oversight.services.publication import PublicationState
from oversight.store import MeetingSummary, StoredMeeting
from oversight.store.meeting_index import (
    MeetingQuery,
    count_meetings,
    meeting_bodies,
    meeting_page,
    meeting_years,
    newest_stored,
    stored_times,
)
from oversight.store.meeting_lists import (
    ListedMeeting,
    announced_from,
    meeting_titles,
    next_announced,
)
from oversight.store.meeting_lists import recent_meetings as latest_meetings
from oversight.store.publication import meeting_state_of
from oversight.store.upcoming import AnnouncedMeeting as AnnouncedMeeting
from oversight.store.visibility import hidden_for
from oversight.tracking.calendar import series_of

MEETING_SORTS = ("-date", "date")


def meeting_kind(title: str | None, body: str | None = None) -> str:
    """Return the kind of meeting (performance, governance, audit, ...) from its title."""
    return series_of(title, body)


@dataclass(frozen=True, slots=True)
class MeetingListing:
    """A meeting as listed: its summary, kind, publication state and when it was stored."""

    summary: MeetingSummary
    kind: str
    state: PublicationState
    ingested_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class MeetingFilter:
    """What to narrow the list of meetings to; `sort` is "-date" (newest first) or "date"."""

    year: int | None = None
    kind: str | None = None
    body: str | None = None
    sort: str = "-date"


@dataclass(frozen=True, slots=True)
class MeetingIndex:
    """One page of the filtered meetings, how many match, and the values to filter by."""

    meetings: list[MeetingListing]
    total: int
    years: list[int]
    kinds: list[str]
    bodies: list[str]


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """One meeting's full record with the text of its document and its state."""

    stored: StoredMeeting
    text: str
    kind: str
    state: PublicationState


def _listing(listed: ListedMeeting) -> MeetingListing:
    return MeetingListing(
        summary=listed.summary,
        kind=meeting_kind(listed.summary.title, listed.summary.body),
        state=PublicationState(listed.state),
        ingested_at=listed.ingested_at,
    )


def meeting_index(
    *, session: Session, drafts: bool, wanted: MeetingFilter, page: int = 1, per_page: int = 25
) -> MeetingIndex:
    """Return one page of the meetings the viewer may see, filtered and sorted in SQL."""
    hidden = hidden_for(session=session, drafts=drafts)
    titles = meeting_titles(session=session, hidden=hidden)
    bodies = meeting_bodies(session=session, hidden=hidden)
    query = MeetingQuery(
        year=wanted.year,
        pairs=(
            [
                (title or "", body or "")
                for title, body in titles
                if meeting_kind(title, body) == wanted.kind
            ]
            if wanted.kind
            else None
        ),
        bodies=(
            [b for b in bodies if b.casefold() == wanted.body.casefold()] if wanted.body else None
        ),
        oldest_first=wanted.sort == "date",
    )
    start = (max(page, 1) - 1) * per_page
    listed = meeting_page(session=session, hidden=hidden, query=query, offset=start, limit=per_page)
    return MeetingIndex(
        meetings=[_listing(m) for m in listed],
        total=count_meetings(session=session, hidden=hidden, query=query),
        years=meeting_years(session=session, hidden=hidden),
        kinds=sorted({meeting_kind(title, body) for title, body in titles}),
        bodies=sorted(set(bodies), key=str.casefold),
    )


def newest_meetings(*, session: Session, drafts: bool, limit: int) -> list[MeetingListing]:
    """List the meetings the viewer may see that were stored last, the latest first."""
    hidden = hidden_for(session=session, drafts=drafts)
    return [_listing(m) for m in newest_stored(session=session, hidden=hidden, limit=limit)]


def meeting_stored_at(*, session: Session, meeting_ids: list[int]) -> dict[int, dt.datetime]:
    """Return when each of the given meetings was stored, by meeting id."""
    return stored_times(session=session, meeting_ids=meeting_ids)


def meeting_record(*, session: Session, meeting_id: int, drafts: bool) -> MeetingRecord:
    """Return a meeting the viewer may see, with its text; raise MeetingNotFoundError."""
    # One meeting's state, not every meeting's: this is the site's busiest page.
    state = meeting_state_of(session=session, meeting_id=meeting_id)
    if state is None or (not drafts and state != PublicationState.PUBLISHED):
        raise MeetingNotFoundError(f"no meeting {meeting_id}")
    stored = store.get_meeting(session=session, meeting_id=meeting_id)
    if stored is None:
        raise MeetingNotFoundError(f"no meeting {meeting_id}")
    texts = store.get_document_text(session=session, document_id=stored.document.id)
    return MeetingRecord(
        stored=stored,
        text="" if texts is None else texts[0],
        kind=meeting_kind(stored.meeting.title, stored.meeting.body),
        state=PublicationState(state),
    )


def upcoming_meetings(
    *, session: Session, drafts: bool, on_or_after: dt.date, limit: int
) -> list[AnnouncedMeeting]:
    """List the distinct next meetings announced by visible minutes on or after a day,
    soonest first, at most `limit`."""
    hidden = hidden_for(session=session, drafts=drafts)
    return announced_from(session=session, hidden=hidden, on_or_after=on_or_after, limit=limit)


def recent_meetings(*, session: Session, drafts: bool, limit: int = 5) -> list[MeetingListing]:
    """List the latest meetings the viewer may see, newest first, reading only those."""
    hidden = hidden_for(session=session, drafts=drafts)
    return [_listing(m) for m in latest_meetings(session=session, hidden=hidden, limit=limit)]


def meeting_kinds(*, session: Session, drafts: bool) -> list[str]:
    """Return the kinds of the meetings the viewer may see, by name."""
    hidden = hidden_for(session=session, drafts=drafts)
    titles = meeting_titles(session=session, hidden=hidden)
    return sorted({meeting_kind(title, body) for title, body in titles})


def next_meeting(
    *, session: Session, drafts: bool, on_or_after: dt.date
) -> AnnouncedMeeting | None:
    """Return the soonest next meeting announced by visible minutes, on or after a day."""
    hidden = hidden_for(session=session, drafts=drafts)
    return next_announced(session=session, hidden=hidden, on_or_after=on_or_after)
