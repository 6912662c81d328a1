"""People and roles as the website shows them: people a page at a time, one person's names,
roles and attendance over time, and who held each role when.

For the public, a draft meeting can change where a tenure starts or ends, so the tenures of
the roles recorded at drafts (and of their holders' other roles) are worked out again from
the published attendance alone; every other tenure is read as stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight.records.tracking import RoleTenure
from oversight.services.tracking import NotFoundError
from oversight.store.tracked_people import (
    AttendanceLine,
    PersonFacts,
    PersonLine,
    attendance_by_year,
    attendance_page,
    count_people,
    count_tenures,
    page_people,
    person_facts,
    person_roles,
    roles_written_at,
    stored_roles,
    stored_tenures,
    visible_holdings,
    written_roles,
)
from oversight.store.visibility import Hidden, hidden_for
from oversight.tracking.roles import Holding, canonical_role, tenures


@dataclass(frozen=True, slots=True)
class PeoplePage:
    """One page of people, and how many match."""

    people: list[PersonLine]
    total: int


def people_page(
    *, session: Session, drafts: bool, name: str | None = None, page: int = 1, per_page: int = 50
) -> PeoplePage:
    """Return one page of the people the reader may see, by name."""
    hidden = hidden_for(session=session, drafts=drafts)
    return PeoplePage(
        people=page_people(
            session=session,
            hidden=hidden,
            name=name,
            limit=per_page,
            offset=(max(page, 1) - 1) * per_page,
        ),
        total=count_people(session=session, hidden=hidden, name=name),
    )


def _canonical(written: str) -> str | None:
    found = canonical_role(written)
    return None if found is None else found.name


def _affected_roles(session: Session, hidden: Hidden) -> set[str]:
    """Return the roles whose tenures a hidden meeting may have changed."""
    if not hidden.meetings:
        return set()
    seen = roles_written_at(session=session, meetings=sorted(hidden.meetings))
    written = [role for _, role in seen]
    written += person_roles(session=session, keys=[key for key, _ in seen])
    return {name for w in written if (name := _canonical(w))}


def _recomputed(session: Session, hidden: Hidden, roles: Collection[str]) -> list[RoleTenure]:
    if not roles:
        return []
    titles = [w for w in written_roles(session=session) if _canonical(w) in roles]
    holdings = []
    for row in visible_holdings(session=session, hidden=hidden, written_roles=titles):
        role = canonical_role(row.role)
        if role is not None:
            holdings.append(
                Holding(row.meeting_id, row.date, role, row.person_key, row.name, row.written)
            )
    return [t for t in tenures(holdings) if t.role in roles]


def _newest_first(found: Sequence[RoleTenure]) -> list[RoleTenure]:
    return sorted(
        found,
        key=lambda t: (t.first_date or dt.date.min, t.last_date or dt.date.min, t.name),
        reverse=True,
    )


@dataclass(frozen=True, slots=True)
class RoleSummary:
    """A role, how many tenures of it there are, and who held it last."""

    role: str
    tenures: int
    latest: RoleTenure | None


@dataclass(frozen=True, slots=True)
class RolesPage:
    """Every role with its latest holder, and one role's tenures a page at a time."""

    roles: list[RoleSummary]
    role: str | None
    tenures: list[RoleTenure]
    total: int


def roles_page(
    *,
    session: Session,
    drafts: bool,
    role: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> RolesPage:
    """Return every role the reader may see with its latest holder and, when one role is
    asked for, a page of its tenures, the latest begun first."""
    hidden = hidden_for(session=session, drafts=drafts)
    affected = _affected_roles(session, hidden)
    redone = _newest_first(_recomputed(session, hidden, affected))
    summaries = []
    for name, count, latest in stored_roles(session=session):
        if name in affected:
            mine = [t for t in redone if t.role == name]
            count, latest = len(mine), (mine[0] if mine else None)
        if count:
            summaries.append(RoleSummary(name, count, latest))
    if role is None:
        return RolesPage(summaries, None, [], 0)
    start = (max(page, 1) - 1) * per_page
    if role in affected:
        chosen = [t for t in redone if t.role == role]
        shown, total = chosen[start : start + per_page], len(chosen)
    else:
        total = count_tenures(session=session, role=role)
        shown = stored_tenures(
            session=session, roles=[role], newest=True, limit=per_page, offset=start
        )
    if not total:
        raise NotFoundError(f"no role {role!r}")
    return RolesPage(summaries, role, shown, total)


@dataclass(frozen=True, slots=True)
class PersonView:
    """One person: names, counts by year, one page of attendance and their tenures."""

    person: PersonFacts
    years: list[tuple[int, int, int]]
    attendance: list[AttendanceLine]
    tenures: list[RoleTenure]


def person_view(
    *, session: Session, drafts: bool, key: str, page: int = 1, per_page: int = 50
) -> PersonView:
    """Return a person the reader may see, with their attendance and roles over time."""
    hidden = hidden_for(session=session, drafts=drafts)
    person = person_facts(session=session, key=key, hidden=hidden)
    if person is None:
        raise NotFoundError(f"no person {key!r}")
    affected = _affected_roles(session, hidden)
    mine = [
        t for t in stored_tenures(session=session, person_id=person.id) if t.role not in affected
    ]
    mine += [t for t in _recomputed(session, hidden, affected) if t.person_key == key]
    mine.sort(key=lambda t: (t.first_date or dt.date.min, t.role))
    return PersonView(
        person=person,
        years=attendance_by_year(session=session, person_id=person.id, hidden=hidden),
        attendance=attendance_page(
            session=session,
            person_id=person.id,
            hidden=hidden,
            limit=per_page,
            offset=(max(page, 1) - 1) * per_page,
        ),
        tenures=mine,
    )
