"""Full-text search on PostgreSQL: a tsvector column with a GIN index, `ts_rank_cd` ranking
and `ts_headline` highlighting.

Each term of the parsed query becomes its own bound parameter, turned into a tsquery by
`plainto_tsquery` (words), `phraseto_tsquery` (phrases) or `to_tsquery` of a single word
followed by `:*` (prefixes; the parser lets only letters and digits into a word, so the
parameter holds one lexeme and nothing else); the tsqueries are combined with `&&`/`||`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column, select
from sqlalchemy.orm import Session

from oversight.store.search.query import SearchQuery, Term
from oversight.store.search.ranking import HIGHLIGHT_END, HIGHLIGHT_START, SECTION_WEIGHTS, RawHit
from oversight.store.search.scope import EVERYTHING, SearchScope, scope_condition
from oversight.store.tables import PassageRow

_CONFIG: ColumnElement[Any] = literal_column("'english'::regconfig")
_VECTOR: ColumnElement[Any] = literal_column("passage.search_vector")
_HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=35, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _term(term: Term) -> ColumnElement[object]:
    if not term.prefix:
        words = " ".join(term.words)
        builder = func.phraseto_tsquery if term.is_phrase else func.plainto_tsquery
        return builder(_CONFIG, words)
    last: ColumnElement[object] = func.to_tsquery(_CONFIG, f"{term.words[-1]}:*")
    if not term.is_phrase:
        return last
    return func.tsquery_phrase(func.phraseto_tsquery(_CONFIG, " ".join(term.words[:-1])), last)


def _all(parts: list[ColumnElement[object]], operator: str) -> ColumnElement[object]:
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.op(operator)(part)
    return combined


def tsquery(query: SearchQuery) -> ColumnElement[object]:
    """Build the tsquery expression of a parsed query, each term a bound parameter."""
    groups = [_all([_term(t) for t in group], "&&") for group in query.alternatives]
    return _all(groups, "||")


def _headline(body: Any, query: SearchQuery) -> ColumnElement[Any]:
    return func.ts_headline(_CONFIG, body, tsquery(query), _HEADLINE_OPTIONS)


def search_tsvector(
    *,
    session: Session,
    query: SearchQuery,
    limit: int,
    scope: SearchScope = EVERYTHING,
    snippets: bool = True,
) -> list[RawHit]:
    """Return the best-matching passages in scope, best first, with marked snippets (or
    without: `tsvector_snippets` makes them later for the hits shown)."""
    weight = case(
        *((PassageRow.section == name, value) for name, value in SECTION_WEIGHTS.items()),
        else_=1.0,
    )
    score = (func.ts_rank_cd(_VECTOR, tsquery(query)) * weight).label("score")
    ranked = (
        select(PassageRow.id.label("passage_id"), score)
        .where(_VECTOR.op("@@")(tsquery(query)))
        .order_by(score.desc(), PassageRow.id)
        .limit(limit)
    )
    if not scope.is_everything:
        ranked = ranked.where(scope_condition(scope, PassageRow.document_id, PassageRow.meeting_id))
    if not snippets:
        return [RawHit(int(pid), float(value), None) for pid, value in session.execute(ranked)]
    best = ranked.add_columns(PassageRow.text.label("body")).subquery()
    # ts_headline is costly, so it runs only on the passages that made the cut.
    statement = select(
        best.c.passage_id,
        best.c.score,
        _headline(best.c.body, query),
    ).order_by(best.c.score.desc(), best.c.passage_id)
    return [
        RawHit(int(pid), float(value), str(snippet))
        for pid, value, snippet in session.execute(statement)
    ]


def tsvector_snippets(*, session: Session, query: SearchQuery, ids: list[int]) -> dict[int, str]:
    """Return the marked snippet of each of these passages for the query."""
    if not ids:
        return {}
    statement = select(PassageRow.id, _headline(PassageRow.text, query)).where(
        PassageRow.id.in_(ids)
    )
    return {int(pid): str(text) for pid, text in session.execute(statement)}
