"""Turn what the services return into plain JSON values, the same for the CLI and the web.

A dataclass becomes an object of its fields and public properties; meetings take their
interchange shape (`meeting_to_json`); spans are `[start, end]` as there; dates are ISO
strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from pathlib import PurePath
from typing import Any

from oversight.records import Meeting, SourceSpan
from oversight.records.interchange import meeting_to_json


def _properties(cls: type) -> list[str]:
    return [
        name
        for name in dir(cls)
        if not name.startswith("_") and isinstance(getattr(cls, name, None), property)
    ]


def to_json(value: Any) -> Any:
    """Return a JSON-serialisable form of a service result."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Meeting):
        return meeting_to_json(value)
    if isinstance(value, SourceSpan):
        return [value.start, value.end]
    if isinstance(value, dt.date):  # datetimes included
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in _properties(type(value)):
            out[name] = to_json(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json(v) for v in value]
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")
