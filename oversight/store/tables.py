"""The store's tables, declared with typed SQLAlchemy mappings.

Tables are bare nouns. Every fact belongs to a meeting, keeps its order in the minutes
(`position`) and the span of text it came from (`span_start`, `span_end`, offsets into
`document.text`). Deleting a document deletes everything extracted from it, by cascade.
The schema itself is created by the Alembic migrations beside this module; a test checks
that the two agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base holding the store's metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRow(Base):
    """An imported file: its text as read, and whether a meeting was found in it."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(512), index=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(32))
    encoding: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class MeetingRow(Base):
    """The header of one meeting's record and when the next one is to be."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_note: Mapped[str | None] = mapped_column(Text)
    start_time: Mapped[str | None] = mapped_column(String(32))
    venue: Mapped[str | None] = mapped_column(Text)
    chair: Mapped[str | None] = mapped_column(Text)
    minute_taker: Mapped[str | None] = mapped_column(Text)
    minute_taker_role: Mapped[str | None] = mapped_column(Text)
    next_date: Mapped[dt.date | None] = mapped_column(Date)
    next_time: Mapped[str | None] = mapped_column(String(32))
    next_kind: Mapped[str | None] = mapped_column(Text)
    next_venue: Mapped[str | None] = mapped_column(Text)
    next_span_start: Mapped[int | None] = mapped_column(Integer)
    next_span_end: Mapped[int | None] = mapped_column(Integer)


class _Fact:
    """Columns every fact of a meeting has: its meeting, order and source span."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class AttendanceRow(_Fact, Base):
    """A person present at a meeting or sending apologies."""

    __tablename__ = "attendance"

    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    abbreviation: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))


class AgendaItemRow(_Fact, Base):
    """An agenda item or sub-item."""

    __tablename__ = "agenda_item"

    number: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)


class ActionRow(_Fact, Base):
    """A task given at a meeting; its owners are in `action_owner`."""

    __tablename__ = "action"

    text: Mapped[str] = mapped_column(Text)
    item: Mapped[str | None] = mapped_column(Text)
    due: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    reference: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(32), server_default="open")


class ActionOwnerRow(Base):
    """One owner of an action, as written (a name or letters such as "CC")."""

    __tablename__ = "action_owner"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)


class ActionUpdateRow(_Fact, Base):
    """Progress reported on an action raised at an earlier meeting."""

    __tablename__ = "action_update"

    refers_to: Mapped[str] = mapped_column(Text)
    update_text: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(128))


class DecisionRow(_Fact, Base):
    """Something a meeting decided."""

    __tablename__ = "decision"

    text: Mapped[str] = mapped_column(Text)
    item: Mapped[str | None] = mapped_column(Text)


class RecommendationRow(_Fact, Base):
    """An HMICFRS report or recommendation discussed at a meeting."""

    __tablename__ = "recommendation"

    report: Mapped[str] = mapped_column(Text)
    recommendation: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[str | None] = mapped_column(Text)
    deadline_date: Mapped[dt.date | None] = mapped_column(Date)


class FigureRow(_Fact, Base):
    """A number quoted in the minutes."""

    __tablename__ = "figure"

    measure: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(Text)


class CommitmentRow(_Fact, Base):
    """A dated promise made at a meeting."""

    __tablename__ = "commitment"

    text: Mapped[str] = mapped_column(Text)
    who: Mapped[str | None] = mapped_column(Text)
    by_when: Mapped[str | None] = mapped_column(Text)
    by_date: Mapped[dt.date | None] = mapped_column(Date)


class PassageRow(Base):
    """A piece of a document indexed for full-text search, with where it sits in the text.

    The search index itself is backend-specific and made by the migrations: an FTS5 table
    `passage_fts` on SQLite, a generated `search_vector` column with a GIN index on
    PostgreSQL.
    """

    __tablename__ = "passage"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class StoreChangeRow(Base):
    """One row counting the transactions that wrote to a PostgreSQL store (`store.changes`)."""

    __tablename__ = "store_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
