"""Scoring: `assessor score` of the full file, its stages in process, and 1,000 files in a batch."""

from __future__ import annotations

from pathlib import Path

from common import ASSESSOR, Report, examples, many_files, median_time, time_command
from startup import brackets


def run(report: Report, full: Path, work: Path, repeat: int, count: int) -> None:
    """Measure scoring one file and a JSON batch of ``count`` generated files."""
    report.section(f"Scoring (best of {repeat * 2} runs; median and CPU time in brackets)")
    for extra in ([], ["--json"]):
        timed = time_command([*ASSESSOR, "score", *extra, str(full)], repeat * 2)
        report.figure(f"assessor score {' '.join(extra)} {full.name}".replace("  ", " "),
                      timed.best, target=0.5, note=brackets(timed))
    stages(report, full)
    scope(report)
    folder = work / f"scoring-{count}"
    files = many_files(folder, count)
    for jobs in (1, 2):
        out = folder / f"json-j{jobs}"
        timed = time_command([*ASSESSOR, "run", *map(str, files), "-o", str(out), "--format",
                              "json", "-j", str(jobs)], 1, warm=False)
        report.figure(f"{count:,} files scored to JSON, -j {jobs}", timed.wall,
                      note=f"{count / timed.wall:.0f} files/s, {1000 * timed.wall / count:.1f} "
                           f"ms a file, CPU {timed.cpu:.1f} s")


def stages(report: Report, full: Path) -> None:
    """Time each stage in this process (after a warm-up): where a run's time goes."""
    from assessor.banks.catalog import load_catalog
    from assessor.record.answers import load
    from assessor.report.context import build_context
    from assessor.scoring import score

    catalog = load_catalog()
    answers = load(full, catalog)
    result = score(catalog, answers.answers)
    parts = [("load the catalog (all banks)", lambda: load_catalog()),
             ("load and validate the answers", lambda: load(full, catalog)),
             ("score", lambda: score(catalog, answers.answers)),
             ("build the report context", lambda: build_context(catalog, answers, result, "en"))]
    for label, fn in parts:
        report.info(f"{label:<36} {1000 * median_time(fn, 9):7.1f} ms (in process)")


def scope(report: Report) -> None:
    """Time which controls apply (``scope_of``) for each shipped example, in this process.

    A command computes it two or three times (reading the file, checking it, scoring it), and
    the report explains it control by control: it must stay a small part of ``score``.
    """
    from assessor.banks.catalog import load_catalog
    from assessor.banks.scope import scope_of
    from assessor.record.answers import load

    catalog = load_catalog()
    for path in examples():
        answers = load(path, catalog).answers
        spent = median_time(lambda answers=answers: scope_of(catalog, answers), 21)
        report.figure(f"scope of {path.name} (in process)", 1000 * spent, " ms", target=1.0,
                      note=f"{len(answers)} answers, {len(catalog.questions)} questions")
