"""Where the interview goes: a step (a screen and its target) and the navigation requests.

Shared by the screens, which return the next step, and the loop in :mod:`.app`, which runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Act(Enum):
    """A navigation request, as opposed to an answer (an Enum, so no option id can equal one)."""

    HELP = "help"
    BACK = "back"
    SKIP = "skip"
    MORE = "more"


@dataclass(frozen=True)
class Step:
    """Where the interview goes next: details, ask, review, final, finish or quit."""

    kind: str
    target: str = ""
    origin: Step | None = None  # where a question reopened from a review returns
