"""Signing in and out: the form, and the same through the API.

A sign-in replaces the whole session (a fresh token, no fixation); the `next` address is
followed only when it is a path on this site.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from oversight.services.accounts import LockedOutError, SignInError, Viewer, sign_in
from oversight.web.deps import (
    USER_KEY,
    HeaderTokenDep,
    SessionDep,
    SiteDep,
    SiteState,
    ViewerDep,
    check_form_token,
)
from oversight.web.pages import SignInPage
from oversight.web.render import render
from oversight.web.schemas import SessionPublic
from oversight.web.security import csrf_token

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Return a path on this site to go to after signing in; anything else goes home."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target if all(c.isprintable() for c in target) else "/"


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def _attempt(
    request: Request, site: SiteState, session: SessionDep, name: str, password: str
) -> Viewer:
    """Try to sign in; commit the counted failure or success either way."""
    try:
        viewer = sign_in(
            session=session,
            name=name,
            password=password,
            client=_client(request),
            policy=site.lockout,
        )
    finally:
        session.commit()
    request.session.clear()
    request.session[USER_KEY] = viewer.name
    csrf_token(request)
    return viewer


@router.get("/sign-in", response_class=HTMLResponse, include_in_schema=False)
def sign_in_form(
    request: Request,
    site: SiteDep,
    viewer: ViewerDep,
    next: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Show the sign-in form."""
    page = SignInPage(error=None, next=safe_next(next))
    return render(request, site.templates, "sign_in.html", page, viewer, title="Sign in")


@router.post("/sign-in", response_class=HTMLResponse, include_in_schema=False, response_model=None)
def sign_in_submit(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    csrf_token_field: Annotated[str | None, Form(alias="csrf_token")] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Sign in and go on to the page asked for, or show the form again with the reason."""
    check_form_token(request, csrf_token_field)
    target = safe_next(next)
    try:
        _attempt(request, site, session, name, password)
    except SignInError as exc:
        status = 429 if isinstance(exc, LockedOutError) else 401
        page = SignInPage(error=str(exc), next=target)
        return render(
            request, site.templates, "sign_in.html", page, None, status=status, title="Sign in"
        )
    return RedirectResponse(target, status_code=303)


@router.post("/sign-out", include_in_schema=False)
def sign_out(
    request: Request, csrf_token_field: Annotated[str | None, Form(alias="csrf_token")] = None
) -> RedirectResponse:
    """Sign out and go to the front page."""
    check_form_token(request, csrf_token_field)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


class SignInCreate(BaseModel):
    """A name and password to sign in with."""

    name: str = Field(max_length=200)
    password: str = Field(max_length=2000)


def _session_public(request: Request, viewer: Viewer | None) -> SessionPublic:
    return SessionPublic(
        name=None if viewer is None else viewer.name,
        role=None if viewer is None else viewer.role.value,
        csrf_token=csrf_token(request),
    )


@router.get("/api/session", response_model=SessionPublic, tags=["session"])
def session_api(request: Request, viewer: ViewerDep) -> SessionPublic:
    """Return who is signed in and the token writes must carry in X-CSRF-Token."""
    return _session_public(request, viewer)


@router.post(
    "/api/session",
    response_model=SessionPublic,
    tags=["session"],
    responses={401: {"description": "Wrong name or password."}, 429: {"description": "Locked."}},
    dependencies=[HeaderTokenDep],
)
def sign_in_api(
    request: Request, site: SiteDep, session: SessionDep, credentials: SignInCreate
) -> Response | SessionPublic:
    """Sign in; send the token from GET /api/session in X-CSRF-Token."""
    try:
        viewer = _attempt(request, site, session, credentials.name, credentials.password)
    except SignInError as exc:
        status = 429 if isinstance(exc, LockedOutError) else 401
        return JSONResponse({"detail": str(exc)}, status_code=status)
    return _session_public(request, viewer)


@router.delete(
    "/api/session",
    tags=["session"],
    status_code=204,
    dependencies=[HeaderTokenDep],
)
def sign_out_api(request: Request) -> Response:
    """Sign out."""
    request.session.clear()
    return Response(status_code=204)
