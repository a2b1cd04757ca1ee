"""Scoring: pure and deterministic, answers + catalog -> scores, coverage and ranked gaps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import assert_never

from assessor.banks.scope import engaged, scope_of
from assessor.model.catalog import Catalog, Question, QuestionType, Severity
from assessor.model.record import ALTERNATE, NA, UNKNOWN, Answer
from assessor.model.result import FLOORS, Gap, Result, Score

BANDS = tuple((floor, str(band)) for band, floor in FLOORS.items())  # best first


def answer_score(question: Question, answer: Answer) -> float | None:
    """Return the score of one answer in [0, 1]; None where it is left out (na)."""
    value = answer.value
    if value == NA:
        return None
    if value == UNKNOWN:
        return 0.0
    if value == ALTERNATE:
        return 1.0
    match question.type:
        case QuestionType.NUMBER if question.limit is not None:
            return 1.0 if isinstance(value, float) and question.limit.met(value) else 0.0
        case QuestionType.MULTI if isinstance(value, tuple):
            chosen = (question.option(v) for v in value)
            total = sum(o.score or 0.0 for o in chosen if o is not None)
            return min(1.0, round(total, 6))
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE | \
                QuestionType.MULTI | QuestionType.NUMBER | QuestionType.TEXT:
            option = question.option(value) if isinstance(value, str) else None
            return option.score if option is not None and option.score is not None else 0.0
        case _:
            assert_never(question.type)


@dataclass
class Tally:
    """Running totals for one score."""

    weighted: float = 0.0
    weights: float = 0.0
    applicable: int = 0
    answered: int = 0
    unknown: int = 0
    na: int = 0

    def add(self, question: Question, answer: Answer | None, score: float | None) -> None:
        """Count one applicable control."""
        self.applicable += 1
        if answer is None:
            return
        if answer.value == NA:
            self.na += 1
            self.answered += 1
            return
        if answer.value == UNKNOWN:
            self.unknown += 1
        else:
            self.answered += 1
        if score is not None:
            self.weighted += question.weight * score
            self.weights += question.weight

    def score(self) -> Score:
        """Return the weighted mean (0-100) with coverage counts."""
        value = round(100.0 * self.weighted / self.weights, 1) if self.weights else None
        return Score(value, self.applicable, self.answered, self.unknown, self.na)


def rating(score: float | None) -> str:
    """Return the rating band of an overall score."""
    if score is None:
        return "not_rated"
    return next(name for floor, name in BANDS if score >= floor)


def capped(band: str, gaps: Iterable[Gap], caps: Mapping[Severity, str]) -> tuple[str,
                                                                                 Severity | None]:
    """Cap a band by the open gaps: a rating cannot be better than its worst gap allows.

    Returns the rating and the severity whose cap lowered it (None when the band stands). When
    several caps bind, the one that lowers the band most is quoted (the more severe on a tie).
    """
    order = [name for _, name in BANDS]
    if band not in order:
        return band, None
    rating, by = band, None
    for severity in sorted({g.severity for g in gaps} & set(caps), key=lambda s: s.rank):
        if order.index(caps[severity]) > order.index(rating):
            rating, by = caps[severity], severity
    return rating, by


def binding_gaps(catalog: Catalog, gaps: Iterable[Gap]) -> list[Gap]:
    """Return the gaps of legally binding instruments: only they cap the rating.

    The GDSI binds no organisation; its gaps show alignment and stay in the score, but a rating
    is capped for an unmet legal duty, not for a policy no law imposes.
    """
    instruments = catalog.instruments
    loose = {q.id for q in catalog.questionnaires
             if q.instrument in instruments and not instruments[q.instrument].binding}
    return [g for g in gaps if g.question.questionnaire not in loose]


def facts(gaps: list[Gap]) -> list[Gap]:
    """Return one gap per fact: a control answered under another (``same_as``) joins its gap.

    The answer is the same fact, so the shortfall is one finding for every law that asks it;
    where the control it was answered under is not a gap (it cannot be: same answer, same
    options), the gap stands alone.
    """
    by_id = {g.question.id: g for g in gaps}
    joined: dict[str, list[Question]] = defaultdict(list)
    alone = []
    for gap in gaps:
        via = gap.answer.via if gap.answer is not None else None
        if via is not None and via in by_id:
            joined[via].append(gap.question)
        else:
            alone.append(gap)
    return [replace(g, also=tuple(joined[g.question.id])) if g.question.id in joined else g
            for g in alone]


def score(catalog: Catalog, answers: Mapping[str, Answer]) -> Result:
    """Score every applicable control, at each level, and rank the gaps."""
    applies, unsettled = scope_of(catalog, answers)
    overall = Tally()
    by_qn: dict[str, Tally] = defaultdict(Tally)
    by_section: dict[str, Tally] = defaultdict(Tally)
    by_principle: dict[int, Tally] = defaultdict(Tally)
    question_scores: dict[str, float] = {}
    gaps: list[Gap] = []
    for question in catalog.questions:
        if not question.scored or not applies[question.id]:
            continue
        answer = answers.get(question.id)
        value = answer_score(question, answer) if answer is not None else None
        tallies: Iterable[Tally] = (overall, by_qn[question.questionnaire],
                                    by_section[question.section],
                                    *(by_principle[p] for p in question.principles))
        for tally in tallies:
            tally.add(question, answer, value)
        if value is not None:
            question_scores[question.id] = value
            if value < 1.0:
                gaps.append(Gap(question, answer, value))
    ranked = sorted(facts(gaps), key=lambda g: (g.severity.rank, -g.shortfall,
                                                catalog.order[g.question.id]))
    overall_score = overall.score()
    ranked_gaps = tuple(replace(g, rank=i + 1) for i, g in enumerate(ranked))
    band = rating(overall_score.score)
    binding = binding_gaps(catalog, ranked_gaps)
    capped_rating, capped_by = capped(band, binding, catalog.caps)
    return Result(
        overall=overall_score,
        by_questionnaire={q.id: by_qn[q.id].score() for q in catalog.questionnaires
                          if q.kind == "bank" and q.id in by_qn},
        by_section={s: t.score() for s, t in by_section.items()},
        by_principle={p.id: by_principle[p.id].score() for p in catalog.principles
                      if p.id in by_principle},
        applicable=applies,
        question_scores=question_scores,
        gaps=ranked_gaps,
        rating=capped_rating,
        band=band,
        capped_by=capped_by,
        capping=tuple(g for g in binding if g.severity == capped_by),
        unsettled=unsettled,
    )


def standing(catalog: Catalog, answers: Mapping[str, Answer],
             scope: Sequence[str] = ()) -> tuple[Catalog, Result]:
    """Return the engagement's banks and their scores: the one way every view counts.

    ``scope`` is the record's ``assessment.scope`` (empty: every bank). ``score``, the reports
    and the interview's end screen all go through here, so the score, coverage and counts a
    consultant quotes are the same on every screen (issue 24).
    """
    banks = engaged(catalog, scope)
    return banks, score(banks, answers)
