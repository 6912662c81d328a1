"""Run a search on the session's backend and describe each hit with its meeting."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from oversight.store.facts import span_of
from oversight.store.search.fts5 import search_fts5
from oversight.store.search.query import SearchQuery, parse_query
from oversight.store.search.ranking import RawHit, split_marks
from oversight.store.search.scope import EVERYTHING, SearchScope
from oversight.store.search.tsvector import search_tsvector
from oversight.store.summaries import SearchHit
from oversight.store.tables import DocumentRow, MeetingRow, PassageRow

# Passages fetched per hit returned, so that capping hits per document still fills the page.
_OVERFETCH = 4


def _raw_hits(session: Session, query: SearchQuery, limit: int, scope: SearchScope) -> list[RawHit]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return search_fts5(session=session, query=query, limit=limit, scope=scope)
    if dialect == "postgresql":
        return search_tsvector(session=session, query=query, limit=limit, scope=scope)
    raise NotImplementedError(f"full-text search is not available on {dialect}")


def search(
    *,
    session: Session,
    query: str | SearchQuery,
    limit: int = 20,
    per_document: int = 3,
    scope: SearchScope = EVERYTHING,
) -> list[SearchHit]:
    """Return the passages that best match a query, best first, at most `per_document` each.

    A string query is parsed first; a malformed one raises SearchQueryError. `scope` leaves
    out drafts or passages outside a date range.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    if limit <= 0:
        return []
    raw = _raw_hits(session, parsed, limit * _OVERFETCH, scope)
    if not raw:
        return []
    rows = {
        passage.id: (passage, source, title, date)
        for passage, source, title, date in session.execute(
            select(PassageRow, DocumentRow.source, MeetingRow.title, MeetingRow.date)
            .join(DocumentRow, DocumentRow.id == PassageRow.document_id)
            .outerjoin(MeetingRow, MeetingRow.id == PassageRow.meeting_id)
            .where(PassageRow.id.in_([hit.passage_id for hit in raw]))
        )
    }
    hits: list[SearchHit] = []
    per: dict[int, int] = {}
    for hit in raw:
        if hit.passage_id not in rows:
            continue
        passage, source, title, date = rows[hit.passage_id]
        if per.get(passage.document_id, 0) >= per_document:
            continue
        per[passage.document_id] = per.get(passage.document_id, 0) + 1
        snippet, highlights = split_marks(hit.snippet)
        hits.append(
            SearchHit(
                passage_id=passage.id,
                document_id=passage.document_id,
                meeting_id=passage.meeting_id,
                source=source,
                title=title,
                date=date,
                section=passage.section,
                label=passage.label,
                snippet=snippet,
                highlights=highlights,
                score=hit.score,
                span=span_of(passage.span_start, passage.span_end),
            )
        )
        if len(hits) >= limit:
            break
    return hits
