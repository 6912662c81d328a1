"""One person's entry in an attendance list: the name as written, the capacity and the
bracketed letters, in the orders minutes write them ("Name – Role (ABBR)", "Name (AB) Role",
"Name, Role", "Role Name", "Role – Name")."""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.records.types import Person, SourceSpan

_TITLE = (
    r"(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev|Supt|"
    r"Ch\.?\s*Supt|Det\.?)\.?\s+)"
)
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_NAME = re.compile(
    rf"^{_TITLE}?{_NAME_WORD}(?:\s+(?:de|van|von|der|da|le|la)?\s*{_NAME_WORD}){{0,4}}$"
)
ROLE_WORDS = re.compile(
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
TRAILING_ABBR = re.compile(r"\s*\((?P<abbr>[^()]{1,12})\)\s*$")
# A capacity written before the name: "Chief Constable Jane Doe", "ACC Marcus Elwood".
_RANK_PREFIX = re.compile(
    r"^(?:Det\.?\s+)?(?:Ch\.?\s*)?(?:Supt|Insp)\.?$|^(?:Det|Sgt|Con|PC|PS|DI|DS|DC)\.?$"
)
# A capacity and a name hold no clause punctuation, digits or lower-case words but linking ones.
_NOT_RANK_AND_NAME = re.compile(r"[,;:()\d–—]|\s(?!of\s|and\s|for\s)[a-z]")
_PREFIX_SHAPE = re.compile(r"^[A-Z][\w/&.]*(?:\s+(?:[A-Z][\w/&.]*|of|and|for))*$")
_COUNCILLOR = re.compile(r"^(?:Cllr|Councillor)\.?\s", re.I)
_LONG_PAREN = re.compile(r"\s*\((?P<inner>[^()]{2,90})\)\s*$")

# Words of bodies and teams, which no one's name holds.
_ORG_WORDS = re.compile(
    r"\b(?:Members|Group|Team|Board|Panel|Committee|Police|Services|Management|Unit|Office|"
    r"Department|Partnership|Authority|Trust|University|Constabulary)\b"
)


def is_name(text: str) -> bool:
    """Say whether text is a person's name alone, with a title at most ("Mrs K Duffield")."""
    text = text.strip()
    return (
        " " in text
        and len(text) <= 40
        and bool(_NAME.match(text))
        and not ROLE_WORDS.search(text)
        and not _ORG_WORDS.search(text)
    )


def is_abbr(text: str) -> bool:
    """Say whether text is a set of role letters such as "DCC", "T/ACC" or "HM"."""
    text = text.strip()
    if not _ABBR.match(text):
        return False
    uppers = sum(map(str.isupper, text))
    return uppers >= 2 or (len(text) <= 2 and uppers >= 1)


def role_and_abbr(role: str) -> tuple[str | None, str | None]:
    """Split "Deputy Chief Constable (DCC)" into the capacity and its bracketed letters."""
    role = role.strip(" ,;.")
    abbr: str | None = None
    m = TRAILING_ABBR.search(role)
    if m and is_abbr(m.group("abbr")):
        abbr = m.group("abbr").strip()
        role = role[: m.start()].strip(" ,;")
    return (role or None), abbr


def _is_role_prefix(text: str) -> bool:
    """Say whether words written before a name are a capacity: "Deputy PCC", "ACC", "Supt"."""
    if len(text) > 60 or not _PREFIX_SHAPE.match(text) or text.endswith((" of", " and", " for")):
        return False
    if ROLE_WORDS.search(text) or _RANK_PREFIX.match(text):
        return True
    return all(is_abbr(word) for word in text.split())


def _name_and_rank(text: str) -> tuple[str, str | None] | None:
    """Split "Chief Constable Jane Doe" into the name and the capacity before it; a plain
    name comes back with no capacity, anything else as None."""
    text = text.strip()
    if is_name(text):
        return text, "Councillor" if _COUNCILLOR.match(text) else None
    words = text.split()
    if len(words) > 9 or _NOT_RANK_AND_NAME.search(text):
        return None
    for cut in range(1, min(len(words) - 1, 7)):
        name = " ".join(words[cut:])
        if is_name(name):
            rank = " ".join(words[:cut])
            return (name, rank) if _is_role_prefix(rank) else None
    return None


def _with_rank(rank: str | None, role: str | None) -> str | None:
    if rank and role and rank != "Councillor":
        return f"{rank}, {role}"
    return role or rank


def parse_person(text: str, span: SourceSpan | None = None) -> Person | None:
    """Read one "Name – Role (ABBR)", "Name (AB) Role", "Name, Role" or "Role Name" entry."""
    parsed = _parse_person(text)
    if parsed is None:
        return None
    name, role, abbreviation = parsed
    return Person(name=name, role=role, abbreviation=abbreviation, span=span)


@lru_cache(maxsize=4096)
def _parse_person(text: str) -> tuple[str, str | None, str | None] | None:
    # Lists are split by trying their pieces as people first, so each piece is asked twice.
    text = text.strip().lstrip("-•* ").strip(" ;.")
    if not text or len(text) > 160:
        return None
    whole = _name_and_rank(text)
    if whole is not None:
        return whole[0], whole[1], None
    m = _INLINE_ABBR.match(text)
    if m and is_name(m.group("name")) and is_abbr(m.group("abbr")):
        role = m.group("role").strip(" ,–—-") or None
        return m.group("name").strip(), role, m.group("abbr")
    for separator in _PERSON_SEPARATORS:
        parts = separator.split(text, maxsplit=1)
        named = _name_and_rank(parts[0]) if len(parts) == 2 else None
        if named is not None:
            role, abbr = role_and_abbr(parts[1])
            if role is None and abbr is None:
                continue
            if role and not (ROLE_WORDS.search(role) or role[:1].isupper()):
                continue
            return named[0], _with_rank(named[1], role), abbr
        if len(parts) == 2 and separator is not _PERSON_SEPARATORS[-1]:
            # "Chief Constable – Jane Doe": the capacity first, then the name.
            inverted = _name_and_rank(TRAILING_ABBR.sub("", parts[1]))
            role, abbr = role_and_abbr(parts[0])
            if (
                inverted is not None
                and role
                and (ROLE_WORDS.search(role) or all(is_abbr(w) for w in role.split()))
            ):
                tail = TRAILING_ABBR.search(parts[1])
                if abbr is None and tail and is_abbr(tail.group("abbr")):
                    abbr = tail.group("abbr").strip()
                return inverted[0], _with_rank(inverted[1], role), abbr
    m2 = _LONG_PAREN.search(text)
    if m2:
        named = _name_and_rank(text[: m2.start()])
        if named is not None:
            name, rank = named
            inner = m2.group("inner").strip()
            if is_abbr(inner):
                return name, rank, inner
            role, abbr = role_and_abbr(inner)
            return name, _with_rank(rank, role), abbr
    return None
