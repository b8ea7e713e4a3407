"""A server-rendered SVG line chart: median time to first response per subforum and week."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Colours that stay apart for common colour-vision differences (Okabe-Ito).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


@dataclass
class Series:
    name: str
    colour: str
    points: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, title
    path: str = ""


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    plot: tuple[int, int, int, int]  # left, top, right, bottom
    empty: bool


def _nice_top(value: float) -> float:
    for step in (10, 30, 60, 120, 240, 480, 720, 1440, 2880, 5760, 10080):
        if value <= step:
            return float(step)
    return float(int(value / 10080 + 1) * 10080)


def _minutes(value: float) -> str:
    return f"{value / 60:g} h" if value >= 60 else f"{value:g} min"


def first_response_chart(rows: list[dict[str, Any]]) -> Chart:
    weeks = sorted({r["week"] for r in rows})
    categories = sorted({r["category"] or "(none)" for r in rows})
    values = [r["median_minutes"] for r in rows if r["median_minutes"] is not None]
    top = _nice_top(max(values)) if values else 60.0
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    span_x = right - LEFT
    span_y = bottom - TOP

    def x_of(week: str) -> float:
        if len(weeks) == 1:
            return LEFT + span_x / 2
        return LEFT + span_x * weeks.index(week) / (len(weeks) - 1)

    def y_of(minutes: float) -> float:
        return bottom - span_y * minutes / top

    series = []
    for n, category in enumerate(categories):
        line = Series(name=category, colour=COLOURS[n % len(COLOURS)])
        for row in sorted(rows, key=lambda r: r["week"]):
            if (row["category"] or "(none)") != category or row["median_minutes"] is None:
                continue
            title = (f"{category}, week of {row['week']}: median "
                     f"{_minutes(row['median_minutes'])}, 90th percentile "
                     f"{_minutes(row['p90_minutes'])}, {row['answered']} of {row['posts']} "
                     "answered")
            line.points.append((x_of(row["week"]), y_of(row["median_minutes"]), title))
        line.path = " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _) in enumerate(line.points)
        )
        series.append(line)
    y_ticks = [(y_of(top * k / 4), _minutes(top * k / 4)) for k in range(5)]
    x_ticks = [(x_of(w), w[5:]) for w in weeks]
    return Chart(width=WIDTH, height=HEIGHT, series=series, x_ticks=x_ticks, y_ticks=y_ticks,
                 plot=(LEFT, TOP, right, bottom), empty=not values)
