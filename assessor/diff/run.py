"""``assessor diff`` as a request: load both answers files, compare them, write the report.

What it gives for standard output is the terminal summary, or the comparison itself (JSON, or
the format asked with ``-o -``); a report file is written in the format asked, never over a file
it must not replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.diff.compare import compare
from assessor.diff.summary import summary_lines
from assessor.errors import InvalidFile, Problem
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.record.answers import load
from assessor.render import output_format, resolve_target, stream_format
from assessor.report import formats
from assessor.targets import atomic_write
from assessor.terminal import inert, json_text

if TYPE_CHECKING:
    from assessor.report.brand import Brand


@dataclass(frozen=True, slots=True)
class Request:
    """A comparison as ``assessor diff`` asks for it."""

    old: Path
    new: Path
    output: Path | None = None  # None: the summary only; Path("-"): standard output
    fmt: str | None = None  # None: from the output's suffix
    lang: str | None = None  # None: the later file's
    allow_incomplete: bool = False
    force: bool = False
    brand: Brand | None = None  # the firm's look for HTML and PDF


def load_both(request: Request, catalog: Catalog) -> tuple[Answers, Answers]:
    """Load OLD and NEW, reporting the problems of both files at once.

    Raises:
        InvalidFile: either file is unreadable or invalid.
    """
    loaded: list[Answers] = []
    problems: list[Problem] = []
    for path in (request.old, request.new):
        try:
            loaded.append(load(path, catalog, allow_incomplete=request.allow_incomplete))
        except InvalidFile as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidFile(problems)
    return loaded[0], loaded[1]


def report_format(request: Request) -> str | None:
    """Decide the report's format: --format, else OUT's suffix, else PDF; None for no report.

    Raises:
        AssessorError: OUT's suffix names a format a comparison is not written in.
    """
    if request.output is None and not request.fmt:
        return None
    if request.output is not None and str(request.output) == "-":
        return request.fmt or "json"
    return output_format(request.output, request.fmt, formats.compared(), "a comparison")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a comparison gives: text for standard output, and the report written, if any."""

    shown: str  # the summary, or the comparison itself (JSON or HTML) for -o - or no -o
    written: Path | None = None


def run_diff(request: Request, catalog: Catalog) -> Outcome:
    """Compare OLD with NEW: the summary to show; the report written when asked.

    Raises:
        InvalidFile: either answers file is invalid.
        AssessorError: the report cannot be written where asked.
    """
    old, new = load_both(request, catalog)
    lang = request.lang or new.assessment.lang
    ctx = compare(catalog, old, new, lang)
    fmt = report_format(request)
    if request.output is not None and str(request.output) == "-":
        fmt = stream_format(fmt)
        if fmt != "json":
            return Outcome(formats.FORMATS[fmt].comparer()(ctx, request.brand).decode("utf-8"))
    if fmt == "json" and (request.output is None or str(request.output) == "-"):
        return Outcome(json_text(ctx) + "\n")
    shown = "\n".join(map(inert, summary_lines(ctx))) + "\n"
    if fmt is None:
        return Outcome(shown)
    default = request.new.with_name(f"{request.new.stem}.diff{formats.FORMATS[fmt].suffix}")
    path = resolve_target(request.output, default, fmt, (request.old, request.new),
                          force=request.force, what="the comparison")
    atomic_write(path, formats.FORMATS[fmt].comparer()(ctx, request.brand))
    return Outcome(shown, path)
