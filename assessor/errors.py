"""Errors for bad input: each carries its exit status and the problems to show the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in one file, located as precisely as the file allows."""

    path: str
    message: str
    line: int | None = None
    qid: str | None = None

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
    """One or more files hold mistakes; every one is listed, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...],
                 warnings: list[Problem] | tuple[Problem, ...] = ()) -> None:
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)  # shown after the errors, as ``assessor: warning:``
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def lines(self) -> list[str]:
        """Return one line per problem."""
        return [str(p) for p in self.problems]


def display_path(path: Path | str) -> str:
    """Return ``path`` relative to the working folder when it lies below it, as users typed it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
