"""Stable keys and series for stored meetings, the tracking layer's view of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from oversight.records import Meeting
from oversight.records.tracking import MeetingRef
from oversight.tracking.calendar import series_of


def meeting_refs(meetings: Sequence[tuple[int, Meeting]]) -> list[tuple[MeetingRef, Meeting]]:
    """Give each (id, meeting) a key that survives re-ingest: its date, then a letter if shared.

    Meetings on the same day are told apart by the order of their ids, which keep their
    value when a file is ingested again.
    """
    seen: Counter[str] = Counter()
    refs: list[tuple[MeetingRef, Meeting]] = []
    for meeting_id, meeting in sorted(
        meetings, key=lambda pair: (pair[1].date is None, pair[1].date or 0, pair[0])
    ):
        base = meeting.date.strftime("%Y%m%d") if meeting.date else f"undated{meeting_id}"
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}{chr(ord('a') + seen[base] - 1)}"
        ref = MeetingRef(
            meeting_id=meeting_id,
            key=key,
            date=meeting.date,
            title=meeting.title,
            body=meeting.body,
            source=meeting.source,
            series=series_of(meeting.title, None),
        )
        refs.append((ref, meeting))
    return refs
