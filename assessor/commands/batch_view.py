"""A batch on the terminal: progress as files finish, then the summary table.

Rich is imported only when the stream is a terminal; elsewhere progress is one plain line per
file and the summary an aligned text table. File names and organisations are made inert.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from assessor.batch import Finished, Outcome
from assessor.errors import counted, display_path
from assessor.model.result import rating_words
from assessor.terminal import inert


def report(finished: Finished, *, debug: bool) -> None:
    """Print the summary, the count written and (with ``debug``) each bug's traceback.

    Raises:
        BatchFailed: some files had bad input (exit 2); the others were written.
        BatchBug: some file hit an internal error (exit 1).
    """
    print_summary(finished.outcomes, sys.stdout)
    total, failed, workers = len(finished.outcomes), len(finished.failed), finished.workers
    sys.stderr.write(f"wrote {total - failed} of {total} reports in "
                     f"{finished.seconds:.1f} s ({workers} process{'es' if workers > 1 else ''})\n")
    if debug:
        for outcome in finished.failed:
            sys.stderr.write(outcome.bug or "")
    error = finished.error()
    if error is not None:
        raise error


def watch(outcomes: Iterator[Outcome], total: int) -> list[Outcome]:
    """Show progress on standard error as the outcomes come."""
    return track(outcomes, total, sys.stderr)


def track(results: Iterator[Outcome], total: int, stream: TextIO) -> list[Outcome]:
    """Consume ``results`` showing progress: a bar on a terminal, one line per file otherwise."""
    if stream.isatty():
        return track_bar(results, total, stream)
    done: list[Outcome] = []
    width = len(str(total))
    for outcome in results:
        done.append(outcome)
        stream.write(f"[{len(done):>{width}}/{total}] {progress_line(outcome)}\n")
        stream.flush()
    return done


def track_bar(results: Iterator[Outcome], total: int, stream: TextIO) -> list[Outcome]:
    """Show a rich progress bar (rich is imported only on a terminal); failures print above it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, highlight=False)
    done: list[Outcome] = []
    columns = (TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("eta"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("rendering", total=total)
        for outcome in results:
            done.append(outcome)
            if not outcome.ok:
                progress.console.print(progress_line(outcome), markup=False)
            progress.advance(task)
    return done


def progress_line(outcome: Outcome) -> str:
    """Return one line about a finished job, file names made inert."""
    return inert(job_line(outcome))


def job_line(outcome: Outcome) -> str:
    """Return one line about a finished job."""
    source = display_path(outcome.job.source)
    if outcome.bug is not None:
        return f"FAILED {source}: internal error"
    if outcome.problems:
        return f"FAILED {source}: {counted(outcome.problems)}"
    return (f"ok     {source} -> {display_path(outcome.job.target)} "
            f"({outcome.seconds:.1f} s)")


def summary_rows(ordered: Sequence[Outcome]) -> list[tuple[str, ...]]:
    """Return the summary table's rows: file, organisation, score, rating, gaps, report, time."""
    rows: list[tuple[str, ...]] = []
    for outcome in ordered:
        source = display_path(outcome.job.source)
        if outcome.ok:
            score = "—" if outcome.score is None else f"{outcome.score:.0f}"
            rows.append((source, outcome.organisation or "", score,
                         rating_words(outcome.rating) if outcome.rating else "", str(outcome.gaps),
                         display_path(outcome.job.target), f"{outcome.seconds:.1f} s"))
        else:
            what = "internal error" if outcome.bug else counted(outcome.problems)
            rows.append((source, "", "", f"FAILED: {what}", "", "", ""))
    return rows


HEADERS = ("answers file", "organisation", "score", "rating", "gaps", "report", "time")
RIGHT = {2, 4, 6}


def print_summary(ordered: Sequence[Outcome], stream: TextIO) -> None:
    """Write the summary table: a rich table on a terminal, aligned plain text otherwise."""
    rows = [tuple(map(inert, row)) for row in summary_rows(ordered)]
    if stream.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(*HEADERS, title="Batch summary", title_justify="left")
        for index in RIGHT:
            table.columns[index].justify = "right"
        for column in (table.columns[0], table.columns[5]):  # paths wrap, never lose a letter
            column.overflow = "fold"
        for row, outcome in zip(rows, ordered, strict=True):
            table.add_row(*map(Text, row), style=None if outcome.ok else "red")  # no markup
        Console(file=stream, highlight=False).print(table)
        return
    stream.write("\n".join(plain_table(HEADERS, rows)) + "\n")


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Return the lines of a plain-text table with aligned columns."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def align(text: str, width: int, column: int) -> str:
        return text.rjust(width) if column in RIGHT else text.ljust(width)

    lines = ["  ".join(align(h, w, i) for i, (h, w) in enumerate(zip(headers, widths,
                                                                      strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(align(c, w, i) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
              .rstrip() for row in rows]
    return lines
