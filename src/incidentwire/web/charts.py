"""Small server-drawn SVG charts (no script needed): the toll history and plain bar charts.

Every label is escaped; colours come from CSS classes in static/app.css."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import QUALIFIER_MARKS

SERIES_LABELS = {
    "killed": "killed",
    "wounded": "wounded",
    "hostages": "hostages",
    "killed_perpetrators": "attackers killed",
}


@dataclass
class Frame:
    width: int = 680
    height: int = 260
    left: int = 48
    right: int = 56
    top: int = 20
    bottom: int = 46

    @property
    def inner_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> int:
        return self.height - self.top - self.bottom


def _nice_ceiling(value: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return max(step * 5, 1)
    return int(value) + 1


def _y_axis(frame: Frame, top_value: int) -> list[str]:
    lines = []
    for k in range(6):
        value = top_value * k / 5
        y = frame.top + frame.inner_height * (1 - k / 5)
        lines.append(
            f'<line class="grid" x1="{frame.left}" x2="{frame.width - frame.right}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        lines.append(f'<text class="tick" x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
    return lines


def toll_chart(history: dict[str, list[dict]]) -> Markup:
    """How each toll changed from report to report: one line per figure, a point per report that gave it."""
    series = {name: points for name, points in history.items() if name in SERIES_LABELS and points}
    if not series:
        return Markup('<p class="muted">No report gave a toll.</p>')
    frame = Frame()
    dates = sorted({p["published"] or "" for points in series.values() for p in points})
    top_value = _nice_ceiling(max(p["value"] for points in series.values() for p in points))

    def x_of(day: str) -> float:
        if len(dates) == 1:
            return frame.left + frame.inner_width / 2
        return frame.left + frame.inner_width * dates.index(day) / (len(dates) - 1)

    def y_of(value: float) -> float:
        return frame.top + frame.inner_height * (1 - value / top_value)

    parts = _y_axis(frame, top_value)
    for day in dates:
        parts.append(
            f'<text class="tick" x="{x_of(day):.1f}" y="{frame.height - frame.bottom + 18}" '
            f'text-anchor="middle">{escape(day or "undated")}</text>'
        )
    for name, points in series.items():
        coords = [(x_of(p["published"] or ""), y_of(p["value"]), p) for p in points]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
        parts.append(f'<polyline class="series s-{name}" points="{path}"/>')
        for x, y, p in coords:
            mark = QUALIFIER_MARKS.get(p.get("qualifier") or "", "")
            tip = f"{SERIES_LABELS[name]}: {p.get('qualifier') or ''} {p['value']} ({p['report_id']})"
            parts.append(
                f'<circle class="dot s-{name}" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{escape(tip)}</title></circle>'
            )
            parts.append(
                f'<text class="value s-{name}" x="{x + 6:.1f}" y="{y - 6:.1f}">{escape(mark)}{p["value"]}</text>'
            )
    legend_x = frame.left
    for name in series:
        parts.append(
            f'<rect class="key s-{name}" x="{legend_x}" y="{frame.height - 16}" width="12" height="12"/>'
            f'<text class="tick" x="{legend_x + 16}" y="{frame.height - 6}">{SERIES_LABELS[name]}</text>'
        )
        legend_x += 130
    return _svg(frame, "Toll reported over time", parts)


def bar_chart(bars: list[tuple[str, int]], title: str, every_label: int = 1) -> Markup:
    """Vertical bars with a label under every `every_label`-th bar."""
    if not bars:
        return Markup('<p class="muted">Nothing to chart.</p>')
    frame = Frame(height=220)
    top_value = _nice_ceiling(max(v for _, v in bars))
    slot = frame.inner_width / len(bars)
    parts = _y_axis(frame, top_value)
    for k, (label, value) in enumerate(bars):
        h = frame.inner_height * value / top_value
        x = frame.left + k * slot + slot * 0.12
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{frame.top + frame.inner_height - h:.1f}" '
            f'width="{max(slot * 0.76, 1):.1f}" height="{h:.1f}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if k % every_label == 0:
            parts.append(
                f'<text class="tick" x="{x + slot * 0.38:.1f}" y="{frame.height - frame.bottom + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return _svg(frame, title, parts)


def _svg(frame: Frame, title: str, parts: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )
