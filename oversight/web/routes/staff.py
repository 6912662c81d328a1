"""What staff do: upload minutes (one or many files, or zips) and publish or unpublish
meetings. Each has a form and an API twin; both need an editor or admin and the session's
token. Uploaded files are read and stored in a worker thread, one upload at a time in each
server process, so the server goes on answering other readers meanwhile.
"""

from __future__ import annotations

import threading
from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from oversight.services.publication import set_meeting_state
from oversight.services.uploads import UploadedFile, UploadOutcome, ingest_uploads
from oversight.web.deps import (
    EditorDep,
    HeaderTokenDep,
    SessionDep,
    SiteDep,
    SiteState,
    check_form_token,
)
from oversight.web.pages import UploadPage, UploadResultPage
from oversight.web.render import render
from oversight.web.schemas import UploadOutcomePublic, meeting_url

router = APIRouter()
State = Literal["draft", "published"]
MeetingId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# Uploads rebuild the record across meetings: two at once would only wait on each other.
_ONE_UPLOAD_AT_A_TIME = threading.Lock()
# How often an upload waiting for another to finish looks again (waiting holds no thread).
_WAIT_SECONDS = 0.25


def _outcome(outcome: UploadOutcome) -> UploadOutcomePublic:
    return UploadOutcomePublic(
        file=outcome.file,
        result=outcome.result.value,
        reason=outcome.reason,
        state=None if outcome.state is None else outcome.state.value,
        meeting_url=None if outcome.meeting_id is None else meeting_url(outcome.meeting_id),
    )


async def _read(files: list[UploadFile], limit: int) -> list[UploadedFile]:
    # One byte past the limit is enough to know a file is too large.
    return [UploadedFile(name=f.filename or "upload", data=await f.read(limit + 1)) for f in files]


def _store_uploads(site: SiteState, files: list[UploadedFile], actor: str) -> UploadResultPage:
    outcomes = ingest_uploads(
        engine=site.database.engine,
        files=files,
        actor=actor,
        max_file_bytes=site.settings.max_file_bytes,
        taxonomy_path=site.settings.topics_file,
    )
    return UploadResultPage(outcomes=[_outcome(o) for o in outcomes])


async def _upload(site: SiteState, files: list[UploadedFile], actor: str) -> UploadResultPage:
    # Wait on the event loop, so that a queue of uploads holds none of the server's threads
    # and one given up by its client is dropped before it is stored.
    while not _ONE_UPLOAD_AT_A_TIME.acquire(blocking=False):
        await anyio.sleep(_WAIT_SECONDS)
    try:
        return await anyio.to_thread.run_sync(_store_uploads, site, files, actor)
    finally:
        _ONE_UPLOAD_AT_A_TIME.release()


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request, site: SiteDep, viewer: EditorDep) -> HTMLResponse:
    """Show the upload form."""
    page = UploadPage(
        max_file_mb=site.settings.max_file_mb, max_upload_mb=site.settings.max_upload_mb
    )
    return render(request, site.templates, "upload.html", page, viewer, title="Upload minutes")


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload_submit(
    request: Request,
    site: SiteDep,
    viewer: EditorDep,
    files: Annotated[list[UploadFile], File()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    """Store the uploaded files and show what became of each."""
    check_form_token(request, csrf_token)
    read = await _read(files, site.settings.max_file_bytes)
    page = await _upload(site, read, viewer.name)
    return render(
        request, site.templates, "upload_result.html", page, viewer, title="Upload results"
    )


@router.post(
    "/api/uploads",
    response_model=UploadResultPage,
    tags=["staff"],
    dependencies=[HeaderTokenDep],
    responses={401: {"description": "Sign in first."}, 403: {"description": "Not allowed."}},
)
async def upload_api(
    site: SiteDep, viewer: EditorDep, files: Annotated[list[UploadFile], File()]
) -> UploadResultPage:
    """Store uploaded files (new ones as drafts) and say what became of each."""
    return await _upload(site, await _read(files, site.settings.max_file_bytes), viewer.name)


class PublicationUpdate(BaseModel):
    """The state to put a meeting in."""

    state: State


class PublicationPublic(BaseModel):
    """A meeting's publication state."""

    meeting_id: int
    state: str


def _publish(session: Session, meeting_id: int, state: str, actor: str) -> PublicationPublic:
    new = set_meeting_state(session=session, meeting_id=meeting_id, state=state, actor=actor)
    session.commit()
    return PublicationPublic(meeting_id=meeting_id, state=new.value)


@router.post("/meetings/{meeting_id}/publication", include_in_schema=False)
def publication_submit(
    request: Request,
    session: SessionDep,
    viewer: EditorDep,
    meeting_id: MeetingId,
    state: Annotated[State, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    """Publish a meeting or make it a draft, then show it again."""
    check_form_token(request, csrf_token)
    _publish(session, meeting_id, state, viewer.name)
    return RedirectResponse(meeting_url(meeting_id), status_code=303)


@router.post(
    "/api/meetings/{meeting_id}/publication",
    response_model=PublicationPublic,
    tags=["staff"],
    dependencies=[HeaderTokenDep],
    responses={401: {"description": "Sign in first."}, 403: {"description": "Not allowed."}},
)
def publication_api(
    session: SessionDep, viewer: EditorDep, meeting_id: MeetingId, update: PublicationUpdate
) -> PublicationPublic:
    """Publish a meeting or make it a draft."""
    return _publish(session, meeting_id, update.state, viewer.name)
