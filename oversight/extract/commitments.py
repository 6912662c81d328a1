"""Dated commitments."""

from __future__ import annotations

import datetime as dt

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.records.types import Commitment


def extract_commitments(
    lines: list[Line], items: Items, *, start: int, meeting_date: dt.date | None
) -> list[Commitment]:
    """Find the commitments made."""
    return []
