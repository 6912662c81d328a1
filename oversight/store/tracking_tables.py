"""Tables of the record across meetings: tracked items, their events, people, roles, topics.

Everything here except `correction` is derived: `tracking.refresh` rebuilds it from the
stored meetings in one transaction, so it is never edited in place. Corrections made by
people live in `correction`, keyed by the stable keys of what they correct, and are applied
on every rebuild; deleting or re-ingesting a document never touches them.

The composite indexes are those the website's pages need on thousands of meetings: tracked
items of a kind in due order, their statuses, owners and people counted from the index
alone, an item's events in order, a series' points by date, topics counted by meeting and
over a span of days, the roles by start, and the meetings announcing a next meeting.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oversight.store.tables import Base, MeetingRow


def _meeting_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)


class TrackedItemRow(Base):
    """An action, promise or recommendation followed across meetings."""

    __tablename__ = "tracked_item"
    __table_args__ = (
        Index("ix_tracked_item_kind_due_date", "kind", "due_date", "key"),
        # Every column the status of an item on a day is worked out from (`status_on`).
        Index(
            "ix_tracked_item_kind_status",
            "kind",
            "date",
            "ended",
            "ended_on",
            "due_date",
            "updated_on",
        ),
        Index("ix_tracked_item_kind_owners", "kind", "owners"),
        Index("ix_tracked_item_kind_people", "kind", "people"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    meeting_id: Mapped[int] = _meeting_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    owners: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str | None] = mapped_column(String(128))
    item: Mapped[str | None] = mapped_column(Text)
    due: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    due_note: Mapped[str | None] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    ended: Mapped[str | None] = mapped_column(String(16))
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_on: Mapped[dt.date | None] = mapped_column(Date)
    topics: Mapped[str] = mapped_column(Text, default="")


class ItemEventRow(Base):
    """Something a meeting did to a tracked item, with where it says so."""

    __tablename__ = "item_event"
    __table_args__ = (Index("ix_item_event_item_id_position", "item_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("tracked_item.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    effect: Mapped[str] = mapped_column(String(32))
    meeting_id: Mapped[int] = _meeting_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    fact_key: Mapped[str | None] = mapped_column(String(64), index=True)


class PersonRow(Base):
    """One real person across meetings."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    name: Mapped[str] = mapped_column(Text)
    variants: Mapped[str] = mapped_column(Text, default="")
    roles: Mapped[str] = mapped_column(Text, default="")


class PersonAttendanceRow(Base):
    """A person present at, or sending apologies to, one meeting."""

    __tablename__ = "person_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = _meeting_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    written: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    abbreviation: Mapped[str | None] = mapped_column(String(64))


class RoleTenureRow(Base):
    """A continuous spell of one person in one role."""

    __tablename__ = "role_tenure"
    __table_args__ = (Index("ix_role_tenure_role_first_date", "role", "first_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(String(16))
    first_meeting_id: Mapped[int] = _meeting_fk()
    first_date: Mapped[dt.date | None] = mapped_column(Date)
    last_meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    last_date: Mapped[dt.date | None] = mapped_column(Date)
    meetings: Mapped[int] = mapped_column(Integer)


class TopicHitRow(Base):
    """A topic found in one part of one meeting, with the words that triggered it."""

    __tablename__ = "topic_hit"
    __table_args__ = (
        Index("ix_topic_hit_topic_meeting_id", "topic", "meeting_id"),
        Index("ix_topic_hit_date_topic", "date", "topic"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    meeting_id: Mapped[int] = _meeting_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_key: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class FigurePointRow(Base):
    """One quotation of a measure, placed in the series of that measure."""

    __tablename__ = "figure_point"
    __table_args__ = (Index("ix_figure_point_series_key_date", "series_key", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_key: Mapped[str] = mapped_column(String(128))
    measure: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    series_target: Mapped[str | None] = mapped_column(Text)
    meeting_id: Mapped[int] = _meeting_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    value: Mapped[str] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class CorrectionRow(Base):
    """A person's correction of the tracked record; kept whatever happens to the documents."""

    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_key: Mapped[str] = mapped_column(String(128), index=True)
    operation: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# The dashboard asks for the next meetings announced from today on; the meeting table is
# declared in `tables`, and its index is declared here with the other indexes of the pages.
Index("ix_meeting_next_date", MeetingRow.next_date)
