"""Server-rendered line charts of figure series: where each point and the target line fall
in an SVG drawing, and the sentence that describes the chart to those who cannot see it.

The template draws the SVG from a `Chart`; no script is involved, so the chart works
without JavaScript and in print. Only dated points with a number are drawn; every point
is listed in the table beside the chart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from oversight.web.tracking_pages import SeriesPublic

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 44


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """A drawn point: where it falls and what it says."""

    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled mark on an axis."""

    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template needs to draw one series."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    points: list[ChartPoint]
    line: str
    target_y: float | None
    target_label: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    description: str


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(day: dt.date) -> str:
    return f"{day:%b %Y}"


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def describe(series: SeriesPublic) -> str:
    """Return a sentence saying what the chart of a series shows."""
    drawn = [p for p in series.points if p.number is not None and p.date is not None]
    if not drawn:
        return f"{series.measure}: no value quoted can be drawn; the table lists them."
    first, last = drawn[0], drawn[-1]
    low = min(drawn, key=lambda p: p.number or 0.0)
    high = max(drawn, key=lambda p: p.number or 0.0)
    parts = [
        f"{len(drawn)} values of {series.measure}",
        f"from {first.value} on {_day(first.date)}" if first.date else "",
        f"to {last.value} on {_day(last.date)}" if last.date else "",
    ]
    text = " ".join(p for p in parts if p) + f"; lowest {low.value}, highest {high.value}"
    if series.target:
        text += f"; target {series.target}"
    return text + "."


def chart_of(series: SeriesPublic) -> Chart | None:
    """Return the drawing of a series, or None when no point has both a date and a number."""
    drawn = [
        (p.date, p.number, p.value)
        for p in series.points
        if p.date is not None and p.number is not None
    ]
    if not drawn:
        return None
    values = [n for _, n, _ in drawn]
    if series.target_number is not None:
        values.append(series.target_number)
    step = _nice_step(max(values) - min(values))
    low = math.floor(min(values) / step) * step
    high = math.ceil(max(values) / step) * step
    if high == low:
        low, high = low - step, high + step
    first, last = drawn[0][0].toordinal(), drawn[-1][0].toordinal()
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x_of(day: dt.date) -> float:
        if last == first:
            return (LEFT + right) / 2
        return round(LEFT + (day.toordinal() - first) / (last - first) * (right - LEFT), 1)

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - TOP), 1)

    points = [ChartPoint(x_of(d), y_of(n), f"{v} on {_day(d)}") for d, n, v in drawn]
    count = round((high - low) / step)
    y_ticks = [Tick(y_of(low + i * step), _number(low + i * step)) for i in range(count + 1)]
    x_days = [drawn[0][0]] if last == first else [drawn[0][0], drawn[-1][0]]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=None if series.target_number is None else y_of(series.target_number),
        target_label=f"Target {series.target}" if series.target else "",
        y_ticks=y_ticks,
        x_ticks=[Tick(x_of(d), _short(d)) for d in x_days],
        description=describe(series),
    )
