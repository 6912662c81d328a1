"""Build the tracker's pages from what the services return: the list of tracked actions or
promises, one item's history, and the HMICFRS register.

Staff see drafts and what corrections say; the public sees what published meetings say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from oversight.records.tracking import ItemKind
from oversight.services.accounts import Viewer
from oversight.services.item_tracker import (
    ITEM_SORTS,
    STATUS_CHOICES,
    TrackerFacets,
    TrackerRequest,
    item_history,
    tracker_facets,
    tracker_page,
    visible_meeting,
)
from oversight.services.topic_trends import taxonomy
from oversight.web.deps import SiteState
from oversight.web.pages import paging
from oversight.web.schemas import MeetingLinkPublic
from oversight.web.tracking_pages import (
    ActionTrackerPage,
    HmicfrsRegisterPage,
    ItemHistoryPage,
    OptionPublic,
    PromiseTrackerPage,
    RegisterEntryPublic,
    TrackerFiltersPublic,
)
from oversight.web.tracking_schemas import event_public, item_row, meeting_link, tracked_public

PER_PAGE = 50
# Promises and recommendations list the latest meetings that came back to each, at most:
LATER_SHOWN = 5
KINDS = tuple(k.value for k in ItemKind)


def _kind(value: str | None) -> ItemKind | None:
    return None if value is None else ItemKind(value)


def facets_for(
    site: SiteState, session: Session, viewer: Viewer | None, kind: ItemKind | None
) -> TrackerFacets:
    """Return the tracker's filter choices, kept until the database changes."""
    staff = viewer is not None
    return site.remember(
        ("facets", kind, staff),
        lambda: tracker_facets(session=session, drafts=staff, kind=kind),
    )


def _meetings(
    session: Session, viewer: Viewer | None, facets: TrackerFacets, chosen: int | None
) -> list[MeetingLinkPublic]:
    meetings = list(facets.meetings)
    if chosen is not None and all(m[0] != chosen for m in meetings):
        found = visible_meeting(session=session, drafts=viewer is not None, meeting_id=chosen)
        meetings += [] if found is None else [found]
    return [meeting_link(mid, title, date) for mid, title, date in meetings]


def build_tracker(
    session: Session,
    viewer: Viewer | None,
    wanted: TrackerRequest,
    as_of: dt.date | None,
    page: int,
    *,
    facets: TrackerFacets | None = None,
    promises: bool = False,
    per_page: int = PER_PAGE,
    taxonomy_path: Path | None = None,
) -> ActionTrackerPage:
    """Build one page of the tracker (or of the promises) for the viewer, offering the
    `facets` given as filters (none for a download)."""
    day = as_of or dt.date.today()
    staff = viewer is not None
    found = tracker_page(
        session=session,
        drafts=staff,
        wanted=wanted,
        as_of=day,
        page=page,
        per_page=per_page,
        later=promises,
        latest=LATER_SHOWN,
    )
    page_type = PromiseTrackerPage if promises else ActionTrackerPage
    return page_type(
        as_of=day,
        filters=TrackerFiltersPublic(
            kind=None if wanted.kind is None else wanted.kind.value,
            status=wanted.status,
            owner=wanted.owner,
            person=wanted.person,
            topic=wanted.topic,
            meeting=wanted.meeting_id,
            due_from=wanted.due_from,
            due_to=wanted.due_to,
            sort=wanted.sort,
        ),
        items=[
            item_row(
                i,
                found.later.get(i.item.key),
                found.later_counts.get(i.item.key, 0),
                staff=staff,
            )
            for i in found.items
        ],
        paging=paging(page, found.total, per_page),
        statuses=list(STATUS_CHOICES),
        sorts=list(ITEM_SORTS),
        kinds=list(KINDS),
        owners=[] if facets is None else facets.owners,
        people=[]
        if facets is None
        else [OptionPublic(value=key, label=name) for key, name in facets.people],
        topics=[]
        if facets is None
        else [OptionPublic(value=t.key, label=t.label) for t in taxonomy(taxonomy_path)],
        meetings=[] if facets is None else _meetings(session, viewer, facets, wanted.meeting_id),
    )


def build_item_page(
    session: Session,
    viewer: Viewer | None,
    key: str,
    as_of: dt.date | None,
    page: int,
    *,
    error: str | None = None,
    taxonomy_path: Path | None = None,
) -> ItemHistoryPage:
    """Build one item's page: the item and a page of its history, oldest first."""
    day = as_of or dt.date.today()
    staff = viewer is not None
    history = item_history(
        session=session, drafts=staff, key=key, as_of=day, page=page, per_page=PER_PAGE
    )
    labels = {t.key: t.label for t in taxonomy(taxonomy_path)}
    return ItemHistoryPage(
        as_of=day,
        item=tracked_public(history, labels),
        events=[event_public(e, staff=staff) for e in history.events],
        paging=paging(page, history.total_events, PER_PAGE),
        error=error,
    )


def build_register(
    session: Session, viewer: Viewer | None, status: str | None, as_of: dt.date | None, page: int
) -> HmicfrsRegisterPage:
    """Build one page of the HMICFRS register, recommendations grouped by report."""
    wanted = TrackerRequest(kind=ItemKind.RECOMMENDATION, status=status, sort="report")
    tracker = build_tracker(session, viewer, wanted, as_of, page, promises=True)
    reports: list[RegisterEntryPublic] = []
    for row in tracker.items:
        report = row.report or "Report not named"
        if not reports or reports[-1].report != report:
            reports.append(RegisterEntryPublic(report=report, recommendations=[]))
        reports[-1].recommendations.append(row)
    return HmicfrsRegisterPage(
        as_of=tracker.as_of,
        status=status,
        statuses=list(STATUS_CHOICES),
        reports=reports,
        paging=tracker.paging,
    )
