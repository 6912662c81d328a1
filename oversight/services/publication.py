"""Publish a meeting or take it back to draft; the public sees published meetings only.

The state belongs to the document's path (see `oversight.store.account_tables`), so it
survives re-ingesting the same file, changed or not. Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy.orm import Session

from oversight.services.audit import record_change
from oversight.services.errors import MeetingNotFoundError
from oversight.store.publication import (
    DRAFT,
    PUBLISHED,
    meeting_path,
    publication_state,
    set_publication_state,
)


class PublicationState(StrEnum):
    """Whether the public may see a meeting."""

    DRAFT = DRAFT
    PUBLISHED = PUBLISHED


def meeting_state(*, session: Session, meeting_id: int) -> PublicationState:
    """Return a meeting's state; raise MeetingNotFoundError when there is no such meeting."""
    path = meeting_path(session=session, meeting_id=meeting_id)
    if path is None:
        raise MeetingNotFoundError(f"no meeting {meeting_id}")
    return PublicationState(publication_state(session=session, path=path) or PUBLISHED)


def set_meeting_state(
    *,
    session: Session,
    meeting_id: int,
    state: PublicationState | str,
    actor: str,
    now: dt.datetime | None = None,
) -> PublicationState:
    """Publish a meeting or make it a draft, auditing the change; return the new state."""
    wanted = PublicationState(state)
    path = meeting_path(session=session, meeting_id=meeting_id)
    if path is None:
        raise MeetingNotFoundError(f"no meeting {meeting_id}")
    before = PublicationState(publication_state(session=session, path=path) or PUBLISHED)
    if before is wanted:
        return wanted
    moment = now or dt.datetime.now(dt.UTC)
    set_publication_state(
        session=session, path=path, state=wanted.value, changed_by=actor, now=moment
    )
    record_change(
        session=session,
        actor=actor,
        action="meeting.publication",
        target=f"meeting {meeting_id} ({path})",
        before={"state": before.value},
        after={"state": wanted.value},
        now=moment,
    )
    return wanted
