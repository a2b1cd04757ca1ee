"""Errors for bad input: each carries its exit status and the problems to show the user."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

SHOWN_IDS = 3  # an instrument with this many unanswered questions or fewer names them all


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in one file, located as precisely as the file allows.

    ``unanswered`` marks an applicable question left without an answer, with the instrument it
    belongs to: a gap rather than a mistake, so a file's gaps are summarised one line per
    instrument after its mistakes (``check --missing`` shows each).
    """

    path: str
    message: str
    line: int | None = None
    qid: str | None = None
    unanswered: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.qid}: {self.message}" if self.qid else f"{where}: {self.message}"


class AssessorError(Exception):
    """Bad input or usage: shown as ``assessor: error: ...`` and exits with ``exit_code``."""

    exit_code: ClassVar[int] = 2
    warnings: tuple[Problem, ...] = ()

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """Return the lines to print after ``assessor: error:``."""
        return [self.message]


class InvalidFile(AssessorError):
    """One or more files hold mistakes; every one is listed, not just the first.

    Unanswered questions are summarised per file and instrument unless ``full`` is set.
    """

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = (), *,
                 full: bool = False) -> None:
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)  # shown after the errors, as ``assessor: warning:``
        self.full = full
        super().__init__(f"{counted(self.problems)} found")

    def lines(self) -> list[str]:
        """Return every mistake in full, then each file's unanswered questions (summarised)."""
        once = list(dict.fromkeys(self.problems))  # a file named twice is reported once
        return [str(p) for p in once] if self.full else summarised(once)


def counted(problems: Iterable[Problem]) -> str:
    """Say how many mistakes and unanswered questions there are: "3 problems, 41 unanswered"."""
    items = list(problems)
    gaps = sum(1 for p in items if p.unanswered is not None)
    mistakes = len(items) - gaps
    parts = [f"{mistakes} problem{'s' if mistakes != 1 else ''}"] if mistakes or not gaps else []
    if gaps:
        parts.append(f"{gaps} unanswered" if parts else
                     f"{gaps} question{'s' if gaps != 1 else ''} unanswered")
    return ", ".join(parts)


def summarised(problems: Sequence[Problem]) -> list[str]:
    """Return each file's mistakes in full, then one line per instrument for its gaps.

    Ten real mistakes must not drown among a hundred "no answer" lines: the gaps are counted per
    instrument, followed by how to list them or write them out to fill in.
    """
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    lines: list[str] = []
    for path, found in by_path.items():
        lines += [str(p) for p in found if p.unanswered is None]
        lines += gap_lines(path, [p for p in found if p.unanswered is not None])
    return lines


def gap_lines(path: str, gaps: Sequence[Problem]) -> list[str]:
    """Return one line per instrument for the unanswered questions of one file, and a hint."""
    if not gaps:
        return []
    groups: dict[str, list[str]] = {}
    for gap in gaps:
        groups.setdefault(gap.unanswered or "", []).append(gap.qid or "?")
    where = path if gaps[0].line is None else f"{path}:{gaps[0].line}"
    lines = []
    for label, ids in groups.items():
        count = len(ids)
        which = (": " + ", ".join(ids) if count <= SHOWN_IDS else f" (the first: {ids[0]})")
        lines.append(f"{where}: {label}: {count} applicable question{'s' if count != 1 else ''} "
                     f"unanswered{which}")
    quoted = shlex.quote(path)
    lines.append(f"{where}: list every unanswered question with `assessor check --missing "
                 f"{quoted}`, write them to a file to fill in with `assessor template --from "
                 f"{quoted} --missing -o todo.yaml`, or accept the gaps with --allow-incomplete")
    return lines


def display_path(path: Path | str) -> str:
    r"""Return ``path`` relative to the working folder when it lies below it, as users typed it.

    A file name's bytes that are not UTF-8 (``caf\xe9.yaml`` in Latin-1) are shown as ``\xe9``,
    so the name can be printed and written into a report.
    """
    p = Path(path)
    try:
        text = str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # a symlink loop (RuntimeError before 3.13)
        text = str(p)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") if any(
        "\udc80" <= c <= "\udcff" for c in text) else text
