"""Read stored meetings: the list with counts, one meeting's full record, lookup by source."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.orm import Session

from oversight.records import AttendanceStatus
from oversight.store.documents import summarise
from oversight.store.facts import read_meeting
from oversight.store.summaries import MeetingSummary, StoredMeeting
from oversight.store.tables import ActionRow, AttendanceRow, DecisionRow, DocumentRow, MeetingRow


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


def list_meetings(*, session: Session) -> list[MeetingSummary]:
    """List every stored meeting, newest first, with how many attended and what it decided."""
    statement = (
        select(
            MeetingRow,
            DocumentRow.source,
            _count(AttendanceRow, AttendanceRow.status == AttendanceStatus.PRESENT.value),
            _count(ActionRow),
            _count(DecisionRow),
        )
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .order_by(MeetingRow.date.desc().nulls_last(), DocumentRow.source, MeetingRow.id)
    )
    return [
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
        )
        for row, source, attendees, actions, decisions in session.execute(statement)
    ]


def get_meeting(*, session: Session, meeting_id: int) -> StoredMeeting | None:
    """Return a stored meeting's full record, or None when there is no such meeting."""
    found = session.execute(
        select(MeetingRow, DocumentRow)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(MeetingRow.id == meeting_id)
    ).one_or_none()
    if found is None:
        return None
    row, document = found
    meeting, actions = read_meeting(session=session, row=row, source=document.source)
    return StoredMeeting(
        id=row.id,
        document=summarise(document),
        meeting=meeting,
        action_ids=tuple(a.id for a in actions),
        action_statuses=tuple(a.status for a in actions),
    )


def find_meeting_ids(*, session: Session, source: str) -> list[int]:
    """Return the ids of meetings whose document has this source name, or this name + suffix."""
    wanted = source.strip()
    statement = (
        select(MeetingRow.id, DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .order_by(MeetingRow.id)
    )
    exact = [mid for mid, _ in session.execute(statement.where(DocumentRow.source == wanted))]
    if exact or not wanted:
        return exact
    candidates = session.execute(
        statement.where(DocumentRow.source.startswith(f"{wanted}.", autoescape=True))
    )
    return [mid for mid, name in candidates if PurePath(name).stem == wanted]


def latest_next_meeting(*, session: Session) -> tuple[dt.date | None, str | None, str | None]:
    """Return the next-meeting date, kind and title announced by the latest dated meeting."""
    row = session.execute(
        select(MeetingRow.next_date, MeetingRow.next_kind, MeetingRow.title)
        .where(MeetingRow.date.is_not(None))
        .order_by(MeetingRow.date.desc(), MeetingRow.id.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        return None, None, None
    return row[0], row[1], row[2]
