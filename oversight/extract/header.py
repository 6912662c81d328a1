"""The meeting's header: title, body, date (with the year resolved), time, venue, chair and
minute-taker, from the labelled lines at the top of the minutes or a "held on" sentence."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from oversight.extract.dates import (
    DateMatch,
    find_dates,
    find_time,
    find_time_span,
    years_mentioned,
)
from oversight.extract.lines import Line

_LABEL = re.compile(
    r"^\s*(?:-\s*)?(?P<label>Date(?:\s+and\s+time)?|Time|Chair(?:ed\s+by|person)?|"
    r"Minutes?(?:\s+taken\s+by|\s+taker|-taker)?|Minute\s+taker|Notes?(?:\s+taken\s+by)?|"
    r"Note[- ]?taker|Clerk|Secretariat|Venue|Location|Place|Where|When|Meeting)"
    r"\s*(?::|-|–|\s)\s*(?P<value>.*)$",
    re.I,
)
# A leading lookahead names the first letters a match can start with (see oversight.extract.due).
_TITLE_WORDS = re.compile(
    r"(?=[mbncpfsah])"
    r"\b(meeting|board|minutes|notes|committee|panel|forum|session|assurance|accountability|"
    r"holding to account|conference)\b",
    re.I,
)
_TITLE_SUFFIX = re.compile(
    r"\s*[–—-]*\s*(?:meeting\s+)?(?:notes|minutes|record)(?:\s+of\s+meeting)?\s*$", re.I
)
_HELD_ON = re.compile(r"(?=h)\bheld\s+(?:on|at|in|via|by)\b", re.I)
_HELD_VENUE = re.compile(
    r"\bheld\s+(?:in|at|via)\s+(?:the\s+)?(?P<a>[^,]+(?:,[^,]+){0,3}?)\s+on\s+\w+day"
    r"|\b(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|hrs)?|\d{1,2}\s*[ap]\.?m\.?)\s*,?\s+(?:in|at|via)\s+(?:the\s+)?(?P<b>[A-Z].+?)\s*\.?$",
    re.I,
)
_BODY = re.compile(
    r"((?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for)\s+(?=[A-Z]))?){0,6}"
    r"(?:Board|Committee|Panel|Forum|Group|Commission))\b"
)
# The words _BODY ends with: a title without any names no body, and the pattern, which tries
# up to six capitalised words at every position, need not run.
_BODY_WORDS = ("Board", "Committee", "Panel", "Forum", "Group", "Commission")
# The end of a time range after its start: "10:00 – 11:30", "2pm to 4pm".
_UNTIL = re.compile(r"^\s*(?:[–—-]|to|until)\s*(?=\d)")
# Attendance lists and numbered items end the header.
_STOP = re.compile(
    r"^(?:-\s*)?(?:present|attendance|attendees|in\s+attendance|members\s+present|apologies|also\s+present"
    r"|in\s+the\s+chair)\b|^(?:-\s*)?(?:panel\s+|committee\s+|board\s+)?members\s*:"
    r"|^\d{1,3}(?:\.\d+)*\.?\s+[A-Z]",
    re.I,
)
_MINUTES_OF = re.compile(r"^(?:minutes|notes|record)\s+of\b", re.I)
_MONTH_YEAR_TITLE = re.compile(r"\b([A-Z][a-z]+)\s+((?:19|20)\d\d)\b")
_VENUE_AT = re.compile(r"\bat\s+(?P<venue>[A-Z][^,.;]*(?:,\s*[A-Z][^,.;]*)?)\s*\.?\s*$")
_NAME_TAIL = re.compile(r"\s*\((?P<abbr>[^)]*)\)\s*$")


@dataclass(slots=True)
class Header:
    """The header fields of a meeting and the index of the first line after them."""

    title: str | None = None
    body: str | None = None
    date: dt.date | None = None
    date_note: str | None = None
    start_time: str | None = None
    venue: str | None = None
    chair: str | None = None
    minute_taker: str | None = None
    minute_taker_role: str | None = None
    end: int = 0


def _clean_title(text: str) -> str:
    text = text.strip().strip("#*").strip()
    held = _HELD_ON.search(text)
    if held:
        text = text[: held.start()]
    text = re.sub(r"\s*\bof\s+the\s+meeting\s*$", "", text, flags=re.I)
    text = _TITLE_SUFFIX.sub("", text)
    return text.strip(" –—-:,")


def _split_name_role(value: str) -> tuple[str | None, str | None]:
    value = value.strip().strip(".")
    if not value:
        return None, None
    value = _NAME_TAIL.sub("", value)
    parts = [p.strip() for p in re.split(r",|\s[–—-]\s", value, maxsplit=1)]
    name = parts[0] or None
    role = parts[1] if len(parts) > 1 and parts[1] else None
    return name, role


def resolve_year(
    match: DateMatch, *, text: str, title: str | None, label: str
) -> tuple[dt.date | None, str | None]:
    """Resolve a date written without a year; return the date and how it was resolved."""
    if match.year is not None:
        return match.resolve(match.year), None
    reasons: list[str] = []
    title_year: int | None = None
    if title:
        for month_name, year in _MONTH_YEAR_TITLE.findall(title):
            title_year = int(year)
            reasons.append(f"the title says {month_name} {year}")
            break
        if title_year is None:
            years = years_mentioned(title)
            title_year = years[0] if years else None
            if title_year:
                reasons.append(f"the title says {title_year}")
    if title_year is not None:
        date = match.resolve(title_year)
        if date and match.weekday is not None and date.weekday() == match.weekday:
            reasons.append(f"{date.day} {date:%B %Y} is a {date:%A}")
        note = f"Date line '{label}' has no year; " + " and ".join(reasons) + "."
        return date, note
    counts = Counter(years_mentioned(text))
    if counts:
        low, high = min(counts) - 1, max(counts)
        candidates = [y for y in range(low, high + 1) if match.resolve(y) is not None]
        if match.weekday is not None:
            weekday_fits = [y for y in candidates if match.resolve(y).weekday() == match.weekday]  # type: ignore[union-attr]
            if weekday_fits:
                candidates = weekday_fits
        if candidates:
            # The meeting comes before the deadlines it discusses: prefer the latest
            # fitting year that is no later than the years most written about.
            common = counts.most_common(1)[0][0]
            year = max((y for y in candidates if y <= common), default=candidates[0])
            date = match.resolve(year)
            how = f"years written in the minutes ({', '.join(str(y) for y in sorted(counts))})"
            if match.weekday is not None and date and date.weekday() == match.weekday:
                how += f" and the weekday: {date.day} {date:%B %Y} is a {date:%A}"
            return date, f"Date line '{label}' has no year; taken from {how}."
    return None, f"Date line '{label}' has no year and nothing in the minutes gives one."


def _place_after_time(text: str) -> str | None:
    """The place written after a date's time or time range: ", 10.00am – 12.30pm, Room 2"."""
    found = find_time_span(text)
    if found is None or text[: found[1]].strip(" ,"):
        return None
    rest = text[found[2] :]
    until = _UNTIL.match(rest)
    end_time = find_time_span(rest) if until else None
    if until and end_time and end_time[1] == until.end():
        rest = rest[end_time[2] :]
    place = re.sub(r"^[\s,;–—-]*(?:(?:at|in)\s+)?(?:the\s+)?", "", rest).strip(" .")
    return place if place[:1].isupper() and len(place) < 120 else None


def extract_header(lines: list[Line], text: str) -> Header:
    """Read the header fields from the top of the minutes."""
    header = Header()
    title_lines: list[str] = []
    date_line: str | None = None
    date_source: str | None = None
    last_field = -1
    held_line: int | None = None
    for line in lines[:40]:
        body = line.text.replace("\t", " ").strip()
        m = _LABEL.match(body)
        label = m.group("label").lower() if m else ""
        value = m.group("value").strip() if m else ""
        if m and label.startswith(("minute", "note")) and value.lower().startswith("of "):
            m = None
        if m and label == "meeting" and not value:
            m = None
        if m:
            last_field = line.index
            if label.startswith("date") or label == "when":
                date_line = value
                header.start_time = header.start_time or find_time(value)
                venue = _VENUE_AT.search(value)
                if venue and not header.venue and find_dates(value):
                    header.venue = venue.group("venue").strip()
            elif label == "time":
                header.start_time = find_time(value) or header.start_time
            elif label.startswith("chair"):
                header.chair = _split_name_role(value)[0]
            elif label.startswith(("minute", "note", "clerk", "secretariat")):
                header.minute_taker, header.minute_taker_role = _split_name_role(value)
            elif label in {"venue", "location", "place", "where"}:
                header.venue = value.strip(" .") or None
            elif label == "meeting" and not title_lines:
                title_lines.append(value)
            continue
        if last_field >= 0 or line.number is not None or line.kind.value == "table_row":
            if last_field < 0 and _TITLE_WORDS.search(body) and not title_lines:
                title_lines.append(body)
            break
        if _STOP.match(body):
            break
        leading = find_dates(body[:40]) if date_line is None and date_source is None else []
        if leading and leading[0].start <= 12 and len(body) < 160:
            # A bare date line: "Thursday 6th February 2025, 1.30pm, Room A, Police HQ".
            date_line = body
            rest = body[leading[0].end :]
            found_time = find_time_span(rest)
            if found_time:
                header.start_time = header.start_time or found_time[0]
                rest = rest[found_time[2] :]
                until = _UNTIL.match(rest)
                end_time = find_time_span(rest) if until else None
                if until and end_time and end_time[1] == until.end():
                    rest = rest[end_time[2] :]
            place = re.sub(r"^(?:at|in)\s+", "", rest.strip(" ,.;–-"))
            if place and not header.venue:
                header.venue = place
            header.end = max(header.end, line.index + 1)
            continue
        if held_line is not None and line.index > held_line + 1:
            break
        if (
            held_line is not None
            and line.index == held_line + 1
            and not header.venue
            and len(body) < 120
        ):
            # The line under "Minutes of the meeting held on …" names the place.
            header.venue = body.strip(" .")
            header.end = max(header.end, line.index + 1)
            continue
        if len(body) < 250 and (_TITLE_WORDS.search(body) or _HELD_ON.search(body)):
            title_lines.append(body)
            held = _HELD_ON.search(body)
            held_dates = find_dates(body) if held else []
            if held_dates:
                date_source = body
                held_line = line.index
                after_date = body[held_dates[0].end :]
                header.start_time = header.start_time or find_time(after_date)
                venue = _HELD_VENUE.search(body)
                if venue:
                    header.venue = header.venue or (venue.group("a") or venue.group("b")).strip(
                        " ."
                    )
                elif not header.venue:
                    header.venue = _place_after_time(after_date)
            header.end = max(header.end, line.index + 1)
        elif not title_lines and len(body) < 120 and body.isupper():
            title_lines.append(body)
            header.end = max(header.end, line.index + 1)
        elif len(body) > 200:
            break
    header.end = max(header.end, last_field + 1)
    titles = [t for t in (_clean_title(line) for line in title_lines) if t]
    named = [t for t in titles if not _MINUTES_OF.match(t)] or titles
    meeting_titles = [t for t in named if _TITLE_WORDS.search(t)]
    header.title = (meeting_titles or named)[-1] if named else None
    if header.title and len(titles) > 1 and not _TITLE_WORDS.search(titles[0]):
        header.body = titles[0]
    for candidate in titles:
        if header.body or not any(word in candidate for word in _BODY_WORDS):
            continue
        body_match = _BODY.search(candidate)
        if body_match:
            header.body = body_match.group(1).strip()
    source_text = date_line if date_line is not None else date_source
    if source_text is None:
        for t in title_lines:
            if find_dates(t):
                source_text = t
                break
    if source_text:
        found = find_dates(source_text)
        if found:
            header.date, header.date_note = resolve_year(
                found[0], text=text, title=header.title, label=source_text.strip()
            )
    return header
