"""Due dates resolved against the meetings that took place and the police financial year."""

from __future__ import annotations

import datetime as dt

from oversight.records.tracking import MeetingRef
from oversight.tracking.calendar import Calendar, quarter_bounds, quarter_of, series_of


def _ref(meeting_id: int, day: str, series: str = "performance") -> MeetingRef:
    return MeetingRef(meeting_id, day.replace("-", ""), dt.date.fromisoformat(day), series=series)


CALENDAR = Calendar(
    [
        _ref(1, "2025-04-10"),
        _ref(2, "2025-05-20", "governance"),
        _ref(3, "2025-07-08"),
        _ref(4, "2025-10-14"),
        _ref(5, "2026-01-13", "governance"),
        _ref(6, "2026-01-27"),
    ]
)


def test_the_police_year_runs_april_to_march() -> None:
    assert quarter_of(dt.date(2025, 4, 1)) == (2025, 1)
    assert quarter_of(dt.date(2025, 12, 31)) == (2025, 3)
    assert quarter_of(dt.date(2026, 2, 1)) == (2025, 4)
    assert quarter_bounds(2025, 3) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_series_comes_from_the_title() -> None:
    assert series_of("Quarterly Performance Scrutiny Meeting") == "performance"
    assert series_of("Governance Board") == "governance"
    assert series_of("Holding to Account meeting") == "accountability"


def test_next_meeting_is_the_next_of_the_same_series_that_took_place() -> None:
    found = CALENDAR.resolve(
        due="at the next meeting", extracted=None, meeting=_ref(1, "2025-04-10")
    )
    assert found.date == dt.date(2025, 7, 8)
    assert found.meeting_id == 3


def test_next_meeting_not_yet_held_keeps_the_date_from_the_words() -> None:
    last = _ref(6, "2026-01-27")
    found = CALENDAR.resolve(
        due="at the next meeting", extracted=dt.date(2026, 4, 21), meeting=last
    )
    assert found.date == dt.date(2026, 4, 21)
    assert found.meeting_id is None


def test_a_quarter_names_the_performance_meeting_held_in_it() -> None:
    found = CALENDAR.resolve(
        due="at the Q3 performance meeting", extracted=None, meeting=_ref(1, "2025-04-10")
    )
    assert found.date == dt.date(2025, 10, 14)


def test_a_quarter_without_a_meeting_falls_due_at_its_end() -> None:
    found = CALENDAR.resolve(due="by Q4", extracted=None, meeting=_ref(6, "2026-01-27"))
    assert found.date == dt.date(2026, 3, 31)


def test_a_month_and_series_name_the_meeting_held_then() -> None:
    found = CALENDAR.resolve(
        due="at the January 2026 governance board",
        extracted=dt.date(2026, 1, 1),
        meeting=_ref(1, "2025-04-10"),
    )
    assert found.date == dt.date(2026, 1, 13)


def test_relative_dues_keep_the_extracted_date() -> None:
    found = CALENDAR.resolve(
        due="in 3 months", extracted=dt.date(2025, 7, 10), meeting=_ref(1, "2025-04-10")
    )
    assert found.date == dt.date(2025, 7, 10)
