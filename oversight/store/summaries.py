"""Small typed values the store hands to the layers above, instead of ORM rows.

Inputs (`NewDocument`, `Passage`) describe what to store; summaries describe what is stored.
Meeting facts themselves travel as `oversight.records` types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from oversight.records import Action, DocumentStatus, Meeting, SourceSpan


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a document's text to index for search, with the heading it falls under."""

    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document as read from a file, ready to be stored with or without its meeting."""

    source: str
    path: str
    sha256: str
    format: str
    raw_text: str
    text: str
    encoding: str | None = None
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document without its text."""

    id: int
    source: str
    path: str
    sha256: str
    format: str
    status: DocumentStatus
    reason: str | None
    ingested_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SavedDocument:
    """What saving a document did: whether it replaced an earlier version, what it stored."""

    document: DocumentSummary
    replaced: bool
    meeting_id: int | None
    actions: int


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One line of the list of meetings."""

    id: int
    document_id: int
    source: str
    title: str | None
    body: str | None
    date: dt.date | None
    attendees: int
    actions: int
    decisions: int


@dataclass(frozen=True, slots=True)
class StoredMeeting:
    """A stored meeting's full record, with the document it came from.

    `action_ids` and `action_statuses` run parallel to `meeting.actions`.
    """

    id: int
    document: DocumentSummary
    meeting: Meeting
    action_ids: tuple[int, ...] = ()
    action_statuses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionSummary:
    """An action with the meeting that raised it and where it stands."""

    id: int
    meeting_id: int
    meeting_title: str | None
    meeting_date: dt.date | None
    source: str
    status: str
    action: Action
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """Someone named in attendance lists, across every stored meeting."""

    name: str
    roles: tuple[str, ...]
    abbreviations: tuple[str, ...]
    present: int
    apologies: int
    meeting_ids: tuple[int, ...] = field(default=())

    @property
    def meetings(self) -> int:
        """Return how many meetings name this person, present or sending apologies."""
        return len(self.meeting_ids)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One passage that matched a search, with its snippet and where it came from.

    `highlights` are [start, end) ranges of matched words within `snippet`.
    """

    passage_id: int
    document_id: int
    meeting_id: int | None
    source: str
    title: str | None
    date: dt.date | None
    section: str
    label: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
    span: SourceSpan | None = None

    def marked(self, start: str = "[", end: str = "]") -> str:
        """Return the snippet with each highlighted match wrapped in the given markers."""
        parts: list[str] = []
        cursor = 0
        for begin, finish in self.highlights:
            parts += [self.snippet[cursor:begin], start, self.snippet[begin:finish], end]
            cursor = finish
        parts.append(self.snippet[cursor:])
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """A staff account as stored, with its password hash for the services to verify."""

    id: int
    name: str
    role: str
    password_hash: str = field(repr=False)
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change made through the site: who, when, what, before and after (JSON text)."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: str | None
    after: str | None
