"""Full-text search over stored documents and meetings, behind one interface.

`search(session=..., query="...")` parses the query (`parse_query`, raising
`SearchQueryError` for one that cannot be run), asks the backend of the session's database
(FTS5 on SQLite, tsvector on PostgreSQL) for the best passages, and returns `SearchHit`s
with the meeting each passage belongs to. A `SearchScope` leaves out drafts or passages
outside a date range. `add_snippets` makes the snippets of hits found without them.
"""

from oversight.store.search.hits import add_snippets, search
from oversight.store.search.query import SearchQuery, SearchQueryError, Term, parse_query
from oversight.store.search.scope import SearchScope

__all__ = [
    "SearchQuery",
    "SearchQueryError",
    "SearchScope",
    "Term",
    "add_snippets",
    "parse_query",
    "search",
]
