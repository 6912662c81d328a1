"""Errors the service layer raises for the CLI and web to map to exit codes and statuses."""

from __future__ import annotations

# A reason longer than this is cut, so that each problem stays one readable line.
MAX_REASON_CHARS = 300


def one_line(problem: object) -> str:
    """Return a message on one line, whitespace collapsed, cut to a readable length."""
    text = " ".join(str(problem).split()) or type(problem).__name__
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 1] + "…"


class ServiceError(Exception):
    """A request the service layer could not carry out; the message is one line."""


class DatabaseUnavailableError(ServiceError):
    """The database cannot be reached, opened or upgraded."""


class MeetingNotFoundError(ServiceError, LookupError):
    """No stored meeting matches what was asked for, or more than one does."""


class InvalidFilterError(ServiceError, ValueError):
    """A filter or sort that does not exist was asked for."""
