"""Build the website: `create_app(settings)` opens the store and wires pages, API and feeds.

`oversight serve` runs `app_from_environment` under uvicorn; tests call `create_app` with
their own settings. Nothing is built at import time.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from oversight.services import Database, open_database
from oversight.services.freshness import change_counter
from oversight.settings import Settings, get_settings
from oversight.web.deps import SiteState
from oversight.web.errors import install_error_pages
from oversight.web.render import make_templates
from oversight.web.response_cache import ResponseCache
from oversight.web.routes import (
    actions,
    audit,
    auth,
    dashboard,
    feeds,
    items,
    meetings,
    people,
    search,
    staff,
    topics,
)
from oversight.web.security import BodyLimit, SecurityHeaders

STATIC = Path(__file__).with_name("static")
SESSION_COOKIE = "oversight_session"
# Paths whose request bodies may be uploads, and so are held to the upload limit.
UPLOAD_PATHS = ("/upload", "/api/uploads")
DESCRIPTION = (
    "The record of police accountability meetings. Every page of the site has a JSON twin "
    "here; the public sees published meetings only. Writes need a staff session and the "
    "token from GET /api/session in the X-CSRF-Token header."
)


def create_app(settings: Settings, *, database: Database | None = None) -> FastAPI:
    """Build the app on the store the settings name (or the database given)."""
    owned = database is None
    opened = open_database(settings.database_url) if database is None else database

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        changes.close()
        if owned:
            opened.close()

    app = FastAPI(
        title="Oversight",
        description=DESCRIPTION,
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    changes = change_counter(opened)
    app.state.site = SiteState(
        settings=settings, database=opened, templates=make_templates(), changes=changes
    )
    # Inside the session middleware, so that it knows who is signed in.
    app.add_middleware(ResponseCache, version=changes.version, instant=changes.instant)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_hours * 3600,
        same_site="lax",
        https_only=settings.cookie_secure,
    )
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes, paths=UPLOAD_PATHS)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (
        dashboard,
        meetings,
        actions,
        items,
        people,
        topics,
        search,
        feeds,
        auth,
        staff,
        audit,
    ):
        app.include_router(module.router)
    install_error_pages(app)
    return app


def app_from_environment() -> FastAPI:
    """Build the app from the environment's settings (for `uvicorn --factory`)."""
    return create_app(get_settings())
