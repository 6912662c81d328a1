"""People across meetings (the list, and each person's names, roles and attendance over
time, with editors' merge and split corrections) and who held each role when.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.services.item_corrections import MAX_NOTE_CHARS, MAX_VALUE_CHARS, correct_person
from oversight.services.tracking import InvalidRequestError, NotFoundError
from oversight.web.deps import (
    EditorDep,
    HeaderTokenDep,
    SessionDep,
    SiteDep,
    SiteState,
    ViewerDep,
    check_form_token,
)
from oversight.web.params import OptionalName
from oversight.web.people_view import build_people, build_person, build_roles
from oversight.web.render import render
from oversight.web.tracking_pages import PeoplePage, PersonPage, RolesPage
from oversight.web.tracking_schemas import CorrectionCreate, CorrectionResultPublic, person_url

router = APIRouter()
Key = Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Page = Annotated[int, Query(ge=1, le=100_000)]
Name = Annotated[OptionalName, Query(description="Part of a name, in any case.")]
Role = Annotated[OptionalName, Query(description="A role, as /api/roles names it.")]


@router.get("/people", response_class=HTMLResponse, include_in_schema=False)
def people_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    name: Name = None,
    page: Page = 1,
) -> HTMLResponse:
    """Show the people named in the attendance, by name."""
    context = build_people(session, viewer, name, page)
    return render(request, site.templates, "people.html", context, viewer, title="People")


@router.get("/api/people", response_model=PeoplePage, tags=["people"])
def people_api(
    session: SessionDep, viewer: ViewerDep, name: Name = None, page: Page = 1
) -> PeoplePage:
    """List the people named in the attendance, by name, 50 to a page."""
    return build_people(session, viewer, name, page)


@router.get("/people/{key}", response_class=HTMLResponse, include_in_schema=False)
def person_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    key: Key,
    page: Page = 1,
) -> HTMLResponse:
    """Show one person: names seen, roles over time, attendance."""
    context = build_person(session, viewer, key, page)
    return render(request, site.templates, "person.html", context, viewer, title=context.name)


@router.get("/api/people/{key}", response_model=PersonPage, tags=["people"])
def person_api(session: SessionDep, viewer: ViewerDep, key: Key, page: Page = 1) -> PersonPage:
    """Return one person: names seen, role timeline, and a page of attendance, newest first."""
    return build_person(session, viewer, key, page)


@router.post("/people/{key}/corrections", include_in_schema=False, response_model=None)
def person_correction_submit(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: EditorDep,
    key: Key,
    operation: Annotated[str, Form(max_length=32)] = "",
    value: Annotated[str | None, Form(max_length=MAX_VALUE_CHARS)] = None,
    note: Annotated[str | None, Form(max_length=MAX_NOTE_CHARS)] = None,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """Merge a person with another, split a name off, or rename them; then show them."""
    check_form_token(request, csrf_token)
    try:
        shown = correct_person(
            session=session,
            key=key,
            operation=operation,
            value=value,
            note=note,
            actor=viewer.name,
            taxonomy_path=site.settings.topics_file,
        )
    except (InvalidRequestError, NotFoundError) as exc:
        session.rollback()
        context = build_person(session, viewer, key, 1, error=str(exc))
        return render(
            request, site.templates, "person.html", context, viewer, status=400, title=context.name
        )
    session.commit()
    return RedirectResponse(person_url(shown), status_code=303)


@router.post(
    "/api/people/{key}/corrections",
    response_model=CorrectionResultPublic,
    tags=["staff"],
    dependencies=[HeaderTokenDep],
    responses={
        400: {"description": "The correction cannot be made as asked."},
        401: {"description": "Sign in first."},
        403: {"description": "Not allowed."},
        404: {"description": "No such person."},
    },
)
def person_correction_api(
    site: SiteDep,
    session: SessionDep,
    viewer: EditorDep,
    key: Key,
    correction: CorrectionCreate,
) -> CorrectionResultPublic:
    """Correct a person; the record is rebuilt and the change audited."""
    shown = correct_person(
        session=session,
        key=key,
        operation=correction.operation,
        value=correction.value,
        note=correction.note,
        actor=viewer.name,
        taxonomy_path=site.settings.topics_file,
    )
    session.commit()
    return CorrectionResultPublic(key=shown, url=person_url(shown))


@router.get("/roles", response_class=HTMLResponse, include_in_schema=False)
def roles_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    role: Role = None,
    page: Page = 1,
) -> HTMLResponse:
    """Show who held each role when."""
    context = _roles(site, session, viewer, role, page)
    return render(request, site.templates, "roles.html", context, viewer, title="Roles")


@router.get("/api/roles", response_model=RolesPage, tags=["people"])
def roles_api(
    site: SiteDep, session: SessionDep, viewer: ViewerDep, role: Role = None, page: Page = 1
) -> RolesPage:
    """List every role with its latest holder, and one role's tenures, latest first."""
    return _roles(site, session, viewer, role, page)


def _roles(
    site: SiteState, session: Session, viewer: Viewer | None, role: str | None, page: int
) -> RolesPage:
    # Every role's latest holder takes reading every tenure: kept until the record changes.
    return site.remember(
        ("roles", role, page, viewer is not None),
        lambda: build_roles(session, viewer, role, page),
    )
