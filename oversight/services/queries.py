"""Answer the questions the CLI and web ask of the store: meetings, actions, people, search."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from oversight import store
from oversight.records import DocumentStatus
from oversight.services.errors import MeetingNotFoundError
from oversight.store import (
    ActionSummary,
    DocumentSummary,
    MeetingSummary,
    PersonSummary,
    SearchHit,
    StoredMeeting,
)


def list_meetings(*, session: Session) -> list[MeetingSummary]:
    """List every stored meeting, newest first."""
    return store.list_meetings(session=session)


def list_documents(
    *, session: Session, status: DocumentStatus | None = None
) -> list[DocumentSummary]:
    """List stored documents, optionally only those understood or not understood."""
    return store.list_documents(session=session, status=status)


def show_meeting(*, session: Session, meeting: str) -> StoredMeeting:
    """Return one meeting's full record, found by id or by its document's source name.

    Raise MeetingNotFoundError when nothing matches or when a name matches several meetings.
    """
    key = meeting.strip()
    if key.isdigit():
        found = store.get_meeting(session=session, meeting_id=int(key))
        if found is not None:
            return found
    ids = store.find_meeting_ids(session=session, source=key)
    if len(ids) > 1:
        listed = ", ".join(str(i) for i in ids)
        raise MeetingNotFoundError(f"{key!r} names several meetings ({listed}); give an id")
    found = store.get_meeting(session=session, meeting_id=ids[0]) if ids else None
    if found is None:
        raise MeetingNotFoundError(f"no meeting {key!r}: give an id or a source file name")
    return found


def list_actions(
    *,
    session: Session,
    open_only: bool = False,
    owner: str | None = None,
    overdue: bool = False,
    as_of: dt.date | None = None,
) -> list[ActionSummary]:
    """List actions, marking those overdue on `as_of` (today unless given).

    With `overdue`, keep only open actions whose due date is before `as_of`.
    """
    day = as_of or dt.date.today()
    return store.list_actions(
        session=session,
        open_only=open_only,
        owner=owner,
        overdue_as_of=day if overdue else None,
        as_of=day,
    )


def list_people(*, session: Session) -> list[PersonSummary]:
    """List the distinct people named in attendance across all meetings."""
    return store.list_people(session=session)


def search(*, session: Session, query: str, limit: int = 20) -> list[SearchHit]:
    """Search meetings and documents; raise SearchQueryError for a malformed query."""
    return store.search(session=session, query=query, limit=limit)
