"""Charts as PNG images for the Word report, drawn with Pillow from the same rows as the SVG ones.

Word has no SVG a firm's older Office reliably shows, so the DOCX carries pictures. They are
drawn at twice their printed size, so they stay sharp, with the scores printed on them. Pillow is
imported only here, on the DOCX path. Fonts come from the system (DejaVu Sans for Latin text, a
font with Chinese glyphs for Chinese labels); the bytes depend only on the rows and the fonts.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from assessor.report.charts import BANDS, GRID, INK, MUTED, figure, visual_length, wrap

SCALE = 2  # pixels per SVG unit: the pictures are printed at half their pixel size (~150 dpi)
LATIN_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/TTF/DejaVuSans.ttf", "/Library/Fonts/Arial.ttf",
               "C:/Windows/Fonts/arial.ttf")
CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
             "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
             "/System/Library/Fonts/PingFang.ttc", "C:/Windows/Fonts/msyh.ttc")


@lru_cache(maxsize=2)
def font_file(*, cjk: bool) -> str | None:
    """Return a font file for the labels: one with Chinese glyphs when ``cjk``; None if none."""
    return next((c for c in (CJK_FONTS if cjk else LATIN_FONTS) if Path(c).is_file()), None)


@lru_cache(maxsize=16)
def font(size: int, *, cjk: bool) -> Any:
    """Return a Pillow font of ``size`` pixels (Pillow's own when no system font is found)."""
    from PIL import ImageFont

    path = font_file(cjk=cjk) or font_file(cjk=False)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def needs_cjk(texts: Sequence[str]) -> bool:
    """Return whether any label has characters beyond Latin (drawn with the CJK font)."""
    return any(visual_length(t) != len(t) for t in texts)


def png(image: Any) -> bytes:
    """Return the image as PNG bytes (no timestamps or text chunks: the same image, same bytes)."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def bar_png(rows: Sequence[dict[str, Any]], accent: str, soft: str, note: str) -> bytes:
    """Return a horizontal bar per row (label, score 0-100, detail, binding), scores printed."""
    from PIL import Image, ImageDraw

    s = SCALE
    cjk = needs_cjk([str(r["label"]) for r in rows] + [note] + [str(r["detail"]) for r in rows])
    bold, small, tiny = font(11 * s, cjk=cjk), font(9 * s, cjk=cjk), font(9 * s, cjk=cjk)
    left, right, top = 190, 600, 26
    span = right - left
    labels = [wrap(str(row["label"]), 28) for row in rows]
    heights = [24 + 13 * len(lines) for lines in labels]
    height = top + sum(heights) + 30
    image = Image.new("RGB", (640 * s, height * s), "#ffffff")
    draw = ImageDraw.Draw(image)
    for floor, colour in BANDS:
        x = (left + span * floor / 100) * s
        dashed(draw, x, (top - 8) * s, (height - 30) * s, colour, s)
        draw.text((x, (top - 12) * s), str(floor), fill=colour, font=tiny, anchor="ms")
    for tick in (0, 100):
        x = (left + span * tick / 100) * s
        draw.line([(x, (top - 8) * s), (x, (height - 30) * s)], fill=GRID, width=s)
        draw.text((x, (top - 12) * s), str(tick), fill=MUTED, font=tiny, anchor="ms")
    y = top
    for row, lines, row_h in zip(rows, labels, heights, strict=True):
        for number, line in enumerate(lines):
            draw.text((0, (y + 13 + number * 13) * s), line, fill=INK, font=bold, anchor="ls")
        draw.text((0, (y + 15 + len(lines) * 13) * s), str(row["detail"]), fill=MUTED,
                  font=small, anchor="ls")
        score = row["score"]
        width = span * (score or 0) / 100
        bar_y = y + (row_h - 24) / 2 + 1
        draw.rectangle([left * s, bar_y * s, right * s, (bar_y + 18) * s], fill="#f1f3f5")
        if width > 0:
            draw.rectangle([left * s, bar_y * s, (left + width) * s, (bar_y + 18) * s],
                           fill=accent if row.get("binding", True) else soft)
        inside = width > 40
        label_x = left + width - 5 if inside else left + width + 5
        draw.text((label_x * s, (bar_y + 13) * s), figure(score), font=bold,
                  fill="#ffffff" if inside else INK, anchor="rs" if inside else "ls")
        y += row_h
    draw.text((left * s, (height - 10) * s), note, fill=MUTED, font=tiny, anchor="ls")
    return png(image)


def dashed(draw: Any, x: float, y0: float, y1: float, colour: str, s: int) -> None:
    """Draw a vertical dashed line (3 on, 3 off, in chart units)."""
    y = y0
    while y < y1:
        draw.line([(x, y), (x, min(y + 3 * s, y1))], fill=colour, width=s)
        y += 6 * s


def radar_png(points: Sequence[dict[str, Any]], accent: str, soft: str) -> bytes:
    """Return a radar chart of scores 0-100, one axis per point, scores printed at the tips."""
    from PIL import Image, ImageDraw

    s = SCALE
    size, centre, radius = 380, 190.0, 122.0
    count = max(len(points), 3)
    label, number = font(11 * s, cjk=False), font(8 * s, cjk=False)

    def at(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return ((centre + radius * value / 100 * math.cos(angle)) * s,
                (centre + radius * value / 100 * math.sin(angle)) * s)

    image = Image.new("RGB", (size * s, size * s), "#ffffff")
    draw = ImageDraw.Draw(image, "RGBA")
    for ring in (25, 50, 75, 100):
        corners = [at(i, ring) for i in range(count)]
        draw.polygon(corners, outline=GRID, width=s * (2 if ring == 100 else 1))
        x, y = at(0, ring)
        draw.text((x + 3 * s, y + 10 * s), str(ring), fill=MUTED, font=number, anchor="ls")
    for index in range(count):
        draw.line([(centre * s, centre * s), at(index, 100)], fill=GRID, width=s)
    shape = [at(i, p["score"] or 0) for i, p in enumerate(points)]
    fill = tuple(int(soft[i:i + 2], 16) for i in (1, 3, 5)) + (140,)
    draw.polygon(shape, fill=fill, outline=accent, width=2 * s)
    for index, point in enumerate(points):
        x, y = at(index, point["score"] or 0)
        draw.ellipse([x - 3 * s, y - 3 * s, x + 3 * s, y + 3 * s], fill=accent)
        lx, ly = at(index, 122)
        anchor = "m" if abs(lx - centre * s) < 20 * s else ("l" if lx > centre * s else "r")
        draw.text((lx, ly + 4 * s), f"{point['id']} {figure(point['score'])}", fill=INK,
                  font=label, anchor=anchor + "s")
    return png(image)
