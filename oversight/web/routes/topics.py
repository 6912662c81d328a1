"""Topics (every theme and each theme's timeline), figures over time as charts, and the
HMICFRS register."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from oversight.services.accounts import Viewer
from oversight.web.deps import SessionDep, SiteDep, SiteState, ViewerDep
from oversight.web.params import OptionalDate, OptionalName, blank_is_none
from oversight.web.render import render
from oversight.web.topic_view import build_figures, build_topic, build_topics
from oversight.web.tracker_view import build_register
from oversight.web.tracking_pages import FiguresPage, HmicfrsRegisterPage, TopicPage, TopicsPage

router = APIRouter()
Key = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Page = Annotated[int, Query(ge=1, le=100_000)]
AsOf = Annotated[OptionalDate, Query(description="The day to work out status on (default today).")]
Status = Annotated[
    Literal["outstanding", "open", "updated", "overdue", "closed", "dropped"] | None,
    BeforeValidator(blank_is_none),
    Query(),
]


@router.get("/topics", response_class=HTMLResponse, include_in_schema=False)
def topics_html(
    request: Request, site: SiteDep, session: SessionDep, viewer: ViewerDep
) -> HTMLResponse:
    """Show every theme with how often it came up."""
    context = _topics(site, session, viewer)
    return render(request, site.templates, "topics.html", context, viewer, title="Topics")


@router.get("/api/topics", response_model=TopicsPage, tags=["topics"])
def topics_api(site: SiteDep, session: SessionDep, viewer: ViewerDep) -> TopicsPage:
    """List every theme of the taxonomy, its words, and how often it came up."""
    return _topics(site, session, viewer)


def _topics(site: SiteState, session: Session, viewer: Viewer | None) -> TopicsPage:
    # Counting every theme reads every tag: kept until the record changes.
    return site.remember(
        ("topics", viewer is not None),
        lambda: build_topics(session, viewer, site.settings.topics_file),
    )


@router.get("/topics/{key}", response_class=HTMLResponse, include_in_schema=False)
def topic_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    key: Key,
    page: Page = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Show one theme: the meetings that raised it, its words and its open items."""
    context = build_topic(session, viewer, key, as_of, page, site.settings.topics_file)
    title = context.topic.label
    return render(request, site.templates, "topic.html", context, viewer, title=title)


@router.get("/api/topics/{key}", response_model=TopicPage, tags=["topics"])
def topic_api(
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    key: Key,
    page: Page = 1,
    as_of: AsOf = None,
) -> TopicPage:
    """Return one theme: a page of the meetings that raised it, counts, words, open items."""
    return build_topic(session, viewer, key, as_of, page, site.settings.topics_file)


Series = Annotated[OptionalName, Query(description="One series' key: all of its points.")]


@router.get("/figures", response_class=HTMLResponse, include_in_schema=False)
def figures_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    page: Page = 1,
    series: Series = None,
) -> HTMLResponse:
    """Show each measure quoted at several meetings as a chart and a table."""
    context = build_figures(session, viewer, page, series)
    return render(request, site.templates, "figures.html", context, viewer, title="Figures")


@router.get("/api/figures", response_model=FiguresPage, tags=["figures"])
def figures_api(
    session: SessionDep, viewer: ViewerDep, page: Page = 1, series: Series = None
) -> FiguresPage:
    """List the measures quoted at several meetings, 10 to a page, with their latest 24
    points; or, with `series`, one measure with all of its points."""
    return build_figures(session, viewer, page, series)


@router.get("/hmicfrs", response_class=HTMLResponse, include_in_schema=False)
def hmicfrs_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    page: Page = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Show the HMICFRS register."""
    context = build_register(session, viewer, status, as_of, page)
    return render(
        request, site.templates, "hmicfrs.html", context, viewer, title="HMICFRS register"
    )


@router.get("/api/hmicfrs", response_model=HmicfrsRegisterPage, tags=["tracker"])
def hmicfrs_api(
    session: SessionDep,
    viewer: ViewerDep,
    status: Status = None,
    page: Page = 1,
    as_of: AsOf = None,
) -> HmicfrsRegisterPage:
    """Return the HMICFRS register: reports, recommendations, deadlines, status, updates."""
    return build_register(session, viewer, status, as_of, page)
