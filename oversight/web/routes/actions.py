"""The tracker: tracked actions (or promises) filtered, sorted and paged, as a page, JSON,
and CSV and JSON downloads; and the promises with the later meetings that came back to them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BeforeValidator

from oversight.records.tracking import ItemKind
from oversight.services.item_tracker import TrackerRequest
from oversight.web.deps import SessionDep, SiteDep, ViewerDep
from oversight.web.params import OptionalDate, OptionalId, OptionalName, base_url, blank_is_none
from oversight.web.render import render
from oversight.web.tracker_view import build_tracker, facets_for
from oversight.web.tracking_pages import ActionTrackerPage, PromiseTrackerPage

router = APIRouter()
# Downloads are not paged, but a request never reads more than this many items.
MAX_DOWNLOAD = 10_000
StatusChoice = Literal["outstanding", "open", "updated", "overdue", "closed", "dropped"]
KindChoice = Literal["action", "promise", "recommendation"]
Sort = Literal["due", "-due", "raised", "-raised", "owner"]
Page = Annotated[int, Query(ge=1, le=100_000)]
AsOf = Annotated[OptionalDate, Query(description="The day to work out status on (default today).")]
Kind = Annotated[
    KindChoice | None,
    BeforeValidator(blank_is_none),
    Query(description="Actions, promises or recommendations; empty for every kind."),
]
# Spreadsheets run a cell starting with these as a formula; such cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class TrackerFilters:
    """The tracker's filters as the query string gives them."""

    status: StatusChoice | None
    owner: str | None
    person: str | None
    topic: str | None
    meeting: int | None
    due_from: dt.date | None
    due_to: dt.date | None
    sort: Sort

    def request(self, kind: str | None) -> TrackerRequest:
        """Return the service's request for items of a kind (None: every kind)."""
        return TrackerRequest(
            kind=None if kind is None else ItemKind(kind),
            status=self.status,
            owner=self.owner,
            person=self.person,
            topic=self.topic,
            meeting_id=self.meeting,
            due_from=self.due_from,
            due_to=self.due_to,
            sort=self.sort,
        )


def tracker_filters(
    status: Annotated[
        StatusChoice | None,
        BeforeValidator(blank_is_none),
        Query(description="outstanding: open, updated or overdue."),
    ] = None,
    owner: Annotated[OptionalName, Query(description="An owner as the minutes write it.")] = None,
    person: Annotated[OptionalName, Query(description="A person's key (see /api/people).")] = None,
    topic: Annotated[OptionalName, Query(description="A topic's key (see /api/topics).")] = None,
    meeting: Annotated[OptionalId, Query(description="The meeting that raised it.")] = None,
    due_from: Annotated[OptionalDate, Query()] = None,
    due_to: Annotated[OptionalDate, Query()] = None,
    sort: Sort = "due",
) -> TrackerFilters:
    """Read the tracker's filters from the query string."""
    return TrackerFilters(status, owner, person, topic, meeting, due_from, due_to, sort)


FiltersDep = Annotated[TrackerFilters, Depends(tracker_filters)]


@router.get("/actions", response_class=HTMLResponse, include_in_schema=False)
def actions_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    kind: Kind = "action",
    page: Page = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Show the tracker."""
    wanted = filters.request(kind)
    context = build_tracker(
        session,
        viewer,
        wanted,
        as_of,
        page,
        facets=facets_for(site, session, viewer, wanted.kind),
        taxonomy_path=site.settings.topics_file,
    )
    return render(request, site.templates, "actions.html", context, viewer, title="Actions")


@router.get("/api/actions", response_model=ActionTrackerPage, tags=["tracker"])
def actions_api(
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    kind: Kind = "action",
    page: Page = 1,
    as_of: AsOf = None,
) -> ActionTrackerPage:
    """List tracked actions (or another kind), filtered, sorted and 50 to a page."""
    wanted = filters.request(kind)
    return build_tracker(
        session,
        viewer,
        wanted,
        as_of,
        page,
        facets=facets_for(site, session, viewer, wanted.kind),
        taxonomy_path=site.settings.topics_file,
    )


@router.get("/promises", response_class=HTMLResponse, include_in_schema=False)
def promises_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    page: Page = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Show the promises the force made and what became of them."""
    context = build_tracker(
        session,
        viewer,
        filters.request("promise"),
        as_of,
        page,
        facets=facets_for(site, session, viewer, ItemKind.PROMISE),
        promises=True,
        taxonomy_path=site.settings.topics_file,
    )
    return render(request, site.templates, "promises.html", context, viewer, title="Promises")


@router.get("/api/promises", response_model=PromiseTrackerPage, tags=["tracker"])
def promises_api(
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    page: Page = 1,
    as_of: AsOf = None,
) -> ActionTrackerPage:
    """List the promises, filtered and sorted, with the latest meetings that came back to each."""
    return build_tracker(
        session,
        viewer,
        filters.request("promise"),
        as_of,
        page,
        facets=facets_for(site, session, viewer, ItemKind.PROMISE),
        promises=True,
        taxonomy_path=site.settings.topics_file,
    )


def _download(
    session: SessionDep, viewer: ViewerDep, filters: TrackerFilters, kind: str | None, as_of: AsOf
) -> ActionTrackerPage:
    return build_tracker(session, viewer, filters.request(kind), as_of, 1, per_page=MAX_DOWNLOAD)


@router.get("/actions.json", tags=["tracker"], response_model=ActionTrackerPage)
def actions_json_download(
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    kind: Kind = "action",
    as_of: AsOf = None,
) -> Response:
    """Download the filtered items (up to 10,000) as a JSON file."""
    page = _download(session, viewer, filters, kind, as_of)
    return Response(
        page.model_dump_json(indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="actions.json"'},
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def actions_csv(page: ActionTrackerPage, site: str) -> str:
    """Write the tracker's items as CSV, one row per item, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "key",
            "kind",
            "reference",
            "text",
            "owners",
            "due",
            "due_date",
            "status",
            "raised_at",
            "raised_on",
            "url",
        ]
    )
    for i in page.items:
        row = [
            i.key,
            i.kind,
            i.reference,
            i.text,
            "; ".join(i.owners),
            i.due,
            i.due_date,
            i.status,
            i.raised.title,
            i.raised.date,
            site + i.url,
        ]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


@router.get("/actions.csv", tags=["tracker"], response_class=Response)
def actions_csv_download(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    filters: FiltersDep,
    kind: Kind = "action",
    as_of: AsOf = None,
) -> Response:
    """Download the filtered items (up to 10,000) as a CSV file."""
    page = _download(session, viewer, filters, kind, as_of)
    return Response(
        actions_csv(page, base_url(str(request.base_url))),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="actions.csv"'},
    )
