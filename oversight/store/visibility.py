"""Which meetings a reader may not see, as one value every read query of the website takes.

The public may not see draft meetings, nor anything derived from them: tracked items raised
there, events recorded there, attendance, topics and figures found there. Drafts are few,
so their ids are read once per request and excluded with `NOT IN`, which costs far less
than asking each row whether its document is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from oversight.store.publication import draft_meeting_ids


@dataclass(frozen=True, slots=True)
class Hidden:
    """The meetings a reader may not see: the drafts for the public, none for staff."""

    meetings: frozenset[int] = frozenset()

    def allows(self, meeting_id: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        """Return the SQL condition that a row's meeting is not hidden."""
        if not self.meetings:
            return true()
        return meeting_id.not_in(sorted(self.meetings))

    def shows(self, meeting_id: int | None) -> bool:
        """Say whether a meeting (by id) may be seen."""
        return meeting_id is None or meeting_id not in self.meetings


NOTHING_HIDDEN = Hidden()


_CACHE_KEY = "oversight.hidden"


def hidden_for(*, session: Session, drafts: bool) -> Hidden:
    """Return what is hidden from a reader who may (staff) or may not (public) see drafts.

    The answer is kept in the session for its lifetime (one request on the website), so
    that the several parts of a page ask once.
    """
    if drafts:
        return NOTHING_HIDDEN
    cached = session.info.get(_CACHE_KEY)
    if not isinstance(cached, Hidden):
        cached = session.info[_CACHE_KEY] = Hidden(draft_meeting_ids(session=session))
    return cached
