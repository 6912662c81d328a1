"""Who attended and who sent apologies, from the layouts minutes use.

Handled: attendance tables ("Attendance:" | name | "Role (ABBR)"), bullets
("Name – Role (ABBR)"), "Name (AB) Role" lines, labelled paragraphs ("Present:",
"In attendance:", "Apologies:") holding comma-separated lists, and Word tables flattened to
alternating name and role lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.extract.lines import Line
from oversight.records.types import Person, SourceSpan

_LABEL = re.compile(
    r"^\s*(?:-\s*)?(?P<label>Attendance|Attendees|Present|In\s+attendance|Also\s+(?:present|in\s+attendance)"
    r"|(?:Panel\s+|Committee\s+|Board\s+)?Members\s+present|Officers?\s+present|Officers\s+in\s+attendance"
    r"|Apologies(?:\s+for\s+absence)?|Apologies\s+received(?:\s+from)?|Absent)\b\s*(?:were\s+received\s+from)?\s*:?\s*",
    re.I,
)
_TITLE = (
    r"(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev|Supt|"
    r"Ch\.?\s*Supt|Det\.?)\.?\s+)"
)
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME = re.compile(
    rf"^{_TITLE}?{_NAME_WORD}(?:\s+(?:de|van|von|der|da|le|la)?\s*{_NAME_WORD}){{0,4}}$"
)
_ROLE_WORDS = re.compile(
    r"\b(Commissioner|Constable|Officer|Chief|Director|Head|Superintendent|Inspector|Manager|"
    r"Assistant|Secretary|Executive|Treasurer|Member|Chair|Chairman|Clerk|Analyst|Lead|Adviser|"
    r"Advisor|Deputy|Support|Intern|Registrar|Solicitor|Coordinator|Co-ordinator|Staff|Policy|"
    r"Finance|Governance|Auditor|Monitoring|Scrutiny|Representative|Observer|Counsel|Engagement|"
    r"Commissioning|Communications|Council|Sergeant|Partner|OPCC|PCC|Vice)\b"
)
_ABBR = re.compile(r"^(?:[A-Z]/\s?)?[A-Z][A-Za-z/&]{0,7}(?:\s[A-Z]{1,4})?$")
_SEPARATORS = (
    re.compile(r"\s+[–—-]+\s*|\s*[–—-]+\s+"),
    re.compile(r"[–—]|-(?=[A-Z]/|[A-Z][a-z]+\s)"),
)
# "Name – Role", then "Name, Role".
_PERSON_SEPARATORS = (*_SEPARATORS, re.compile(r",\s*"))
_INLINE_ABBR = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<abbr>[^()]{1,12})\)\s*(?P<role>.*)$")
_TRAILING_ABBR = re.compile(r"\s*\((?P<abbr>[^()]{1,12})\)\s*$")
_STOP_ROLES = re.compile(r"^(?:Name|Capacity|Role|Title|Organisation)\s*:?$", re.I)


_MARKER = re.compile(
    r"\s*\((?P<m>chair(?:man|woman|person)?|in\s+the\s+chair|vice[- ]chair(?:man)?|substitute|"
    r"minutes|minute[- ]taker|notes|clerk)\)",
    re.I,
)
_LONG_PAREN = re.compile(r"\s*\((?P<inner>[^()]{2,90})\)\s*$")


@dataclass(slots=True)
class Attendance:
    """The people present and those who sent apologies, and where the lists ended."""

    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    end: int = 0
    chair: str | None = None
    minute_taker: tuple[str, str | None] | None = None


def _markers(text: str) -> tuple[str, set[str]]:
    """Remove "(Chair)", "(minutes)" and similar markers; return the text and the markers."""
    if "(" not in text:
        return text.strip(), set()
    found = {m.group("m").lower() for m in _MARKER.finditer(text)}
    return _MARKER.sub("", text).strip(), found


def _is_name(text: str) -> bool:
    text = text.strip()
    return (
        " " in text and bool(_NAME.match(text)) and not _ROLE_WORDS.search(text) and len(text) <= 40
    )


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


def _is_abbr(text: str) -> bool:
    text = text.strip()
    if not _ABBR.match(text):
        return False
    uppers = sum(map(str.isupper, text))
    return uppers >= 2 or (len(text) <= 2 and uppers >= 1)


def _role_and_abbr(role: str) -> tuple[str | None, str | None]:
    role = role.strip(" ,;.")
    abbr: str | None = None
    m = _TRAILING_ABBR.search(role)
    if m and _is_abbr(m.group("abbr")):
        abbr = m.group("abbr").strip()
        role = role[: m.start()].strip(" ,;")
    return (role or None), abbr


def parse_person(text: str, span: SourceSpan | None = None) -> Person | None:
    """Read one "Name – Role (ABBR)", "Name (AB) Role" or "Name, Role" entry."""
    text = text.strip().lstrip("-•* ").strip(" ;.")
    if not text or len(text) > 160:
        return None
    if _is_name(text):
        return Person(name=text, span=span)
    m = _INLINE_ABBR.match(text)
    if m and _is_name(m.group("name")) and _is_abbr(m.group("abbr")):
        role = m.group("role").strip(" ,–—-") or None
        return Person(
            name=m.group("name").strip(), role=role, abbreviation=m.group("abbr"), span=span
        )
    for separator in _PERSON_SEPARATORS:
        parts = separator.split(text, maxsplit=1)
        if len(parts) == 2 and _is_name(parts[0]):
            role, abbr = _role_and_abbr(parts[1])
            if role is None and abbr is None:
                continue
            if role and not (_ROLE_WORDS.search(role) or role[:1].isupper()):
                continue
            return Person(name=parts[0].strip(), role=role, abbreviation=abbr, span=span)
    m2 = _LONG_PAREN.search(text)
    if m2:
        name = text[: m2.start()].strip()
        if _is_name(name):
            inner = m2.group("inner").strip()
            if _is_abbr(inner):
                return Person(name=name, abbreviation=inner, span=span)
            role, abbr = _role_and_abbr(inner)
            return Person(name=name, role=role, abbreviation=abbr, span=span)
    return None


_BRACKETS_AND_SEPARATORS = re.compile(r"[(),;]")


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


def _split_list(text: str) -> list[str]:
    """Split a list of people at semicolons (when used) or commas, and at "and" between
    two people."""
    text = re.sub(r"\s+for\s+(?:minute|item)s?\s+[\w ,.and]+$", "", text.strip().rstrip("."))
    parts = _split_top(text, ";") if ";" in text else _split_top(text, ",")
    out: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+and\s+", part)
        if len(pieces) == 2 and all(parse_person(_markers(p)[0]) for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


def _people_from_list(text: str, start: int, result: Attendance | None = None) -> list[Person]:
    people: list[Person] = []
    for raw_part in _split_list(text):
        offset = text.find(raw_part)
        span = SourceSpan(start + max(offset, 0), start + max(offset, 0) + len(raw_part))
        part, markers = _markers(raw_part)
        person = parse_person(part, span)
        if person is not None and result is not None:
            _note_markers(result, person, markers)
        if person is not None:
            people.append(person)
        elif people and (_ROLE_WORDS.search(part) or part[:1].isupper()) and not people[-1].role:
            role, abbr = _role_and_abbr(part)
            people[-1].role = role
            people[-1].abbreviation = people[-1].abbreviation or abbr
    return people


def _note_markers(result: Attendance, person: Person, markers: set[str]) -> None:
    if any(m.startswith(("chair", "in the chair")) for m in markers) and result.chair is None:
        result.chair = person.name
    if markers & {"minutes", "minute taker", "minute-taker", "notes", "clerk"}:
        result.minute_taker = (person.name, person.role)


def _row_person(cells: list[str], line: Line) -> Person | None:
    cells = [c for c in cells if c and not _STOP_ROLES.match(c)]
    if not cells:
        return None
    span = line.span()
    if len(cells) >= 2 and _is_name(_TRAILING_ABBR.sub("", cells[0])):
        name_abbr = _TRAILING_ABBR.search(cells[0])
        role, abbr = _role_and_abbr(" ".join(cells[1:]))
        if name_abbr and _is_abbr(name_abbr.group("abbr")):
            abbr = abbr or name_abbr.group("abbr")
        return Person(
            name=_TRAILING_ABBR.sub("", cells[0]).strip(), role=role, abbreviation=abbr, span=span
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
        elif status is not None or (not seen_any and line.kind.value == "list_item"):
            if len(cells) > 1:
                person = _row_person(cells, line)
                people = [person] if person else []
            else:
                plain, markers = _markers(text)
                person = parse_person(plain, line.span())
                if person is not None:
                    _note_markers(result, person, markers)
                people = [person] if person else []
                if not people and ("," in text or ";" in text) and status is not None:
                    people = _people_from_list(text, line.start, result)
                if person and person.role is None and person.abbreviation is None:
                    pending_name = person
                elif not people and pending_name is not None and _ROLE_WORDS.search(text):
                    pending_name.role, pending_name.abbreviation = _role_and_abbr(text)
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
        target.extend(people)
        seen_any = seen_any or bool(people) or bool(label)
        result.end = i + 1
        i += 1
    return result


def rest_is_none(text: str) -> bool:
    """Say whether a label's value says there was nobody ("None", "Nil", "N/A")."""
    return text.strip(" .:-").lower() in {"none", "nil", "n/a", "none received", "no apologies"}
