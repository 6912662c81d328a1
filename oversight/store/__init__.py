"""The store: SQLAlchemy tables, Alembic migrations, repository functions and search.

Repository functions are keyword-only, take the session first, and speak `records` types
or the small summaries in `oversight.store.summaries`, never ORM rows. Make an engine with
`make_engine(url)`, bring its schema up to date with `migrate(engine)`, and open sessions
from `make_session_factory(engine)`.
"""

from oversight.store import account_tables as account_tables  # registers the tables
from oversight.store import tracking_tables as tracking_tables  # registers the tables
from oversight.store.actions import list_actions
from oversight.store.documents import (
    delete_document,
    find_document,
    find_documents_under,
    get_document_text,
    list_documents,
    save_document,
)
from oversight.store.engine import make_engine, make_session_factory
from oversight.store.meetings import find_meeting_ids, get_meeting, list_meetings
from oversight.store.people import list_people
from oversight.store.schema import current_revision, head_revision, migrate
from oversight.store.search import SearchQueryError, parse_query, search
from oversight.store.summaries import (
    ActionSummary,
    DocumentSummary,
    MeetingSummary,
    NewDocument,
    Passage,
    PersonSummary,
    SavedDocument,
    SearchHit,
    StoredMeeting,
)

__all__ = [
    "ActionSummary",
    "DocumentSummary",
    "MeetingSummary",
    "NewDocument",
    "Passage",
    "PersonSummary",
    "SavedDocument",
    "SearchHit",
    "SearchQueryError",
    "StoredMeeting",
    "current_revision",
    "delete_document",
    "find_document",
    "find_documents_under",
    "find_meeting_ids",
    "get_document_text",
    "get_meeting",
    "head_revision",
    "list_actions",
    "list_documents",
    "list_meetings",
    "list_people",
    "make_engine",
    "make_session_factory",
    "migrate",
    "parse_query",
    "save_document",
    "search",
]
