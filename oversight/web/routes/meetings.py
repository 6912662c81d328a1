"""The list of meetings, a meeting's page (record beside text) and one fact's page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from oversight.services import MeetingNotFoundError
from oversight.services.accounts import Viewer
from oversight.services.browse import (
    MEETING_SORTS,
    MeetingFilter,
    meeting_index,
    meeting_record,
)
from oversight.services.item_tracker import meeting_tracking
from oversight.web.deps import SessionDep, SiteDep, ViewerDep
from oversight.web.meeting_view import ItemPage, MeetingPage, item_page, meeting_page
from oversight.web.pages import MeetingFiltersPublic, MeetingListPage, paging
from oversight.web.params import OptionalName, OptionalYear, base_url
from oversight.web.render import render
from oversight.web.schemas import meeting_summary

router = APIRouter()
PER_PAGE = 25
FactKind = Literal["actions", "decisions", "figures", "promises", "recommendations"]
MeetingSort = Literal["-date", "date"]
_PASSAGE = re.compile(r"(\d{1,9})-(\d{1,9})")


def build_meeting_list(
    session: Session,
    viewer: Viewer | None,
    *,
    year: int | None,
    kind: str | None,
    body: str | None,
    sort: str,
    page: int,
) -> MeetingListPage:
    """Build the list of meetings the viewer may see."""
    wanted = MeetingFilter(year=year, kind=kind, body=body, sort=sort)
    index = meeting_index(
        session=session, drafts=viewer is not None, wanted=wanted, page=page, per_page=PER_PAGE
    )
    return MeetingListPage(
        filters=MeetingFiltersPublic(year=year, kind=kind, body=body, sort=sort),
        meetings=[meeting_summary(m) for m in index.meetings],
        paging=paging(page, index.total, PER_PAGE),
        years=index.years,
        kinds=index.kinds,
        bodies=index.bodies,
        sorts=list(MEETING_SORTS),
    )


Year = Annotated[OptionalYear, Query()]
Kind = Annotated[OptionalName, Query()]
Body = Annotated[OptionalName, Query()]
Page = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/meetings", response_class=HTMLResponse, include_in_schema=False)
def meetings_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    year: Year = None,
    kind: Kind = None,
    body: Body = None,
    sort: MeetingSort = "-date",
    page: Page = 1,
) -> HTMLResponse:
    """Show the list of meetings."""
    context = build_meeting_list(
        session, viewer, year=year, kind=kind, body=body, sort=sort, page=page
    )
    return render(request, site.templates, "meetings.html", context, viewer, title="Meetings")


@router.get("/api/meetings", response_model=MeetingListPage, tags=["meetings"])
def meetings_api(
    session: SessionDep,
    viewer: ViewerDep,
    year: Year = None,
    kind: Kind = None,
    body: Body = None,
    sort: MeetingSort = "-date",
    page: Page = 1,
) -> MeetingListPage:
    """List the meetings, filtered by year, kind and body, newest or oldest first."""
    return build_meeting_list(
        session, viewer, year=year, kind=kind, body=body, sort=sort, page=page
    )


def _passage(value: str | None) -> tuple[int, int] | None:
    found = _PASSAGE.fullmatch(value or "")
    return None if found is None else (int(found[1]), int(found[2]))


def build_meeting_page(
    request: Request, session: Session, viewer: Viewer | None, meeting_id: int, passage: str | None
) -> MeetingPage:
    """Build a meeting's page, or raise MeetingNotFoundError when the viewer may not see it."""
    staff = viewer is not None
    record = meeting_record(session=session, meeting_id=meeting_id, drafts=staff)
    tracking = meeting_tracking(
        session=session, drafts=staff, meeting_id=meeting_id, as_of=dt.date.today()
    )
    return meeting_page(record, base_url(str(request.base_url)), _passage(passage), tracking)


MeetingId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Number = Annotated[int, Path(ge=1, le=100_000)]
Passage = Annotated[OptionalName, Query()]


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse, include_in_schema=False)
def meeting_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    meeting_id: MeetingId,
    passage: Passage = None,
) -> HTMLResponse:
    """Show a meeting's record beside the text of its minutes."""
    context = build_meeting_page(request, session, viewer, meeting_id, passage)
    title = context.meeting.title or context.meeting.source
    return render(request, site.templates, "meeting.html", context, viewer, title=title)


@router.get("/api/meetings/{meeting_id}", response_model=MeetingPage, tags=["meetings"])
def meeting_api(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    meeting_id: MeetingId,
    passage: Passage = None,
) -> MeetingPage:
    """Return a meeting's record and the text of its minutes with each fact's span."""
    return build_meeting_page(request, session, viewer, meeting_id, passage)


def build_item_page(
    request: Request,
    session: Session,
    viewer: Viewer | None,
    meeting_id: int,
    kind: str,
    number: int,
) -> ItemPage:
    """Build one fact's page, or raise MeetingNotFoundError."""
    staff = viewer is not None
    record = meeting_record(session=session, meeting_id=meeting_id, drafts=staff)
    tracking = meeting_tracking(
        session=session, drafts=staff, meeting_id=meeting_id, as_of=dt.date.today()
    )
    page = item_page(record, base_url(str(request.base_url)), kind, number, tracking)
    if page is None:
        raise MeetingNotFoundError(f"meeting {meeting_id} has no {kind} {number}")
    return page


@router.get(
    "/meetings/{meeting_id}/{kind}/{number}", response_class=HTMLResponse, include_in_schema=False
)
def item_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    meeting_id: MeetingId,
    kind: FactKind,
    number: Number,
) -> HTMLResponse:
    """Show one action, decision, figure, promise or recommendation with its citation."""
    context = build_item_page(request, session, viewer, meeting_id, kind, number)
    return render(request, site.templates, "item.html", context, viewer, title=context.heading)


@router.get(
    "/api/meetings/{meeting_id}/{kind}/{number}", response_model=ItemPage, tags=["meetings"]
)
def item_api(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    meeting_id: MeetingId,
    kind: FactKind,
    number: Number,
) -> ItemPage:
    """Return one fact of a meeting with its passage and citation."""
    return build_item_page(request, session, viewer, meeting_id, kind, number)
