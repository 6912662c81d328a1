"""Read every stored meeting for the tracking layer, and write back what it derived.

`replace_tracking` swaps the whole derived record in one transaction: what a rebuild
finds replaces what the last rebuild found. Corrections are never touched here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

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
from oversight.records.tracking import Correction, TrackedItem, TrackingRecord
from oversight.store.facts import end_of, span_of, start_of
from oversight.store.tables import (
    ActionOwnerRow,
    ActionRow,
    ActionUpdateRow,
    AgendaItemRow,
    AttendanceRow,
    Base,
    CommitmentRow,
    DecisionRow,
    DocumentRow,
    FigureRow,
    MeetingRow,
    RecommendationRow,
)
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
# A row of one table of facts, as read for all meetings at once.
_FactRow = Any


class _Facts:
    """Every stored fact, read with one query per table and grouped by meeting."""

    def __init__(self, tables: dict[str, dict[int, list[_FactRow]]], owners: dict[int, list[str]]):
        self.tables = tables
        self.owners = owners

    @classmethod
    def read(cls, session: Session) -> _Facts:
        """Read every fact of every meeting."""
        columns: dict[str, tuple[type[Base], tuple[str, ...]]] = {
            "attendance": (AttendanceRow, ("name", "role", "abbreviation", "status")),
            "items": (AgendaItemRow, ("title", "number", "level")),
            "actions": (ActionRow, ("id", "text", "item", "due", "due_date", "reference")),
            "updates": (ActionUpdateRow, ("refers_to", "update_text", "reference")),
            "decisions": (DecisionRow, ("text", "item")),
            "hmicfrs": (
                RecommendationRow,
                ("report", "text", "recommendation", "deadline", "deadline_date"),
            ),
            "figures": (FigureRow, ("measure", "value", "unit", "target", "area", "period")),
            "commitments": (CommitmentRow, ("text", "who", "by_when", "by_date")),
        }
        tables: dict[str, dict[int, list[_FactRow]]] = {}
        for name, (table, wanted) in columns.items():
            t = table.__table__.c
            statement = select(
                t.meeting_id, *(t[c] for c in wanted), t.span_start, t.span_end
            ).order_by(t.meeting_id, t.position)
            grouped: dict[int, list[_FactRow]] = {}
            for row in session.execute(statement):
                grouped.setdefault(row.meeting_id, []).append(row)
            tables[name] = grouped
        owners: dict[int, list[str]] = {}
        statement_owners = select(ActionOwnerRow.action_id, ActionOwnerRow.name).order_by(
            ActionOwnerRow.action_id, ActionOwnerRow.position
        )
        for action_id, name in session.execute(statement_owners):
            owners.setdefault(action_id, []).append(name)
        return cls(tables, owners)

    def _of(self, table: str, meeting_id: int) -> list[_FactRow]:
        return self.tables[table].get(meeting_id, [])

    def meeting(self, row: MeetingRow, source: str) -> Meeting:
        """Rebuild one meeting's record, as `read_meeting` does one meeting at a time."""
        attendance = self._of("attendance", row.id)
        has_next = any(
            v is not None for v in (row.next_date, row.next_time, row.next_kind, row.next_venue)
        )
        return Meeting(
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
                for r in self._of("items", row.id)
            ],
            actions=[
                Action(
                    text=r.text,
                    owners=list(self.owners.get(r.id, [])),
                    item=r.item,
                    due=r.due,
                    due_date=r.due_date,
                    reference=r.reference,
                    span=span_of(r.span_start, r.span_end),
                )
                for r in self._of("actions", row.id)
            ],
            action_updates=[
                ActionUpdate(
                    r.refers_to, r.update_text, r.reference, span_of(r.span_start, r.span_end)
                )
                for r in self._of("updates", row.id)
            ],
            decisions=[
                Decision(r.text, r.item, span_of(r.span_start, r.span_end))
                for r in self._of("decisions", row.id)
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
                for r in self._of("hmicfrs", row.id)
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
                for r in self._of("figures", row.id)
            ],
            commitments=[
                Commitment(r.text, r.who, r.by_when, r.by_date, span_of(r.span_start, r.span_end))
                for r in self._of("commitments", row.id)
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


def _people(rows: list[_FactRow], status: AttendanceStatus) -> list[Person]:
    return [
        Person(r.name, r.role, r.abbreviation, span_of(r.span_start, r.span_end))
        for r in rows
        if r.status == status.value
    ]


def load_meetings(*, session: Session) -> list[tuple[int, Meeting]]:
    """Return every stored meeting's record with its id, oldest first.

    Each table of facts is read once for all meetings (not once per meeting), which is
    what makes a rebuild over thousands of meetings quick.
    """
    statement = (
        select(MeetingRow, DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .order_by(MeetingRow.date, MeetingRow.id)
    )
    meetings = session.execute(statement).all()
    facts = _Facts.read(session)
    return [(row.id, facts.meeting(row, source)) for row, source in meetings]


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
    """Replace the derived tracking record with `record`.

    Rows go in with one multi-row insert per table, in the record's order.
    """
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
    _insert(session, TrackedItemRow, [_item_row(item) for item in record.items])
    item_ids = _ids(session, TrackedItemRow.key, TrackedItemRow.id)
    _insert(
        session,
        ItemEventRow,
        [
            {
                "item_id": item_ids[item.key],
                "position": n,
                "effect": event.effect.value,
                "meeting_id": event.meeting_id,
                "date": event.date,
                "text": event.text,
                "span_start": start_of(event.span),
                "span_end": end_of(event.span),
                "method": event.method.value,
                "confidence": event.confidence,
                "fact_key": event.fact_key,
            }
            for item in record.items
            for n, event in enumerate(item.events)
        ],
    )
    _insert(
        session,
        PersonRow,
        [
            {
                "key": person.key,
                "name": person.name,
                "variants": SEPARATOR.join(person.variants),
                "roles": SEPARATOR.join(person.roles),
            }
            for person in record.people
        ],
    )
    person_ids = _ids(session, PersonRow.key, PersonRow.id)
    _insert(
        session,
        PersonAttendanceRow,
        [
            {
                "person_id": person_ids[person.key],
                "meeting_id": a.meeting_id,
                "date": a.date,
                "status": a.status,
                "written": a.written,
                "role": a.role,
                "abbreviation": a.abbreviation,
            }
            for person in record.people
            for a in person.attendance
        ],
    )
    _insert(
        session,
        RoleTenureRow,
        [
            {
                "person_id": person_ids[t.person_key],
                "role": t.role,
                "qualifier": t.qualifier,
                "first_meeting_id": t.first_meeting_id,
                "first_date": t.first_date,
                "last_meeting_id": t.last_meeting_id,
                "last_date": t.last_date,
                "meetings": t.meetings,
            }
            for t in record.tenures
            if t.person_key in person_ids
        ],
    )
    _insert(
        session,
        TopicHitRow,
        [
            {
                "topic": h.topic,
                "meeting_id": h.meeting_id,
                "date": h.date,
                "target_kind": h.target_kind,
                "target_key": h.target_key,
                "text": h.text,
                "words": SEPARATOR.join(h.words),
                "span_start": start_of(h.span),
                "span_end": end_of(h.span),
            }
            for h in record.topic_hits
        ],
    )
    _insert(
        session,
        FigurePointRow,
        [
            {
                "series_key": s.key,
                "measure": s.measure,
                "unit": s.unit,
                "series_target": s.target,
                "meeting_id": p.meeting_id,
                "date": p.date,
                "value": p.value,
                "target": p.target,
                "area": p.area,
                "period": p.period,
                "span_start": start_of(p.span),
                "span_end": end_of(p.span),
            }
            for s in record.series
            for p in s.points
        ],
    )


def _item_row(item: TrackedItem) -> dict[str, Any]:
    ended = item.ended_on()
    updates = [e.date for e in item.events[1:] if e.date is not None]
    return {
        "key": item.key,
        "kind": item.kind.value,
        "meeting_id": item.meeting_id,
        "date": item.date,
        "text": item.text,
        "owners": SEPARATOR.join(item.owners),
        "people": SEPARATOR.join(item.people),
        "reference": item.reference,
        "item": item.item,
        "due": item.due,
        "due_date": item.due_date,
        "due_note": item.due_note,
        "span_start": start_of(item.span),
        "span_end": end_of(item.span),
        "ended": ended.effect.value if ended else None,
        "ended_on": (ended.date or item.date) if ended else None,
        "updated_on": min(updates) if updates else None,
        "topics": SEPARATOR.join(item.topics),
    }


def _insert(session: Session, table: type[Base], rows: list[dict[str, Any]]) -> None:
    # The table's own insert, not the ORM's bulk one: these rows need no ORM bookkeeping.
    if rows:
        session.execute(insert(table.__table__), rows)  # type: ignore[arg-type]


def _ids(
    session: Session, key: InstrumentedAttribute[str], id_: InstrumentedAttribute[int]
) -> dict[str, int]:
    return {k: i for k, i in session.execute(select(key, id_))}


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
