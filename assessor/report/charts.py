"""Charts: the report's figures as inline SVG, drawn from the view model with their numbers printed.

Charts are SVG text built here rather than images, so the HTML report stays one file, the PDF
stays vector and searchable, and nothing is fetched. Every label that comes from data is escaped;
colours are the brand's, already validated as ``#RRGGBB``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from assessor.model.result import FLOORS, Rating
from assessor.text import width

FONTS = ("DejaVu Sans, WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, "
         "Microsoft YaHei, sans-serif")
COLOURS = {Rating.STRONG: "#2b8a3e", Rating.ADEQUATE: "#5c940d",
           Rating.NEEDS_IMPROVEMENT: "#e67700"}
BANDS = tuple((int(FLOORS[band]), colour) for band, colour in COLOURS.items())  # lines at floors
GRID = "#c9d1d9"
INK = "#1d2733"
MUTED = "#5c6773"


def wrap(text: str, width: int) -> list[str]:
    """Split a label into lines of about ``width`` characters (a CJK character counts twice)."""
    lines: list[str] = []
    line = ""
    words = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for word in words:
        candidate = f"{line}{joiner}{word}" if line else word
        if line and visual_length(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines[:2] if len(lines) <= 2 else [lines[0], lines[1] + "…"]


def visual_length(text: str) -> int:
    """Return the width of ``text`` in Latin-character units (CJK glyphs are about two)."""
    return width(text)


def figure(value: float | None) -> str:
    """Format a score as printed on a chart."""
    return "—" if value is None else f"{value:.0f}"


def bar_chart(rows: Sequence[dict[str, Any]], accent: str, soft: str, note: str) -> Markup:
    """Return a horizontal bar per row (label, score 0-100, ``binding``), scores printed.

    Args:
        rows: dicts with ``label``, ``score`` (None when nothing was scored), ``detail`` (a short
            line under the label, e.g. "31 of 32 answered") and ``binding``.
        accent: bar colour for binding instruments.
        soft: bar colour for non-binding ones (alignment only).
        note: the legend line explaining the band lines and the pale bars.
    """
    left, right, top = 190, 600, 26
    span = right - left
    labels = [wrap(str(row["label"]), 28) for row in rows]
    heights = [24 + 13 * len(lines) for lines in labels]
    height = top + sum(heights) + 30
    out = [f'<svg class="chart bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {height}"'
           f' width="640" height="{height}" font-family="{FONTS}" font-size="11" fill="{INK}">']
    for floor, colour in BANDS:
        x = left + span * floor / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 30}" '
                   f'stroke="{colour}" stroke-width="1" stroke-dasharray="3,3"/>'
                   f'<text x="{x:.1f}" y="{top - 12}" text-anchor="middle" font-size="9" '
                   f'fill="{colour}">{floor}</text>')
    for tick in (0, 100):
        x = left + span * tick / 100
        out.append(f'<line x1="{x}" y1="{top - 8}" x2="{x}" y2="{height - 30}" stroke="{GRID}" '
                   f'stroke-width="1"/><text x="{x}" y="{top - 12}" text-anchor="middle" '
                   f'font-size="9" fill="{MUTED}">{tick}</text>')
    y = top
    for row, lines, row_h in zip(rows, labels, heights, strict=True):
        for number, line in enumerate(lines):
            out.append(f'<text x="0" y="{y + 13 + number * 13}" font-weight="bold">'
                       f'{escape(line)}</text>')
        out.append(f'<text x="0" y="{y + 15 + len(lines) * 13}" font-size="9" fill="{MUTED}">'
                   f'{escape(row["detail"])}</text>')
        score = row["score"]
        width = span * (score or 0) / 100
        colour = accent if row.get("binding", True) else soft
        bar_y = y + (row_h - 24) / 2 + 1
        out.append(f'<rect x="{left}" y="{bar_y:.1f}" width="{span}" height="18" '
                   f'fill="#f1f3f5"/><rect x="{left}" y="{bar_y:.1f}" width="{width:.1f}" '
                   f'height="18" fill="{colour}"/>')
        inside = width > 40
        label_x = left + width - 5 if inside else left + width + 5
        out.append(f'<text x="{label_x:.1f}" y="{bar_y + 13:.1f}" font-weight="bold" '
                   f'text-anchor="{"end" if inside else "start"}" '
                   f'fill="{"#ffffff" if inside else INK}">{figure(score)}</text>')
        y += row_h
    out.append(f'<text x="{left}" y="{height - 10}" font-size="9" fill="{MUTED}">'
               f'{escape(note)}</text></svg>')
    return Markup("".join(out))  # noqa: S704 - every data value above went through escape()


def radar_chart(points: Sequence[dict[str, Any]], accent: str, soft: str) -> Markup:
    """Return a radar (spider) chart of scores 0-100, one axis per point, scores printed.

    Args:
        points: dicts with ``id`` (shown at the axis tip) and ``score`` (None: not scored, drawn
            at the centre and printed as a dash).
        accent: outline and vertex colour.
        soft: fill colour of the scored area.
    """
    size, centre, radius = 380, 190.0, 122.0
    count = max(len(points), 3)
    out = [f'<svg class="chart radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} '
           f'{size}" width="{size}" height="{size}" font-family="{FONTS}" font-size="11" '
           f'fill="{INK}">']

    def at(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return (centre + radius * value / 100 * math.cos(angle),
                centre + radius * value / 100 * math.sin(angle))

    for ring in (25, 50, 75, 100):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, ring) for i in range(count)))
        out.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" '
                   f'stroke-width="{1.2 if ring == 100 else 0.7}"/>')
        x, y = at(0, ring)
        out.append(f'<text x="{x + 3:.1f}" y="{y + 10:.1f}" font-size="8" fill="{MUTED}">'
                   f'{ring}</text>')
    for index in range(count):
        x, y = at(index, 100)
        out.append(f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" '
                   f'stroke="{GRID}" stroke-width="0.7"/>')
    shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in
                     (at(i, p["score"] or 0) for i, p in enumerate(points)))
    out.append(f'<polygon points="{shape}" fill="{soft}" fill-opacity="0.55" stroke="{accent}" '
               f'stroke-width="2"/>')
    for index, point in enumerate(points):
        x, y = at(index, point["score"] or 0)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{accent}"/>')
        lx, ly = at(index, 122)
        anchor = "middle" if abs(lx - centre) < 20 else ("start" if lx > centre else "end")
        out.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" '
                   f'font-weight="bold">{escape(point["id"])}<tspan font-weight="normal" '
                   f'fill="{MUTED}"> {figure(point["score"])}</tspan></text>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every data value above went through escape()
