"""Tables of the people who run the site and what they did: accounts, failed sign-ins,
publication states and the audit log.

Publication is keyed by the document's path, not by a meeting or document id, because
re-ingesting a changed file replaces its meeting (and a removed archive member its
document): the state must outlive both. A document with no `publication` row is
published; uploads through the web write a draft row in the same transaction that stores
the document, so an upload is never visible before someone publishes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oversight.store.tables import Base


class AccountRow(Base):
    """A member of staff who can sign in: an editor or an admin."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """One failed sign-in, counted against an account name and against a client."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PublicationRow(Base):
    """Whether the document stored under a path is published or still a draft."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    state: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str | None] = mapped_column(String(64))


class AuditEntryRow(Base):
    """One change made through the site: who, when, what, and the state before and after."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
