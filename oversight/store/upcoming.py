"""The next meetings that stored minutes announce, for the dashboard and the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from oversight.store.publication import is_published
from oversight.store.tables import DocumentRow, MeetingRow


@dataclass(frozen=True, slots=True)
class AnnouncedMeeting:
    """A next meeting as one set of minutes announced it."""

    meeting_id: int
    announced_by: str | None
    date: dt.date
    time: str | None
    kind: str | None
    venue: str | None


def announced_meetings(
    *, session: Session, drafts: bool, on_or_after: dt.date | None = None
) -> list[AnnouncedMeeting]:
    """List the next meetings announced by stored minutes, soonest first."""
    statement = (
        select(
            MeetingRow.id,
            MeetingRow.title,
            MeetingRow.next_date,
            MeetingRow.next_time,
            MeetingRow.next_kind,
            MeetingRow.next_venue,
        )
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(MeetingRow.next_date.is_not(None))
        .order_by(MeetingRow.next_date, MeetingRow.id)
    )
    if not drafts:
        statement = statement.where(is_published(DocumentRow.path))
    if on_or_after is not None:
        statement = statement.where(MeetingRow.next_date >= on_or_after)
    return [
        AnnouncedMeeting(mid, title, date, time, kind, venue)
        for mid, title, date, time, kind, venue in session.execute(statement)
        if date is not None
    ]
