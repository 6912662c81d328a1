"""Store documents: find one by path, save a new or changed one with its meeting, list them.

Saving a changed file keeps its document id and replaces only what was extracted from it:
its meetings (with their facts, by cascade) and its search passages. The caller owns the
transaction, so a failure part-way leaves the earlier version as it was.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oversight.records import DocumentStatus, Meeting
from oversight.store.facts import add_meeting, delete_meetings
from oversight.store.passages import add_passages
from oversight.store.summaries import DocumentSummary, NewDocument, SavedDocument
from oversight.store.tables import DocumentRow, PassageRow


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite keeps no time zone; every moment the store writes is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def summarise(row: DocumentRow) -> DocumentSummary:
    """Describe a stored document without its text."""
    return DocumentSummary(
        id=row.id,
        source=row.source,
        path=row.path,
        sha256=row.sha256,
        format=row.format,
        status=DocumentStatus(row.status),
        reason=row.reason,
        ingested_at=_aware(row.ingested_at),
    )


def find_document(*, session: Session, path: str) -> DocumentSummary | None:
    """Return the document stored for a file path, if any."""
    row = session.scalars(select(DocumentRow).where(DocumentRow.path == path)).one_or_none()
    return None if row is None else summarise(row)


def find_documents_under(*, session: Session, prefix: str) -> list[DocumentSummary]:
    """Return the documents whose path starts with a prefix (the members of an archive)."""
    statement = (
        select(DocumentRow)
        .where(DocumentRow.path.startswith(prefix, autoescape=True))
        .order_by(DocumentRow.path)
    )
    return [summarise(row) for row in session.scalars(statement)]


def save_document(
    *,
    session: Session,
    document: NewDocument,
    meeting: Meeting | None,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> SavedDocument:
    """Store a document and its meeting, replacing what an earlier version of it stored.

    Without a meeting the document is stored as not understood, with `reason`.
    """
    status = DocumentStatus.UNDERSTOOD if meeting is not None else DocumentStatus.NOT_UNDERSTOOD
    row = session.scalars(
        select(DocumentRow).where(DocumentRow.path == document.path)
    ).one_or_none()
    replaced = row is not None
    if row is None:
        row = DocumentRow(path=document.path)
        session.add(row)
    else:
        session.execute(delete(PassageRow).where(PassageRow.document_id == row.id))
        delete_meetings(session=session, document_id=row.id)
    row.source = document.source
    row.sha256 = document.sha256
    row.format = document.format
    row.encoding = document.encoding
    row.status = status.value
    row.reason = None if meeting is not None else reason
    row.raw_text = document.raw_text
    row.text = document.text
    row.ingested_at = now or dt.datetime.now(dt.UTC)
    session.flush()
    meeting_id = None
    if meeting is not None:
        meeting_id = add_meeting(session=session, document_id=row.id, meeting=meeting)
    add_passages(
        session=session,
        document_id=row.id,
        meeting_id=meeting_id,
        text=document.text,
        passages=document.passages,
        meeting=meeting,
    )
    return SavedDocument(
        document=summarise(row),
        replaced=replaced,
        meeting_id=meeting_id,
        actions=0 if meeting is None else len(meeting.actions),
    )


def list_documents(
    *, session: Session, status: DocumentStatus | None = None
) -> list[DocumentSummary]:
    """List stored documents by source name, optionally only those with one status."""
    statement = select(DocumentRow).order_by(DocumentRow.source, DocumentRow.id)
    if status is not None:
        statement = statement.where(DocumentRow.status == status.value)
    return [summarise(row) for row in session.scalars(statement)]


def get_document_text(*, session: Session, document_id: int) -> tuple[str, str] | None:
    """Return a stored document's (text, raw_text), or None when there is no such document."""
    row = session.get(DocumentRow, document_id)
    return None if row is None else (row.text, row.raw_text)


def delete_document(*, session: Session, document_id: int) -> bool:
    """Delete a document and everything stored from it; say whether there was one."""
    session.execute(delete(PassageRow).where(PassageRow.document_id == document_id))
    result = session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
    return bool(getattr(result, "rowcount", 0))
