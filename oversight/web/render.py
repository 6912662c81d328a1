"""Templates: the Jinja environment (autoescaping everything) and rendering a page context.

Templates receive the page's context as `page`, the signed-in member of staff as `viewer`
(None for the public) and `csrf_token()`, which makes a form token only for pages that
have a form that needs one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from oversight.services.accounts import Viewer
from oversight.services.item_corrections import ITEM_OPERATIONS, PERSON_OPERATIONS
from oversight.web.charts import chart_of
from oversight.web.schemas import MeetingLinkPublic
from oversight.web.security import csrf_token
from oversight.web.tracking_schemas import OperationPublic

TEMPLATES = Path(__file__).with_name("templates")


def long_date(day: dt.date | None) -> str:
    """Write a date as minutes do: 5 March 2024 (times are left out)."""
    return "" if day is None else f"{day.day} {day:%B %Y}"


def pairs(values: Iterable[object]) -> list[tuple[str, str]]:
    """Return (value, label) pairs for a select whose labels are its values."""
    return [(str(v), str(v)) for v in values]


def query_string(request: Request, drop: str | None = None) -> str:
    """Return the request's query string ("?a=1") without one parameter, or ""."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != drop]
    return "?" + urlencode(kept) if kept else ""


def page_link(request: Request, page: int) -> str:
    """Return the query string of another page of the same results."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return "?" + urlencode([*kept, ("page", str(page))])


def option_pairs(options: Iterable[object]) -> list[tuple[str, str]]:
    """Return (value, label) pairs of a list of choices that have both."""
    return [(str(getattr(o, "value", "")), str(getattr(o, "label", ""))) for o in options]


def meeting_options(meetings: Sequence[MeetingLinkPublic]) -> list[tuple[str, str]]:
    """Return (id, label) pairs naming meetings by date and title."""
    return [
        (str(m.id), f"{long_date(m.date) or 'undated'}: {m.title or 'untitled'}") for m in meetings
    ]


# The header's links: what everyone may read.
NAV_LINKS = (
    ("/", "Dashboard"),
    ("/meetings", "Meetings"),
    ("/actions", "Actions"),
    ("/promises", "Promises"),
    ("/hmicfrs", "HMICFRS"),
    ("/people", "People"),
    ("/roles", "Roles"),
    ("/topics", "Topics"),
    ("/figures", "Figures"),
    ("/search", "Search"),
)


def _operations(choices: Iterable[object]) -> list[OperationPublic]:
    return [OperationPublic.model_validate(c, from_attributes=True) for c in choices]


def is_current(request: Request, href: str) -> bool:
    """Say whether a header link names the page shown (or the list it belongs to)."""
    path = request.url.path
    return path == href or (href != "/" and path.startswith(href + "/"))


def make_templates() -> Jinja2Templates:
    """Build the template environment: autoescape on for every template, strict undefined."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates ship with the package and change only with it: compiled once, not
        # checked against the disk on every page.
        auto_reload=False,
    )
    environment.filters["long_date"] = long_date
    environment.filters["zip_pairs"] = pairs
    environment.filters["option_pairs"] = option_pairs
    environment.globals.update(
        query_string=query_string,
        page_link=page_link,
        meeting_options=meeting_options,
        is_current=is_current,
        chart_of=chart_of,
        nav_links=NAV_LINKS,
        item_operations=_operations(ITEM_OPERATIONS),
        person_operations=_operations(PERSON_OPERATIONS),
    )
    return Jinja2Templates(env=environment)


def render(
    request: Request,
    templates: Jinja2Templates,
    name: str,
    page: BaseModel,
    viewer: Viewer | None,
    *,
    status: int = 200,
    title: str = "",
) -> HTMLResponse:
    """Render a page's context with its template."""

    def token() -> str:
        return csrf_token(request)

    return templates.TemplateResponse(
        request,
        name,
        {"page": page, "viewer": viewer, "csrf_token": token, "title": title},
        status_code=status,
    )
