"""A tracked item's status as a reader who may not see some meetings would work it out.

The stored status columns (`ended`, `ended_on`, `updated_on`) are derived from every event,
drafts included. For an item with an event at a meeting hidden from the reader, the status
is worked out in SQL from its visible events instead, so that a draft that closes an action
does not close it for the public. Such items are few (drafts are), so only they pay for it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, case, exists, literal, or_, select
from sqlalchemy.orm import Session

from oversight.records.tracking import Effect
from oversight.store.tracked_queries import status_on
from oversight.store.tracking_tables import ItemEventRow, TrackedItemRow
from oversight.store.visibility import Hidden

_ENDS = (Effect.CLOSED.value, Effect.DROPPED.value)
_MARKERS = (*_ENDS, Effect.REOPENED.value)


_CACHE_KEY = "oversight.affected_items"


def affected_items(*, session: Session, hidden: Hidden) -> frozenset[int]:
    """Return the ids of tracked items with an event at a hidden meeting (asked once per
    session and set of hidden meetings)."""
    if not hidden.meetings:
        return frozenset()
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] == hidden.meetings:
        found: frozenset[int] = cached[1]
        return found
    statement = (
        select(ItemEventRow.item_id)
        .where(ItemEventRow.meeting_id.in_(sorted(hidden.meetings)))
        .distinct()
    )
    found = frozenset(session.scalars(statement))
    session.info[_CACHE_KEY] = (hidden.meetings, found)
    return found


def _from_visible_events(day: dt.date, hidden: Hidden) -> ColumnElement[str]:
    t, e = TrackedItemRow, ItemEventRow
    seen_by_day = and_(
        e.item_id == t.id, hidden.allows(e.meeting_id), or_(e.date.is_(None), e.date <= day)
    )
    marker = (
        select(e.effect)
        .where(seen_by_day, e.effect.in_(_MARKERS))
        .order_by(e.position.desc())
        .limit(1)
        .correlate(t)
        .scalar_subquery()
    )
    updated = exists().where(seen_by_day, e.position > 0, e.date.is_not(None)).correlate(t)
    return case(
        (marker.in_(_ENDS), marker),
        (t.due_date < day, literal("overdue")),
        (updated, literal("updated")),
        else_=literal("open"),
    )


def seen_status(
    day: dt.date, hidden: Hidden, affected: frozenset[int] = frozenset()
) -> ColumnElement[str]:
    """Return a SQL expression of an item's status on `day` as the reader may know it."""
    if not affected:
        return status_on(day)
    return case(
        (TrackedItemRow.id.in_(sorted(affected)), _from_visible_events(day, hidden)),
        else_=status_on(day),
    )
