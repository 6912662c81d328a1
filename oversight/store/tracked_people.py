"""People across meetings as the website shows them: listed a page at a time with their
attendance counted in SQL, one person's attendance, and the role holdings a reader may see.

`hidden` names the meetings the reader may not see; a person seen only there is not listed,
and attendance there is neither shown nor counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select
from sqlalchemy.orm import Session

from oversight.records.tracking import RoleTenure
from oversight.store.tables import MeetingRow
from oversight.store.tracked_queries import split_list
from oversight.store.tracking_tables import PersonAttendanceRow as Seen
from oversight.store.tracking_tables import PersonRow, RoleTenureRow
from oversight.store.visibility import Hidden

PRESENT = "present"
APOLOGIES = "apologies"


@dataclass(frozen=True, slots=True)
class PersonLine:
    """A person in the list: names, roles, and how often present or sending apologies."""

    key: str
    name: str
    roles: list[str]
    present: int
    apologies: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """One person as the reader may know them: their record and how many meetings."""

    id: int
    key: str
    name: str
    variants: list[str]
    roles: list[str]
    present: int
    apologies: int


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    """One person at one meeting, with the meeting's title."""

    meeting_id: int
    title: str | None
    date: dt.date | None
    status: str
    written: str
    role: str | None


@dataclass(frozen=True, slots=True)
class HoldingRow:
    """A role as an attendance list wrote it for one person at one meeting."""

    meeting_id: int
    date: dt.date | None
    role: str
    person_key: str
    name: str
    written: str


def _matching(statement: Any, name: str | None) -> Any:
    if not name:
        return statement
    wanted = name.strip().lower()
    return statement.where(
        or_(
            func.lower(PersonRow.name).contains(wanted, autoescape=True),
            func.lower(PersonRow.variants).contains(wanted, autoescape=True),
        )
    )


def count_people(*, session: Session, hidden: Hidden, name: str | None = None) -> int:
    """Return how many people the reader may see (whose name contains `name`, if given)."""
    seen = (
        select(Seen.id)
        .where(Seen.person_id == PersonRow.id, hidden.allows(Seen.meeting_id))
        .exists()
    )
    statement = select(func.count()).select_from(PersonRow).where(seen)
    return int(session.execute(_matching(statement, name)).scalar_one())


def page_people(
    *, session: Session, hidden: Hidden, limit: int, offset: int = 0, name: str | None = None
) -> list[PersonLine]:
    """Return one page of people by name, with their attendance counted: the page's people
    first, in the order of their names, then the counts of those only."""
    seen = (
        select(Seen.id)
        .where(Seen.person_id == PersonRow.id, hidden.allows(Seen.meeting_id))
        .exists()
    )
    chosen = _matching(select(PersonRow.id).where(seen), name)
    ids = list(
        session.scalars(chosen.order_by(PersonRow.name, PersonRow.key).limit(limit).offset(offset))
    )
    if not ids:
        return []
    present = func.sum(case((Seen.status == PRESENT, 1), else_=0))
    apologies = func.sum(case((Seen.status == APOLOGIES, 1), else_=0))
    statement = (
        select(
            PersonRow.id,
            PersonRow.key,
            PersonRow.name,
            PersonRow.roles,
            present,
            apologies,
            func.min(Seen.date),
            func.max(Seen.date),
        )
        .join(Seen, Seen.person_id == PersonRow.id)
        .where(PersonRow.id.in_(ids), hidden.allows(Seen.meeting_id))
        .group_by(PersonRow.id, PersonRow.key, PersonRow.name, PersonRow.roles)
    )
    found = {
        pid: PersonLine(key, pname, split_list(roles), int(p or 0), int(a or 0), first, last)
        for pid, key, pname, roles, p, a, first, last in session.execute(statement)
    }
    return [found[i] for i in ids if i in found]


def person_facts(*, session: Session, key: str, hidden: Hidden) -> PersonFacts | None:
    """Return a person the reader may see, with the names seen at visible meetings, or None."""
    row = session.scalars(select(PersonRow).where(PersonRow.key == key)).one_or_none()
    if row is None:
        return None
    counts: dict[str, int] = {
        status: int(n)
        for status, n in session.execute(
            select(Seen.status, func.count())
            .where(Seen.person_id == row.id, hidden.allows(Seen.meeting_id))
            .group_by(Seen.status)
        )
    }
    if not counts:
        return None
    variants = split_list(row.variants)
    if hidden.meetings:
        written = set(
            session.scalars(
                select(Seen.written)
                .where(Seen.person_id == row.id, hidden.allows(Seen.meeting_id))
                .distinct()
            )
        )
        variants = [v for v in variants if v in written] or sorted(written)
    return PersonFacts(
        row.id,
        row.key,
        row.name,
        variants,
        split_list(row.roles),
        int(counts.get(PRESENT, 0)),
        int(counts.get(APOLOGIES, 0)),
    )


def attendance_by_year(
    *, session: Session, person_id: int, hidden: Hidden
) -> list[tuple[int, int, int]]:
    """Return (year, present, apologies) of one person's attendance, oldest year first."""
    year = extract("year", Seen.date)
    statement = (
        select(
            year,
            func.sum(case((Seen.status == PRESENT, 1), else_=0)),
            func.sum(case((Seen.status == APOLOGIES, 1), else_=0)),
        )
        .where(Seen.person_id == person_id, Seen.date.is_not(None), hidden.allows(Seen.meeting_id))
        .group_by(year)
        .order_by(year)
    )
    return [(int(y), int(p or 0), int(a or 0)) for y, p, a in session.execute(statement)]


def attendance_page(
    *, session: Session, person_id: int, hidden: Hidden, limit: int, offset: int = 0
) -> list[AttendanceLine]:
    """Return one page of a person's attendance, newest first."""
    statement = (
        select(Seen, MeetingRow.title)
        .join(MeetingRow, MeetingRow.id == Seen.meeting_id)
        .where(Seen.person_id == person_id, hidden.allows(Seen.meeting_id))
        .order_by(Seen.date.desc().nulls_last(), Seen.meeting_id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [
        AttendanceLine(a.meeting_id, title, a.date, a.status, a.written, a.role)
        for a, title in session.execute(statement)
    ]


def _tenure(t: RoleTenureRow, key: str, name: str) -> RoleTenure:
    return RoleTenure(
        t.role,
        t.qualifier,
        key,
        name,
        t.first_meeting_id,
        t.first_date,
        t.last_meeting_id,
        t.last_date,
        t.meetings,
    )


def stored_tenures(
    *,
    session: Session,
    roles: Sequence[str] = (),
    person_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest: bool = False,
) -> list[RoleTenure]:
    """Return stored tenures of some roles, of one person, or all: by role and start, or
    the latest start first."""
    t = RoleTenureRow
    order = (
        (t.first_date.desc().nulls_last(), t.last_date.desc().nulls_last(), t.id.desc())
        if newest
        else (t.role, t.first_date, t.id)
    )
    statement = (
        select(t, PersonRow.key, PersonRow.name)
        .join(PersonRow, PersonRow.id == t.person_id)
        .order_by(*order)
    )
    if roles:
        statement = statement.where(t.role.in_(sorted(set(roles))))
    if person_id is not None:
        statement = statement.where(t.person_id == person_id)
    if limit is not None:
        statement = statement.limit(limit).offset(offset)
    return [_tenure(row, key, name) for row, key, name in session.execute(statement)]


def count_tenures(*, session: Session, role: str) -> int:
    """Return how many tenures of a role are stored."""
    statement = select(func.count()).select_from(RoleTenureRow).where(RoleTenureRow.role == role)
    return int(session.execute(statement).scalar_one())


def stored_roles(*, session: Session) -> list[tuple[str, int, RoleTenure | None]]:
    """Return each stored role, by name, with how many tenures it has and the latest begun."""
    t = RoleTenureRow
    counts = session.execute(
        select(t.role, func.count(), func.max(t.first_date)).group_by(t.role).order_by(t.role)
    ).all()
    latest_start = (
        select(t.role, func.max(t.first_date).label("latest")).group_by(t.role).subquery()
    )
    latest: dict[str, RoleTenure] = {}
    statement = (
        select(t, PersonRow.key, PersonRow.name)
        .join(PersonRow, PersonRow.id == t.person_id)
        .join(
            latest_start,
            and_(latest_start.c.role == t.role, latest_start.c.latest == t.first_date),
        )
        .order_by(t.role, t.last_date.desc(), t.id)
    )
    for row, key, name in session.execute(statement):
        latest.setdefault(row.role, _tenure(row, key, name))
    return [(role, int(n), latest.get(role)) for role, n, _ in counts]


def roles_written_at(*, session: Session, meetings: Sequence[int]) -> list[tuple[str, str]]:
    """Return (person key, role as written) of everyone recorded in a role at these meetings."""
    if not meetings:
        return []
    statement = (
        select(PersonRow.key, Seen.role)
        .join(PersonRow, PersonRow.id == Seen.person_id)
        .where(Seen.meeting_id.in_(sorted(set(meetings))), Seen.role.is_not(None))
        .distinct()
    )
    return [(key, role) for key, role in session.execute(statement) if role]


def person_roles(*, session: Session, keys: Sequence[str]) -> list[str]:
    """Return every role, as written, that these people were recorded in."""
    if not keys:
        return []
    statement = select(PersonRow.roles).where(PersonRow.key.in_(sorted(set(keys))))
    return sorted({r for roles in session.scalars(statement) for r in split_list(roles)})


def visible_holdings(
    *, session: Session, hidden: Hidden, written_roles: Sequence[str]
) -> list[HoldingRow]:
    """Return every visible attendance in one of these roles, and every visible attendance
    of the people who held them (a tenure ends when its holder is recorded in another role)."""
    if not written_roles:
        return []
    titles = sorted(set(written_roles))
    holders = select(Seen.person_id).where(Seen.role.in_(titles))
    statement = (
        select(Seen, PersonRow.key, PersonRow.name)
        .join(PersonRow, PersonRow.id == Seen.person_id)
        .where(
            hidden.allows(Seen.meeting_id),
            Seen.role.is_not(None),
            or_(Seen.role.in_(titles), Seen.person_id.in_(holders)),
        )
        .order_by(Seen.date, Seen.meeting_id, Seen.id)
    )
    return [
        HoldingRow(a.meeting_id, a.date, a.role or "", key, name, a.written)
        for a, key, name in session.execute(statement)
    ]


def written_roles(*, session: Session) -> list[str]:
    """Return every role as attendance lists wrote it (after titling), once each."""
    statement = select(Seen.role).where(Seen.role.is_not(None)).distinct()
    return sorted(r for r in session.scalars(statement) if r)
