"""Batch: the same answers files rendered with ``-j 1`` and ``-j 2``.

The HTML batch runs the whole pipeline except WeasyPrint's layout, so it exposes the batch's own
overhead (process start, catalog hand-over, templates per process); the PDF batch is what a
consultancy runs, dominated by layout.
"""

from __future__ import annotations

from pathlib import Path

from common import ASSESSOR, Report, many_files, time_command


def run(report: Report, work: Path, count: int, pdf_count: int) -> None:
    """Measure -j 1 against -j 2 for an HTML batch and a PDF batch."""
    report.section("Batch")
    files = many_files(work / "batch", max(count, pdf_count))
    for fmt, chosen in (("html", files[:count]), ("pdf", files[:pdf_count])):
        if not chosen:
            continue
        walls = {}
        for jobs in (1, 2):
            out = work / "batch" / f"{fmt}-j{jobs}"
            timed = time_command([*ASSESSOR, "run", *map(str, chosen), "-o", str(out),
                                  "--format", fmt, "-j", str(jobs)], 1, warm=False)
            walls[jobs] = timed.wall
            report.figure(f"{len(chosen)} files to {fmt.upper()}, -j {jobs}", timed.wall,
                          note=f"{len(chosen) / timed.wall:.1f} files/s, CPU "
                               f"{timed.cpu:.1f} s ({timed.cpu / timed.wall:.2f} cores busy)")
        report.figure(f"{fmt.upper()} batch speed-up, -j 2 over -j 1", walls[1] / walls[2], "x",
                      1.7, ceiling=False)
