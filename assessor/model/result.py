"""What scoring decides: scores with their coverage, ranked gaps, and the overall rating."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import assert_never

from assessor.bilingual import Lang, Text
from assessor.model.catalog import Question, Severity
from assessor.model.record import Answer


class Rating(StrEnum):
    """The overall rating: the band a score falls in (best first), or not rated.

    The one home of the bands: their floors (:data:`FLOORS`, read by scoring and the charts)
    and their names as the terminal and the interview say them. The report's own words for
    them are in ``report_templates/strings.yaml``.
    """

    STRONG = "strong"
    ADEQUATE = "adequate"
    NEEDS_IMPROVEMENT = "needs_improvement"
    WEAK = "weak"
    NOT_RATED = "not_rated"

    @property
    def words(self) -> Text:
        """Return the rating's name in English and Chinese."""
        match self:
            case Rating.STRONG:
                return Text("Strong", "良好")
            case Rating.ADEQUATE:
                return Text("Adequate", "基本达标")
            case Rating.NEEDS_IMPROVEMENT:
                return Text("Needs improvement", "有待改进")
            case Rating.WEAK:
                return Text("Weak", "薄弱")
            case Rating.NOT_RATED:
                return Text("Not rated", "未评级")
            case _:
                assert_never(self)


# The lowest overall score of each band, best first; below the last floor nothing is rated.
FLOORS: dict[Rating, float] = {Rating.STRONG: 85.0, Rating.ADEQUATE: 70.0,
                               Rating.NEEDS_IMPROVEMENT: 50.0, Rating.WEAK: 0.0}


def rating_words(name: str, lang: Lang = "en") -> str:
    """Return the words for a rating given by its id (``needs_improvement``), or the id."""
    try:
        return Rating(name).words.get(lang)
    except ValueError:
        return name


@dataclass(frozen=True, slots=True)
class Score:
    """A weighted score (0-100, None when nothing is scored) with its coverage."""

    score: float | None
    applicable: int
    answered: int
    unknown: int = 0
    na: int = 0

    @property
    def coverage(self) -> float:
        """Return the share (0-100) of applicable controls with a definite answer."""
        return 100.0 if not self.applicable else 100.0 * self.answered / self.applicable


@dataclass(frozen=True, slots=True)
class Gap:
    """An applicable control scoring below 1, ranked by severity then weighted shortfall.

    One gap is one fact: ``also`` holds the controls of other instruments that ask the same
    fact (``same_as``) and were answered under this one; they are counted, listed and cited
    with it, never as gaps of their own.
    """

    question: Question
    answer: Answer | None
    score: float
    rank: int = 0
    also: tuple[Question, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every control this gap stands for: its own, then those sharing the fact."""
        return (self.question, *self.also)

    @property
    def shortfall(self) -> float:
        """Return weight x (1 - score), the tie-breaker within a severity."""
        return max(q.weight for q in self.questions) * (1.0 - self.score)

    @property
    def severity(self) -> Severity:
        """Return the severity that ranks this gap: the assessor's override, else the bank's.

        A fact several instruments ask takes the most severe of their controls' severities.
        """
        override = self.answer.severity if self.answer is not None else None
        if override is not None:
            return override.level
        return min((q.severity for q in self.questions), key=lambda s: s.rank)

    @property
    def bank_severity(self) -> Severity:
        """Return the severity the banks give the fact (the most severe of its controls)."""
        return min((q.severity for q in self.questions), key=lambda s: s.rank)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything scoring decides: scores at each level, applicability, and ranked gaps."""

    overall: Score
    by_questionnaire: dict[str, Score]
    by_section: dict[str, Score]
    by_principle: dict[int, Score]
    applicable: dict[str, bool]
    question_scores: dict[str, float]
    gaps: tuple[Gap, ...]
    rating: str
    band: str = ""  # the band of the score alone, before any cap
    capped_by: Severity | None = None  # the severity of the open gaps that capped the rating
    capping: tuple[Gap, ...] = ()  # those gaps (ranked), which hold the rating down
    # questions applying only because a fact is unknown -> the facts that would settle them
    unsettled: dict[str, tuple[str, ...]] = field(default_factory=dict)
