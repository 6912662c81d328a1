"""The service layer: the only place that composes reading, extraction and the store.

The CLI and the web call these functions and nothing below them: open the store with
`open_database(url)`, ingest with `ingest_paths`, extract without storing with
`extract_paths`, and ask questions with `list_meetings`, `show_meeting`, `list_actions`,
`list_people`, `list_documents` and `search`. The record across meetings is in
`services.tracking` (the tracker, people and roles, topics, figures, corrections) and
`services.agenda` (the agenda pack). `to_json` gives any result's JSON form.
"""

from oversight.records import DocumentStatus
from oversight.services.accounts import (
    AccountError,
    LockedOutError,
    LockoutPolicy,
    Role,
    SignInError,
    Viewer,
    add_account,
    sign_in,
    viewer_for,
)
from oversight.services.audit import AuditLog, audit_log, record_change
from oversight.services.browse import (
    MeetingFilter,
    meeting_index,
    meeting_record,
    upcoming_meetings,
)
from oversight.services.database import Database, open_database
from oversight.services.errors import (
    DatabaseUnavailableError,
    InvalidFilterError,
    MeetingNotFoundError,
    ServiceError,
)
from oversight.services.extraction import ExtractReport, extract_paths
from oversight.services.files import DEFAULT_MAX_FILE_BYTES, FileProblem
from oversight.services.ingest import IngestReport, ingest_paths
from oversight.services.progress import Outcome, Progress
from oversight.services.public import to_json
from oversight.services.publication import PublicationState, meeting_state, set_meeting_state
from oversight.services.queries import (
    list_actions,
    list_documents,
    list_meetings,
    list_people,
    search,
    show_meeting,
)
from oversight.services.site_search import search_records
from oversight.services.uploads import UploadedFile, UploadResult, ingest_uploads
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
    "AccountError",
    "ActionSummary",
    "AuditLog",
    "Database",
    "DatabaseUnavailableError",
    "DocumentStatus",
    "DocumentSummary",
    "ExtractReport",
    "FileProblem",
    "IngestReport",
    "InvalidFilterError",
    "ItemRow",
    "LockedOutError",
    "LockoutPolicy",
    "MeetingFilter",
    "MeetingNotFoundError",
    "MeetingSummary",
    "Outcome",
    "PersonSummary",
    "Progress",
    "PublicationState",
    "Role",
    "SearchHit",
    "SearchQueryError",
    "ServiceError",
    "SignInError",
    "StoredMeeting",
    "UploadResult",
    "UploadedFile",
    "Viewer",
    "add_account",
    "audit_log",
    "extract_paths",
    "ingest_paths",
    "ingest_uploads",
    "list_actions",
    "list_documents",
    "list_meetings",
    "list_people",
    "meeting_index",
    "meeting_record",
    "meeting_state",
    "open_database",
    "record_change",
    "search",
    "search_records",
    "set_meeting_state",
    "show_meeting",
    "sign_in",
    "to_json",
    "upcoming_meetings",
    "viewer_for",
]
