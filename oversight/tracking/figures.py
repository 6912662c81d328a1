"""Figures over time: the same measure quoted at different meetings, as one series.

A measure's key is its words without numbers, dates, stop words and the words that only
say how it was phrased ("rate", "per cent"); quotations whose keys rapidfuzz scores at or
above `SERIES_THRESHOLD` join one series, which takes the most recent target quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from oversight.records import Meeting
from oversight.records.tracking import FigurePoint, FigureSeries, MeetingRef

# Token-sort similarity (0-100) at which two measure names are the same measure.
SERIES_THRESHOLD = 85.0
_NOISE = re.compile(
    r"\b(?:the|of|in|on|at|for|and|to|a|an|was|were|is|are|within|per ?cent|percent|"
    r"\d[\d,.]*%?|q[1-4]|(?:19|20)\d\d(?:/\d\d)?|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|"
    r"jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|this|last|year|month|quarter)\b",
    re.IGNORECASE,
)


def measure_key(measure: str) -> str:
    """Return the words that name a measure, without numbers, periods and filler."""
    words = _NOISE.sub(" ", measure.lower())
    return " ".join(re.findall(r"[a-z0-9]+", words))


def figure_series(meetings: Sequence[tuple[MeetingRef, Meeting]]) -> list[FigureSeries]:
    """Group every quoted figure into a series per measure, oldest quotation first."""
    series: list[FigureSeries] = []
    keys: list[str] = []
    scanned: dict[tuple[str, str | None], _Scan] = {}
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    for ref, meeting in ordered:
        for figure in meeting.figures:
            key = measure_key(figure.measure)
            if not key:
                continue
            point = FigurePoint(
                ref.meeting_id,
                ref.date,
                figure.value,
                figure.target,
                figure.area,
                figure.period,
                figure.span,
            )
            index = _find(keys, key, figure.unit, series, scanned)
            if index is None:
                keys.append(key)
                series.append(
                    FigureSeries(key=_slug(key), measure=figure.measure, unit=figure.unit)
                )
                index = len(series) - 1
            found = series[index]
            found.points.append(point)
            if figure.target:
                found.target = figure.target
    return series


# How far the series were compared with one measure key and unit: the best series so far,
# its score, and how many series had been compared.
_Scan = tuple[int | None, float, int]


def _find(
    keys: Sequence[str],
    key: str,
    unit: str | None,
    series: Sequence[FigureSeries],
    scanned: dict[tuple[str, str | None], _Scan],
) -> int | None:
    """Return the series the measure belongs to: the last of the best scoring at or above
    the threshold. The same key is asked for again and again; the series compared with it
    before are not compared again (series only ever grow in number)."""
    best, best_score, done = scanned.get((key, unit), (None, SERIES_THRESHOLD, 0))
    for i in range(done, len(keys)):
        if unit and series[i].unit and unit != series[i].unit:
            continue
        score = fuzz.token_sort_ratio(key, keys[i])
        if score >= best_score:
            best, best_score = i, score
    scanned[(key, unit)] = (best, best_score, len(keys))
    return best


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key)[:120].strip("-")
