"""Meetings as the website shows them: listed and filtered, one with its text, the dashboard.

`drafts` says whether the viewer may see drafts (staff) or only published meetings (the
public); every function here takes it, so that no page can forget to ask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight import store
from oversight.services.action_tracker import ActionFilter, track_actions
from oversight.services.errors import MeetingNotFoundError
from oversight.services.publication import PublicationState
from oversight.store import ActionSummary, MeetingSummary, StoredMeeting
from oversight.store.meeting_lists import meeting_titles, next_announced
from oversight.store.meeting_lists import recent_meetings as latest_meetings
from oversight.store.publication import meeting_state_of, meeting_states
from oversight.store.upcoming import AnnouncedMeeting as AnnouncedMeeting
from oversight.store.upcoming import announced_meetings
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


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What the front page shows: actions open and overdue, the next meeting, the latest."""

    open_count: int
    overdue_count: int
    overdue: list[ActionSummary]
    due_soon: list[ActionSummary]
    next_meeting: AnnouncedMeeting | None
    recent: list[MeetingListing]
    # Each action's number within its meeting, as the meeting page counts them.
    numbers: dict[int, int]


def meeting_listings(*, session: Session, drafts: bool) -> list[MeetingListing]:
    """List the meetings the viewer may see, newest first."""
    states = meeting_states(session=session)
    stored_at = {d.id: d.ingested_at for d in store.list_documents(session=session)}
    listings = [
        MeetingListing(
            summary=m,
            kind=meeting_kind(m.title, m.body),
            state=PublicationState(states.get(m.id, PublicationState.PUBLISHED)),
            ingested_at=stored_at.get(m.document_id),
        )
        for m in store.list_meetings(session=session)
    ]
    return [m for m in listings if drafts or m.state is PublicationState.PUBLISHED]


def meeting_index(
    *, session: Session, drafts: bool, wanted: MeetingFilter, page: int = 1, per_page: int = 25
) -> MeetingIndex:
    """Return one page of the meetings the viewer may see, filtered and sorted."""
    visible = meeting_listings(session=session, drafts=drafts)
    chosen = [
        m
        for m in visible
        if (
            wanted.year is None
            or (m.summary.date is not None and m.summary.date.year == wanted.year)
        )
        and (not wanted.kind or m.kind == wanted.kind)
        and (not wanted.body or (m.summary.body or "").casefold() == wanted.body.casefold())
    ]
    if wanted.sort == "date":
        chosen.sort(key=lambda m: (m.summary.date is None, m.summary.date or dt.date.min))
    start = (max(page, 1) - 1) * per_page
    return MeetingIndex(
        meetings=chosen[start : start + per_page],
        total=len(chosen),
        years=sorted({m.summary.date.year for m in visible if m.summary.date}, reverse=True),
        kinds=sorted({m.kind for m in visible}),
        bodies=sorted({m.summary.body for m in visible if m.summary.body}, key=str.casefold),
    )


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


def dashboard(
    *, session: Session, drafts: bool, as_of: dt.date | None = None, limit: int = 10
) -> Dashboard:
    """Return the front page: open and overdue actions, the next meeting, recent meetings."""
    day = as_of or dt.date.today()
    tracker = track_actions(
        session=session, drafts=drafts, wanted=ActionFilter(status="open"), as_of=day
    )
    open_actions = tracker.actions
    overdue = [a for a in open_actions if a.overdue]
    due_soon = [a for a in open_actions if not a.overdue and a.action.due_date is not None]
    upcoming = announced_meetings(session=session, drafts=drafts, on_or_after=day)
    return Dashboard(
        open_count=len(open_actions),
        overdue_count=len(overdue),
        overdue=overdue[:limit],
        due_soon=due_soon[:limit],
        next_meeting=upcoming[0] if upcoming else None,
        recent=meeting_listings(session=session, drafts=drafts)[:5],
        numbers=tracker.numbers,
    )


def upcoming_meetings(
    *, session: Session, drafts: bool, on_or_after: dt.date | None = None
) -> list[AnnouncedMeeting]:
    """List the distinct next meetings announced by visible minutes, soonest first."""
    seen: set[tuple[dt.date, str | None]] = set()
    out: list[AnnouncedMeeting] = []
    for meeting in announced_meetings(session=session, drafts=drafts, on_or_after=on_or_after):
        key = (meeting.date, (meeting.kind or "").casefold() or None)
        if key not in seen:
            seen.add(key)
            out.append(meeting)
    return out


def recent_meetings(*, session: Session, drafts: bool, limit: int = 5) -> list[MeetingListing]:
    """List the latest meetings the viewer may see, newest first, reading only those."""
    hidden = hidden_for(session=session, drafts=drafts)
    return [
        MeetingListing(
            summary=m.summary,
            kind=meeting_kind(m.summary.title, m.summary.body),
            state=PublicationState(m.state),
            ingested_at=m.ingested_at,
        )
        for m in latest_meetings(session=session, hidden=hidden, limit=limit)
    ]


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
