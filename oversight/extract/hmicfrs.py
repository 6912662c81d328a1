"""HMICFRS reports and recommendations."""

from __future__ import annotations

import datetime as dt

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.records.types import Recommendation


def extract_hmicfrs(
    lines: list[Line], items: Items, *, meeting_date: dt.date | None
) -> list[Recommendation]:
    """Find HMICFRS reports and recommendations discussed."""
    return []
