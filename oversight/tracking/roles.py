"""Roles as minutes write them, brought to one name, and who held each role when.

"T/ Chief Constable", "Temporary CC" and "T/CC" are the Chief Constable role held
temporarily; "A/ACC" and "Acting Assistant Chief Constable" the ACC role held in an acting
capacity. A tenure is a continuous run of meetings at which one person is recorded in one
role; it ends when the role is recorded with someone else and not them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from oversight.records.tracking import RoleTenure

CHIEF_CONSTABLE = "Chief Constable"
# Roles one person holds at a time: someone else recorded in one, however it is held,
# ends the tenure of whoever held it before.
SINGLE_HOLDER = frozenset(
    {
        CHIEF_CONSTABLE,
        "Deputy Chief Constable",
        "Police and Crime Commissioner",
        "Deputy Police and Crime Commissioner",
        "Chief Executive",
        "Chief Finance Officer",
    }
)
_CANONICAL: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Deputy Police and Crime Commissioner",
        re.compile(
            r"\bdeputy (?:police,? (?:fire )?(?:and|&) crime )?commissioner\b|\bDPF?CC\b",
            re.I,
        ),
    ),
    (
        "Police and Crime Commissioner",
        re.compile(
            r"\bpolice,? (?:fire )?(?:and|&) crime commissioner\b|\bP(?:F)?CC\b|^commissioner$",
            re.I,
        ),
    ),
    ("Deputy Chief Constable", re.compile(r"\bdeputy chief constable\b|\bDCC\b", re.I)),
    ("Assistant Chief Constable", re.compile(r"\bassistant chief constable\b|\bACC\b", re.I)),
    ("Assistant Chief Officer", re.compile(r"\bassistant chief officer\b|\bACO\b", re.I)),
    (CHIEF_CONSTABLE, re.compile(r"\bchief constable\b|(?<![\w/])CC\b", re.I)),
    ("Chief Executive", re.compile(r"\bchief executive\b|\bCEX\b|\bCEO\b", re.I)),
    ("Chief Finance Officer", re.compile(r"\bchief finan\w* officer\b|\bCFO\b", re.I)),
)
_TEMPORARY = re.compile(r"(?<![\w])T/|\btemporary\b|\btemp\.?\s", re.I)
_ACTING = re.compile(r"(?<![\w])A/|\bacting\b|\binterim\b", re.I)
# "Staff Officer to the Chief Constable" is a staff officer; the office named after "to the"
# or "for the" is whom they serve, not the role they hold.
_SERVES = re.compile(r"\s*\b(?:to|for|of) the\b.*$|\s*\b\w+'s\b.*$", re.I)
_ORGANISATION = re.compile(
    r"\s*\([^)]*\)|,?\s*\bOPCC\b$|,\s*[A-Z][\w&' -]*\b(?:Police|LLP|Partnership|Council|Ltd)$"
)


@dataclass(frozen=True)
class Role:
    """A role brought to its canonical name, with how it is held."""

    name: str
    qualifier: str | None = None


# Each way of writing a role is read once: the same ones come back at every meeting.
@lru_cache(maxsize=8192)
def canonical_role(*written: str | None) -> Role | None:
    """Return the canonical role of a role text, an abbreviation or a ranked name, if any."""
    for text in written:
        if not text:
            continue
        qualifier = (
            "temporary" if _TEMPORARY.search(text) else "acting" if _ACTING.search(text) else None
        )
        cleaned = _SERVES.sub("", re.sub(r"(?<![\w])[TA]/\s*", "", text))
        for name, pattern in _CANONICAL:
            if pattern.search(cleaned):
                return Role(name, qualifier)
    for text in written:
        if text and len(text) > 3 and not re.fullmatch(r"[A-Z/&]{2,6}", text.strip()):
            bare = _SERVES.sub("", re.sub(r"(?<![\w])[TA]/\s*", "", text.strip()))
            plain = _ORGANISATION.sub("", bare).strip(" ,")
            return Role(plain[:1].upper() + plain[1:], _qualifier(text)) if plain else None
    return None


def _qualifier(text: str) -> str | None:
    if _TEMPORARY.search(text):
        return "temporary"
    return "acting" if _ACTING.search(text) else None


@dataclass(frozen=True)
class Holding:
    """One person recorded in one role at one meeting."""

    meeting_id: int
    date: dt.date | None
    role: Role
    person_key: str
    name: str
    written: str = ""


def tenures(holdings: Sequence[Holding]) -> list[RoleTenure]:
    """Return the continuous tenures the holdings show, ordered by role and start."""
    meetings = sorted({(h.date or dt.date.min, h.meeting_id) for h in holdings})
    by_meeting: dict[int, list[Holding]] = {}
    for h in holdings:
        by_meeting.setdefault(h.meeting_id, []).append(h)
    open_runs: dict[tuple[str, str | None, str], list[Holding]] = {}
    done: list[list[Holding]] = []
    for _, meeting_id in meetings:
        here = by_meeting[meeting_id]
        people_here = {(h.role.name, h.role.qualifier, h.person_key) for h in here}
        names_here = {h.role.name for h in here}
        holders_here = {(h.role.name, h.person_key) for h in here}
        persons_here = {h.person_key for h in here}
        for key in list(open_runs):
            name, _, person = key
            # Several people hold roles such as ACC at once: one missing a meeting keeps
            # their tenure; a single-holder role passes to whoever is recorded in it.
            replaced = name in SINGLE_HOLDER and name in names_here
            replaced = replaced and (name, person) not in holders_here
            moved = person in persons_here and key not in people_here
            if replaced or moved:
                done.append(open_runs.pop(key))
        for h in here:
            open_runs.setdefault((h.role.name, h.role.qualifier, h.person_key), []).append(h)
    done.extend(open_runs.values())
    result = [
        RoleTenure(
            role=run[0].role.name,
            qualifier=run[0].role.qualifier,
            person_key=run[0].person_key,
            name=run[0].name,
            first_meeting_id=run[0].meeting_id,
            first_date=run[0].date,
            last_meeting_id=run[-1].meeting_id,
            last_date=run[-1].date,
            meetings=len({h.meeting_id for h in run}),
        )
        for run in done
    ]
    return sorted(
        result, key=lambda t: (t.role, t.first_date or dt.date.min, t.qualifier or "", t.name)
    )


_MENTION = re.compile(
    r"\b(?:the\s+)?((?:[TA]/\s*)?(?:DPCC|PCC|DCC|ACC|CC|CEX|CFO))(?:\s+([A-Z]{2,3}))?\b"
)


def resolve_mention(
    text: str, day: dt.date | None, all_tenures: Sequence[RoleTenure]
) -> RoleTenure | None:
    """Return the tenure a role mention such as "the DCC", "ACC RJ" or "T/CC" points to on `day`."""
    match = _MENTION.search(text)
    if match is None:
        return None
    role = canonical_role(match.group(1))
    if role is None:
        return None
    initials = match.group(2)
    candidates = [t for t in all_tenures if t.role == role.name]
    if role.qualifier:
        candidates = [t for t in candidates if t.qualifier == role.qualifier] or candidates
    if initials:
        by_initials = [t for t in candidates if _initials(t.name) == initials]
        candidates = by_initials or candidates
    return _nearest(candidates, day, prefer_substantive=role.qualifier is None)


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()


def _nearest(
    candidates: Sequence[RoleTenure], day: dt.date | None, *, prefer_substantive: bool
) -> RoleTenure | None:
    if not candidates:
        return None
    if day is None:
        return candidates[-1]
    covering = [
        t
        for t in candidates
        if (t.first_date is None or t.first_date <= day)
        and (t.last_date is None or day <= t.last_date)
    ]
    if covering:
        if prefer_substantive and any(t.qualifier is None for t in covering):
            covering = [t for t in covering if t.qualifier is None]
        return covering[0]

    def distance(t: RoleTenure) -> int:
        first = t.first_date or day
        last = t.last_date or day
        return min(abs((first - day).days), abs((last - day).days))

    return min(candidates, key=distance)
