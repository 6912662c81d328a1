"""Due dates resolved against the meetings that actually took place, and the police year.

"At the next meeting" means the next stored meeting of the same series after the one that
set the action; "at the Q3 performance meeting" the first performance meeting in October to
December (the UK police financial year runs April to March); "at the January 2026 board"
the meeting of that series held in that month. When the meeting has not happened (yet), the
date the extractor resolved from the words stands, and `due_note` says which rule applied.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from oversight.records.tracking import MeetingRef

_SERIES_WORDS = (
    ("performance", re.compile(r"\bperformance\b", re.IGNORECASE)),
    ("governance", re.compile(r"\bgovernance\b|\bboard\b", re.IGNORECASE)),
    ("audit", re.compile(r"\baudit\b", re.IGNORECASE)),
    ("panel", re.compile(r"\bpanel\b", re.IGNORECASE)),
    ("accountability", re.compile(r"\baccountab|\bholding to account\b|\bassurance\b", re.I)),
    ("ethics", re.compile(r"\bethic", re.IGNORECASE)),
)
_MONTHS = {
    m.lower(): n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_NEXT = re.compile(
    r"\b(?:next|following|subsequent) (?:\w+ ){0,3}?(?:meeting|board|session)\b", re.I
)
_QUARTER = re.compile(r"\bQ([1-4])\b(?:\s+(\d{4}(?:/\d{2,4})?))?", re.IGNORECASE)
_MONTH_MEETING = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?(?:\s+(\d{4}))?"
    r"(?:\s+[\w-]+){0,4}?\s+(?:meeting|board|panel|committee|session)\b",
    re.IGNORECASE,
)
_SERIES_IN_DUE = re.compile(r"\b(performance|governance|board|audit|panel|accountab\w*)\b", re.I)


def series_of(title: str | None, body: str | None = None) -> str:
    """Return the series a meeting belongs to, from the words of its title."""
    text = " ".join(x for x in (title, body) if x)
    for name, pattern in _SERIES_WORDS:
        if pattern.search(text):
            return name
    return "meeting"


def quarter_of(day: dt.date) -> tuple[int, int]:
    """Return the police financial year (the calendar year it starts in) and quarter of a day."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return start_year, (day.month - 4) % 12 // 3 + 1


def quarter_bounds(start_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter of the police financial year."""
    first = dt.date(start_year, 4, 1) + relativedelta(months=3 * (quarter - 1))
    return first, first + relativedelta(months=3, days=-1)


@dataclass(frozen=True)
class Resolution:
    """A due date and the rule that gave it."""

    date: dt.date | None
    note: str | None = None
    meeting_id: int | None = None


class Calendar:
    """The stored meetings in date order, for resolving "the next meeting" and the like."""

    def __init__(self, meetings: Sequence[MeetingRef]) -> None:
        dated = sorted((m for m in meetings if m.date is not None), key=lambda m: m.date or 0)
        self._meetings = dated
        self._dates = [m.date for m in dated if m.date is not None]

    def after(self, day: dt.date, series: str | None = None) -> list[MeetingRef]:
        """Return the meetings after `day`, of one series when given, in date order."""
        start = bisect.bisect_right(self._dates, day)
        later = self._meetings[start:]
        return [m for m in later if series is None or m.series == series]

    def next_meeting(self, meeting: MeetingRef) -> MeetingRef | None:
        """Return the next meeting of the same series after `meeting`."""
        if meeting.date is None:
            return None
        later = self.after(meeting.date, meeting.series)
        return later[0] if later else None

    def resolve(
        self, *, due: str | None, extracted: dt.date | None, meeting: MeetingRef
    ) -> Resolution:
        """Resolve a due expression raised at `meeting` against the calendar."""
        if not due or meeting.date is None:
            return Resolution(extracted, "as written" if extracted else None)
        series = _series_named(due) or meeting.series
        if _NEXT.search(due):
            found = self.after(meeting.date, series)
            if found:
                return Resolution(
                    found[0].date, "the next meeting that took place", found[0].meeting_id
                )
            return Resolution(extracted, "the next meeting, not yet held")
        quarter = _QUARTER.search(due)
        if quarter:
            return self._by_quarter(quarter, meeting, series, extracted)
        month = _MONTH_MEETING.search(due)
        if month:
            return self._by_month(month, meeting, series, extracted)
        return Resolution(extracted, "from the words" if extracted else None)

    def _by_quarter(
        self, match: re.Match[str], meeting: MeetingRef, series: str, extracted: dt.date | None
    ) -> Resolution:
        assert meeting.date is not None
        quarter = int(match.group(1))
        year, current = quarter_of(meeting.date)
        if match.group(2):
            year = int(match.group(2)[:4])
        elif quarter < current:
            year += 1
        first, last = quarter_bounds(year, quarter)
        for candidate in self.after(meeting.date, series):
            if candidate.date is not None and first <= candidate.date <= last:
                return Resolution(
                    candidate.date, f"the Q{quarter} {series} meeting", candidate.meeting_id
                )
        return Resolution(extracted or last, f"end of Q{quarter} {year}/{(year + 1) % 100:02d}")

    def _by_month(
        self, match: re.Match[str], meeting: MeetingRef, series: str, extracted: dt.date | None
    ) -> Resolution:
        assert meeting.date is not None
        month = _MONTHS[match.group(1).lower()]
        if match.group(2):
            year = int(match.group(2))
        else:
            year = meeting.date.year + (1 if month <= meeting.date.month else 0)
        for candidate in self.after(meeting.date, series):
            if candidate.date is not None and (candidate.date.year, candidate.date.month) == (
                year,
                month,
            ):
                return Resolution(
                    candidate.date, f"the {series} meeting held that month", candidate.meeting_id
                )
        fallback = extracted or dt.date(year, month, 1) + relativedelta(months=1, days=-1)
        return Resolution(fallback, "the month named, meeting not yet held")


def _series_named(due: str) -> str | None:
    match = _SERIES_IN_DUE.search(due)
    if not match:
        return None
    return series_of(match.group(1))
