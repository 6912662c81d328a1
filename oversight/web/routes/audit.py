"""The audit log, for admins only: every change, who made it, when, before and after."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from oversight.services.audit import audit_log
from oversight.web.deps import AdminDep, SessionDep, SiteDep
from oversight.web.pages import AuditPage, paging
from oversight.web.render import render
from oversight.web.schemas import AuditEntryPublic

router = APIRouter()
PER_PAGE = 50
Page = Annotated[int, Query(ge=1, le=100_000)]


def build_audit(session: Session, page: int) -> AuditPage:
    """Build one page of the audit log."""
    log = audit_log(session=session, page=page, per_page=PER_PAGE)
    return AuditPage(
        entries=[
            AuditEntryPublic(
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                target=e.target,
                before=e.before,
                after=e.after,
            )
            for e in log.entries
        ],
        paging=paging(page, log.total, PER_PAGE),
    )


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_html(
    request: Request, site: SiteDep, session: SessionDep, viewer: AdminDep, page: Page = 1
) -> HTMLResponse:
    """Show the audit log."""
    context = build_audit(session, page)
    return render(request, site.templates, "audit.html", context, viewer, title="Audit log")


@router.get(
    "/api/audit",
    response_model=AuditPage,
    tags=["staff"],
    responses={401: {"description": "Sign in first."}, 403: {"description": "Not allowed."}},
)
def audit_api(session: SessionDep, viewer: AdminDep, page: Page = 1) -> AuditPage:
    """Return one page of the audit log, newest first (admins only)."""
    return build_audit(session, page)
