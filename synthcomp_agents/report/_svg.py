"""Small inline SVG charts (stacked bars, lines) with deterministic output and escaped labels."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ._escape import esc, fmt_short

WIDTH, HEIGHT = 760, 250
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 34, 42
PALETTE = ("#3867d6", "#e58e26", "#20a070", "#8854d0", "#eb3b5a", "#778ca3", "#0fb9b1", "#a5b1c2")


def color(index: int) -> str:
    """The chart colour of series ``index`` (cycles through a fixed palette).

    Example:
        >>> color(0)
        '#3867d6'
    """
    return PALETTE[index % len(PALETTE)]


def nice_max(value: float, ticks: int = 4) -> tuple[float, float]:
    """A round axis maximum at or above ``value`` and its tick step.

    Example:
        >>> nice_max(4661)
        (6000.0, 1500.0)
    """
    if value <= 0:
        return 1.0, 0.25
    raw = value / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 1.5, 2, 2.5, 5, 10):
        step = factor * power
        if step * ticks >= value:
            return float(step * ticks), float(step)
    return float(10 * power * ticks), float(10 * power)  # pragma: no cover - the loop always returns


def _n(value: float) -> str:
    """Coordinates with at most one decimal (stable text)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _frame(title: str, chart_id: str, labels: Sequence[str], y_max: float, step: float, unit: str) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = [
        f'<svg class="chart" id="{esc(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{esc(title)}</title>",
        f'<text class="ct" x="{LEFT}" y="18">{esc(title)}</text>',
    ]
    ticks = round(y_max / step) if step else 0
    for i in range(ticks + 1):
        value = step * i
        y = TOP + plot_h - plot_h * value / y_max
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{_n(y)}" y2="{_n(y)}"/>')
        out.append(f'<text class="ax" x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end">{esc(fmt_short(value))}</text>')
    if unit:
        out.append(f'<text class="ax" x="{LEFT - 6}" y="{TOP - 8}" text-anchor="end">{esc(unit)}</text>')
    every = max(1, math.ceil(len(labels) / 16))
    slot = plot_w / max(1, len(labels))
    for i, label in enumerate(labels):
        if i % every == 0:
            x = LEFT + slot * (i + 0.5)
            out.append(
                f'<text class="ax" x="{_n(x)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{esc(label)}</text>'
            )
    return out


def _legend(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    x = WIDTH - RIGHT
    for i in reversed(range(len(names))):
        width = 18 + 7 * len(names[i])
        x -= width + 10
        out.append(f'<rect x="{_n(x)}" y="9" width="10" height="10" fill="{color(i)}"/>')
        out.append(f'<text class="lg" x="{_n(x + 14)}" y="18">{esc(names[i])}</text>')
    return out


def stacked_bars(
    title: str, chart_id: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], unit: str = ""
) -> str:
    """Bars per label, one stacked segment per series; every segment has a tooltip.

    Example:
        >>> svg = stacked_bars("Tokens", "t", ["Day 1"], [("worker", [100.0])])
        >>> svg.startswith("<svg") and "worker" in svg
        True
    """
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    y_max, step = nice_max(max(totals, default=0.0))
    out = _frame(title, chart_id, labels, y_max, step, unit)
    if len(series) > 1:
        out += _legend([name for name, _ in series])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    bar_w = max(2.0, slot * 0.7)
    for i, label in enumerate(labels):
        base = 0.0
        x = LEFT + slot * i + (slot - bar_w) / 2
        for s, (name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            y_top = TOP + plot_h - plot_h * (base + value) / y_max
            height = plot_h * value / y_max
            tip = f"{label}: {name} {value:,.0f} {unit}".rstrip()
            out.append(
                f'<rect x="{_n(x)}" y="{_n(y_top)}" width="{_n(bar_w)}" height="{_n(max(height, 0.5))}" '
                f'fill="{color(s)}"><title>{esc(tip)}</title></rect>'
            )
            base += value
    out.append("</svg>")
    return "\n".join(out)


def line_chart(
    title: str,
    chart_id: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    unit: str = "",
    y_max: float | None = None,
) -> str:
    """One line with dots per series over the labels (``y_max`` fixes the axis, e.g. 1.0 for fractions).

    Example:
        >>> "polyline" in line_chart("Progress", "p", ["Day 1", "Day 2"], [("progress", [0.2, 0.6])], y_max=1.0)
        True
    """
    top = max((max(values, default=0.0) for _, values in series), default=0.0)
    axis_max, step = (y_max, y_max / 4) if y_max else nice_max(top)
    out = _frame(title, chart_id, labels, axis_max, step, unit)
    if len(series) > 1:
        out += _legend([name for name, _ in series])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(labels))
    for s, (name, values) in enumerate(series):
        points = []
        for i, value in enumerate(values):
            x = LEFT + slot * (i + 0.5)
            y = TOP + plot_h - plot_h * min(value, axis_max) / axis_max
            points.append((x, y, labels[i], value))
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y, _, _ in points)
        out.append(f'<polyline fill="none" stroke="{color(s)}" stroke-width="2" points="{coords}"/>')
        for x, y, label, value in points:
            shown = f"{value:.2f}" if axis_max <= 1 else f"{value:,.0f}"
            out.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{color(s)}">'
                f"<title>{esc(f'{label}: {name} {shown} {unit}'.rstrip())}</title></circle>"
            )
    out.append("</svg>")
    return "\n".join(out)
