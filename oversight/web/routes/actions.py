"""The action tracker: filtered and sorted, as a page, JSON, and CSV and JSON downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.services.action_tracker import (
    ACTION_SORTS,
    ACTION_STATUSES,
    ActionFilter,
    track_actions,
)
from oversight.web.deps import SessionDep, SiteDep, ViewerDep
from oversight.web.pages import ActionFiltersPublic, ActionTrackerPage
from oversight.web.params import OptionalDate, OptionalId, OptionalName, base_url, blank_is_none
from oversight.web.render import render
from oversight.web.schemas import MeetingLinkPublic, action_row, meeting_url

router = APIRouter()
Status = Annotated[
    Literal["open", "overdue", "closed"] | None, BeforeValidator(blank_is_none), Query()
]
Sort = Literal["due", "-due", "raised", "-raised", "owner"]
Owner = Annotated[OptionalName, Query()]
MeetingFilterId = Annotated[OptionalId, Query()]
# Spreadsheets run a cell starting with these as a formula; such cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def build_tracker(
    session: Session,
    viewer: Viewer | None,
    wanted: ActionFilter,
    as_of: dt.date | None,
) -> ActionTrackerPage:
    """Build the action tracker for the viewer."""
    day = as_of or dt.date.today()
    tracker = track_actions(session=session, drafts=viewer is not None, wanted=wanted, as_of=day)
    return ActionTrackerPage(
        as_of=day,
        filters=ActionFiltersPublic(
            status=wanted.status,
            owner=wanted.owner,
            meeting=wanted.meeting_id,
            due_from=wanted.due_from,
            due_to=wanted.due_to,
            sort=wanted.sort,
        ),
        actions=[action_row(a, tracker.numbers.get(a.id, 0)) for a in tracker.actions],
        total=len(tracker.actions),
        owners=tracker.owners,
        meetings=[
            MeetingLinkPublic(id=mid, title=title, date=date, url=meeting_url(mid))
            for mid, title, date in tracker.meetings
        ],
        statuses=list(ACTION_STATUSES),
        sorts=list(ACTION_SORTS),
    )


def _filter(
    status: str | None,
    owner: str | None,
    meeting: int | None,
    due_from: dt.date | None,
    due_to: dt.date | None,
    sort: str,
) -> ActionFilter:
    return ActionFilter(
        status=status, owner=owner, meeting_id=meeting, due_from=due_from, due_to=due_to, sort=sort
    )


@router.get("/actions", response_class=HTMLResponse, include_in_schema=False)
def actions_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    owner: Owner = None,
    meeting: MeetingFilterId = None,
    due_from: OptionalDate = None,
    due_to: OptionalDate = None,
    sort: Sort = "due",
    as_of: OptionalDate = None,
) -> HTMLResponse:
    """Show the action tracker."""
    wanted = _filter(status, owner, meeting, due_from, due_to, sort)
    context = build_tracker(session, viewer, wanted, as_of)
    return render(request, site.templates, "actions.html", context, viewer, title="Actions")


@router.get("/api/actions", response_model=ActionTrackerPage, tags=["actions"])
def actions_api(
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    owner: Owner = None,
    meeting: MeetingFilterId = None,
    due_from: OptionalDate = None,
    due_to: OptionalDate = None,
    sort: Sort = "due",
    as_of: OptionalDate = None,
) -> ActionTrackerPage:
    """List the actions, filtered by status, owner, meeting and due dates, and sorted."""
    wanted = _filter(status, owner, meeting, due_from, due_to, sort)
    return build_tracker(session, viewer, wanted, as_of)


@router.get("/actions.json", tags=["actions"], response_model=ActionTrackerPage)
def actions_json_download(
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    owner: Owner = None,
    meeting: MeetingFilterId = None,
    due_from: OptionalDate = None,
    due_to: OptionalDate = None,
    sort: Sort = "due",
    as_of: OptionalDate = None,
) -> Response:
    """Download the filtered actions as a JSON file."""
    wanted = _filter(status, owner, meeting, due_from, due_to, sort)
    page = build_tracker(session, viewer, wanted, as_of)
    return Response(
        page.model_dump_json(indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="actions.json"'},
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def actions_csv(page: ActionTrackerPage, site: str) -> str:
    """Write the tracker's actions as CSV, one row per action, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "meeting",
            "meeting_date",
            "number",
            "action",
            "owners",
            "due",
            "due_date",
            "status",
            "url",
        ]
    )
    for a in page.actions:
        row = [
            a.meeting.title,
            a.meeting.date,
            a.number,
            a.text,
            "; ".join(a.owners),
            a.due,
            a.due_date,
            a.status,
            site + a.url,
        ]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


@router.get("/actions.csv", tags=["actions"], response_class=Response)
def actions_csv_download(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    owner: Owner = None,
    meeting: MeetingFilterId = None,
    due_from: OptionalDate = None,
    due_to: OptionalDate = None,
    sort: Sort = "due",
    as_of: OptionalDate = None,
) -> Response:
    """Download the filtered actions as a CSV file."""
    wanted = _filter(status, owner, meeting, due_from, due_to, sort)
    page = build_tracker(session, viewer, wanted, as_of)
    return Response(
        actions_csv(page, base_url(str(request.base_url))),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="actions.csv"'},
    )
