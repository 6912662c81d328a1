"""Meetings for the website's busiest pages: the latest few, the next one announced, and the
titles their kinds come from, each in one query that reads only what it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, Select, func, select
from sqlalchemy.orm import Session

from oversight.records import AttendanceStatus
from oversight.store.account_tables import PublicationRow
from oversight.store.publication import PUBLISHED
from oversight.store.summaries import MeetingSummary
from oversight.store.tables import ActionRow, AttendanceRow, DecisionRow, DocumentRow, MeetingRow
from oversight.store.upcoming import AnnouncedMeeting
from oversight.store.visibility import Hidden

# Meeting, source, when stored, publication state, attendees, actions, decisions.
ListedSelect = Select[MeetingRow, str, dt.datetime, str, int, int, int]


@dataclass(frozen=True, slots=True)
class ListedMeeting:
    """A meeting in a short list: its summary, publication state and when it was stored."""

    summary: MeetingSummary
    state: str
    ingested_at: dt.datetime | None


def _count(
    table: type[ActionRow] | type[AttendanceRow] | type[DecisionRow],
    *where: ColumnElement[bool],
) -> ScalarSelect[int]:
    return (
        select(func.count())
        .select_from(table)
        .where(table.meeting_id == MeetingRow.id, *where)
        .correlate(MeetingRow)
        .scalar_subquery()
    )


def aware(moment: dt.datetime) -> dt.datetime:
    """Return a stored moment with its time zone (UTC), which SQLite does not keep."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def listed_meetings(hidden: Hidden) -> ListedSelect:
    """Return the query of the meetings the reader may see, as short lists show them."""
    return (
        select(
            MeetingRow,
            DocumentRow.source,
            DocumentRow.ingested_at,
            PublicationRow.state,
            _count(AttendanceRow, AttendanceRow.status == AttendanceStatus.PRESENT.value),
            _count(ActionRow),
            _count(DecisionRow),
        )
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .outerjoin(PublicationRow, PublicationRow.path == DocumentRow.path)
        .where(hidden.allows(MeetingRow.id))
    )


def read_listed(*, session: Session, statement: ListedSelect) -> list[ListedMeeting]:
    """Run a query built on `listed_meetings` and return its meetings."""
    return [
        ListedMeeting(
            MeetingSummary(
                id=row.id,
                document_id=row.document_id,
                source=source,
                title=row.title,
                body=row.body,
                date=row.date,
                attendees=attendees,
                actions=actions,
                decisions=decisions,
            ),
            state or PUBLISHED,
            aware(ingested_at),
        )
        for row, source, ingested_at, state, attendees, actions, decisions in session.execute(
            statement
        )
    ]


def recent_meetings(*, session: Session, hidden: Hidden, limit: int) -> list[ListedMeeting]:
    """Return the latest meetings the reader may see, newest first, with their counts."""
    statement = (
        listed_meetings(hidden)
        .order_by(MeetingRow.date.desc().nulls_last(), DocumentRow.source, MeetingRow.id)
        .limit(limit)
    )
    return read_listed(session=session, statement=statement)


def meeting_titles(*, session: Session, hidden: Hidden) -> list[tuple[str | None, str | None]]:
    """Return the distinct (title, body) pairs of the meetings the reader may see."""
    statement = (
        select(MeetingRow.title, MeetingRow.body).where(hidden.allows(MeetingRow.id)).distinct()
    )
    return [(title, body) for title, body in session.execute(statement)]


def next_announced(
    *, session: Session, hidden: Hidden, on_or_after: dt.date
) -> AnnouncedMeeting | None:
    """Return the soonest next meeting that visible minutes announce, on or after a day."""
    statement = (
        select(
            MeetingRow.id,
            MeetingRow.title,
            MeetingRow.next_date,
            MeetingRow.next_time,
            MeetingRow.next_kind,
            MeetingRow.next_venue,
        )
        .where(MeetingRow.next_date >= on_or_after, hidden.allows(MeetingRow.id))
        .order_by(MeetingRow.next_date, MeetingRow.id)
        .limit(1)
    )
    found = session.execute(statement).one_or_none()
    if found is None:
        return None
    mid, title, date, time, kind, venue = found
    return None if date is None else AnnouncedMeeting(mid, title, date, time, kind, venue)


def announced_from(
    *, session: Session, hidden: Hidden, on_or_after: dt.date, limit: int
) -> list[AnnouncedMeeting]:
    """Return the distinct next meetings (by day and kind) that visible minutes announce on or
    after a day, soonest first, each as the first minutes to announce it said, at most `limit`.
    """
    first = (
        select(func.min(MeetingRow.id))
        .where(MeetingRow.next_date >= on_or_after, hidden.allows(MeetingRow.id))
        .group_by(MeetingRow.next_date, func.lower(func.coalesce(MeetingRow.next_kind, "")))
    )
    statement = (
        select(
            MeetingRow.id,
            MeetingRow.title,
            MeetingRow.next_date,
            MeetingRow.next_time,
            MeetingRow.next_kind,
            MeetingRow.next_venue,
        )
        .where(MeetingRow.id.in_(first))
        .order_by(MeetingRow.next_date, MeetingRow.id)
        .limit(limit)
    )
    return [
        AnnouncedMeeting(mid, title, date, time, kind, venue)
        for mid, title, date, time, kind, venue in session.execute(statement)
        if date is not None
    ]
