"""Store whether each document is published or a draft, keyed by the document's path.

A path without a row is published: files ingested by the operator are the published back
catalogue. `is_published(path_column)` is the SQL condition the read queries use, so that
what the public sees is decided in one place.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from oversight.store.account_tables import PublicationRow
from oversight.store.tables import DocumentRow, MeetingRow

PUBLISHED = "published"
DRAFT = "draft"


def is_published(path: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """Return the SQL condition that the document stored under `path` is published."""
    return ~exists().where(PublicationRow.path == path, PublicationRow.state == DRAFT)


def publication_state(*, session: Session, path: str) -> str | None:
    """Return the state recorded for a path, or None when none was (published)."""
    return session.scalars(
        select(PublicationRow.state).where(PublicationRow.path == path)
    ).one_or_none()


def set_publication_state(
    *, session: Session, path: str, state: str, changed_by: str | None, now: dt.datetime
) -> None:
    """Record the state of the document stored under a path."""
    row = session.scalars(select(PublicationRow).where(PublicationRow.path == path)).one_or_none()
    if row is None:
        row = PublicationRow(path=path)
        session.add(row)
    row.state = state
    row.changed_by = changed_by
    row.changed_at = now
    session.flush()


def meeting_path(*, session: Session, meeting_id: int) -> str | None:
    """Return the path of the document a meeting came from, or None when there is none."""
    return session.scalars(
        select(DocumentRow.path)
        .join(MeetingRow, MeetingRow.document_id == DocumentRow.id)
        .where(MeetingRow.id == meeting_id)
    ).one_or_none()


def draft_meeting_ids(*, session: Session) -> frozenset[int]:
    """Return the ids of the meetings whose document is a draft (few, so cheap to ask)."""
    statement = (
        select(MeetingRow.id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .join(PublicationRow, PublicationRow.path == DocumentRow.path)
        .where(PublicationRow.state == DRAFT)
    )
    return frozenset(session.scalars(statement))


def meeting_state_of(*, session: Session, meeting_id: int) -> str | None:
    """Return one meeting's publication state, or None when there is no such meeting."""
    found = session.execute(
        select(MeetingRow.id, PublicationRow.state)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .outerjoin(PublicationRow, PublicationRow.path == DocumentRow.path)
        .where(MeetingRow.id == meeting_id)
    ).one_or_none()
    return None if found is None else (found[1] or PUBLISHED)
