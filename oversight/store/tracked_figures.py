"""Figure series as the website shows them: the longest first, a page at a time, each with
the points the reader may see.

`hidden` names the meetings the reader may not see; their quotations are left out, and a
series quoted only there is not listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oversight.records.tracking import FigurePoint, FigureSeries
from oversight.store.facts import span_of
from oversight.store.tracking_tables import FigurePointRow as Point
from oversight.store.visibility import Hidden


def count_series(*, session: Session, hidden: Hidden, min_points: int = 2) -> int:
    """Return how many series have at least `min_points` visible quotations."""
    grouped = (
        select(Point.series_key)
        .where(hidden.allows(Point.meeting_id))
        .group_by(Point.series_key)
        .having(func.count() >= min_points)
        .subquery()
    )
    return int(session.execute(select(func.count()).select_from(grouped)).scalar_one())


def page_series_keys(
    *,
    session: Session,
    hidden: Hidden,
    min_points: int,
    limit: int,
    offset: int = 0,
    key: str | None = None,
) -> list[tuple[str, int]]:
    """Return one page of (series key, visible quotations), the most often quoted first;
    or only the series with `key`, when it has enough."""
    size = func.count()
    statement = (
        select(Point.series_key, size)
        .where(hidden.allows(Point.meeting_id))
        .group_by(Point.series_key)
        .having(size >= min_points)
        .order_by(size.desc(), Point.series_key)
        .limit(limit)
        .offset(offset)
    )
    if key is not None:
        statement = statement.where(Point.series_key == key)
    return [(found, int(n)) for found, n in session.execute(statement)]


def series_of(
    *, session: Session, keys: Sequence[str], hidden: Hidden, latest: int | None = None
) -> list[FigureSeries]:
    """Return the series with these keys, in the order given, with their visible points
    oldest first (only the `latest` few of each, when given), in one query."""
    if not keys:
        return []
    rank = (
        func.row_number()
        .over(partition_by=Point.series_key, order_by=(Point.date.desc(), Point.id.desc()))
        .label("rank")
    )
    ranked = (
        select(Point.id.label("point_id"), rank)
        .where(Point.series_key.in_(sorted(set(keys))), hidden.allows(Point.meeting_id))
        .subquery()
    )
    chosen = select(ranked.c.point_id)
    if latest is not None:
        chosen = chosen.where(ranked.c.rank <= latest)
    statement = (
        select(Point).where(Point.id.in_(chosen)).order_by(Point.series_key, Point.date, Point.id)
    )
    found: dict[str, FigureSeries] = {}
    for r in session.scalars(statement):
        series = found.setdefault(
            r.series_key,
            FigureSeries(
                r.series_key, r.measure, r.unit, r.series_target if not hidden.meetings else None
            ),
        )
        series.points.append(
            FigurePoint(
                r.meeting_id,
                r.date,
                r.value,
                r.target,
                r.area,
                r.period,
                span_of(r.span_start, r.span_end),
            )
        )
        if hidden.meetings and r.target:
            series.target = r.target  # the latest target the reader may see
    return [found[k] for k in keys if k in found]
