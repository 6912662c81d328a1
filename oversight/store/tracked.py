"""Read every stored meeting for the tracking layer, and write back what it derived.

`replace_tracking` swaps the whole derived record in one transaction: what a rebuild
finds replaces what the last rebuild found. Corrections are never touched here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import Correction, TrackingRecord
from oversight.store.facts import end_of, read_meeting, start_of
from oversight.store.tables import DocumentRow, MeetingRow
from oversight.store.tracking_tables import (
    CorrectionRow,
    FigurePointRow,
    ItemEventRow,
    PersonAttendanceRow,
    PersonRow,
    RoleTenureRow,
    TopicHitRow,
    TrackedItemRow,
)

# Lists stored in one text column are joined with this; it cannot occur in a name or key.
SEPARATOR = "\x1f"


def load_meetings(*, session: Session) -> list[tuple[int, Meeting]]:
    """Return every stored meeting's record with its id, oldest first."""
    statement = (
        select(MeetingRow, DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .order_by(MeetingRow.date, MeetingRow.id)
    )
    return [
        (row.id, read_meeting(session=session, row=row, source=source)[0])
        for row, source in session.execute(statement).all()
    ]


def load_texts(*, session: Session) -> dict[int, list[tuple[str, SourceSpan | None]]]:
    """Return each meeting's running text as indexed for search, in document order."""
    from oversight.store.tables import PassageRow

    texts: dict[int, list[tuple[str, SourceSpan | None]]] = {}
    statement = (
        select(PassageRow.meeting_id, PassageRow.text, PassageRow.span_start, PassageRow.span_end)
        .where(PassageRow.section == "text", PassageRow.meeting_id.is_not(None))
        .order_by(PassageRow.meeting_id, PassageRow.span_start, PassageRow.id)
    )
    for meeting_id, text, start, end in session.execute(statement):
        if meeting_id is None:
            continue
        span = SourceSpan(start, end) if start is not None and end is not None else None
        texts.setdefault(meeting_id, []).append((text, span))
    return texts


def replace_tracking(*, session: Session, record: TrackingRecord) -> None:
    """Replace the derived tracking record with `record`."""
    for table in (
        ItemEventRow,
        TrackedItemRow,
        PersonAttendanceRow,
        RoleTenureRow,
        PersonRow,
        TopicHitRow,
        FigurePointRow,
    ):
        session.execute(delete(table))
    for item in record.items:
        ended = item.ended_on()
        updates = [e.date for e in item.events[1:] if e.date is not None]
        row = TrackedItemRow(
            key=item.key,
            kind=item.kind.value,
            meeting_id=item.meeting_id,
            date=item.date,
            text=item.text,
            owners=SEPARATOR.join(item.owners),
            people=SEPARATOR.join(item.people),
            reference=item.reference,
            item=item.item,
            due=item.due,
            due_date=item.due_date,
            due_note=item.due_note,
            span_start=start_of(item.span),
            span_end=end_of(item.span),
            ended=ended.effect.value if ended else None,
            ended_on=(ended.date or item.date) if ended else None,
            updated_on=min(updates) if updates else None,
            topics=SEPARATOR.join(item.topics),
        )
        session.add(row)
        session.flush()
        session.add_all(
            ItemEventRow(
                item_id=row.id,
                position=n,
                effect=event.effect.value,
                meeting_id=event.meeting_id,
                date=event.date,
                text=event.text,
                span_start=start_of(event.span),
                span_end=end_of(event.span),
                method=event.method.value,
                confidence=event.confidence,
                fact_key=event.fact_key,
            )
            for n, event in enumerate(item.events)
        )
    person_ids: dict[str, int] = {}
    for person in record.people:
        row_p = PersonRow(
            key=person.key,
            name=person.name,
            variants=SEPARATOR.join(person.variants),
            roles=SEPARATOR.join(person.roles),
        )
        session.add(row_p)
        session.flush()
        person_ids[person.key] = row_p.id
        session.add_all(
            PersonAttendanceRow(
                person_id=row_p.id,
                meeting_id=a.meeting_id,
                date=a.date,
                status=a.status,
                written=a.written,
                role=a.role,
                abbreviation=a.abbreviation,
            )
            for a in person.attendance
        )
    session.add_all(
        RoleTenureRow(
            person_id=person_ids[t.person_key],
            role=t.role,
            qualifier=t.qualifier,
            first_meeting_id=t.first_meeting_id,
            first_date=t.first_date,
            last_meeting_id=t.last_meeting_id,
            last_date=t.last_date,
            meetings=t.meetings,
        )
        for t in record.tenures
        if t.person_key in person_ids
    )
    session.add_all(
        TopicHitRow(
            topic=h.topic,
            meeting_id=h.meeting_id,
            date=h.date,
            target_kind=h.target_kind,
            target_key=h.target_key,
            text=h.text,
            words=SEPARATOR.join(h.words),
            span_start=start_of(h.span),
            span_end=end_of(h.span),
        )
        for h in record.topic_hits
    )
    session.add_all(
        FigurePointRow(
            series_key=s.key,
            measure=s.measure,
            unit=s.unit,
            series_target=s.target,
            meeting_id=p.meeting_id,
            date=p.date,
            value=p.value,
            target=p.target,
            area=p.area,
            period=p.period,
            span_start=start_of(p.span),
            span_end=end_of(p.span),
        )
        for s in record.series
        for p in s.points
    )
    session.flush()


def add_correction(*, session: Session, correction: Correction) -> int:
    """Store a correction and return its id."""
    row = CorrectionRow(
        target_kind=correction.target_kind,
        target_key=correction.target_key,
        operation=correction.operation,
        value=correction.value,
        author=correction.author,
        note=correction.note,
        created_at=correction.created_at or dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    return row.id


def list_corrections(*, session: Session) -> list[Correction]:
    """Return every stored correction, oldest first."""
    return [
        Correction(
            target_kind=r.target_kind,
            target_key=r.target_key,
            operation=r.operation,
            value=r.value,
            author=r.author,
            note=r.note,
            created_at=r.created_at,
            id=r.id,
        )
        for r in session.scalars(select(CorrectionRow).order_by(CorrectionRow.id))
    ]
