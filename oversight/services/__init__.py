"""The service layer: the only place that composes reading, extraction and the store.

The CLI and the web call these functions and nothing below them: open the store with
`open_database(url)`, ingest with `ingest_paths`, extract without storing with
`extract_paths`, and ask questions with `list_meetings`, `show_meeting`, `list_actions`,
`list_people`, `list_documents` and `search`. The record across meetings is in
`services.tracking` (the tracker, people and roles, topics, figures, corrections) and
`services.agenda` (the agenda pack). `to_json` gives any result's JSON form.
"""

from oversight.records import DocumentStatus
from oversight.services.database import Database, open_database
from oversight.services.errors import DatabaseUnavailableError, MeetingNotFoundError, ServiceError
from oversight.services.extraction import ExtractReport, extract_paths
from oversight.services.files import DEFAULT_MAX_FILE_BYTES, FileProblem
from oversight.services.ingest import IngestReport, ingest_paths
from oversight.services.progress import Outcome, Progress
from oversight.services.public import to_json
from oversight.services.queries import (
    list_actions,
    list_documents,
    list_meetings,
    list_people,
    search,
    show_meeting,
)
from oversight.store import (
    ActionSummary,
    DocumentSummary,
    MeetingSummary,
    PersonSummary,
    SearchHit,
    SearchQueryError,
    StoredMeeting,
)
from oversight.store.tracked_queries import ItemRow

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "ActionSummary",
    "Database",
    "DatabaseUnavailableError",
    "DocumentStatus",
    "DocumentSummary",
    "ExtractReport",
    "FileProblem",
    "IngestReport",
    "ItemRow",
    "MeetingNotFoundError",
    "MeetingSummary",
    "Outcome",
    "PersonSummary",
    "Progress",
    "SearchHit",
    "SearchQueryError",
    "ServiceError",
    "StoredMeeting",
    "extract_paths",
    "ingest_paths",
    "list_actions",
    "list_documents",
    "list_meetings",
    "list_people",
    "open_database",
    "search",
    "show_meeting",
    "to_json",
]
