"""Compose the section extractors into one meeting record."""

from __future__ import annotations

from oversight.documents.document import Document
from oversight.records.types import Meeting


class NotMinutesError(ValueError):
    """The document does not look like the minutes of a meeting."""


def extract_meeting(document: Document) -> Meeting:
    """Extract the meeting record from a document; raise NotMinutesError for other text."""
    return Meeting(source=document.source)
