"""The front page: open and overdue actions, the next meeting, the latest meetings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.services.browse import dashboard
from oversight.web.deps import SessionDep, SiteDep, ViewerDep
from oversight.web.pages import DashboardPage, NotYetPublic
from oversight.web.params import OptionalDate
from oversight.web.render import render
from oversight.web.schemas import action_row, announced_public, meeting_summary

router = APIRouter()
# Kept for the record across meetings, which will fill them in; until then they say so.
PROMISES_NOTE = "Promises falling due will be shown here once promises are tracked across meetings."
TOPICS_NOTE = "Topics rising will be shown here once topics are tracked across meetings."
AsOf = Annotated[OptionalDate, Query(description="The day to judge overdue on (default today).")]


def build_dashboard(
    session: Session, viewer: Viewer | None, as_of: dt.date | None
) -> DashboardPage:
    """Build the front page for the viewer."""
    day = as_of or dt.date.today()
    board = dashboard(session=session, drafts=viewer is not None, as_of=day)
    return DashboardPage(
        as_of=day,
        open_count=board.open_count,
        overdue_count=board.overdue_count,
        overdue=[action_row(a, board.numbers.get(a.id, 0)) for a in board.overdue],
        due_soon=[action_row(a, board.numbers.get(a.id, 0)) for a in board.due_soon],
        next_meeting=None if board.next_meeting is None else announced_public(board.next_meeting),
        recent=[meeting_summary(m) for m in board.recent],
        promises_falling_due=NotYetPublic(note=PROMISES_NOTE),
        topics_rising=NotYetPublic(note=TOPICS_NOTE),
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard_html(
    request: Request, site: SiteDep, session: SessionDep, viewer: ViewerDep, as_of: AsOf = None
) -> HTMLResponse:
    """Show the front page."""
    context = build_dashboard(session, viewer, as_of)
    return render(request, site.templates, "dashboard.html", context, viewer, title="Dashboard")


@router.get("/api/dashboard", response_model=DashboardPage, tags=["dashboard"])
def dashboard_api(session: SessionDep, viewer: ViewerDep, as_of: AsOf = None) -> DashboardPage:
    """Return what the front page shows."""
    return build_dashboard(session, viewer, as_of)
