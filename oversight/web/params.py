"""Query parameters as HTML forms send them: an empty field means "any", not an error.

Bounds sit on the inner type, so that they apply to a value given and not to the None an
empty field becomes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def blank_is_none(value: Any) -> Any:
    """Return None for an empty form field, anything else as it is."""
    return None if isinstance(value, str) and not value.strip() else value


_Blank = BeforeValidator(blank_is_none)
OptionalDate = Annotated[dt.date | None, _Blank]
OptionalId = Annotated[Annotated[int, Field(ge=1, le=2**31 - 1)] | None, _Blank]
OptionalYear = Annotated[Annotated[int, Field(ge=1900, le=2200)] | None, _Blank]
# No NUL: PostgreSQL text cannot hold one, and no name or filter has one.
OptionalName = Annotated[
    Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")] | None, _Blank
]


def base_url(url: str) -> str:
    """Return the site's address without a trailing slash, for citations and feeds."""
    return url.rstrip("/")
