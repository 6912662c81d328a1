"""Dates, times and due expressions as minutes write them."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.extract.dates import find_dates, find_time
from oversight.extract.due import find_due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday 4th July 2024 @ 14:30", "14:30"),
        ("Monday 2 June, 2pm", "14:00"),
        ("10:30 am", "10:30"),
        ("Tuesday 8 October – 09:00hrs", "09:00"),
        ("at 2.15 pm", "14:15"),
        ("14:00 pm", "14:00"),
        ("Room 1.38", None),
    ],
)
def test_times_are_read_as_24_hour(text: str, expected: str | None) -> None:
    assert find_time(text) == expected


def test_date_without_year_keeps_its_weekday() -> None:
    (found,) = find_dates("Date: Wednesday 9th October, 10:00")
    assert (found.day, found.month, found.year, found.weekday) == (9, 10, None, 2)


def test_two_digit_year_after_month() -> None:
    (found,) = find_dates("by the 30th of Apr 26")
    assert found.resolve(found.year or 0) == dt.date(2026, 4, 30)


MEETING = dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Update to be given at HTA in 3 months (Jun 2024).", dt.date(2024, 6, 1)),
        ("Revisit in 6 months to check progress.", dt.date(2024, 9, 12)),
        ("CC to report at the May 2024 accountability meeting.", dt.date(2024, 5, 1)),
        ("Plan to be finalised by the end of this month.", dt.date(2024, 3, 31)),
        ("DCC to circulate the paper by 19 April.", dt.date(2024, 4, 19)),
        ("ACC to bring the review to the next meeting.", dt.date(2024, 4, 9)),
        ("Report back within two weeks.", dt.date(2024, 3, 26)),
    ],
)
def test_due_expressions_resolve_against_the_meeting(text: str, expected: dt.date) -> None:
    due = find_due(text, meeting_date=MEETING, next_meeting=dt.date(2024, 4, 9))
    assert due is not None
    assert due.date == expected


def test_quarter_meeting_is_left_to_the_calendar() -> None:
    due = find_due("T/CC to update at the Q2 Performance meeting.", meeting_date=MEETING)
    assert due is not None
    assert due.text == "at the Q2 Performance meeting"
    assert due.date is None


def test_no_due_expression() -> None:
    assert find_due("DCC to provide the name of the new model.", meeting_date=MEETING) is None
