"""Figures quoted in the minutes."""

from __future__ import annotations

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.records.types import Figure


def extract_figures(lines: list[Line], items: Items, *, start: int) -> list[Figure]:
    """Find the figures quoted."""
    return []
