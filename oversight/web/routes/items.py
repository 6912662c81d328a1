"""One tracked item's page: the item and its history across meetings, each event quoted
from the minutes with a link to its passage; and, for editors, its correction form.

Actions, promises and recommendations each have their page under their own list
(`/actions/KEY`, `/promises/KEY`, `/hmicfrs/KEY`); any of the three shows any item.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from oversight.services.item_corrections import MAX_NOTE_CHARS, MAX_VALUE_CHARS, correct_item
from oversight.services.tracking import InvalidRequestError, NotFoundError
from oversight.web.deps import (
    EditorDep,
    HeaderTokenDep,
    SessionDep,
    SiteDep,
    ViewerDep,
    check_form_token,
)
from oversight.web.params import OptionalDate
from oversight.web.render import render
from oversight.web.tracker_view import build_item_page
from oversight.web.tracking_pages import ItemHistoryPage
from oversight.web.tracking_schemas import (
    CorrectionCreate,
    CorrectionResultPublic,
    kind_of_key,
    tracked_url,
)

router = APIRouter()
Key = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Page = Annotated[int, Query(ge=1, le=100_000)]
AsOf = Annotated[OptionalDate, Query(description="The day to work out status on (default today).")]
Value = Annotated[str | None, Form(max_length=MAX_VALUE_CHARS)]
Note = Annotated[str | None, Form(max_length=MAX_NOTE_CHARS)]


@router.get("/actions/{key}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/promises/{key}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/hmicfrs/{key}", response_class=HTMLResponse, include_in_schema=False)
def item_html(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    key: Key,
    page: Page = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Show one tracked item and its history across meetings."""
    context = build_item_page(
        session, viewer, key, as_of, page, taxonomy_path=site.settings.topics_file
    )
    return render(request, site.templates, "tracked_item.html", context, viewer, title=key)


@router.get("/api/actions/{key}", response_model=ItemHistoryPage, tags=["tracker"])
@router.get("/api/promises/{key}", response_model=ItemHistoryPage, tags=["tracker"])
@router.get("/api/hmicfrs/{key}", response_model=ItemHistoryPage, tags=["tracker"])
def item_api(
    site: SiteDep,
    session: SessionDep,
    viewer: ViewerDep,
    key: Key,
    page: Page = 1,
    as_of: AsOf = None,
) -> ItemHistoryPage:
    """Return one tracked item and a page of its history across meetings."""
    return build_item_page(
        session, viewer, key, as_of, page, taxonomy_path=site.settings.topics_file
    )


@router.post("/actions/{key}/corrections", include_in_schema=False, response_model=None)
def correction_submit(
    request: Request,
    site: SiteDep,
    session: SessionDep,
    viewer: EditorDep,
    key: Key,
    operation: Annotated[str, Form(max_length=32)] = "",
    value: Value = None,
    note: Note = None,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """Store a correction, rebuild the record, audit it, and show the item again."""
    check_form_token(request, csrf_token)
    try:
        shown = correct_item(
            session=session,
            key=key,
            operation=operation,
            value=value,
            note=note,
            actor=viewer.name,
            taxonomy_path=site.settings.topics_file,
        )
    except (InvalidRequestError, NotFoundError) as exc:
        session.rollback()
        context = build_item_page(
            session, viewer, key, None, 1, error=str(exc), taxonomy_path=site.settings.topics_file
        )
        return render(
            request, site.templates, "tracked_item.html", context, viewer, status=400, title=key
        )
    session.commit()
    return RedirectResponse(tracked_url(kind_of_key(shown), shown), status_code=303)


@router.post(
    "/api/actions/{key}/corrections",
    response_model=CorrectionResultPublic,
    tags=["staff"],
    dependencies=[HeaderTokenDep],
    responses={
        400: {"description": "The correction cannot be made as asked."},
        401: {"description": "Sign in first."},
        403: {"description": "Not allowed."},
        404: {"description": "No such item."},
    },
)
def correction_api(
    site: SiteDep, session: SessionDep, viewer: EditorDep, key: Key, correction: CorrectionCreate
) -> CorrectionResultPublic:
    """Correct a tracked item; the record is rebuilt and the change audited."""
    shown = correct_item(
        session=session,
        key=key,
        operation=correction.operation,
        value=correction.value,
        note=correction.note,
        actor=viewer.name,
        taxonomy_path=site.settings.topics_file,
    )
    session.commit()
    return CorrectionResultPublic(key=shown, url=tracked_url(kind_of_key(shown), shown))
