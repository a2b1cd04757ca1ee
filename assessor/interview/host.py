"""What a screen may use of the interview that shows it, and what the interview was asked.

The screens (:mod:`.menus`, :mod:`.question`, :mod:`.question_view`, :mod:`.review`,
:mod:`.stale`) take an :class:`Interview` as this narrow protocol rather than the class in
:mod:`.app`, which imports them: the screens depend on what they use, and no import runs in a
circle.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assessor.errors import display_path

if TYPE_CHECKING:
    from assessor.interview.screens import Line
    from assessor.interview.session import Change, Session
    from assessor.interview.steps import Step
    from assessor.model.catalog import Question
    from assessor.model.record import Answer


@dataclass(frozen=True, slots=True)
class Request:
    """An interview as ``assessor interview`` asks for it."""

    banks: tuple[str, ...] = ()  # -q: only these banks (the profile always)
    output: Path | None = None
    resume: Path | None = None
    lang: str | None = None
    prompt_all: bool = False
    respondent: str | None = None
    folders: tuple[Path, ...] = ()  # --questionnaires, repeated in the commands it suggests
    builtin: bool = True  # False: --no-builtin


@dataclass(frozen=True)
class Commands:
    """The commands a consultant types next: resume the interview, render the report."""

    request: Request
    path: Path

    def common(self) -> list[str]:
        """Return the catalog options the interview ran with, for the commands it suggests."""
        parts: list[str] = []
        for folder in self.request.folders:
            parts += ["--questionnaires", display_path(folder)]
        return parts + ([] if self.request.builtin else ["--no-builtin"])

    def resume(self) -> str:
        """Return the command that continues this interview."""
        parts = ["assessor", "interview", "--resume", display_path(self.path), *self.common()]
        for bank in self.request.banks:
            parts += ["-q", bank]
        return shlex.join(parts + (["--lang", self.request.lang] if self.request.lang else []))

    def migrate(self) -> str:
        """Return the command that carries the answers file to the current banks."""
        return shlex.join(["assessor", "migrate", display_path(self.path), *self.common()])

    def render(self, out: Path, *, incomplete: bool) -> str:
        """Return the command that renders the report."""
        parts = ["assessor", "run", display_path(self.path), "-o", display_path(out),
                 *self.common()]
        return shlex.join(parts + (["--allow-incomplete"] if incomplete else []))


class Interview(Protocol):
    """The interview as its screens see it: the session, the language, the shared state."""

    session: Session
    lang: str
    commands: Commands
    prompt_all: bool
    status: list[Line]  # shown at the top of the next screen
    show_help: bool
    review_flagged: bool

    def words(self, key: str, **values: object) -> str:
        """Return the wording ``key`` in the interview's language."""

    def top(self, bar: str, status: list[Line] | None = None) -> list[Line]:
        """Clear the screen; return the bar across its top and the status lines."""

    def onward(self) -> Step:
        """Return the first question not yet answered nor skipped, or the final screen."""

    def before(self, question: Question) -> Step:
        """Return the question before ``question``, or the organisation details."""

    def after(self, question: Question) -> Step:
        """Return the next open question of the same questionnaire, else its review."""

    def saved(self, question: Question, answer: Answer, change: Change) -> None:
        """Tell, on the next screen, what was saved and what it changed in scope."""
