"""Build records and documents for store tests; every force and person here is invented."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.orm import Session, sessionmaker

from oversight.records import (
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
from oversight.store import NewDocument, Passage, SavedDocument, save_document


def full_meeting(
    source: str = "ambridge-2024-03.txt", title: str = "Ambridge Police Board"
) -> Meeting:
    """Return a meeting with at least one fact of every kind, each with a span."""
    return Meeting(
        source=source,
        title=title,
        body="Office of the Ambridge Police and Crime Commissioner",
        date=dt.date(2024, 3, 5),
        date_note="year taken from the title",
        start_time="10:00",
        venue="Borsetshire Police HQ",
        chair="Alex Fenwick",
        minute_taker="Sam Okafor",
        minute_taker_role="Policy Officer",
        attendees=[
            Person("Alex Fenwick", "Police and Crime Commissioner", "PCC", SourceSpan(0, 12)),
            Person("Morgan Hale", "Chief Constable", "CC", SourceSpan(13, 24)),
        ],
        apologies=[Person("Jo Whitlock", "Deputy Chief Constable", "DCC", SourceSpan(25, 36))],
        items=[
            AgendaItem("Minutes of the last meeting", "1", 1, SourceSpan(40, 60)),
            AgendaItem("Rural crime", "2.1", 2, SourceSpan(61, 80)),
        ],
        actions=[
            Action(
                "Report on rural crime patrols",
                ["CC", "DCC"],
                "2.1",
                "by May",
                dt.date(2024, 5, 31),
                "A/24/01",
                SourceSpan(81, 110),
            ),
            Action("Publish the response", ["PCC"], None, None, None, None, SourceSpan(111, 130)),
        ],
        action_updates=[ActionUpdate("A/23/09", "Completed", "A/23/09", SourceSpan(131, 140))],
        decisions=[Decision("The board approved the plan", "2.1", SourceSpan(141, 160))],
        hmicfrs=[
            Recommendation(
                "PEEL 2023",
                "Improve call handling",
                "R3",
                "March 2025",
                dt.date(2025, 3, 31),
                SourceSpan(161, 180),
            )
        ],
        figures=[
            Figure(
                "999 calls answered in 10s", "87", "%", "90%", "force", "Q3", SourceSpan(181, 190)
            )
        ],
        commitments=[
            Commitment(
                "Report back on drones", "CC", "June", dt.date(2024, 6, 30), SourceSpan(191, 200)
            )
        ],
        next_meeting=NextMeeting(
            dt.date(2024, 4, 2), "10:00", "public", "HQ", SourceSpan(201, 210)
        ),
    )


def new_document(
    path: str, text: str, *, source: str | None = None, raw_text: str | None = None
) -> NewDocument:
    """Describe a text document whose passages are its lines."""
    passages: list[Passage] = []
    offset = 0
    for line in text.split("\n"):
        passages.append(Passage(offset, offset + len(line)))
        offset += len(line) + 1
    return NewDocument(
        source=source or path.rsplit("/", 1)[-1],
        path=path,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="text",
        raw_text=text if raw_text is None else raw_text,
        text=text,
        encoding="utf-8",
        passages=tuple(passages),
    )


def store(
    sessions: sessionmaker[Session],
    path: str,
    text: str,
    meeting: Meeting | None,
    reason: str | None = None,
) -> SavedDocument:
    """Save a document (and its meeting) in its own transaction."""
    with sessions.begin() as session:
        return save_document(
            session=session, document=new_document(path, text), meeting=meeting, reason=reason
        )
