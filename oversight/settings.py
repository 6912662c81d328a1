"""Typed settings read from the environment, for the composition roots (CLI and web).

Nothing reads the environment at import time: `get_settings()` builds a fresh `Settings`
each time it is called, so tests can change the environment and ask again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///oversight.db"
# Minutes run to a few megabytes at most; anything far larger is refused before it is read,
# so that one stray file cannot exhaust memory or bloat the store.
DEFAULT_MAX_FILE_MB = 20


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the store lives and the limits ingestion works within."""

    database_url: str = DEFAULT_DATABASE_URL
    max_file_mb: int = DEFAULT_MAX_FILE_MB

    @property
    def max_file_bytes(self) -> int:
        """Return the largest file size ingestion accepts, in bytes."""
        return self.max_file_mb * 1024 * 1024


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


def get_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from the environment (or the mapping given)."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("OVERSIGHT_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        max_file_mb=_positive_int(env, "OVERSIGHT_MAX_FILE_MB", DEFAULT_MAX_FILE_MB),
    )
