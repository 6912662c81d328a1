"""Domain types of a meeting's record: plain dataclasses that every layer speaks."""

from oversight.records.types import (
    Action,
    ActionUpdate,
    AgendaItem,
    Commitment,
    Decision,
    Figure,
    Meeting,
    NextMeeting,
    Person,
    Recommendation,
    SourceSpan,
)
from oversight.records.vocab import AttendanceStatus, DocumentStatus

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaItem",
    "AttendanceStatus",
    "Commitment",
    "Decision",
    "DocumentStatus",
    "Figure",
    "Meeting",
    "NextMeeting",
    "Person",
    "Recommendation",
    "SourceSpan",
]
