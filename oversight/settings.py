"""Typed settings read from the environment, for the composition roots (CLI and web).

Nothing reads the environment at import time: `get_settings()` builds a fresh `Settings`
each time it is called, so tests can change the environment and ask again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///oversight.db"
# Minutes run to a few megabytes at most; anything far larger is refused before it is read,
# so that one stray file cannot exhaust memory or bloat the store.
DEFAULT_MAX_FILE_MB = 20
# One web upload (all its files together) may be this large; see max_file_mb for each file.
DEFAULT_MAX_UPLOAD_MB = 100
# Failed sign-ins within the window that lock an account name, and a client address (higher,
# so that one office behind one address is not locked out by a colleague's typing).
DEFAULT_LOCKOUT_FAILURES = 5
DEFAULT_LOCKOUT_CLIENT_FAILURES = 20
DEFAULT_LOCKOUT_MINUTES = 15
DEFAULT_SESSION_HOURS = 8


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the store lives, the limits ingestion works within, and how the site signs in."""

    database_url: str = DEFAULT_DATABASE_URL
    max_file_mb: int = DEFAULT_MAX_FILE_MB
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB
    # None: the web app makes a random secret at start, so sessions end when it restarts.
    session_secret: str | None = field(default=None, repr=False)
    cookie_secure: bool = True
    session_hours: int = DEFAULT_SESSION_HOURS
    lockout_failures: int = DEFAULT_LOCKOUT_FAILURES
    lockout_client_failures: int = DEFAULT_LOCKOUT_CLIENT_FAILURES
    lockout_minutes: int = DEFAULT_LOCKOUT_MINUTES
    # None: the taxonomy shipped with the package (oversight/tracking/topics.toml).
    topics_file: Path | None = None

    @property
    def max_file_bytes(self) -> int:
        """Return the largest file size ingestion accepts, in bytes."""
        return self.max_file_mb * 1024 * 1024

    @property
    def max_upload_bytes(self) -> int:
        """Return the largest web upload (all files together) accepted, in bytes."""
        return self.max_upload_mb * 1024 * 1024


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be greater than zero, not {value}")
    return value


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false (1/0, yes/no), not {raw!r}")


def _existing_file(environ: Mapping[str, str], name: str) -> Path | None:
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise SettingsError(f"{name} names {raw!r}, which is not a file")
    return path


def get_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from the environment (or the mapping given)."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("OVERSIGHT_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        max_file_mb=_positive_int(env, "OVERSIGHT_MAX_FILE_MB", DEFAULT_MAX_FILE_MB),
        max_upload_mb=_positive_int(env, "OVERSIGHT_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB),
        session_secret=env.get("OVERSIGHT_SESSION_SECRET", "").strip() or None,
        cookie_secure=_flag(env, "OVERSIGHT_COOKIE_SECURE", True),
        session_hours=_positive_int(env, "OVERSIGHT_SESSION_HOURS", DEFAULT_SESSION_HOURS),
        lockout_failures=_positive_int(env, "OVERSIGHT_LOCKOUT_FAILURES", DEFAULT_LOCKOUT_FAILURES),
        lockout_client_failures=_positive_int(
            env, "OVERSIGHT_LOCKOUT_CLIENT_FAILURES", DEFAULT_LOCKOUT_CLIENT_FAILURES
        ),
        lockout_minutes=_positive_int(env, "OVERSIGHT_LOCKOUT_MINUTES", DEFAULT_LOCKOUT_MINUTES),
        topics_file=_existing_file(env, "OVERSIGHT_TOPICS_FILE"),
    )
