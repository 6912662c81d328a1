"""Due expressions in actions and promises, resolved to a date against the meeting date.

"at the November 2018 meeting" and "(Feb 2023)" give the first of that month; "in 3 months"
and "revisit in 6 months" count from the meeting; "by the end of this month" is the month's
last day; "at the next meeting" is the next meeting's date when the minutes give it;
"by 31 July 2024" is that day, "w/c 4 March" the Monday it names; "by the end of Q2" and "by
the year end" are the end of that quarter or of the financial year (April to March). Quarter
meetings ("the Q3 performance meeting") are left for the meeting calendar to resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from oversight.extract.cues import DIGIT, folded, has_any
from oversight.extract.dates import MONTHS, add_months, end_of_month, find_dates

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "an": 1,
}
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_PAREN_MONTH = re.compile(rf"\((?P<month>{_MONTH_NAME})\.?\s+(?P<year>(?:19|20)\d\d)\)", re.I)
# Each pattern below opens with a lookahead for the first letters its forms can start with: a
# case-insensitive pattern is otherwise tried in full at every position, as the engine cannot
# scan for the letters itself. The lookahead rejects only positions where no match can start.
_AT_MEETING = re.compile(
    r"(?=[atfib])"
    rf"\b(?:at|to|for|in|before|by|ahead\s+of)\s+(?:the\s+|an?\s+)?(?:(?P<next>next|following|subsequent)\s+|"
    rf"(?P<month>{_MONTH_NAME})\s+(?:(?P<year>(?:19|20)\d\d)\s+)?|(?P<quarter>Q[1-4])\s+)"
    r"(?:[\w&/-]+\s+){0,5}?(?:meeting|board|HTA|session|panel|committee)\b",
    re.I,
)
_IN_PERIOD = re.compile(
    r"(?=[rvbuaiw])"
    r"\b(?:(?:re)?visit(?:ed)?\s+|review(?:ed)?\s+|back\s+|update\s+)?(?:at\s+[\w&/]+\s+)?"
    r"(?:in|within|after)\s+(?:the\s+next\s+)?(?P<n>\d{1,2}|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|a|an)\s+(?P<unit>months?|weeks?|days?|years?)(?:'s?)?"
    r"(?:\s+time)?\b",
    re.I,
)
_END_OF = re.compile(
    r"(?=[btefy])\b(?:by\s+|before\s+)?(?:the\s+)?(?:end\s+of\s+(?:(?P<this>this|the)\s+month"
    rf"|(?P<month>{_MONTH_NAME})(?:\s+(?P<year>(?:19|20)\d\d))?"
    r"|(?:the\s+)?(?P<quarter>Q[1-4])(?:\s+(?P<fy>(?:19|20)\d\d)/\d\d)?"
    r"|(?:the\s+|this\s+)?(?P<fin>financial\s+)?(?P<yr>year))"
    r"|(?P<yend>(?:financial\s+)?year[- ]end))\b",
    re.I,
)
# "w/c 4 March": the week that starts on the day.
_BY_DATE = re.compile(
    r"(?=[bnodw])\b(?:by|before|no\s+later\s+than|on|due|w/[cb]|week\s+(?:commencing|beginning))\s+"
    r"(?:the\s+)?",
    re.I,
)
# The month in which each quarter of the financial year (April to March) ends.
_QUARTER_END_MONTH = {1: 6, 2: 9, 3: 12, 4: 3}
# Words each pattern cannot match without (see oversight.extract.cues).
_AT_MEETING_CUES = ("meeting", "board", "hta", "session", "panel", "committee")
_IN_PERIOD_CUES = ("month", "week", "day", "year")
_BY_MONTH = re.compile(
    rf"\b(?:by|before|in|during)\s+(?P<month>{_MONTH_NAME})\s+(?P<year>(?:19|20)\d\d)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Due:
    """A due expression as written and the date it resolves to, if any."""

    text: str
    date: dt.date | None


def _month_date(month: str, year: str | None, meeting: dt.date | None) -> dt.date | None:
    number = MONTHS[month.lower()[:3] if month.lower()[:4] != "sept" else "sep"]
    if year:
        return dt.date(int(year), number, 1)
    if meeting is None:
        return None
    candidate = dt.date(meeting.year, number, 1)
    return candidate if candidate > meeting else dt.date(meeting.year + 1, number, 1)


def _period_end(end: re.Match[str], meeting: dt.date | None) -> dt.date | None:
    """The last day of the quarter or year an "end of …" phrase names: quarters and "year
    end" are of the financial year (April to March), "the end of the year" of the calendar."""
    if end.group("quarter"):
        month = _QUARTER_END_MONTH[int(end.group("quarter")[1])]
        if end.group("fy"):
            year = int(end.group("fy")) + (1 if month == 3 else 0)
            return end_of_month(dt.date(year, month, 1))
    elif end.group("yend") or end.group("fin"):
        month = 3
    else:
        month = 12
    if meeting is None:
        return None
    candidate = end_of_month(dt.date(meeting.year, month, 1))
    return candidate if candidate >= meeting else end_of_month(dt.date(meeting.year + 1, month, 1))


def find_due(
    text: str, *, meeting_date: dt.date | None, next_meeting: dt.date | None = None
) -> Due | None:
    """Find the due expression in an action's text and resolve it."""
    parts: list[str] = []
    date: dt.date | None = None
    low = folded(text)
    paren = _PAREN_MONTH.search(text) if "(" in text else None
    at = _AT_MEETING.search(text) if has_any(low, _AT_MEETING_CUES) else None
    period = _IN_PERIOD.search(text) if has_any(low, _IN_PERIOD_CUES) else None
    if at:
        parts.append(at.group(0).strip())
        if at.group("month"):
            date = _month_date(at.group("month"), at.group("year"), meeting_date)
        elif at.group("next"):
            date = next_meeting
    if period:
        if not (at and period.start() < at.end() and at.start() < period.end()):
            parts.append(period.group(0).strip())
        if date is None and meeting_date is not None and not (at and at.group("quarter")):
            amount = period.group("n").lower()
            n = int(amount) if amount.isdigit() else _NUMBER_WORDS[amount]
            unit = period.group("unit").lower()
            if unit.startswith("month"):
                date = add_months(meeting_date, n)
            elif unit.startswith("week"):
                date = meeting_date + dt.timedelta(weeks=n)
            elif unit.startswith("day"):
                date = meeting_date + dt.timedelta(days=n)
            else:
                date = add_months(meeting_date, 12 * n)
    end = _END_OF.search(text) if not parts and "end" in low else None
    if end:
        parts.append(end.group(0).strip())
        if end.group("this") and meeting_date is not None:
            date = end_of_month(meeting_date)
        elif end.group("month"):
            first = _month_date(end.group("month"), end.group("year"), meeting_date)
            date = end_of_month(first) if first else None
        else:
            date = _period_end(end, meeting_date)
    if paren:
        parts.append(paren.group(0).strip())
        date = _month_date(paren.group("month"), paren.group("year"), meeting_date)
    if not parts and DIGIT.search(text):
        for marker in _BY_DATE.finditer(text):
            found = find_dates(text[marker.end() : marker.end() + 40])
            if found and found[0].start == 0:
                d = found[0]
                year = d.year or (meeting_date.year if meeting_date else None)
                resolved = d.resolve(year) if year else None
                if resolved and meeting_date and d.year is None and resolved < meeting_date:
                    resolved = d.resolve(resolved.year + 1)
                parts.append(text[marker.start() : marker.end() + d.end].strip())
                date = resolved
                break
    by_month = _BY_MONTH.search(text) if not parts and DIGIT.search(text) else None
    if by_month:
        parts.append(by_month.group(0).strip())
        date = _month_date(by_month.group("month"), by_month.group("year"), meeting_date)
    if not parts:
        return None
    return Due(text=" ".join(parts), date=date)
