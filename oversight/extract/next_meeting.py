"""The next meeting: "Date of next meeting:", "Confirmation of next meeting type / date /
time / venue: …", with the date, time, kind and venue pulled apart."""

from __future__ import annotations

import datetime as dt
import re

from oversight.extract.dates import find_dates, find_time_span
from oversight.extract.lines import Line
from oversight.records.types import NextMeeting, SourceSpan

_CUE = re.compile(r"\b(?:next|future)\s+meeting|\bdate\s+of\s+(?:the\s+)?next\b", re.I)
_LABEL_END = re.compile(r"^[^:]{0,120}?(?:meeting|venue|date|time)\b[^:]{0,40}:\s*", re.I)
# A leading lookahead names the first letters a match can start with (see oversight.extract.due).
_VENUE_WORDS = re.compile(
    r"(?=[rbhcosvtzl])"
    r"\b(?:Room|Board\s?room|HQ|Headquarters|Hall|House|Centre|Center|Office|Offices|Station|"
    r"Chamber|Chambers|Suite|Building|Virtual|Teams|Zoom|online|Court|Library)\b",
    re.I,
)
# What is left of a heading "Date of next meeting" once its cue is read, and the number of
# the paragraph under it: "meeting 7.1 Tuesday 11 March …".
_LEFTOVER = re.compile(r"^\s*(?:meeting\b)?[\s:.–—-]*(?:\d{1,2}(?:\.\d{1,2})+\s+)?", re.I)
# "The next meeting (of the Panel) would be held on …": the words before the date.
_LEAD_IN = re.compile(
    r"^[^.]{0,80}?\b(?:next|future)\s+meeting\b"
    r"(?:\s+of\s+the\s+[\w ]{1,40}?(?=\s+(?:will|would|shall|is|be)\b))?\s*"
    r"(?:(?:will|would|shall|is\s+to|is\s+due\s+to)\s+(?:be\s+held|take\s+place|be)|be\s+held|"
    r"is\s+(?:scheduled|planned|arranged)(?:\s+for)?|is)?\s*(?:on|at|for)?\s*",
    re.I,
)
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+")
# A place name alone, which continues the venue before it: "County Hall, Kelsby".
_PLACE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}$")
_ACTION_WORD = re.compile(r"\bactions?\b", re.I)
# Where a line's remainder parts into pieces, and the place words at a piece's ends.
_PIECE_BREAK = re.compile(r"[,;]\s+|\.\s+|\.$")
_PLACE_WORDS = re.compile(r"^(?:(?:at|in|on)\s+)+(?:the\s+)?|\s+(?:at|in|on)$")
_PLACE_WORD = re.compile(r"(?:at|in|on)")


def _resolve(day: int, month: int, year: int | None, meeting: dt.date | None) -> dt.date | None:
    if year is None:
        if meeting is None:
            return None
        year = meeting.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        return candidate if candidate >= meeting else dt.date(year + 1, month, day)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _candidates(lines: list[Line]) -> list[int]:
    """Lines that announce the next meeting: headings and labels first, then sentences."""
    strong: list[int] = []
    weak: list[int] = []
    for position, line in enumerate(lines):
        low = line.body.lower()
        # Both of _CUE's forms hold "next" or "future"; most lines hold neither.
        if "next" not in low and "future" not in low:
            continue
        cue = _CUE.search(line.body)
        if cue is None:
            continue
        prefix = line.body[: cue.start()]
        if len(prefix.split()) <= 6 and not _ACTION_WORD.search(prefix):
            strong.append(position)
        else:
            weak.append(position)
    return strong + weak


def _venue_and_kind(pieces: list[str]) -> tuple[str | None, str | None]:
    """The venue (the first piece naming a place, with the place pieces after it) and the
    kind of meeting (the first other piece)."""
    first = next((i for i, p in enumerate(pieces) if _VENUE_WORDS.search(p)), None)
    if first is None:
        return None, pieces[0] if pieces else None
    last = first
    while last + 1 < len(pieces) and (
        _VENUE_WORDS.search(pieces[last + 1]) or _PLACE.match(pieces[last + 1])
    ):
        last += 1
    others = pieces[:first] + pieces[last + 1 :]
    return ", ".join(pieces[first : last + 1]), others[0] if others else None


def extract_next_meeting(lines: list[Line], meeting_date: dt.date | None) -> NextMeeting | None:
    """Find the next meeting's date, time, kind and venue."""
    for position in _candidates(lines):
        line = lines[position]
        body = line.body
        label = _LABEL_END.match(body)
        rest = body[label.end() :] if label else body[_CUE.search(body).end() :]  # type: ignore[union-attr]
        rest = rest[_LEFTOVER.match(rest).end() :]  # type: ignore[union-attr]
        start = line.body_start + (len(body) - len(rest))
        end_line = line
        follow = position + 1
        while not find_dates(rest) and follow < len(lines) and follow <= position + 3:
            nxt = lines[follow]
            if nxt.number is not None:
                break
            rest = f"{rest} {_PARAGRAPH_NUMBER.sub('', nxt.body)}".strip()
            end_line = nxt
            follow += 1
        if _CUE.search(rest):
            rest = rest[_LEAD_IN.match(rest).end() :]  # type: ignore[union-attr]
        dates = find_dates(rest)
        if not dates:
            continue
        d = dates[0]
        date = _resolve(d.day, d.month, d.year, meeting_date)
        remainder = rest[: d.start] + " " + rest[d.end :]
        found_time = find_time_span(remainder)
        time = found_time[0] if found_time else None
        if found_time:
            remainder = remainder[: found_time[1]] + " " + remainder[found_time[2] :]
        pieces = [p.strip(" ,.;:–-") for p in _PIECE_BREAK.split(remainder)]
        pieces = [_PLACE_WORDS.sub("", p).strip() for p in pieces]
        pieces = [p for p in pieces if p and len(p) > 2 and not _PLACE_WORD.fullmatch(p)]
        venue, kind = _venue_and_kind(pieces)
        return NextMeeting(
            date=date,
            time=time,
            kind=kind,
            venue=venue,
            span=SourceSpan(start, end_line.end),
        )
    return None
