"""Who attended and who sent apologies, from the layouts minutes use.

Handled: attendance tables ("Attendance:" | name | "Role (ABBR)"), bullets
("Name – Role (ABBR)"), "Name (AB) Role" lines, labelled paragraphs ("Present:",
"In attendance:", "Apologies:") holding comma-separated lists, and Word tables flattened to
alternating name and role lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.extract.cues import folded, has_any
from oversight.extract.lines import Line
from oversight.extract.people import (
    ROLE_WORDS,
    TRAILING_ABBR,
    is_abbr,
    is_name,
    parse_person,
    role_and_abbr,
)
from oversight.records.types import Person, SourceSpan

_LABEL = re.compile(
    r"^\s*(?:-\s*)?(?P<label>Attendance|Attendees|Present|In\s+attendance|In\s+the\s+chair"
    r"|Also\s+(?:present|in\s+attendance)"
    r"|(?:Panel\s+|Committee\s+|Board\s+)?Members(?:\s+present|(?=\s*:))|Officers?\s+present"
    r"|Officers\s+in\s+attendance|Officers(?=\s*:)"
    r"|Apologies(?:\s+for\s+absence)?|Apologies\s+received(?:\s+from)?|Absent)\b\s*(?:were\s+received\s+from)?\s*:?\s*",
    re.I,
)
_STOP_ROLES = re.compile(r"^(?:Name|Capacity|Role|Title|Organisation)\s*:?$", re.I)


_MARKER = re.compile(
    r"\s*\((?P<m>chair(?:man|woman|person)?|in\s+the\s+chair|vice[- ]chair(?:man|woman|person)?|"
    r"substitute|minutes|minute[- ]taker|notes|clerk)\)",
    re.I,
)
# "(Policy Officer, OPCC – notes)": the marker closes the bracket that holds the role.
_INNER_MARKER = re.compile(r"\s*[–—-]\s*(?P<m>minutes|minute[- ]taker|notes|clerk)\s*(?=\))", re.I)
# A word of each marker: most brackets in an attendance list hold role letters, not these.
_MARKER_WORDS = ("chair", "substitute", "minute", "notes", "clerk")
# "Councillors A, B and C", "Independent Co-opted Members: D and E": one capacity for a group.
_GROUP = re.compile(
    r"^(?P<group>Councillors|Cllrs\.?|(?:[A-Z][\w-]*\s+){0,3}(?:Members|Advisers|Advisors|"
    r"Representatives|Observers))\s*:?\s+(?=\S)"
)


@dataclass(slots=True)
class Attendance:
    """The people present and those who sent apologies, and where the lists ended."""

    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    end: int = 0
    chair: str | None = None
    minute_taker: tuple[str, str | None] | None = None


def _markers(text: str) -> tuple[str, set[str]]:
    """Remove "(Chair)", "(minutes)" and similar markers; return the text and the markers as
    written."""
    if "(" not in text or not has_any(folded(text), _MARKER_WORDS):
        return text.strip(), set()
    found = {m.group("m") for m in _MARKER.finditer(text)}
    found |= {m.group("m") for m in _INNER_MARKER.finditer(text)}
    return _INNER_MARKER.sub("", _MARKER.sub("", text)).strip(), found


_APOLOGIES_SENTENCE = re.compile(
    r"\bApologies(?:\s+for\s+absence)?\s+(?:were|had\s+been|have\s+been)\s+"
    r"(?:received|given|tendered|noted)\s+from\s+(?P<who>[^.]+)",
    re.I,
)


def apologies_in_text(lines: list[Line], start: int, limit: int = 80) -> list[Person]:
    """People named in an "Apologies were received from …" sentence near the start."""
    for line in lines[start : start + limit]:
        m = _APOLOGIES_SENTENCE.search(line.body)
        if m:
            return _people_from_list(m.group("who"), line.body_start + m.start("who"))
    return []


_BRACKETS_AND_SEPARATORS = re.compile(r"[(),;]")
# "… for minutes 4 and 5": which items someone attended for, not a person.
_FOR_ITEMS = re.compile(r"\s+for\s+(?:minute|item)s?\s+[\w ,.and]+$")
_AND = re.compile(r"\s+and\s+")


def _split_top(text: str, separators: str) -> list[str]:
    """Split at the separators that stand outside brackets."""
    if "(" not in text:
        # No brackets to keep whole (a stray ")" changes nothing).
        return text.split(separators)
    parts: list[str] = []
    depth = 0
    last = 0
    for m in _BRACKETS_AND_SEPARATORS.finditer(text):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            parts.append(text[last : m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts


def _singular(group: str) -> str:
    """The capacity of one member of a group: "Councillors" gives "Councillor"."""
    group = group.strip().rstrip(".")
    if group.lower().startswith("cllr"):
        return "Councillor"
    return group[:-1] if group.endswith("s") else group


def _parses(text: str) -> bool:
    return parse_person(_markers(text)[0]) is not None


def _split_list(text: str) -> list[tuple[str, str | None]]:
    """Split a list of people at semicolons and commas, and at "and" between two people;
    each entry comes with the capacity its group gives ("Councillors A, B and C")."""
    text = _FOR_ITEMS.sub("", text.strip().rstrip("."))
    semicolons = ";" in text
    segments = _split_top(text, ";") if semicolons else [text]
    out: list[tuple[str, str | None]] = []
    for segment in segments:
        segment = segment.strip()
        group = _GROUP.match(segment)
        group_role = _singular(group.group("group")) if group else None
        if group:
            segment = segment[group.end() :]
        parts = _split_top(segment, ",")
        if semicolons and len(parts) > 1:
            # Semicolons part the people; commas inside a part belong to a role, unless
            # every piece between them is a person.
            pieces = [p for part in parts for p in _AND.split(part)]
            if not all(_parses(p) for p in pieces):
                parts = [segment]
        for part in parts:
            pieces = _AND.split(part)
            if len(pieces) == 2 and all(_parses(p) for p in pieces):
                out.extend((p.strip(), group_role) for p in pieces)
            elif part.strip():
                out.append((part.strip(), group_role))
    return out


def _people_from_list(text: str, start: int, result: Attendance | None = None) -> list[Person]:
    people: list[Person] = []
    for raw_part, group_role in _split_list(text):
        offset = text.find(raw_part)
        span = SourceSpan(start + max(offset, 0), start + max(offset, 0) + len(raw_part))
        part, markers = _markers(raw_part)
        person = parse_person(part, span)
        if person is not None:
            if group_role and person.role in (None, "Councillor"):
                person.role = group_role
            _marker_role(person, markers)
            if result is not None:
                _note_markers(result, person, markers)
            people.append(person)
        elif people and (ROLE_WORDS.search(part) or part[:1].isupper()) and not people[-1].role:
            role, abbr = role_and_abbr(part)
            people[-1].role = role
            people[-1].abbreviation = people[-1].abbreviation or abbr
    return people


def _marker_role(person: Person, markers: set[str]) -> None:
    """Give a councillor marked "(Chair)" or "(substitute)" that capacity."""
    for marker in markers:
        low = marker.lower()
        if low.startswith(("chair", "vice")) and person.role in (None, "Councillor"):
            person.role = marker
        elif low == "substitute" and person.role and "substitute" not in person.role:
            person.role = f"{person.role} (substitute)"


def _note_markers(result: Attendance, person: Person, markers: set[str]) -> None:
    markers = {m.lower() for m in markers}
    if any(m.startswith(("chair", "in the chair")) for m in markers) and result.chair is None:
        result.chair = person.name
    if markers & {"minutes", "minute taker", "minute-taker", "notes", "clerk"}:
        result.minute_taker = (person.name, person.role)


def _row_person(cells: list[str], line: Line) -> Person | None:
    cells = [c for c in cells if c and not _STOP_ROLES.match(c)]
    if not cells:
        return None
    span = line.span()
    if len(cells) >= 2 and is_name(TRAILING_ABBR.sub("", cells[0])):
        name_abbr = TRAILING_ABBR.search(cells[0])
        role, abbr = role_and_abbr(" ".join(cells[1:]))
        if name_abbr and is_abbr(name_abbr.group("abbr")):
            abbr = abbr or name_abbr.group("abbr")
        return Person(
            name=TRAILING_ABBR.sub("", cells[0]).strip(), role=role, abbreviation=abbr, span=span
        )
    return parse_person(" – ".join(cells) if len(cells) > 1 else cells[0], span)


def extract_attendance(lines: list[Line], start: int) -> Attendance:
    """Find the attendance lists after the header; `start` is the first line to look at."""
    result = Attendance(end=start)
    status: str | None = None
    limit = min(len(lines), start + 80)
    i = start
    seen_any = False
    pending_name: Person | None = None
    while i < limit:
        line = lines[i]
        text = line.text.replace("\t", " ").strip()
        cells = [c.strip() for c in line.text.split("\t")]
        label = _LABEL.match(cells[0] if len(cells) > 1 and cells[0] else text)
        people: list[Person] = []
        if label:
            word = label.group("label").lower()
            status = "apologies" if word.startswith(("apolog", "absent")) else "present"
            if len(cells) > 1 and cells[0]:
                rest_cells = cells[1:]
                person = _row_person(rest_cells, line)
                people = (
                    [person]
                    if person
                    else _people_from_list(" ".join(rest_cells), line.start, result)
                )
            else:
                rest = text[label.end() :]
                people = (
                    _people_from_list(rest, line.start + line.text.find(rest), result)
                    if rest
                    else []
                )
            if rest_is_none(text[label.end() :]):
                people = []
            if word.startswith("in the") and people and result.chair is None:
                result.chair = people[0].name
        elif status is not None or (not seen_any and line.kind.value == "list_item"):
            if len(cells) > 1:
                person = _row_person(cells, line)
                people = [person] if person else []
            else:
                plain, markers = _markers(text)
                person = parse_person(plain, line.span())
                if person is not None:
                    _marker_role(person, markers)
                    _note_markers(result, person, markers)
                people = [person] if person else []
                if not people and ("," in text or ";" in text) and status is not None:
                    people = _people_from_list(text, line.start, result)
                if person and person.role is None and person.abbreviation is None:
                    pending_name = person
                elif not people and pending_name is not None and ROLE_WORDS.search(text):
                    pending_name.role, pending_name.abbreviation = role_and_abbr(text)
                    pending_name = None
                    result.end = i + 1
                    i += 1
                    continue
            if not people:
                if status is not None and all(_STOP_ROLES.match(c) or not c for c in cells):
                    i += 1
                    continue
                break
            if status is None:
                status = "present"
        elif not seen_any and all(_STOP_ROLES.match(c) or not c for c in cells):
            i += 1
            continue
        elif seen_any:
            break
        else:
            i += 1
            if i - start > 6:
                break
            continue
        target = result.apologies if status == "apologies" else result.attendees
        named = {p.name for p in target}
        # The chair named on a line of their own may be listed again among those present.
        target.extend(p for p in people if p.name not in named)
        seen_any = seen_any or bool(people) or bool(label)
        result.end = i + 1
        i += 1
    return result


def rest_is_none(text: str) -> bool:
    """Say whether a label's value says there was nobody ("None", "Nil", "N/A")."""
    return text.strip(" .:-").lower() in {"none", "nil", "n/a", "none received", "no apologies"}
