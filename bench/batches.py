"""Batch: the same answers files rendered with ``-j 1`` and ``-j 2``.

The HTML batch runs the whole pipeline except WeasyPrint's layout, so it exposes the batch's own
overhead (start-up, catalog, templates per process); being short, it runs three times, ``-j 1``
and ``-j 2`` alternating, and the best of each counts. The PDF batch is what a consultancy runs,
dominated by layout; it runs once.
"""

from __future__ import annotations

from pathlib import Path

from common import ASSESSOR, Report, Timed, many_files, time_command


def run(report: Report, work: Path, count: int, pdf_count: int) -> None:
    """Measure -j 1 against -j 2 for an HTML batch and a PDF batch."""
    report.section("Batch")
    files = many_files(work / "batch", max(count, pdf_count))
    for fmt, chosen, rounds in (("html", files[:count], 3), ("pdf", files[:pdf_count], 1)):
        if not chosen:
            continue
        best: dict[int, Timed] = {}
        for _ in range(rounds):
            for jobs in (1, 2):
                out = work / "batch" / f"{fmt}-j{jobs}"
                timed = time_command([*ASSESSOR, "run", *map(str, chosen), "-o", str(out),
                                      "--format", fmt, "-j", str(jobs)], 1, warm=False)
                if jobs not in best or timed.wall < best[jobs].wall:
                    best[jobs] = timed
        for jobs, timed in best.items():
            label = f"{len(chosen)} files to {fmt.upper()}, -j {jobs}"
            report.figure(label + (f" (best of {rounds})" if rounds > 1 else ""), timed.wall,
                          note=f"{len(chosen) / timed.wall:.1f} files/s, CPU {timed.cpu:.1f} s "
                               f"({timed.cpu / timed.wall:.2f} cores busy)")
        report.figure(f"{fmt.upper()} batch speed-up, -j 2 over -j 1",
                      best[1].wall / best[2].wall, "x", 1.7, ceiling=False)
