"""Staff accounts: create them, sign in with lock-out, and say who is viewing.

Passwords are hashed with argon2 (argon2-cffi's default parameters) and never stored or
logged. A sign-in is refused without checking the password once too many have failed
recently, for the account name or for the client: `LockoutPolicy` says how many and for
how long. Unknown names are treated exactly like wrong passwords (same message, same
hashing work, same counters), so the sign-in form does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from oversight.services.audit import record_change
from oversight.services.errors import ServiceError
from oversight.store.accounts import (
    add_account as store_account,
)
from oversight.store.accounts import (
    add_login_failure,
    clear_login_failures,
    find_account,
    login_failures,
    set_password_hash,
)

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Checked against when the name is unknown, so that unknown names cost the same time.
_DUMMY_PASSWORD = "not a password anyone has"


class Role(StrEnum):
    """What a member of staff may do: editors publish and upload; admins also read the audit."""

    EDITOR = "editor"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Viewer:
    """A signed-in member of staff."""

    name: str
    role: Role

    @property
    def can_edit(self) -> bool:
        """Say whether this person may upload, and publish or unpublish meetings."""
        return self.role in (Role.EDITOR, Role.ADMIN)

    @property
    def can_audit(self) -> bool:
        """Say whether this person may read the audit log."""
        return self.role is Role.ADMIN


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """Failed sign-ins within `minutes` that lock an account name, and a client."""

    failures: int = 5
    client_failures: int = 20
    minutes: int = 15


class AccountError(ServiceError):
    """An account cannot be created as asked; the message says why."""


class SignInError(ServiceError):
    """A sign-in was refused: wrong name or password."""


class LockedOutError(SignInError):
    """A sign-in was refused without checking the password: too many recent failures."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(
            "Too many failed sign-ins. Try again after "
            f"{until.astimezone(dt.UTC):%H:%M} UTC ({until.astimezone(dt.UTC):%d %B %Y})."
        )
        self.until = until


def add_account(
    *, session: Session, name: str, password: str, role: Role | str, actor: str
) -> Viewer:
    """Create an account with a hashed password; raise AccountError when it cannot be."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise AccountError(
            "a name is 1 to 64 letters, digits, dots, hyphens or underscores, "
            "starting with a letter or digit"
        )
    try:
        wanted = Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}: use editor or admin") from None
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise AccountError(
            f"a password is {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters long"
        )
    if find_account(session=session, name=name) is not None:
        raise AccountError(f"there is already an account named {name!r}")
    now = dt.datetime.now(dt.UTC)
    store_account(
        session=session,
        name=name,
        password_hash=PasswordHasher().hash(password),
        role=wanted.value,
        now=now,
    )
    record_change(
        session=session,
        actor=actor,
        action="account.add",
        target=f"account {name}",
        before=None,
        after={"name": name, "role": wanted.value},
        now=now,
    )
    return Viewer(name=name, role=wanted)


def viewer_for(*, session: Session, name: str) -> Viewer | None:
    """Return the signed-in person of a session's name, or None when the account is gone."""
    found = find_account(session=session, name=name)
    if found is None:
        return None
    try:
        return Viewer(name=found.name, role=Role(found.role))
    except ValueError:
        return None


def _locked_until(
    session: Session, key: str, limit: int, window: dt.timedelta, now: dt.datetime
) -> dt.datetime | None:
    """Return when a key's lock ends, or None when it is not locked.

    A key is locked for `window` after the failure that brought `limit` failures within
    one `window`; attempts while locked are not counted, so the lock does end.
    """
    times = login_failures(session=session, key=key, since=now - 2 * window)
    if len(times) < limit:
        return None
    last = times[-1]
    within = [t for t in times if t >= last - window]
    until = last + window
    return until if len(within) >= limit and until > now else None


@functools.cache
def _dummy_hash() -> str:
    return PasswordHasher().hash(_DUMMY_PASSWORD)


def _verify(password_hash: str | None, password: str) -> bool:
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        if password_hash is None:
            PasswordHasher().verify(_dummy_hash(), password)
            return False
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(
    *,
    session: Session,
    name: str,
    password: str,
    client: str,
    policy: LockoutPolicy,
    now: dt.datetime | None = None,
) -> Viewer:
    """Check a name and password; raise SignInError (or LockedOutError) when refused.

    The caller commits the session either way: failures are counted in it.
    """
    moment = now or dt.datetime.now(dt.UTC)
    window = dt.timedelta(minutes=policy.minutes)
    name_key = f"account:{name.strip().lower()[:150]}"
    client_key = f"client:{client[:150]}"
    for key, limit in ((name_key, policy.failures), (client_key, policy.client_failures)):
        until = _locked_until(session, key, limit, window, moment)
        if until is not None:
            raise LockedOutError(until)
    found = find_account(session=session, name=name)
    if found is None or not _verify(found.password_hash, password):
        if found is None:
            _verify(None, password)
        for key, limit in ((name_key, policy.failures), (client_key, policy.client_failures)):
            add_login_failure(session=session, key=key, now=moment)
            clear_login_failures(session=session, key=key, before=moment - 4 * window)
            if _locked_until(session, key, limit, window, moment) is not None:
                record_change(
                    session=session,
                    actor="system",
                    action="sign_in.locked",
                    target=key,
                    before=None,
                    after={"failures": limit, "minutes": policy.minutes},
                    now=moment,
                )
        raise SignInError("The name or password is not right.")
    clear_login_failures(session=session, key=name_key)
    hasher = PasswordHasher()
    if hasher.check_needs_rehash(found.password_hash):
        set_password_hash(session=session, account_id=found.id, password_hash=hasher.hash(password))
    try:
        return Viewer(name=found.name, role=Role(found.role))
    except ValueError:
        raise SignInError("The name or password is not right.") from None
