"""The list of meetings filtered, counted, sorted and paged in SQL, and what to filter it by.

A meeting's kind is worked out from its title and body by the layer above (`series_of`), so
the store cannot name kinds itself; the caller turns a kind into the (title, body) pairs that
have it, read with `meeting_titles`, and the query matches those pairs. Titles and bodies are
few next to meetings, so the pairs stay a short list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from oversight.store.meeting_lists import (
    ListedMeeting,
    ListedSelect,
    aware,
    listed_meetings,
    read_listed,
)
from oversight.store.tables import DocumentRow, MeetingRow
from oversight.store.visibility import Hidden


@dataclass(frozen=True, slots=True)
class MeetingQuery:
    """Which meetings to list; None leaves a filter open.

    `pairs` are the (title, body) pairs to keep, each with "" for a missing value; `bodies`
    the exact bodies to keep.
    """

    year: int | None = None
    pairs: Sequence[tuple[str, str]] | None = None
    bodies: Sequence[str] | None = None
    oldest_first: bool = False


def _conditions(hidden: Hidden, query: MeetingQuery) -> list[ColumnElement[bool]]:
    conditions = [hidden.allows(MeetingRow.id)]
    if query.year is not None:
        # A range on the column, not its year, so that the date index serves it.
        conditions += [
            MeetingRow.date >= dt.date(query.year, 1, 1),
            MeetingRow.date < dt.date(query.year + 1, 1, 1),
        ]
    if query.pairs is not None:
        pair = tuple_(func.coalesce(MeetingRow.title, ""), func.coalesce(MeetingRow.body, ""))
        conditions.append(pair.in_(list(query.pairs)) if query.pairs else false())
    if query.bodies is not None:
        conditions.append(MeetingRow.body.in_(list(query.bodies)) if query.bodies else false())
    return conditions


def count_meetings(*, session: Session, hidden: Hidden, query: MeetingQuery) -> int:
    """Return how many meetings the reader may see match the query."""
    statement = select(func.count(MeetingRow.id)).where(*_conditions(hidden, query))
    return int(session.scalar(statement) or 0)


def _chosen(
    hidden: Hidden,
    chosen: Select[int],
    order: Sequence[ColumnElement[Any] | InstrumentedAttribute[Any]],
) -> ListedSelect:
    # The page's ids are chosen first, on the bare rows, so that the counts are worked out
    # for the page only and not for every meeting the sort passes over.
    return listed_meetings(hidden).where(MeetingRow.id.in_(chosen)).order_by(*order)


def meeting_page(
    *, session: Session, hidden: Hidden, query: MeetingQuery, offset: int, limit: int
) -> list[ListedMeeting]:
    """Return one page of the matching meetings, by date (undated last), with their counts."""
    by_date = MeetingRow.date.asc() if query.oldest_first else MeetingRow.date.desc()
    order = (by_date.nulls_last(), DocumentRow.source, MeetingRow.id)
    chosen = (
        select(MeetingRow.id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(*_conditions(hidden, query))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return read_listed(session=session, statement=_chosen(hidden, chosen, order))


def newest_stored(*, session: Session, hidden: Hidden, limit: int) -> list[ListedMeeting]:
    """Return the meetings the reader may see that were stored last, the latest first."""
    order = (
        DocumentRow.ingested_at.desc(),
        MeetingRow.date.desc().nulls_last(),
        DocumentRow.source,
        MeetingRow.id,
    )
    chosen = (
        select(MeetingRow.id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(hidden.allows(MeetingRow.id))
        .order_by(*order)
        .limit(limit)
    )
    return read_listed(session=session, statement=_chosen(hidden, chosen, order))


def stored_times(*, session: Session, meeting_ids: Sequence[int]) -> dict[int, dt.datetime]:
    """Return when the document of each of the given meetings was stored, by meeting id."""
    if not meeting_ids:
        return {}
    statement = (
        select(MeetingRow.id, DocumentRow.ingested_at)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .where(MeetingRow.id.in_(sorted(set(meeting_ids))))
    )
    return {mid: aware(at) for mid, at in session.execute(statement)}


def meeting_years(*, session: Session, hidden: Hidden) -> list[int]:
    """Return the years in which the meetings the reader may see took place, latest first."""
    year = func.extract("year", MeetingRow.date)
    statement = (
        select(year).where(MeetingRow.date.is_not(None), hidden.allows(MeetingRow.id)).distinct()
    )
    return sorted({int(y) for y in session.scalars(statement) if y is not None}, reverse=True)


def meeting_bodies(*, session: Session, hidden: Hidden) -> list[str]:
    """Return the distinct bodies of the meetings the reader may see, as written."""
    statement = (
        select(MeetingRow.body)
        .where(MeetingRow.body.is_not(None), hidden.allows(MeetingRow.id))
        .distinct()
    )
    return [b for b in session.scalars(statement) if b]
