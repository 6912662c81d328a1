"""Tracked items as the website lists them: a page at a time, counted, with their history.

Every function takes `hidden`, the meetings the reader may not see: items raised there are
left out, their events there are not shown, and statuses are worked out without them
(`tracked_status`). Filters, sorts and counts run in SQL; events are read only for the
items shown, in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from oversight.records.tracking import Effect, ItemEvent, ItemKind, LinkMethod, TrackedItem
from oversight.store.facts import span_of
from oversight.store.tables import DocumentRow, MeetingRow
from oversight.store.tracked_queries import ORDERS, ItemFilter, filter_items, item_of, split_list
from oversight.store.tracked_status import affected_items, seen_status
from oversight.store.tracking_tables import ItemEventRow, PersonAttendanceRow, PersonRow
from oversight.store.tracking_tables import TrackedItemRow as Item
from oversight.store.visibility import Hidden


@dataclass(frozen=True, slots=True)
class ListedItem:
    """A tracked item with its status on the day asked about and the meeting that raised it."""

    item: TrackedItem
    status: str
    meeting_title: str | None
    source: str


@dataclass(frozen=True, slots=True)
class SeenEvent:
    """One event of a tracked item with the title of the meeting it happened at."""

    event: ItemEvent
    meeting_title: str | None


@dataclass(frozen=True, slots=True)
class ItemQuery:
    """What a list of tracked items is asked for: the filter, the day, what is hidden."""

    wanted: ItemFilter
    day: dt.date
    hidden: Hidden


def _status(session: Session, query: ItemQuery) -> ColumnElement[str]:
    affected = affected_items(session=session, hidden=query.hidden)
    return seen_status(query.day, query.hidden, affected)


def _where(statement: Any, query: ItemQuery, status: ColumnElement[str]) -> Any:
    statement = statement.where(query.hidden.allows(Item.meeting_id))
    return filter_items(statement, query.wanted, query.day, status)


def count_items(*, session: Session, query: ItemQuery) -> int:
    """Return how many tracked items match."""
    statement = _where(select(func.count()).select_from(Item), query, _status(session, query))
    return int(session.execute(statement).scalar_one())


# Sorts on the due date read the dated items in the order of an index on the due date, then
# the undated ones: two short queries, neither of which sorts the whole list.
_DUE_ORDERS: dict[str, tuple[Any, ...]] = {
    "due": (Item.due_date, Item.key),
    "-due": (Item.due_date.desc(), Item.key.desc()),
}


def _ids(
    session: Session,
    query: ItemQuery,
    status: ColumnElement[str],
    order: tuple[Any, ...],
    limit: int,
    offset: int,
    *extra: ColumnElement[bool],
) -> list[int]:
    statement = _where(select(Item.id), query, status).where(*extra)
    return list(session.scalars(statement.order_by(*order).limit(limit).offset(offset)))


def _page_ids(
    session: Session,
    query: ItemQuery,
    status: ColumnElement[str],
    sort: str,
    limit: int,
    offset: int,
) -> list[int]:
    if sort not in _DUE_ORDERS:
        order = ORDERS.get(sort, ORDERS["due"])
        return _ids(session, query, status, order, limit, offset)
    dated = Item.due_date.is_not(None)
    ids = _ids(session, query, status, _DUE_ORDERS[sort], limit, offset, dated)
    if len(ids) == limit:
        return ids
    if ids or offset == 0:
        skip = 0
    else:
        counted = _where(select(func.count()).select_from(Item), query, status).where(dated)
        skip = max(0, offset - int(session.execute(counted).scalar_one()))
    undated = Item.due_date.is_(None)
    return ids + _ids(session, query, status, (Item.key,), limit - len(ids), skip, undated)


def page_items(
    *, session: Session, query: ItemQuery, sort: str, limit: int, offset: int = 0
) -> list[ListedItem]:
    """Return one page of the tracked items that match, sorted in SQL: the page's ids first,
    then the details of those only."""
    status = _status(session, query)
    ids = _page_ids(session, query, status, sort, limit, offset)
    if not ids:
        return []
    statement = (
        select(Item, status, MeetingRow.title, DocumentRow.source)
        .join(MeetingRow, MeetingRow.id == Item.meeting_id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(Item.id.in_(ids))
    )
    found = {
        row.id: ListedItem(item_of(row), state, title, source)
        for row, state, title, source in session.execute(statement)
    }
    return [found[i] for i in ids if i in found]


def count_by_status(*, session: Session, query: ItemQuery) -> dict[str, int]:
    """Return how many matching items have each status, in one query."""
    status = _status(session, query)
    statement = _where(select(status, func.count()).select_from(Item), query, status)
    return {state: int(n) for state, n in session.execute(statement.group_by(status))}


def item_owners(
    *, session: Session, kind: ItemKind | None, hidden: Hidden, limit: int
) -> list[str]:
    """Return the owners named by most items of a kind, alphabetically (at most `limit`)."""
    statement = select(Item.owners, func.count()).where(hidden.allows(Item.meeting_id))
    if kind is not None:
        statement = statement.where(Item.kind == kind.value)
    counts: dict[str, int] = {}
    for owners, n in session.execute(statement.group_by(Item.owners)):
        for owner in split_list(owners):
            counts[owner] = counts.get(owner, 0) + int(n)
    top = sorted(counts, key=lambda o: (-counts[o], o))[:limit]
    return sorted(top, key=str.casefold)


def item_people(
    *, session: Session, kind: ItemKind | None, hidden: Hidden, limit: int
) -> list[tuple[str, str]]:
    """Return (key, name) of the people most items of a kind are about, by name."""
    statement = select(Item.people, func.count()).where(
        hidden.allows(Item.meeting_id), Item.people != ""
    )
    if kind is not None:
        statement = statement.where(Item.kind == kind.value)
    counts: dict[str, int] = {}
    for people, n in session.execute(statement.group_by(Item.people)):
        for key in split_list(people):
            counts[key] = counts.get(key, 0) + int(n)
    top = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return [(key, name) for key, name in known_people(session=session, keys=top, hidden=hidden)]


def known_people(*, session: Session, keys: Sequence[str], hidden: Hidden) -> list[tuple[str, str]]:
    """Return (key, name) of those of `keys` seen at a meeting the reader may see, by name."""
    if not keys:
        return []
    seen = (
        select(PersonAttendanceRow.id)
        .where(
            PersonAttendanceRow.person_id == PersonRow.id,
            hidden.allows(PersonAttendanceRow.meeting_id),
        )
        .exists()
    )
    statement = (
        select(PersonRow.key, PersonRow.name)
        .where(PersonRow.key.in_(sorted(set(keys))), seen)
        .order_by(PersonRow.name, PersonRow.key)
    )
    return [(key, name) for key, name in session.execute(statement)]


def item_meetings(
    *, session: Session, kind: ItemKind | None, hidden: Hidden, limit: int
) -> list[tuple[int, str | None, dt.date | None]]:
    """Return (id, title, date) of the latest meetings that raised items of a kind."""
    raised = select(Item.id).where(Item.meeting_id == MeetingRow.id)
    if kind is not None:
        raised = raised.where(Item.kind == kind.value)
    statement = (
        select(MeetingRow.id, MeetingRow.title, MeetingRow.date)
        .where(raised.exists(), hidden.allows(MeetingRow.id))
        .order_by(MeetingRow.date.desc(), MeetingRow.id.desc())
        .limit(limit)
    )
    return [(mid, title, date) for mid, title, date in session.execute(statement)]


def meeting_of(*, session: Session, meeting_id: int) -> tuple[int, str | None, dt.date | None]:
    """Return (id, title, date) of one meeting, or of none (id 0) when there is no such one."""
    found = session.execute(
        select(MeetingRow.id, MeetingRow.title, MeetingRow.date).where(MeetingRow.id == meeting_id)
    ).one_or_none()
    return (0, None, None) if found is None else (found[0], found[1], found[2])


def _event(e: ItemEventRow) -> ItemEvent:
    return ItemEvent(
        Effect(e.effect),
        e.meeting_id,
        e.date,
        e.text,
        span_of(e.span_start, e.span_end),
        LinkMethod(e.method),
        e.confidence,
        e.fact_key,
    )


def events_of(
    *,
    session: Session,
    keys: Sequence[str],
    hidden: Hidden,
    later_only: bool = False,
    latest: int | None = None,
) -> dict[str, list[SeenEvent]]:
    """Return the visible events of the items with these keys in their order, in one query;
    `latest` keeps only each item's last few."""
    if not keys:
        return {}
    conditions = [Item.key.in_(sorted(set(keys))), hidden.allows(ItemEventRow.meeting_id)]
    if later_only:
        conditions.append(ItemEventRow.position > 0)
    rank = (
        func.row_number()
        .over(partition_by=ItemEventRow.item_id, order_by=ItemEventRow.position.desc())
        .label("rank")
    )
    ranked = (
        select(Item.key.label("key"), ItemEventRow.id.label("event_id"), rank)
        .join(Item, Item.id == ItemEventRow.item_id)
        .where(*conditions)
        .subquery()
    )
    chosen = select(ranked.c.key, ranked.c.event_id)
    if latest is not None:
        chosen = chosen.where(ranked.c.rank <= latest)
    picked = chosen.subquery()
    statement = (
        select(picked.c.key, ItemEventRow, MeetingRow.title)
        .join(ItemEventRow, ItemEventRow.id == picked.c.event_id)
        .join(MeetingRow, MeetingRow.id == ItemEventRow.meeting_id)
        .order_by(picked.c.key, ItemEventRow.position)
    )
    found: dict[str, list[SeenEvent]] = {}
    for key, row, title in session.execute(statement):
        found.setdefault(key, []).append(SeenEvent(_event(row), title))
    return found


def count_events(
    *, session: Session, keys: Sequence[str], hidden: Hidden, later_only: bool = False
) -> dict[str, int]:
    """Return how many visible events each of these items has."""
    if not keys:
        return {}
    statement = (
        select(Item.key, func.count())
        .join(ItemEventRow, ItemEventRow.item_id == Item.id)
        .where(Item.key.in_(sorted(set(keys))), hidden.allows(ItemEventRow.meeting_id))
        .group_by(Item.key)
    )
    if later_only:
        statement = statement.where(ItemEventRow.position > 0)
    return {key: int(n) for key, n in session.execute(statement)}


def find_item(*, session: Session, key: str, day: dt.date, hidden: Hidden) -> ListedItem | None:
    """Return one item the reader may see, with its status on `day`, or None."""
    query = ItemQuery(ItemFilter(), day, hidden)
    status = _status(session, query)
    statement = (
        select(Item, status, MeetingRow.title, DocumentRow.source)
        .join(MeetingRow, MeetingRow.id == Item.meeting_id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(Item.key == key, hidden.allows(Item.meeting_id))
    )
    found = session.execute(statement).one_or_none()
    if found is None:
        return None
    row, state, title, source = found
    return ListedItem(item_of(row), state, title, source)


def items_at_meeting(
    *, session: Session, meeting_id: int, day: dt.date, hidden: Hidden
) -> list[ListedItem]:
    """Return the items raised at one meeting, with their status on `day`."""
    query = ItemQuery(ItemFilter(), day, hidden)
    status = _status(session, query)
    statement = (
        select(Item, status)
        .where(Item.meeting_id == meeting_id, hidden.allows(Item.meeting_id))
        .order_by(Item.key)
    )
    return [ListedItem(item_of(row), state, None, "") for row, state in session.execute(statement)]


def events_at_meeting(
    *, session: Session, meeting_id: int, hidden: Hidden, limit: int
) -> tuple[list[tuple[str, str, ItemEvent]], int]:
    """Return (item key, item kind, event) of the first things one meeting did to items
    raised elsewhere, in the order of the minutes, and how many there are."""
    where = (
        ItemEventRow.meeting_id == meeting_id,
        ItemEventRow.position > 0,
        hidden.allows(Item.meeting_id),
    )
    total = session.execute(
        select(func.count())
        .select_from(ItemEventRow)
        .join(Item, Item.id == ItemEventRow.item_id)
        .where(*where)
    ).scalar_one()
    statement = (
        select(Item.key, Item.kind, ItemEventRow)
        .join(Item, Item.id == ItemEventRow.item_id)
        .where(*where)
        .order_by(ItemEventRow.span_start, Item.key)
        .limit(limit)
    )
    found = [(key, kind, _event(row)) for key, kind, row in session.execute(statement)]
    return found, int(total)


def item_events_page(
    *, session: Session, key: str, hidden: Hidden, limit: int, offset: int = 0
) -> tuple[list[SeenEvent], int]:
    """Return one page of one item's visible events in their order, and how many there are."""
    where = (Item.key == key, hidden.allows(ItemEventRow.meeting_id))
    total = session.execute(
        select(func.count())
        .select_from(ItemEventRow)
        .join(Item, Item.id == ItemEventRow.item_id)
        .where(*where)
    ).scalar_one()
    statement = (
        select(ItemEventRow, MeetingRow.title)
        .join(Item, Item.id == ItemEventRow.item_id)
        .join(MeetingRow, MeetingRow.id == ItemEventRow.meeting_id)
        .where(*where)
        .order_by(ItemEventRow.position)
        .limit(limit)
        .offset(offset)
    )
    events = [SeenEvent(_event(row), title) for row, title in session.execute(statement)]
    return events, int(total)
