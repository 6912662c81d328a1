"""Figure series as the website shows them: each measure quoted at two or more meetings the
reader may see, the most often quoted first, a page at a time, with its points over time.

Values are quoted as the minutes wrote them ("71.9%", "2,318"); `number_of` reads the
number in one, for charts, and says None when there is none to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight.records.tracking import FigureSeries
from oversight.store.tracked_figures import count_series, page_series_keys, series_of
from oversight.store.visibility import hidden_for

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


def number_of(value: str | None) -> float | None:
    """Return the first number written in a value ("71.9%" -> 71.9), or None."""
    if not value:
        return None
    found = _NUMBER.search(value)
    if found is None:
        return None
    try:
        return float(found.group(0).replace(",", ""))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class SeriesPage:
    """One page of figure series, how many points each has in all, and how many series."""

    series: list[FigureSeries]
    sizes: dict[str, int]
    total: int


def series_page(
    *,
    session: Session,
    drafts: bool,
    page: int = 1,
    per_page: int = 10,
    min_points: int = 2,
    latest: int | None = None,
    key: str | None = None,
) -> SeriesPage:
    """Return one page of the series the reader may see, the most often quoted first, each
    with its `latest` points (all when None); or the one series with `key`."""
    hidden = hidden_for(session=session, drafts=drafts)
    keys = page_series_keys(
        session=session,
        hidden=hidden,
        min_points=min_points,
        limit=per_page,
        offset=(max(page, 1) - 1) * per_page,
        key=key,
    )
    total = (
        len(keys)
        if key is not None
        else count_series(session=session, hidden=hidden, min_points=min_points)
    )
    return SeriesPage(
        series=series_of(session=session, keys=[k for k, _ in keys], hidden=hidden, latest=latest),
        sizes=dict(keys),
        total=total,
    )
