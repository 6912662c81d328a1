"""Which passages a search may return: all, or only published ones, within a date range.

The scope is applied inside each backend's ranked query, before the limit, so that
passages outside it never take the places of those inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from oversight.store.publication import is_published
from oversight.store.tables import DocumentRow, MeetingRow


@dataclass(frozen=True, slots=True)
class SearchScope:
    """Narrow a search: `drafts=False` leaves out unpublished documents; dates bound the
    meeting's date (a bound leaves out passages of documents without a dated meeting)."""

    drafts: bool = True
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def is_everything(self) -> bool:
        """Say whether the scope leaves nothing out."""
        return self.drafts and self.date_from is None and self.date_to is None


EVERYTHING = SearchScope()


def scope_condition(
    scope: SearchScope,
    document_id: InstrumentedAttribute[int],
    meeting_id: InstrumentedAttribute[int | None],
) -> ColumnElement[bool]:
    """Return the condition a passage (by its document and meeting columns) must meet."""
    conditions: list[ColumnElement[bool]] = []
    if not scope.drafts:
        conditions.append(
            document_id.in_(select(DocumentRow.id).where(is_published(DocumentRow.path)))
        )
    dated = select(MeetingRow.id)
    if scope.date_from is not None:
        dated = dated.where(MeetingRow.date >= scope.date_from)
    if scope.date_to is not None:
        dated = dated.where(MeetingRow.date <= scope.date_to)
    if scope.date_from is not None or scope.date_to is not None:
        conditions.append(meeting_id.in_(dated))
    return and_(true(), *conditions)
