"""Build the pages of people and roles from what the services return: the list of people,
one person's names, role timeline and attendance, and who held each role when.
"""

from __future__ import annotations

from urllib.parse import urlencode

from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.services.people_roles import people_page, person_view, roles_page
from oversight.web.pages import paging
from oversight.web.tracking_pages import (
    AttendancePublic,
    PeoplePage,
    PersonPage,
    PersonRowPublic,
    RolesPage,
    RoleSummaryPublic,
    YearCountPublic,
)
from oversight.web.tracking_schemas import meeting_link, person_url, tenure_public

PER_PAGE = 50


def roles_url(role: str) -> str:
    """Return the address of one role's timeline."""
    return "/roles?" + urlencode({"role": role})


def build_people(
    session: Session, viewer: Viewer | None, name: str | None, page: int
) -> PeoplePage:
    """Build one page of the list of people."""
    found = people_page(
        session=session, drafts=viewer is not None, name=name, page=page, per_page=PER_PAGE
    )
    return PeoplePage(
        name=name,
        people=[
            PersonRowPublic(
                key=p.key,
                name=p.name,
                roles=p.roles,
                present=p.present,
                apologies=p.apologies,
                first=p.first,
                last=p.last,
                url=person_url(p.key),
            )
            for p in found.people
        ],
        paging=paging(page, found.total, PER_PAGE),
    )


def build_person(
    session: Session, viewer: Viewer | None, key: str, page: int, error: str | None = None
) -> PersonPage:
    """Build one person's page."""
    found = person_view(
        session=session, drafts=viewer is not None, key=key, page=page, per_page=PER_PAGE
    )
    person = found.person
    return PersonPage(
        key=person.key,
        name=person.name,
        names_seen=person.variants,
        roles=person.roles,
        present=person.present,
        apologies=person.apologies,
        years=[YearCountPublic(year=y, first=p, second=a) for y, p, a in found.years],
        tenures=[tenure_public(t) for t in found.tenures],
        attendance=[
            AttendancePublic(
                meeting=meeting_link(a.meeting_id, a.title, a.date),
                status=a.status,
                written=a.written,
                role=a.role,
            )
            for a in found.attendance
        ],
        paging=paging(page, person.present + person.apologies, PER_PAGE),
        url=person_url(person.key),
        error=error,
    )


def build_roles(session: Session, viewer: Viewer | None, role: str | None, page: int) -> RolesPage:
    """Build the roles page: every role, and one role's tenures when one is asked for."""
    found = roles_page(
        session=session, drafts=viewer is not None, role=role, page=page, per_page=PER_PAGE
    )
    return RolesPage(
        roles=[
            RoleSummaryPublic(
                role=r.role,
                tenures=r.tenures,
                latest=None if r.latest is None else tenure_public(r.latest),
                url=roles_url(r.role),
            )
            for r in found.roles
        ],
        role=found.role,
        tenures=[tenure_public(t) for t in found.tenures],
        paging=paging(page, found.total, PER_PAGE),
    )
