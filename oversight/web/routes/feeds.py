"""Feeds: new meetings and a saved search as Atom, action due dates and next meetings as
iCalendar. Feed readers carry no session, so feeds always show what the public sees.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from oversight.records.tracking import ItemKind
from oversight.services import SearchQueryError
from oversight.services.browse import meeting_stored_at, newest_meetings, upcoming_meetings
from oversight.services.item_tracker import TrackerRequest, tracker_page
from oversight.services.site_search import search_records
from oversight.web.deps import SessionDep
from oversight.web.feeds import CalendarEvent, FeedEntry, atom_feed, icalendar
from oversight.web.params import OptionalDate, OptionalName, base_url
from oversight.web.render import long_date
from oversight.web.routes.search import result_public
from oversight.web.schemas import meeting_url
from oversight.web.tracking_schemas import tracked_url

router = APIRouter()
FEED_SIZE = 50
# The calendar lists at most this many due dates of each kind, the soonest first, and this
# many next meetings, from a year back on: calendar apps want what is coming, not history.
CALENDAR_SIZE = 500
CALENDAR_MEETINGS = 100
CALENDAR_PAST = dt.timedelta(days=365)
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _when(day: dt.date | None) -> str:
    return long_date(day) or "undated"


@router.get("/feeds/meetings.atom", tags=["feeds"], response_class=Response)
def meetings_feed(request: Request, session: SessionDep) -> Response:
    """Return an Atom feed of the meetings most recently stored and published."""
    site = base_url(str(request.base_url))
    listings = newest_meetings(session=session, drafts=False, limit=FEED_SIZE)
    entries = [
        FeedEntry(
            id=f"{site}{meeting_url(m.summary.id)}",
            title=f"{m.summary.title or m.summary.source} ({_when(m.summary.date)})",
            url=f"{site}{meeting_url(m.summary.id)}",
            updated=m.ingested_at or _EPOCH,
            summary=(
                f"{m.summary.body or m.kind}: {m.summary.attendees} present, "
                f"{m.summary.actions} actions, {m.summary.decisions} decisions."
            ),
        )
        for m in listings
    ]
    body = atom_feed(
        title="Oversight: new meetings",
        feed_id=f"{site}/feeds/meetings.atom",
        self_url=f"{site}/feeds/meetings.atom",
        site_url=f"{site}/meetings",
        entries=entries,
    )
    return Response(body, media_type=ATOM_TYPE)


@router.get(
    "/feeds/search.atom",
    tags=["feeds"],
    response_class=Response,
    responses={400: {"description": "The query cannot be run."}},
)
def search_feed(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=1000)],
    date_from: OptionalDate = None,
    date_to: OptionalDate = None,
    kind: Annotated[OptionalName, Query()] = None,
    sort: Literal["relevance", "newest", "oldest"] = "newest",
) -> Response:
    """Return an Atom feed of a saved search's results."""
    site = base_url(str(request.base_url))
    try:
        found = search_records(
            session=session,
            query=q,
            drafts=False,
            date_from=date_from,
            date_to=date_to,
            kind=kind,
            sort=sort,
            per_page=FEED_SIZE,
        )
    except SearchQueryError as exc:
        return Response(
            f"This search cannot be run: {exc}.\n", status_code=400, media_type="text/plain"
        )
    stored = meeting_stored_at(
        session=session, meeting_ids=[p.hit.meeting_id for p in found.passages if p.hit.meeting_id]
    )
    entries = []
    for passage in found.passages:
        result = result_public(passage)
        hit = passage.hit
        url = site + (result.url or f"/search?{urlencode({'q': q})}")
        moment = stored.get(hit.meeting_id or 0) or _EPOCH
        entries.append(
            FeedEntry(
                id=f"{site}/passages/{hit.passage_id}",
                title=f"{hit.title or hit.source}: {hit.label or hit.section}",
                url=url,
                updated=moment,
                summary=hit.snippet,
            )
        )
    query = urlencode({"q": q})
    body = atom_feed(
        title=f"Oversight: search for {q}",
        feed_id=f"{site}/feeds/search.atom?{query}",
        self_url=f"{site}/feeds/search.atom?{query}",
        site_url=f"{site}/search?{query}",
        entries=entries,
    )
    return Response(body, media_type=ATOM_TYPE)


@router.get("/feeds/calendar.ics", tags=["feeds"], response_class=Response)
def calendar_feed(request: Request, session: SessionDep) -> Response:
    """Return an iCalendar file of the due dates of outstanding actions and promises (the
    soonest 500 of each due from a year ago on) and the next meetings announced from a year
    ago on (the first 100)."""
    site = base_url(str(request.base_url))
    today = dt.date.today()
    events = [
        CalendarEvent(
            uid=f"{i.item.key}@oversight",
            day=i.item.due_date,
            summary=f"{i.item.kind.value.capitalize()} due: {i.item.text[:120]}",
            description=(
                f"{'Who' if i.item.kind is ItemKind.PROMISE else 'Owners'}: "
                f"{', '.join(i.item.owners) or 'not named'}. "
                f"Raised at {i.meeting_title or i.source} ({_when(i.item.date)})."
            ),
            url=site + tracked_url(i.item.kind.value, i.item.key),
        )
        for kind in (ItemKind.ACTION, ItemKind.PROMISE)
        for i in tracker_page(
            session=session,
            drafts=False,
            wanted=TrackerRequest(kind=kind, status="outstanding", due_from=today - CALENDAR_PAST),
            as_of=today,
            per_page=CALENDAR_SIZE,
        ).items
        if i.item.due_date is not None
    ]
    events += [
        CalendarEvent(
            uid=f"next-{m.date:%Y%m%d}-{m.meeting_id}@oversight",
            day=m.date,
            summary=f"Next meeting: {m.kind or m.announced_by or 'meeting'}",
            description=" ".join(
                x for x in (m.time and f"Time: {m.time}.", m.venue and f"Venue: {m.venue}.") if x
            )
            or "Announced in the minutes.",
            url=site + meeting_url(m.meeting_id),
        )
        for m in upcoming_meetings(
            session=session,
            drafts=False,
            on_or_after=today - CALENDAR_PAST,
            limit=CALENDAR_MEETINGS,
        )
    ]
    body = icalendar(name="Oversight", events=events, now=dt.datetime.now(dt.UTC))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="oversight.ics"'},
    )
