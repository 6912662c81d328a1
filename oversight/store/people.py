"""List the people named in attendance lists across all stored meetings.

The same person is written in slightly different ways from one set of minutes to the next
("Cllr  Jo Bloggs", "Cllr Jo Bloggs"); names are grouped by their case-folded words, and the
spelling used most often is the one shown.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from oversight.records import AttendanceStatus
from oversight.store.summaries import PersonSummary
from oversight.store.tables import AttendanceRow


@dataclass
class _Tally:
    spellings: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    abbreviations: Counter[str] = field(default_factory=Counter)
    present: set[int] = field(default_factory=set)
    apologies: set[int] = field(default_factory=set)


def person_key(name: str) -> str:
    """Return the key under which spellings of one name are grouped."""
    return " ".join(name.split()).casefold()


def _ranked(counter: Counter[str]) -> tuple[str, ...]:
    return tuple(value for value, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def list_people(*, session: Session) -> list[PersonSummary]:
    """List distinct people with their roles, letters, and the meetings they attended."""
    tallies: defaultdict[str, _Tally] = defaultdict(_Tally)
    statement = select(
        AttendanceRow.meeting_id,
        AttendanceRow.name,
        AttendanceRow.role,
        AttendanceRow.abbreviation,
        AttendanceRow.status,
    )
    for meeting_id, name, role, abbreviation, status in session.execute(statement):
        key = person_key(name)
        if not key:
            continue
        tally = tallies[key]
        tally.spellings[" ".join(name.split())] += 1
        if role and role.strip():
            tally.roles[" ".join(role.split())] += 1
        if abbreviation and abbreviation.strip():
            tally.abbreviations[abbreviation.strip()] += 1
        if status == AttendanceStatus.APOLOGIES.value:
            tally.apologies.add(meeting_id)
        else:
            tally.present.add(meeting_id)
    people = [
        PersonSummary(
            name=_ranked(t.spellings)[0],
            roles=_ranked(t.roles),
            abbreviations=_ranked(t.abbreviations),
            present=len(t.present),
            apologies=len(t.apologies - t.present),
            meeting_ids=tuple(sorted(t.present | t.apologies)),
        )
        for t in tallies.values()
    ]
    return sorted(people, key=lambda p: (-p.meetings, person_key(p.name)))
