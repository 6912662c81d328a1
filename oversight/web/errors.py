"""Turn refusals into responses: an HTML page for people, JSON under /api/ and /feeds/.

Not found, not allowed, not signed in, a stale form and a malformed request each get a
page saying what happened and what to do next; nothing from the request is echoed except
as escaped text.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from oversight.services import MeetingNotFoundError
from oversight.services.errors import InvalidFilterError
from oversight.services.tracking import InvalidRequestError, NotFoundError
from oversight.web.deps import BadTokenError, ForbiddenError, NotSignedInError, get_site
from oversight.web.render import render


class ErrorPage(BaseModel):
    """An error, for people: what went wrong and what to do."""

    status: int
    heading: str
    message: str


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/feeds/"))


def _respond(request: Request, status: int, heading: str, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    page = ErrorPage(status=status, heading=heading, message=message)
    site = get_site(request)
    return render(request, site.templates, "error.html", page, None, status=status, title=heading)


def install_error_pages(app: FastAPI) -> None:
    """Register the handlers that turn refusals into pages or JSON."""

    async def not_signed_in(request: Request, exc: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "Sign in first."}, status_code=401)
        target = request.url.path
        return RedirectResponse(f"/sign-in?next={target}", status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        return _respond(request, 403, "Not allowed", "Your account cannot do this.")

    async def bad_token(request: Request, exc: Exception) -> Response:
        return _respond(
            request,
            403,
            "The form has expired",
            "The form did not carry this session's token. Go back, reload the page and try again.",
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        return _respond(request, 404, "Page not found", "There is nothing at this address.")

    async def bad_filter(request: Request, exc: Exception) -> Response:
        return _respond(request, 400, "Cannot show this", str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        if _is_api(request) and isinstance(exc, RequestValidationError):
            return await request_validation_exception_handler(request, exc)
        return _respond(
            request, 400, "Check the address", "A value in the address or form is not valid."
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return await not_found(request, exc)
        detail = exc.detail if isinstance(exc, HTTPException) else "error"
        return _respond(request, status, "Cannot show this", str(detail))

    app.add_exception_handler(NotSignedInError, not_signed_in)
    app.add_exception_handler(ForbiddenError, forbidden)
    app.add_exception_handler(BadTokenError, bad_token)
    app.add_exception_handler(MeetingNotFoundError, not_found)
    app.add_exception_handler(InvalidFilterError, bad_filter)
    app.add_exception_handler(InvalidRequestError, bad_filter)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
