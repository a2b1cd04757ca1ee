"""Rendering: `assessor run` to PDF against WeasyPrint alone on the same HTML, English and Chinese.

WeasyPrint alone (import, parse, lay out, write) is the floor: what any tool using the engine
pays for this document. The run's overhead over it is the tool's own work (start-up, catalog,
answers, scoring, templating, the confined fetcher and the glyph check).
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import ASSESSOR, Report, fonts, page_count, run_command, time_command

FLOOR = ("import sys, weasyprint; "
         "weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[3]).write_pdf(sys.argv[2])")


def run(report: Report, full: Path, work: Path, repeat: int) -> None:
    """Measure the PDF run and the engine's floor for each language."""
    from assessor.resources import templates_dir

    report.section(f"Rendering {full.name} to PDF")
    folder = work / "rendering"
    folder.mkdir(parents=True, exist_ok=True)
    runs: dict[str, float] = {}
    for lang in ("en", "zh"):
        html, pdf = folder / f"report-{lang}.html", folder / f"report-{lang}.pdf"
        run_command([*ASSESSOR, "run", str(full), "-o", str(html), "--lang", lang])
        timed = time_command([*ASSESSOR, "run", str(full), "-o", str(pdf), "--lang", lang],
                             repeat)
        floor = time_command([sys.executable, "-c", FLOOR, str(html), str(folder / "floor.pdf"),
                              str(templates_dir()) + "/"], repeat)
        pages = page_count(pdf)
        runs[lang] = timed.wall
        report.figure(f"assessor run -> PDF ({lang}, {pages} pages)", timed.wall,
                      note=f"{pages / timed.wall:.1f} pages/s")
        report.figure(f"WeasyPrint alone on the same HTML ({lang})", floor.wall,
                      note=f"{page_count(folder / 'floor.pdf') / floor.wall:.1f} pages/s")
        report.figure(f"run / WeasyPrint alone ({lang})", timed.wall / floor.wall, "x", 1.25)
        warnings = [line for line in timed.stderr.splitlines() if not line.startswith("wrote ")]
        report.info(f"{lang}: WeasyPrint warnings: {len(warnings) or 'none'}; fonts: {fonts(pdf)}")
    report.figure("Chinese / English (same answers)", runs["zh"] / runs["en"], "x", 1.5)
