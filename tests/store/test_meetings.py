"""Reading meetings back: the full record round-trips, lists count, sources resolve."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from oversight.records import Meeting
from oversight.store import find_meeting_ids, get_meeting, list_meetings

from .factories import full_meeting, store


def test_meeting_record_round_trips(session_factory: sessionmaker[Session]) -> None:
    meeting = full_meeting("a.txt")
    saved = store(session_factory, "/m/a.txt", "text", meeting)
    with session_factory() as session:
        found = get_meeting(session=session, meeting_id=saved.meeting_id or 0)
    assert found is not None
    assert found.meeting == meeting
    assert found.document.source == "a.txt"
    assert found.action_statuses == ("open", "open")
    assert len(found.action_ids) == 2


def test_minimal_meeting_round_trips(session_factory: sessionmaker[Session]) -> None:
    meeting = Meeting(source="bare.txt")
    saved = store(session_factory, "/m/bare.txt", "text", meeting)
    with session_factory() as session:
        found = get_meeting(session=session, meeting_id=saved.meeting_id or 0)
    assert found is not None and found.meeting == meeting


def test_list_meetings_newest_first_with_counts(session_factory: sessionmaker[Session]) -> None:
    old = dataclasses.replace(full_meeting("old.txt", "Old"), date=dt.date(2023, 1, 10))
    undated = dataclasses.replace(full_meeting("undated.txt", "Undated"), date=None)
    store(session_factory, "/m/old.txt", "x", old)
    store(session_factory, "/m/new.txt", "x", full_meeting("new.txt", "New"))
    store(session_factory, "/m/undated.txt", "x", undated)
    with session_factory() as session:
        listed = list_meetings(session=session)
    assert [m.title for m in listed] == ["New", "Old", "Undated"]
    assert (listed[0].attendees, listed[0].actions, listed[0].decisions) == (2, 2, 1)


def test_find_meeting_ids_by_source_or_stem(session_factory: sessionmaker[Session]) -> None:
    a = store(session_factory, "/m/2024-03.txt", "x", full_meeting("2024-03.txt"))
    b = store(session_factory, "/n/2024-03.txt", "x", full_meeting("2024-03.txt"))
    c = store(session_factory, "/m/100%_done.md", "x", full_meeting("100%_done.md"))
    with session_factory() as session:
        assert find_meeting_ids(session=session, source="2024-03.txt") == [
            a.meeting_id,
            b.meeting_id,
        ]
        assert find_meeting_ids(session=session, source="100%_done") == [c.meeting_id]
        assert find_meeting_ids(session=session, source="100%") == []
        assert find_meeting_ids(session=session, source="2024") == []
