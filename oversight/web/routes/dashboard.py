"""The front page: tracked actions open and overdue, promises falling due, the next meeting,
the latest meetings and the topics rising; each list short, with a link to all of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.services.browse import next_meeting, recent_meetings
from oversight.services.item_tracker import tracking_board
from oversight.services.tracking import OPEN_STATUSES
from oversight.web.deps import SessionDep, SiteDep, ViewerDep
from oversight.web.pages import DashboardPage
from oversight.web.params import OptionalDate
from oversight.web.render import render
from oversight.web.schemas import announced_public, meeting_summary
from oversight.web.topic_view import build_rising
from oversight.web.tracking_schemas import item_row

router = APIRouter()
# Each panel shows this many, with a link to the rest.
PANEL_SIZE = 10
RECENT_MEETINGS = 5
AsOf = Annotated[OptionalDate, Query(description="The day to judge overdue on (default today).")]


def build_dashboard(
    session: Session, viewer: Viewer | None, as_of: dt.date | None, taxonomy: Path | None = None
) -> DashboardPage:
    """Build the front page for the viewer."""
    day = as_of or dt.date.today()
    staff = viewer is not None
    board = tracking_board(session=session, drafts=staff, as_of=day, limit=PANEL_SIZE)
    upcoming = next_meeting(session=session, drafts=staff, on_or_after=day)
    return DashboardPage(
        as_of=day,
        open_count=sum(board.counts.get(s, 0) for s in OPEN_STATUSES),
        overdue_count=board.counts.get("overdue", 0),
        overdue=[item_row(i, staff=staff) for i in board.overdue],
        due_soon=[item_row(i, staff=staff) for i in board.due_soon],
        promises_due_count=board.promises_due_count,
        promises_falling_due=[item_row(i, staff=staff) for i in board.promises_due],
        next_meeting=None if upcoming is None else announced_public(upcoming),
        recent=[
            meeting_summary(m)
            for m in recent_meetings(session=session, drafts=staff, limit=RECENT_MEETINGS)
        ],
        topics_rising=build_rising(session, viewer, day, PANEL_SIZE, taxonomy),
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard_html(
    request: Request, site: SiteDep, session: SessionDep, viewer: ViewerDep, as_of: AsOf = None
) -> HTMLResponse:
    """Show the front page."""
    context = build_dashboard(session, viewer, as_of, site.settings.topics_file)
    return render(request, site.templates, "dashboard.html", context, viewer, title="Dashboard")


@router.get("/api/dashboard", response_model=DashboardPage, tags=["dashboard"])
def dashboard_api(
    site: SiteDep, session: SessionDep, viewer: ViewerDep, as_of: AsOf = None
) -> DashboardPage:
    """Return what the front page shows."""
    return build_dashboard(session, viewer, as_of, site.settings.topics_file)
