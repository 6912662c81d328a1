"""Full-text search on SQLite with FTS5: bm25 ranking and `snippet()` highlighting.

The parsed query is rewritten as an FTS5 query of double-quoted strings, so that FTS5
operators and column filters the user might type are read as plain words, and that string
travels as a bound parameter of a fixed statement.
"""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from oversight.store.search.query import SearchQuery, Term
from oversight.store.search.ranking import HIGHLIGHT_END, HIGHLIGHT_START, SECTION_WEIGHTS, RawHit

# bm25() is lower for better matches; it is multiplied by the section's weight (above one
# for headings), and negated so that higher scores are better on every backend.
_WEIGHT = " ".join(f"WHEN '{name}' THEN {weight}" for name, weight in SECTION_WEIGHTS.items())
_STATEMENT = text(
    "SELECT passage.id AS passage_id, "
    f"-bm25(passage_fts) * (CASE passage.section {_WEIGHT} ELSE 1.0 END) AS score, "
    "snippet(passage_fts, 0, :start, :end, '…', 24) AS snippet "
    "FROM passage_fts JOIN passage ON passage.id = passage_fts.rowid "
    "WHERE passage_fts MATCH :match "
    "ORDER BY score DESC, passage.id "
    "LIMIT :limit"
).bindparams(bindparam("match"), bindparam("start"), bindparam("end"), bindparam("limit"))


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _term(term: Term) -> str:
    return _quoted(term.words) + (" *" if term.prefix else "")


def fts5_query(query: SearchQuery) -> str:
    """Write a parsed query in FTS5 syntax, every term a quoted string."""
    groups = ["(" + " AND ".join(_term(t) for t in group) + ")" for group in query.alternatives]
    return " OR ".join(groups)


def search_fts5(*, session: Session, query: SearchQuery, limit: int) -> list[RawHit]:
    """Return the best-matching passages, best first, with marked snippets."""
    result = session.execute(
        _STATEMENT,
        {
            "match": fts5_query(query),
            "start": HIGHLIGHT_START,
            "end": HIGHLIGHT_END,
            "limit": limit,
        },
    )
    return [RawHit(int(pid), float(score), str(snippet)) for pid, score, snippet in result]
