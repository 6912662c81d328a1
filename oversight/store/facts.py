"""Write a meeting's record into its tables and read it back as a `Meeting`.

Each fact keeps its order in the minutes (`position`) and its source span, so that a record
read back equals the record written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oversight.records import (
    Action,
    ActionUpdate,
    AgendaItem,
    AttendanceStatus,
    Commitment,
    Decision,
    Figure,
    Meeting,
    NextMeeting,
    Person,
    Recommendation,
    SourceSpan,
)
from oversight.store.tables import (
    ActionOwnerRow,
    ActionRow,
    ActionUpdateRow,
    AgendaItemRow,
    AttendanceRow,
    Base,
    CommitmentRow,
    DecisionRow,
    FigureRow,
    MeetingRow,
    RecommendationRow,
)

_Row = TypeVar(
    "_Row",
    AttendanceRow,
    AgendaItemRow,
    ActionRow,
    ActionUpdateRow,
    DecisionRow,
    RecommendationRow,
    FigureRow,
    CommitmentRow,
)


def start_of(span: SourceSpan | None) -> int | None:
    """Return where a span starts, or None."""
    return None if span is None else span.start


def end_of(span: SourceSpan | None) -> int | None:
    """Return where a span ends, or None."""
    return None if span is None else span.end


def span_of(start: int | None, end: int | None) -> SourceSpan | None:
    """Return the span stored as two columns, or None when either is missing."""
    return None if start is None or end is None else SourceSpan(start, end)


def _attendance(meeting: Meeting, meeting_id: int) -> list[AttendanceRow]:
    people = [(p, AttendanceStatus.PRESENT) for p in meeting.attendees]
    people += [(p, AttendanceStatus.APOLOGIES) for p in meeting.apologies]
    return [
        AttendanceRow(
            meeting_id=meeting_id,
            position=i,
            name=p.name,
            role=p.role,
            abbreviation=p.abbreviation,
            status=status.value,
            span_start=start_of(p.span),
            span_end=end_of(p.span),
        )
        for i, (p, status) in enumerate(people)
    ]


def _fact_rows(meeting: Meeting, meeting_id: int) -> list[Base]:
    rows: list[Base] = []
    rows += _attendance(meeting, meeting_id)
    rows += [
        AgendaItemRow(
            meeting_id=meeting_id,
            position=i,
            number=x.number,
            title=x.title,
            level=x.level,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.items)
    ]
    rows += [
        ActionUpdateRow(
            meeting_id=meeting_id,
            position=i,
            refers_to=x.refers_to,
            update_text=x.update,
            reference=x.reference,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.action_updates)
    ]
    rows += [
        DecisionRow(
            meeting_id=meeting_id,
            position=i,
            text=x.text,
            item=x.item,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.decisions)
    ]
    rows += [
        RecommendationRow(
            meeting_id=meeting_id,
            position=i,
            report=x.report,
            recommendation=x.recommendation,
            text=x.text,
            deadline=x.deadline,
            deadline_date=x.deadline_date,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.hmicfrs)
    ]
    rows += [
        FigureRow(
            meeting_id=meeting_id,
            position=i,
            measure=x.measure,
            value=x.value,
            unit=x.unit,
            target=x.target,
            area=x.area,
            period=x.period,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.figures)
    ]
    rows += [
        CommitmentRow(
            meeting_id=meeting_id,
            position=i,
            text=x.text,
            who=x.who,
            by_when=x.by,
            by_date=x.by_date,
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.commitments)
    ]
    return rows


def add_meeting(*, session: Session, document_id: int, meeting: Meeting) -> int:
    """Insert a meeting's record for a stored document and return the meeting's id."""
    nxt = meeting.next_meeting or NextMeeting()
    row = MeetingRow(
        document_id=document_id,
        title=meeting.title,
        body=meeting.body,
        date=meeting.date,
        date_note=meeting.date_note,
        start_time=meeting.start_time,
        venue=meeting.venue,
        chair=meeting.chair,
        minute_taker=meeting.minute_taker,
        minute_taker_role=meeting.minute_taker_role,
        next_date=nxt.date,
        next_time=nxt.time,
        next_kind=nxt.kind,
        next_venue=nxt.venue,
        next_span_start=start_of(nxt.span),
        next_span_end=end_of(nxt.span),
    )
    session.add(row)
    session.flush()
    meeting_id = row.id
    facts = _fact_rows(meeting, meeting_id)
    actions = [
        ActionRow(
            meeting_id=meeting_id,
            position=i,
            text=x.text,
            item=x.item,
            due=x.due,
            due_date=x.due_date,
            reference=x.reference,
            status="open",
            span_start=start_of(x.span),
            span_end=end_of(x.span),
        )
        for i, x in enumerate(meeting.actions)
    ]
    session.add_all([*facts, *actions])
    session.flush()
    session.add_all(
        ActionOwnerRow(action_id=action_row.id, position=j, name=owner)
        for action_row, action in zip(actions, meeting.actions, strict=True)
        for j, owner in enumerate(action.owners)
    )
    session.flush()
    return row.id


def delete_meetings(*, session: Session, document_id: int) -> None:
    """Delete the meetings extracted from a document, with all their facts."""
    session.execute(delete(MeetingRow).where(MeetingRow.document_id == document_id))


def _rows(session: Session, table: type[_Row], meeting_id: int) -> Sequence[_Row]:
    statement = select(table).where(table.meeting_id == meeting_id).order_by(table.position)
    return session.scalars(statement).all()


def _people(rows: Sequence[AttendanceRow], status: AttendanceStatus) -> list[Person]:
    return [
        Person(r.name, r.role, r.abbreviation, span_of(r.span_start, r.span_end))
        for r in rows
        if r.status == status.value
    ]


def owners_of(session: Session, action_ids: Sequence[int]) -> dict[int, list[str]]:
    """Return the owners of each action, in the order the minutes gave them."""
    owners: dict[int, list[str]] = {i: [] for i in action_ids}
    if not action_ids:
        return owners
    statement = (
        select(ActionOwnerRow)
        .where(ActionOwnerRow.action_id.in_(action_ids))
        .order_by(ActionOwnerRow.action_id, ActionOwnerRow.position)
    )
    for owner in session.scalars(statement):
        owners[owner.action_id].append(owner.name)
    return owners


def action_of(row: ActionRow, owners: list[str]) -> Action:
    """Turn a stored action into its record."""
    return Action(
        text=row.text,
        owners=owners,
        item=row.item,
        due=row.due,
        due_date=row.due_date,
        reference=row.reference,
        span=span_of(row.span_start, row.span_end),
    )


def read_meeting(
    *, session: Session, row: MeetingRow, source: str
) -> tuple[Meeting, list[ActionRow]]:
    """Rebuild the record of a stored meeting; also return its action rows, in order."""
    attendance = _rows(session, AttendanceRow, row.id)
    actions = list(_rows(session, ActionRow, row.id))
    owners = owners_of(session, [a.id for a in actions])
    has_next = any(
        v is not None for v in (row.next_date, row.next_time, row.next_kind, row.next_venue)
    )
    meeting = Meeting(
        source=source,
        title=row.title,
        body=row.body,
        date=row.date,
        date_note=row.date_note,
        start_time=row.start_time,
        venue=row.venue,
        chair=row.chair,
        minute_taker=row.minute_taker,
        minute_taker_role=row.minute_taker_role,
        attendees=_people(attendance, AttendanceStatus.PRESENT),
        apologies=_people(attendance, AttendanceStatus.APOLOGIES),
        items=[
            AgendaItem(r.title, r.number, r.level, span_of(r.span_start, r.span_end))
            for r in _rows(session, AgendaItemRow, row.id)
        ],
        actions=[action_of(a, owners[a.id]) for a in actions],
        action_updates=[
            ActionUpdate(r.refers_to, r.update_text, r.reference, span_of(r.span_start, r.span_end))
            for r in _rows(session, ActionUpdateRow, row.id)
        ],
        decisions=[
            Decision(r.text, r.item, span_of(r.span_start, r.span_end))
            for r in _rows(session, DecisionRow, row.id)
        ],
        hmicfrs=[
            Recommendation(
                r.report,
                r.text,
                r.recommendation,
                r.deadline,
                r.deadline_date,
                span_of(r.span_start, r.span_end),
            )
            for r in _rows(session, RecommendationRow, row.id)
        ],
        figures=[
            Figure(
                r.measure,
                r.value,
                r.unit,
                r.target,
                r.area,
                r.period,
                span_of(r.span_start, r.span_end),
            )
            for r in _rows(session, FigureRow, row.id)
        ],
        commitments=[
            Commitment(r.text, r.who, r.by_when, r.by_date, span_of(r.span_start, r.span_end))
            for r in _rows(session, CommitmentRow, row.id)
        ],
        next_meeting=NextMeeting(
            row.next_date,
            row.next_time,
            row.next_kind,
            row.next_venue,
            span_of(row.next_span_start, row.next_span_end),
        )
        if has_next or row.next_span_start is not None
        else None,
    )
    return meeting, actions
