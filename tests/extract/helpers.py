"""Build documents from inline minutes text for extractor tests."""

from __future__ import annotations

from oversight.documents.document import Document
from oversight.documents.text import read_text
from oversight.extract import extract_meeting
from oversight.records.types import Meeting


def document(text: str, source: str = "minutes.txt") -> Document:
    """Read inline text as the text reader would read a file."""
    return read_text(text.encode("utf-8"), source=source)


def extract(text: str) -> Meeting:
    """Extract the meeting record of inline minutes."""
    return extract_meeting(document(text))
