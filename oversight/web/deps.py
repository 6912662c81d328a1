"""Dependencies of the routes, as short `Annotated` aliases: the app's state, a database
session, who is viewing, and the checks that a viewer may edit or audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, TypeVar, cast

from fastapi import Depends, Header, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from oversight.services import Database
from oversight.services.accounts import LockoutPolicy, Viewer, viewer_for
from oversight.services.freshness import ChangeCounter
from oversight.settings import Settings
from oversight.web.security import csrf_ok

USER_KEY = "user"
# How many things a site keeps between requests before it lets them all go.
KEPT_LIMIT = 256
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SiteState:
    """What every request shares: the settings, the open database and the templates; and
    what is worth keeping between requests until the database changes (`remember`)."""

    settings: Settings
    database: Database
    templates: Jinja2Templates
    changes: ChangeCounter | None = None
    kept: dict[object, object] = field(default_factory=dict)

    def remember(self, key: tuple[object, ...], build: Callable[[], T]) -> T:
        """Return what `build` made for `key` while the database has not changed since."""
        version = None if self.changes is None else self.changes.version()
        if version is None:
            return build()
        if self.kept.get("version") != version or len(self.kept) > KEPT_LIMIT:
            self.kept.clear()
            self.kept["version"] = version
        if key not in self.kept:
            self.kept[key] = build()
        return cast(T, self.kept[key])

    @property
    def lockout(self) -> LockoutPolicy:
        """Return the sign-in lock-out policy from the settings."""
        return LockoutPolicy(
            failures=self.settings.lockout_failures,
            client_failures=self.settings.lockout_client_failures,
            minutes=self.settings.lockout_minutes,
        )


class NotSignedInError(Exception):
    """The page needs a signed-in member of staff."""


class ForbiddenError(Exception):
    """The signed-in person's role does not allow this."""


class BadTokenError(Exception):
    """A form or API write came without the session's token."""


def get_site(request: Request) -> SiteState:
    """Return the state the app was created with."""
    site: SiteState = request.app.state.site
    return site


SiteDep = Annotated[SiteState, Depends(get_site)]


def get_session(site: SiteDep) -> Iterator[Session]:
    """Yield a database session for one request."""
    with site.database.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_viewer(request: Request, session: SessionDep) -> Viewer | None:
    """Return the signed-in member of staff, or None for the public."""
    name = request.session.get(USER_KEY)
    return viewer_for(session=session, name=name) if isinstance(name, str) else None


ViewerDep = Annotated[Viewer | None, Depends(get_viewer)]


def require_editor(viewer: ViewerDep) -> Viewer:
    """Return the viewer if they may edit; refuse the public and other roles."""
    if viewer is None:
        raise NotSignedInError
    if not viewer.can_edit:
        raise ForbiddenError
    return viewer


def require_admin(viewer: ViewerDep) -> Viewer:
    """Return the viewer if they may read the audit log."""
    if viewer is None:
        raise NotSignedInError
    if not viewer.can_audit:
        raise ForbiddenError
    return viewer


EditorDep = Annotated[Viewer, Depends(require_editor)]
AdminDep = Annotated[Viewer, Depends(require_admin)]


def check_header_token(
    request: Request, x_csrf_token: Annotated[str | None, Header()] = None
) -> None:
    """Refuse a JSON write whose X-CSRF-Token header is not the session's token."""
    if not csrf_ok(request, x_csrf_token):
        raise BadTokenError


def check_form_token(request: Request, token: str | None) -> None:
    """Refuse a form whose csrf_token field is not the session's token."""
    if not csrf_ok(request, token):
        raise BadTokenError


HeaderTokenDep = Depends(check_header_token)
