"""Questions to the derived record across meetings: tracked items, people, roles, topics.

Status depends on the day asked about, so it is computed in SQL from the stored dates:
closed or dropped once the ending event's day has come, overdue when due before the day,
updated once an update was given, open otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from oversight.records import SourceSpan
from oversight.records.tracking import (
    Attendance,
    Effect,
    FigurePoint,
    FigureSeries,
    ItemEvent,
    ItemKind,
    LinkMethod,
    PersonRecord,
    RoleTenure,
    TopicHit,
    TrackedItem,
)
from oversight.store.tables import DocumentRow, MeetingRow
from oversight.store.tracked import SEPARATOR
from oversight.store.tracking_tables import (
    FigurePointRow,
    ItemEventRow,
    PersonAttendanceRow,
    PersonRow,
    RoleTenureRow,
    TopicHitRow,
    TrackedItemRow,
)


def status_on(day: dt.date) -> ColumnElement[str]:
    """Return a SQL expression for a tracked item's status on `day`."""
    t = TrackedItemRow
    return case(
        (and_(t.ended.is_not(None), t.ended_on <= day), t.ended),
        (t.due_date < day, literal("overdue")),
        (t.updated_on <= day, literal("updated")),
        else_=literal("open"),
    )


@dataclass(frozen=True)
class ItemFilter:
    """What to narrow a list of tracked items to; every field is optional."""

    kind: ItemKind | None = None
    statuses: tuple[str, ...] = ()
    owner: str | None = None
    person: str | None = None
    topic: str | None = None
    meeting_id: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None


ORDERS: dict[str, tuple[Any, ...]] = {
    "due": (TrackedItemRow.due_date.is_(None), TrackedItemRow.due_date, TrackedItemRow.key),
    "-due": (TrackedItemRow.due_date.is_(None), TrackedItemRow.due_date.desc(), TrackedItemRow.key),
    "raised": (TrackedItemRow.date, TrackedItemRow.key),
    "-raised": (TrackedItemRow.date.desc(), TrackedItemRow.key),
    "owner": (TrackedItemRow.owners == "", TrackedItemRow.owners, TrackedItemRow.key),
    "report": (TrackedItemRow.item, TrackedItemRow.key),
    "key": (TrackedItemRow.key,),
}
SORTS = tuple(ORDERS)


def _contains(column: InstrumentedAttribute[str], value: str) -> ColumnElement[bool]:
    padded = literal(SEPARATOR) + column + literal(SEPARATOR)
    return padded.contains(f"{SEPARATOR}{value}{SEPARATOR}", autoescape=True)


def filter_items(
    statement: Any,
    wanted: ItemFilter,
    day: dt.date,
    status: ColumnElement[str] | None = None,
) -> Any:
    """Narrow a select of tracked items to `wanted` on `day` (status by `status_on`, or the
    expression given)."""
    t = TrackedItemRow
    # As of a past day, items raised later did not exist yet.
    statement = statement.where(or_(t.date.is_(None), t.date <= day))
    if wanted.kind is not None:
        statement = statement.where(t.kind == wanted.kind.value)
    if wanted.statuses:
        expression = status_on(day) if status is None else status
        statement = statement.where(expression.in_(wanted.statuses))
    if wanted.owner:
        statement = statement.where(
            or_(_contains(t.owners, wanted.owner), t.owners == wanted.owner)
        )
    if wanted.person:
        statement = statement.where(_contains(t.people, wanted.person))
    if wanted.topic:
        statement = statement.where(_contains(t.topics, wanted.topic))
    if wanted.meeting_id is not None:
        statement = statement.where(t.meeting_id == wanted.meeting_id)
    if wanted.due_from is not None:
        statement = statement.where(t.due_date >= wanted.due_from)
    if wanted.due_to is not None:
        statement = statement.where(t.due_date <= wanted.due_to)
    return statement


def split_list(value: str) -> list[str]:
    """Return the values of a list stored in one text column."""
    return [v for v in value.split(SEPARATOR) if v]


def _span(start: int | None, end: int | None) -> SourceSpan | None:
    return SourceSpan(start, end) if start is not None and end is not None else None


def item_of(row: TrackedItemRow) -> TrackedItem:
    """Return a stored tracked item, without its events."""
    return TrackedItem(
        key=row.key,
        kind=ItemKind(row.kind),
        meeting_id=row.meeting_id,
        date=row.date,
        text=row.text,
        owners=split_list(row.owners),
        people=split_list(row.people),
        reference=row.reference,
        item=row.item,
        due=row.due,
        due_date=row.due_date,
        due_note=row.due_note,
        span=_span(row.span_start, row.span_end),
        topics=split_list(row.topics),
    )


@dataclass(frozen=True)
class ItemRow:
    """A tracked item with its status on the day asked about and its meeting's source."""

    item: TrackedItem
    status: str
    source: str


def list_items(
    *,
    session: Session,
    wanted: ItemFilter,
    day: dt.date,
    sort: str = "due",
    limit: int | None = None,
    offset: int = 0,
) -> list[ItemRow]:
    """Return tracked items matching `wanted`, with their status on `day`."""
    statement: Any = (
        select(TrackedItemRow, status_on(day), DocumentRow.source)
        .join(MeetingRow, MeetingRow.id == TrackedItemRow.meeting_id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
    )
    order: tuple[Any, ...] = ORDERS.get(sort, ORDERS["due"])
    statement = filter_items(statement, wanted, day).order_by(*order)
    if limit is not None:
        statement = statement.limit(limit).offset(offset)
    return [
        ItemRow(item_of(row), status, source) for row, status, source in session.execute(statement)
    ]


def get_item(*, session: Session, key: str, day: dt.date) -> ItemRow | None:
    """Return one tracked item with its whole history, or None."""
    found = session.execute(
        select(TrackedItemRow, status_on(day), DocumentRow.source)
        .join(MeetingRow, MeetingRow.id == TrackedItemRow.meeting_id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(TrackedItemRow.key == key)
    ).one_or_none()
    if found is None:
        return None
    row, status, source = found
    item = item_of(row)
    events = session.scalars(
        select(ItemEventRow).where(ItemEventRow.item_id == row.id).order_by(ItemEventRow.position)
    )
    item.events = [
        ItemEvent(
            Effect(e.effect),
            e.meeting_id,
            e.date,
            e.text,
            _span(e.span_start, e.span_end),
            LinkMethod(e.method),
            e.confidence,
            e.fact_key,
        )
        for e in events
    ]
    return ItemRow(item, status, source)


def list_people_tracked(*, session: Session) -> list[PersonRecord]:
    """Return every person record, by name, without attendance."""
    return [
        PersonRecord(
            key=r.key, name=r.name, variants=split_list(r.variants), roles=split_list(r.roles)
        )
        for r in session.scalars(select(PersonRow).order_by(PersonRow.name))
    ]


def get_person(*, session: Session, key: str) -> tuple[PersonRecord, list[RoleTenure]] | None:
    """Return a person with their attendance over time and the roles they held."""
    row = session.scalars(select(PersonRow).where(PersonRow.key == key)).one_or_none()
    if row is None:
        return None
    attendance = session.scalars(
        select(PersonAttendanceRow)
        .where(PersonAttendanceRow.person_id == row.id)
        .order_by(PersonAttendanceRow.date, PersonAttendanceRow.meeting_id)
    )
    person = PersonRecord(
        key=row.key,
        name=row.name,
        variants=split_list(row.variants),
        roles=split_list(row.roles),
        attendance=[
            Attendance(a.meeting_id, a.date, a.status, a.written, a.role, a.abbreviation)
            for a in attendance
        ],
    )
    return person, list_tenures(session=session, person_id=row.id)


def list_tenures(
    *, session: Session, role: str | None = None, person_id: int | None = None
) -> list[RoleTenure]:
    """Return role tenures by role and start, or one person's in the order they began."""
    statement = (
        select(RoleTenureRow, PersonRow.key, PersonRow.name)
        .join(PersonRow, PersonRow.id == RoleTenureRow.person_id)
        .order_by(RoleTenureRow.role, RoleTenureRow.first_date, RoleTenureRow.id)
    )
    if role is not None:
        statement = statement.where(func.lower(RoleTenureRow.role) == role.lower())
    if person_id is not None:
        statement = (
            statement.where(RoleTenureRow.person_id == person_id)
            .order_by(None)
            .order_by(RoleTenureRow.first_date, RoleTenureRow.id)
        )
    return [
        RoleTenure(
            t.role,
            t.qualifier,
            key,
            name,
            t.first_meeting_id,
            t.first_date,
            t.last_meeting_id,
            t.last_date,
            t.meetings,
        )
        for t, key, name in session.execute(statement)
    ]


def topic_counts(*, session: Session) -> list[tuple[str, int, int]]:
    """Return each topic with the number of hits and of distinct meetings raising it."""
    statement = (
        select(TopicHitRow.topic, func.count(), func.count(TopicHitRow.meeting_id.distinct()))
        .group_by(TopicHitRow.topic)
        .order_by(func.count(TopicHitRow.meeting_id.distinct()).desc(), TopicHitRow.topic)
    )
    return [(topic, hits, meetings) for topic, hits, meetings in session.execute(statement)]


def topic_hits(*, session: Session, topic: str) -> list[TopicHit]:
    """Return every place a topic came up, oldest first."""
    rows = session.scalars(
        select(TopicHitRow)
        .where(TopicHitRow.topic == topic)
        .order_by(TopicHitRow.date, TopicHitRow.meeting_id, TopicHitRow.id)
    )
    return [
        TopicHit(
            h.topic,
            h.meeting_id,
            h.date,
            h.target_kind,
            h.target_key,
            h.text,
            tuple(split_list(h.words)),
            _span(h.span_start, h.span_end),
        )
        for h in rows
    ]


def item_topic_hits(
    *,
    session: Session,
    meeting_id: int | None = None,
    before: dt.date | None = None,
    topics: tuple[str, ...] = (),
) -> list[TopicHit]:
    """Return the topic tags of agenda items, of one meeting or of meetings before a day."""
    statement = select(TopicHitRow).where(TopicHitRow.target_kind == "item")
    if meeting_id is not None:
        statement = statement.where(TopicHitRow.meeting_id == meeting_id)
    if before is not None:
        statement = statement.where(TopicHitRow.date < before)
    if topics:
        statement = statement.where(TopicHitRow.topic.in_(topics))
    return [
        TopicHit(
            h.topic,
            h.meeting_id,
            h.date,
            h.target_kind,
            h.target_key,
            h.text,
            tuple(split_list(h.words)),
            _span(h.span_start, h.span_end),
        )
        for h in session.scalars(statement.order_by(TopicHitRow.date, TopicHitRow.id))
    ]


def list_series(*, session: Session, min_points: int = 1) -> list[FigureSeries]:
    """Return the figure series with at least `min_points` quotations, longest first."""
    rows = session.scalars(
        select(FigurePointRow).order_by(
            FigurePointRow.series_key, FigurePointRow.date, FigurePointRow.id
        )
    )
    series: dict[str, FigureSeries] = {}
    for r in rows:
        found = series.setdefault(
            r.series_key, FigureSeries(r.series_key, r.measure, r.unit, r.series_target)
        )
        found.points.append(
            FigurePoint(
                r.meeting_id,
                r.date,
                r.value,
                r.target,
                r.area,
                r.period,
                _span(r.span_start, r.span_end),
            )
        )
    kept = [s for s in series.values() if len(s.points) >= min_points]
    return sorted(kept, key=lambda s: (-len(s.points), s.key))
