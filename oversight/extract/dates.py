"""Find and resolve the dates, times and due expressions that minutes are written with.

Dates come as "Monday 13th January 2020", "29th November" (no year), "27 April 2021",
"Feb 2023", "31st of Mar 25", "13/01/2020"; times as "14:30", "2pm", "10:30 am", "10:00hrs".
Due expressions ("in 3 months", "by the end of this month", "at the November 2018 meeting")
are resolved against the meeting date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from oversight.extract.cues import DIGIT, folded, has_any

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:r|rs|rsday)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)\.?,?\s+)?"
)
# The lookahead names what a match can start with (a weekday, "the" or the day), so that the
# rest of the case-insensitive pattern is not tried in full at every position.
_DAY_FIRST = re.compile(
    r"(?=[mtwfs\d])"
    + _WEEKDAY
    + r"(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"(?:,?\s+(?P<year>(?:19|20)\d\d|'?\d\d)(?![\d:.]))?",
    re.I,
)
_MONTH_FIRST = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.I,
)
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_SHORT_YEAR = re.compile(_MONTH + r"\s+(?P<yy>\d\d)\b(?![:.]\d)", re.I)
# _MONTH_SHORT_YEAR taken from its digits backwards: scanning a whole document for month
# names is slow, scanning it for two digits is fast, and few two-digit numbers follow a month.
# Only digits after a space can follow a month; the lookbehind drops the rest in the engine (no
# match it drops could have hidden one after a space, as that would start with a digit).
_TWO_DIGITS = re.compile(r"\d\d\b(?![:.]\d)(?<=\s\d\d)")
_MONTH_AT_END = re.compile(_MONTH + r"$", re.I)
_LONGEST_MONTH = len("September.")
# "\b(?:19|20)\d\d\b" with the boundary checked after the first digit, which lets the engine
# scan a whole document for "1" and "2" instead of trying the boundary at every position.
YEAR = re.compile(r"(?:1(?<!\w1)9|2(?<!\w2)0)\d\d\b")
_TIME = re.compile(
    r"(?<![\d/.£$])(?P<hour>[0-2]?\d)(?:(?P<sep>[:.])(?P<minute>[0-5]\d))?\s*"
    r"(?P<suffix>a\.?m\.?|p\.?m\.?|hrs|hours|h)?(?![\d%])",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: its parts (year may be missing) and where it was."""

    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int

    def resolve(self, year: int) -> dt.date | None:
        """Return the date in the given year, or None if it does not exist."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    value = int(digits)
    return value if len(digits) == 4 else 2000 + value


def find_dates(text: str) -> list[DateMatch]:
    """Return the calendar dates written in text, in order."""
    # Every form needs a digit; most lines and cells have none.
    return list(_dates(text)) if DIGIT.search(text) else []


# The first three letters of every month name, as the named forms need one.
_MONTH_CUES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What every _MONTH_FIRST match holds, asked of the folded text: a month, then a day of one or
# two digits that no further digit follows. "March 2024" fails it, so the slow pattern, which
# tries its weekdays and months at every position, runs only where a day can follow a month.
_MONTH_THEN_DAY = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d\d?(?!\d)"
)


@lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[DateMatch, ...]:
    """The dates in text; cached, as the header, actions and next meeting ask of the same
    lines again."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    low = folded(text)
    named: tuple[re.Pattern[str], ...] = ()
    if has_any(low, _MONTH_CUES):
        named = (_DAY_FIRST, _MONTH_FIRST) if _MONTH_THEN_DAY.search(low) else (_DAY_FIRST,)
    for pattern in named:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day = int(m.group("day"))
            if not 1 <= day <= 31:
                continue
            weekday = m.group("weekday")
            found.append(
                DateMatch(
                    day=day,
                    month=MONTHS[m.group("month").lower().rstrip(".")],
                    year=_year(m.group("year")),
                    weekday=WEEKDAYS[weekday.lower()] if weekday else None,
                    start=m.start(),
                    end=m.end(),
                )
            )
            taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(DateMatch(day, month, _year(m.group("year")), None, m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return tuple(found)


def find_month_years(text: str) -> list[tuple[int, int, int, int]]:
    """Return (year, month, start, end) for each "Month Year" written in text."""
    return [
        (int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")], m.start(), m.end())
        for m in _MONTH_YEAR.finditer(text)
    ]


def find_time(text: str) -> str | None:
    """Return the first clock time in text as HH:MM (24h), or None."""
    found = find_time_span(text)
    return found[0] if found else None


def find_time_span(text: str) -> tuple[str, int, int] | None:
    """Return the first clock time in text as (HH:MM, start, end), or None."""
    for m in _TIME.finditer(text):
        hour = int(m.group("hour"))
        minute = int(m.group("minute") or 0)
        suffix = (m.group("suffix") or "").lower().replace(".", "")
        if not m.group("minute") and not suffix:
            continue
        if suffix in {"h"} and not m.group("minute"):
            continue
        if hour > 23:
            continue
        if m.group("sep") == "." and not suffix and not 7 <= hour <= 21:
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        end = m.end()
        trailing = re.match(r"\s*(?:a\.?m\.?|p\.?m\.?)", text[end:], re.I)
        if trailing:
            end += trailing.end()
        return f"{hour:02d}:{minute:02d}", m.start(), end
    return None


def years_mentioned(text: str) -> list[int]:
    """Return every four-digit year written in text, with two-digit years after a month."""
    years = [int(y) for y in YEAR.findall(text)]
    years += [2000 + yy for yy in _short_years(text) if yy <= 40]
    return years


def _short_years(text: str) -> list[int]:
    """The two-digit years of "Mar 25", "Sept. 24": what _MONTH_SHORT_YEAR finds, in order."""
    found: list[int] = []
    for m in _TWO_DIGITS.finditer(text):
        start = m.start()
        gap = start
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap < start and _MONTH_AT_END.search(text, max(0, gap - _LONGEST_MONTH), gap):
            found.append(int(m.group()))
    return found


def add_months(date: dt.date, months: int) -> dt.date:
    """Return the date so many months later (clamped to the month's last day)."""
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date.replace(year=year, month=month + 1, day=min(date.day, last))


def end_of_month(date: dt.date) -> dt.date:
    """Return the last day of the date's month."""
    return date.replace(day=calendar.monthrange(date.year, date.month)[1])
