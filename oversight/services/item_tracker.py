"""The tracker as the website shows it: tracked actions, promises and HMICFRS recommendations,
filtered, sorted and paged in SQL, one item's history a page at a time, and the tracking
panels of the dashboard.

`drafts` says whether the reader may see drafts (staff) or only published meetings (the
public); items raised at a draft, events recorded at one, and the statuses they would
cause are kept from the public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from oversight.records.tracking import ItemEvent, ItemKind
from oversight.services.tracking import OPEN_STATUSES, STATUSES, InvalidRequestError, NotFoundError
from oversight.store.tracked_lists import (
    ItemQuery,
    ListedItem,
    SeenEvent,
    count_by_status,
    count_events,
    count_items,
    events_at_meeting,
    events_of,
    find_item,
    item_events_page,
    item_meetings,
    item_owners,
    item_people,
    items_at_meeting,
    known_people,
    meeting_of,
    page_items,
)
from oversight.store.tracked_queries import SORTS, ItemFilter
from oversight.store.visibility import hidden_for

__all__ = [
    "ITEM_SORTS",
    "STATUS_CHOICES",
    "ItemHistory",
    "ListedItem",
    "MeetingTracking",
    "SeenEvent",
    "TrackerFacets",
    "TrackerPage",
    "TrackerRequest",
    "TrackingBoard",
    "item_history",
    "meeting_tracking",
    "statuses_of",
    "tracker_facets",
    "tracker_page",
    "tracking_board",
    "visible_meeting",
]

# "outstanding" is every status of an item not yet closed or dropped.
STATUS_CHOICES = ("outstanding", *STATUSES)
ITEM_SORTS = tuple(s for s in SORTS if s not in ("key", "report"))
# How many owners, people and meetings the tracker offers to filter by.
FACET_LIMIT = 100


def statuses_of(choice: str | None) -> tuple[str, ...]:
    """Return the statuses a status choice stands for (none: any status)."""
    if not choice:
        return ()
    if choice == "outstanding":
        return OPEN_STATUSES
    if choice not in STATUSES:
        raise InvalidRequestError(f"unknown status {choice!r}: use {', '.join(STATUS_CHOICES)}")
    return (choice,)


@dataclass(frozen=True, slots=True)
class TrackerRequest:
    """What the tracker is asked to show; every filter is optional."""

    kind: ItemKind | None = ItemKind.ACTION
    status: str | None = None
    owner: str | None = None
    person: str | None = None
    topic: str | None = None
    meeting_id: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    sort: str = "due"

    def item_filter(self) -> ItemFilter:
        """Return the store's filter for this request."""
        return ItemFilter(
            self.kind,
            statuses_of(self.status),
            (self.owner or "").strip() or None,
            self.person,
            self.topic,
            self.meeting_id,
            self.due_from,
            self.due_to,
        )


@dataclass(frozen=True, slots=True)
class TrackerPage:
    """One page of the items that match and how many match; with, for promises and
    recommendations, the latest meetings that came back to each and how many did."""

    items: list[ListedItem]
    total: int
    later: dict[str, list[SeenEvent]] = field(default_factory=dict)
    later_counts: dict[str, int] = field(default_factory=dict)


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise InvalidRequestError(f"unknown sort {sort!r}: use {', '.join(ITEM_SORTS)}")


def tracker_page(
    *,
    session: Session,
    drafts: bool,
    wanted: TrackerRequest,
    as_of: dt.date,
    page: int = 1,
    per_page: int = 50,
    later: bool = False,
    latest: int | None = None,
) -> TrackerPage:
    """Return one page of tracked items the reader may see; `later` adds each item's later
    events (the `latest` few, in one query for the page) and how many there are."""
    _check_sort(wanted.sort)
    hidden = hidden_for(session=session, drafts=drafts)
    query = ItemQuery(wanted.item_filter(), as_of, hidden)
    items = page_items(
        session=session,
        query=query,
        sort=wanted.sort,
        limit=per_page,
        offset=(max(page, 1) - 1) * per_page,
    )
    found = TrackerPage(items=items, total=count_items(session=session, query=query))
    if later:
        keys = [i.item.key for i in items]
        found.later.update(
            events_of(session=session, keys=keys, hidden=hidden, later_only=True, latest=latest)
        )
        found.later_counts.update(
            count_events(session=session, keys=keys, hidden=hidden, later_only=True)
        )
    return found


@dataclass(frozen=True, slots=True)
class TrackerFacets:
    """What there is to filter items of a kind by: the owners and people named most, and
    the latest meetings that raised any. They change only when the record does."""

    owners: list[str]
    people: list[tuple[str, str]]
    meetings: list[tuple[int, str | None, dt.date | None]]


def tracker_facets(*, session: Session, drafts: bool, kind: ItemKind | None) -> TrackerFacets:
    """Return the owners, people and meetings to offer as filters of items of a kind."""
    hidden = hidden_for(session=session, drafts=drafts)
    return TrackerFacets(
        owners=item_owners(session=session, kind=kind, hidden=hidden, limit=FACET_LIMIT),
        people=item_people(session=session, kind=kind, hidden=hidden, limit=FACET_LIMIT),
        meetings=item_meetings(session=session, kind=kind, hidden=hidden, limit=FACET_LIMIT),
    )


def visible_meeting(
    *, session: Session, drafts: bool, meeting_id: int
) -> tuple[int, str | None, dt.date | None] | None:
    """Return (id, title, date) of a meeting the reader may see, or None."""
    hidden = hidden_for(session=session, drafts=drafts)
    found = meeting_of(session=session, meeting_id=meeting_id)
    return found if found[0] and hidden.shows(found[0]) else None


@dataclass(frozen=True, slots=True)
class ItemHistory:
    """One tracked item, a page of its history and the people it is about."""

    item: ListedItem
    events: list[SeenEvent]
    total_events: int
    people: list[tuple[str, str]]


def item_history(
    *,
    session: Session,
    drafts: bool,
    key: str,
    as_of: dt.date,
    page: int = 1,
    per_page: int = 50,
) -> ItemHistory:
    """Return one item the reader may see with one page of its events, oldest first."""
    hidden = hidden_for(session=session, drafts=drafts)
    found = find_item(session=session, key=key, day=as_of, hidden=hidden)
    if found is None:
        raise NotFoundError(f"no tracked item {key!r}")
    events, total = item_events_page(
        session=session,
        key=key,
        hidden=hidden,
        limit=per_page,
        offset=(max(page, 1) - 1) * per_page,
    )
    return ItemHistory(
        item=found,
        events=events,
        total_events=total,
        people=known_people(session=session, keys=found.item.people, hidden=hidden),
    )


@dataclass(frozen=True, slots=True)
class TrackingBoard:
    """The dashboard's tracking panels."""

    counts: dict[str, int]
    overdue: list[ListedItem]
    due_soon: list[ListedItem]
    promises_due: list[ListedItem]
    promises_due_count: int


def tracking_board(
    *, session: Session, drafts: bool, as_of: dt.date, limit: int = 10
) -> TrackingBoard:
    """Return the actions open and overdue, and the promises falling due, as of a day."""
    hidden = hidden_for(session=session, drafts=drafts)

    def query(kind: ItemKind, statuses: tuple[str, ...], due_from: dt.date | None) -> ItemQuery:
        wanted = ItemFilter(kind=kind, statuses=statuses, due_from=due_from)
        return ItemQuery(wanted, as_of, hidden)

    def first(q: ItemQuery) -> list[ListedItem]:
        return page_items(session=session, query=q, sort="due", limit=limit)

    coming = ("open", "updated")
    promises = query(ItemKind.PROMISE, coming, as_of)
    return TrackingBoard(
        counts=count_by_status(session=session, query=query(ItemKind.ACTION, (), None)),
        overdue=first(query(ItemKind.ACTION, ("overdue",), None)),
        due_soon=first(query(ItemKind.ACTION, coming, as_of)),
        promises_due=first(promises),
        promises_due_count=count_items(session=session, query=promises),
    )


@dataclass(frozen=True, slots=True)
class MeetingTracking:
    """What the tracker knows of one meeting: the items it raised (by the letter and number
    of their fact: ("A", 3) is its third action), and what it said of earlier ones."""

    raised: dict[tuple[str, int], ListedItem]
    earlier: list[tuple[str, str, ItemEvent]]
    earlier_total: int


def _fact_number(key: str) -> tuple[str, int] | None:
    suffix = key.rpartition("-")[2]
    if len(suffix) < 2 or not suffix[1:].isdigit():
        return None
    return suffix[0], int(suffix[1:])


def meeting_tracking(
    *, session: Session, drafts: bool, meeting_id: int, as_of: dt.date, limit: int = 50
) -> MeetingTracking:
    """Return the tracked items a meeting raised and the first `limit` things it said of
    items raised at earlier meetings; two indexed queries, whatever the record's size."""
    hidden = hidden_for(session=session, drafts=drafts)
    raised: dict[tuple[str, int], ListedItem] = {}
    for listed in items_at_meeting(
        session=session, meeting_id=meeting_id, day=as_of, hidden=hidden
    ):
        number = _fact_number(listed.item.key)
        if number is not None:
            raised[number] = listed
    earlier, total = events_at_meeting(
        session=session, meeting_id=meeting_id, hidden=hidden, limit=limit
    )
    return MeetingTracking(raised, earlier, total)
