"""Full-text search on SQLite with FTS5: bm25 ranking and `snippet()` highlighting.

The parsed query is rewritten as an FTS5 query of double-quoted strings, so that FTS5
operators and column filters the user might type are read as plain words, and that string
travels as a bound parameter of a statement built with SQLAlchemy Core.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from oversight.store.search.query import SearchQuery, Term
from oversight.store.search.ranking import HIGHLIGHT_END, HIGHLIGHT_START, SECTION_WEIGHTS, RawHit
from oversight.store.search.scope import EVERYTHING, SearchScope, scope_condition
from oversight.store.tables import PassageRow

_FTS = table("passage_fts", column("rowid"))
# The FTS5 table's own name stands for its hidden column in MATCH, bm25() and snippet().
_FTS_NAME: ColumnElement[Any] = literal_column("passage_fts")


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _term(term: Term) -> str:
    return _quoted(term.words) + (" *" if term.prefix else "")


def fts5_query(query: SearchQuery) -> str:
    """Write a parsed query in FTS5 syntax, every term a quoted string."""
    groups = ["(" + " AND ".join(_term(t) for t in group) + ")" for group in query.alternatives]
    return " OR ".join(groups)


def _snippet() -> ColumnElement[Any]:
    return func.snippet(_FTS_NAME, 0, HIGHLIGHT_START, HIGHLIGHT_END, "…", 24)


def search_fts5(
    *,
    session: Session,
    query: SearchQuery,
    limit: int,
    scope: SearchScope = EVERYTHING,
    snippets: bool = True,
) -> list[RawHit]:
    """Return the best-matching passages in scope, best first, with marked snippets (or
    without: `fts5_snippets` makes them later for the hits shown)."""
    # bm25() is lower for better matches; it is multiplied by the section's weight (above one
    # for headings), and negated so that higher scores are better on every backend.
    weight = case(
        *((PassageRow.section == name, value) for name, value in SECTION_WEIGHTS.items()),
        else_=1.0,
    )
    score = (-func.bm25(_FTS_NAME) * weight).label("score")
    snippet = _snippet() if snippets else literal_column("NULL")
    statement = (
        select(PassageRow.id, score, snippet)
        .select_from(_FTS)
        .join(PassageRow, PassageRow.id == _FTS.c.rowid)
        .where(_FTS_NAME.op("MATCH")(fts5_query(query)))
        .order_by(score.desc(), PassageRow.id)
        .limit(limit)
    )
    if not scope.is_everything:
        statement = statement.where(
            scope_condition(scope, PassageRow.document_id, PassageRow.meeting_id)
        )
    result = session.execute(statement)
    return [
        RawHit(int(pid), float(value), None if text is None else str(text))
        for pid, value, text in result
    ]


def fts5_snippets(*, session: Session, query: SearchQuery, ids: list[int]) -> dict[int, str]:
    """Return the marked snippet of each of these passages for the query."""
    if not ids:
        return {}
    statement = (
        select(_FTS.c.rowid, _snippet())
        .select_from(_FTS)
        .where(_FTS_NAME.op("MATCH")(fts5_query(query)), _FTS.c.rowid.in_(ids))
    )
    return {int(pid): str(text) for pid, text in session.execute(statement)}
