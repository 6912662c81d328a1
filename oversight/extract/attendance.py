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
_TITLE = r"(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev|Supt|Ch\.?\s*Supt|Det\.?)\.?\s+)"
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
_ABBR = re.compile(r"^(?:[A-Z]/\s?)?[A-Z][A-Za-z/&]{0,7}$")
_SEPARATORS = (re.compile(r"\s+[–—-]+\s*|\s*[–—-]+\s+"), re.compile(r"[–—]|-(?=[A-Z]/|[A-Z][a-z]+\s)"))
_INLINE_ABBR = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<abbr>[^()]{1,12})\)\s*(?P<role>.*)$")
_TRAILING_ABBR = re.compile(r"\s*\((?P<abbr>[^()]{1,12})\)\s*$")
_STOP_ROLES = re.compile(r"^(?:Name|Capacity|Role|Title|Organisation)\s*:?$", re.I)


@dataclass(slots=True)
class Attendance:
    """The people present and those who sent apologies, and where the lists ended."""

    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    end: int = 0


def _is_name(text: str) -> bool:
    text = text.strip()
    return bool(_NAME.match(text)) and not _ROLE_WORDS.search(text) and len(text) <= 40


def _is_abbr(text: str) -> bool:
    return bool(_ABBR.match(text.strip())) and sum(c.isupper() for c in text) >= 1


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
        return Person(name=m.group("name").strip(), role=role, abbreviation=m.group("abbr"),
                      span=span)
    for separator in (*_SEPARATORS, re.compile(r",\s*")):
        parts = separator.split(text, maxsplit=1)
        if len(parts) == 2 and _is_name(parts[0]):
            role, abbr = _role_and_abbr(parts[1])
            if role is None and abbr is None:
                continue
            if role and not (_ROLE_WORDS.search(role) or role[:1].isupper()):
                continue
            return Person(name=parts[0].strip(), role=role, abbreviation=abbr, span=span)
    m2 = _TRAILING_ABBR.search(text)
    if m2:
        name = text[: m2.start()].strip()
        if _is_name(name):
            inner = m2.group("abbr")
            if _is_abbr(inner):
                return Person(name=name, abbreviation=inner, span=span)
            return Person(name=name, role=inner, span=span)
    return None


def _split_list(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",;":
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    out: list[str] = []
    for part in parts:
        out.extend(re.split(r"\s+and\s+(?=(?:Cllr|Councillor|Mr|Mrs|Ms|Dr|[A-Z][a-z]+\s+[A-Z]))", part))
    return [p.strip() for p in out if p.strip()]


def _people_from_list(text: str, start: int) -> list[Person]:
    people: list[Person] = []
    for part in _split_list(text):
        offset = text.find(part)
        span = SourceSpan(start + max(offset, 0), start + max(offset, 0) + len(part))
        person = parse_person(part, span)
        if person is not None:
            people.append(person)
        elif people and (_ROLE_WORDS.search(part) or part[:1].isupper()) and not people[-1].role:
            role, abbr = _role_and_abbr(part)
            people[-1].role = role
            people[-1].abbreviation = people[-1].abbreviation or abbr
    return people


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
        return Person(name=_TRAILING_ABBR.sub("", cells[0]).strip(), role=role,
                      abbreviation=abbr, span=span)
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
                people = [person] if person else _people_from_list(" ".join(rest_cells), line.start)
            else:
                rest = text[label.end():]
                people = _people_from_list(rest, line.start + line.text.find(rest)) if rest else []
            if rest_is_none(text[label.end():]):
                people = []
        elif status is not None or (not seen_any and line.kind.value == "list_item"):
            if len(cells) > 1:
                person = _row_person(cells, line)
                people = [person] if person else []
            else:
                person = parse_person(text, line.span())
                people = [person] if person else []
                if not people and "," in text and status is not None:
                    people = _people_from_list(text, line.start)
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
