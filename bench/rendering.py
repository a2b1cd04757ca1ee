"""Rendering: `assessor run` to PDF against WeasyPrint alone on the same HTML, English and Chinese.

WeasyPrint alone (import, parse, lay out, write) is the floor: what any tool using the engine
pays for this document. The run's overhead over it is the tool's own work (start-up, catalog,
answers, scoring, templating, the confined fetcher and the glyph check).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import ASSESSOR, Report, fonts, page_count, run_command, time_command

# Render in a fresh process with every WeasyPrint warning caught: those logged (WeasyPrint's
# logger has a NullHandler, so they never reach stderr) and those issued at import, such as a
# missing HarfBuzz subsetter.
WATCH = """
import logging, sys, warnings
from pathlib import Path
messages = []
class Keep(logging.Handler):
    def emit(self, record):
        messages.append(record.getMessage())
logging.getLogger("weasyprint").addHandler(Keep(logging.WARNING))
with warnings.catch_warnings(record=True) as issued:
    warnings.simplefilter("always")
    import weasyprint
from assessor.record.answers import load
from assessor.banks.catalog import load_catalog
from assessor.render import render_bytes
catalog = load_catalog()
render_bytes(catalog, load(Path(sys.argv[1]), catalog), "pdf", sys.argv[2])
for message in [str(w.message) for w in issued] + messages:
    print(message)
"""
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
        warnings = engine_warnings(full, lang)
        report.info(f"{lang}: WeasyPrint warnings: {len(warnings) or 'none'}"
                    f"{' (' + warnings[0][:80] + ')' if warnings else ''}; fonts: {fonts(pdf)}")
    report.figure("Chinese / English (same answers)", runs["zh"] / runs["en"], "x", 1.5)


def engine_warnings(full: Path, lang: str) -> list[str]:
    """Return every warning WeasyPrint gives while the report is rendered (import included)."""
    proc = subprocess.run([sys.executable, "-c", WATCH, str(full), lang], capture_output=True,
                          text=True, check=True)
    return [line for line in proc.stdout.splitlines() if line.strip()]
