"""Cut a document into the passages the search index holds.

A meeting contributes its header, agenda items, actions, decisions, HMICFRS
recommendations and commitments, each labelled with its section; the document's text
contributes one passage per block, so that a document that was not understood is still
searchable and every snippet points at a place in the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from oversight.records import Meeting, SourceSpan
from oversight.store.summaries import Passage
from oversight.store.tables import PassageRow

# Longest passage indexed; a block longer than this (a wall of text without line breaks) is
# cut into pieces so that snippets and ranking stay meaningful.
MAX_PASSAGE_CHARS = 4000


def _entry(
    section: str, label: str | None, text: str, span: SourceSpan | None
) -> tuple[str, str | None, str, int | None, int | None]:
    return (
        section,
        label,
        text,
        None if span is None else span.start,
        None if span is None else span.end,
    )


def _meeting_entries(
    meeting: Meeting,
) -> Iterator[tuple[str, str | None, str, int | None, int | None]]:
    header = " — ".join(p for p in (meeting.title, meeting.body, meeting.venue) if p)
    if header:
        yield _entry("meeting", meeting.title, header, None)
    for item in meeting.items:
        yield _entry("item", item.number, item.title, item.span)
    for action in meeting.actions:
        label = ", ".join(action.owners) or action.reference
        yield _entry("action", label, action.text, action.span)
    for decision in meeting.decisions:
        yield _entry("decision", decision.item, decision.text, decision.span)
    for rec in meeting.hmicfrs:
        yield _entry("recommendation", rec.report, f"{rec.report}: {rec.text}", rec.span)
    for commitment in meeting.commitments:
        yield _entry("commitment", commitment.who, commitment.text, commitment.span)


def _text_entries(
    text: str, passages: Sequence[Passage]
) -> Iterator[tuple[str, str | None, str, int | None, int | None]]:
    for passage in passages:
        start = max(0, passage.start)
        end = min(len(text), passage.end)
        while start < end:
            stop = min(end, start + MAX_PASSAGE_CHARS)
            piece = text[start:stop]
            if piece.strip():
                yield ("text", passage.label, piece, start, stop)
            start = stop


def add_passages(
    *,
    session: Session,
    document_id: int,
    meeting_id: int | None,
    text: str,
    passages: Sequence[Passage],
    meeting: Meeting | None,
) -> int:
    """Index a document's passages (and its meeting's, if any); return how many were added."""
    entries = list(_meeting_entries(meeting)) if meeting is not None else []
    entries += _text_entries(text, passages)
    rows: list[dict[str, Any]] = [
        {
            "document_id": document_id,
            "meeting_id": meeting_id,
            "section": section,
            "label": None if label is None else label[:500],
            "text": body,
            "span_start": start,
            "span_end": end,
        }
        for section, label, body, start, end in entries
        if body.strip()
    ]
    if rows:
        session.execute(insert(PassageRow), rows)
    return len(rows)
