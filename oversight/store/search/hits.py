"""Run a search on the session's backend and describe each hit with its meeting.

Snippets cost more than ranking. A caller that shows only some of the hits (a page of the
website's results) asks for them without, then `add_snippets` for the ones it shows.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from oversight.store.facts import span_of
from oversight.store.search.fts5 import fts5_snippets, search_fts5
from oversight.store.search.query import SearchQuery, parse_query
from oversight.store.search.ranking import RawHit, split_marks
from oversight.store.search.scope import EVERYTHING, SearchScope
from oversight.store.search.tsvector import search_tsvector, tsvector_snippets
from oversight.store.summaries import SearchHit
from oversight.store.tables import DocumentRow, MeetingRow, PassageRow

# Passages fetched per hit returned, so that capping hits per document still fills the page.
_OVERFETCH = 4


def _dialect(session: Session) -> str:
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"full-text search is not available on {dialect}")
    return dialect


def _raw_hits(
    session: Session, query: SearchQuery, limit: int, scope: SearchScope, snippets: bool
) -> list[RawHit]:
    backend = search_fts5 if _dialect(session) == "sqlite" else search_tsvector
    return backend(session=session, query=query, limit=limit, scope=scope, snippets=snippets)


def search(
    *,
    session: Session,
    query: str | SearchQuery,
    limit: int = 20,
    per_document: int = 3,
    scope: SearchScope = EVERYTHING,
    snippets: bool = True,
) -> list[SearchHit]:
    """Return the passages that best match a query, best first, at most `per_document` each.

    A string query is parsed first; a malformed one raises SearchQueryError. `scope` leaves
    out drafts or passages outside a date range. Without `snippets`, each hit's snippet is
    empty until `add_snippets` fills it.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    if limit <= 0:
        return []
    raw = _raw_hits(session, parsed, limit * _OVERFETCH, scope, snippets)
    if not raw:
        return []
    rows = {
        row.id: row
        for row in session.execute(
            select(
                PassageRow.id,
                PassageRow.document_id,
                PassageRow.meeting_id,
                PassageRow.section,
                PassageRow.label,
                PassageRow.span_start,
                PassageRow.span_end,
                DocumentRow.source,
                MeetingRow.title,
                MeetingRow.date,
            )
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
        passage = rows[hit.passage_id]
        if per.get(passage.document_id, 0) >= per_document:
            continue
        per[passage.document_id] = per.get(passage.document_id, 0) + 1
        snippet, highlights = split_marks(hit.snippet or "")
        hits.append(
            SearchHit(
                passage_id=passage.id,
                document_id=passage.document_id,
                meeting_id=passage.meeting_id,
                source=passage.source,
                title=passage.title,
                date=passage.date,
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


def add_snippets(
    *, session: Session, query: str | SearchQuery, hits: list[SearchHit]
) -> list[SearchHit]:
    """Return the hits with the snippet of each made for the query (same order)."""
    if not hits:
        return []
    parsed = parse_query(query) if isinstance(query, str) else query
    make = fts5_snippets if _dialect(session) == "sqlite" else tsvector_snippets
    marked = make(session=session, query=parsed, ids=[hit.passage_id for hit in hits])
    found: list[SearchHit] = []
    for hit in hits:
        snippet, highlights = split_marks(marked.get(hit.passage_id, ""))
        found.append(dataclasses.replace(hit, snippet=snippet, highlights=highlights))
    return found
