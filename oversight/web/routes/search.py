"""Full-text search with highlighted snippets, filters, sorting and pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from oversight.services import SearchQueryError
from oversight.services.accounts import Viewer
from oversight.services.browse import meeting_kinds
from oversight.services.site_search import SEARCH_SORTS, FoundPassage, search_records
from oversight.web.deps import SessionDep, SiteDep, SiteState, ViewerDep
from oversight.web.pages import SearchFiltersPublic, SearchPage, SearchResultPublic, paging
from oversight.web.params import OptionalDate, OptionalName
from oversight.web.render import render
from oversight.web.schemas import MeetingLinkPublic, meeting_url

router = APIRouter()
PER_PAGE = 20
Query_ = Annotated[str, Query(max_length=1000, description='Words, "phrases", prefix*, OR.')]
Kind = Annotated[OptionalName, Query()]
Sort = Literal["relevance", "newest", "oldest"]
Page = Annotated[int, Query(ge=1, le=1000)]


def result_public(found: FoundPassage) -> SearchResultPublic:
    """Describe one search hit; its link marks the passage on the meeting's page."""
    hit = found.hit
    meeting = None
    url = None
    if hit.meeting_id is not None:
        meeting = MeetingLinkPublic(
            id=hit.meeting_id, title=hit.title, date=hit.date, url=meeting_url(hit.meeting_id)
        )
        url = meeting.url
        if hit.span is not None:
            url += f"?passage={hit.span.start}-{hit.span.end}#found"
    return SearchResultPublic(
        meeting=meeting,
        source=hit.source,
        kind=found.kind,
        section=hit.section,
        label=hit.label,
        snippet=hit.snippet,
        highlights=[[start, end] for start, end in hit.highlights],
        url=url,
    )


def build_search(
    session: Session,
    viewer: Viewer | None,
    *,
    q: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    kind: str | None,
    sort: str,
    page: int,
    kinds: list[str] | None = None,
) -> SearchPage:
    """Run a search for the viewer; a malformed query gives a page with the reason.
    `kinds`, the kinds of meeting to offer, are read from the store unless given."""
    drafts = viewer is not None
    filters = SearchFiltersPublic(date_from=date_from, date_to=date_to, kind=kind, sort=sort)
    if kinds is None:
        kinds = meeting_kinds(session=session, drafts=drafts)
    results: list[SearchResultPublic] = []
    total, capped, error = 0, False, None
    if q.strip():
        try:
            found = search_records(
                session=session,
                query=q,
                drafts=drafts,
                date_from=date_from,
                date_to=date_to,
                kind=kind,
                sort=sort,
                page=page,
                per_page=PER_PAGE,
            )
        except SearchQueryError as exc:
            error = f"This search cannot be run: {exc}."
        else:
            results = [result_public(f) for f in found.passages]
            total, capped = found.total, found.capped
    return SearchPage(
        query=q,
        filters=filters,
        results=results,
        paging=paging(page, total, PER_PAGE),
        capped=capped,
        error=error,
        kinds=kinds,
        sorts=list(SEARCH_SORTS),
    )


def _kinds(site: SiteState, session: Session, viewer: Viewer | None) -> list[str]:
    # Every meeting's title gives its kind: read them once until the store changes.
    drafts = viewer is not None
    return site.remember(("kinds", drafts), lambda: meeting_kinds(session=session, drafts=drafts))


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    q: Query_ = "",
    date_from: OptionalDate = None,
    date_to: OptionalDate = None,
    kind: Kind = None,
    sort: Sort = "relevance",
    page: Page = 1,
) -> HTMLResponse:
    """Show the search form and results."""
    context = build_search(
        session,
        viewer,
        q=q,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        sort=sort,
        page=page,
        kinds=_kinds(site, session, viewer),
    )
    status = 400 if context.error else 200
    return render(
        request, site.templates, "search.html", context, viewer, status=status, title="Search"
    )


@router.get(
    "/api/search",
    response_model=SearchPage,
    tags=["search"],
    responses={400: {"model": SearchPage, "description": "The query cannot be run."}},
)
def search_api(
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    q: Query_ = "",
    date_from: OptionalDate = None,
    date_to: OptionalDate = None,
    kind: Kind = None,
    sort: Sort = "relevance",
    page: Page = 1,
) -> Response | SearchPage:
    """Search the minutes; a malformed query gives status 400 and the reason in `error`."""
    context = build_search(
        session,
        viewer,
        q=q,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        sort=sort,
        page=page,
        kinds=_kinds(site, session, viewer),
    )
    if context.error:
        return JSONResponse(context.model_dump(mode="json"), status_code=400)
    return context
