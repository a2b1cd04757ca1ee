"""Scoring against hand-computed expectations on the small catalog."""

from __future__ import annotations

from assessor.model.catalog import Catalog, Severity
from assessor.model.record import Answer
from assessor.scoring import rating, score


def answers(**values: object) -> dict[str, Answer]:
    """Build answers from keyword arguments (``__`` stands for a dot)."""
    out = {}
    for key, value in values.items():
        qid = key.replace("__", ".")
        note = "because" if value in ("na", "alternate") else None
        out[qid] = Answer(qid, tuple(value) if isinstance(value, list) else value, note)  # type: ignore[arg-type]
    return out


def test_weighted_scores_at_every_level(mini: Catalog) -> None:
    result = score(mini, answers(
        profile__big="yes", profile__people=5000.0, bank__ops__logs=3.0, bank__ops__plan="partial",
        bank__big__officer="no", bank__big__elements=["a"]))
    # weights: logs 2 (0), plan 1 (0.5), officer 1 (0), elements 1 (0.5) -> 1.0 / 5
    assert result.overall.score == 20.0
    assert result.by_section["bank.ops"].score == round(100 * 0.5 / 3, 1)
    assert result.by_section["bank.big"].score == 25.0
    assert result.by_principle[1].score == 16.7  # logs (2, 0) and plan (1, 0.5)
    assert result.by_principle[3].score == 33.3  # plan, officer, elements
    assert result.rating == "weak"


def test_gaps_ranked_by_severity_then_weighted_shortfall(mini: Catalog) -> None:
    result = score(mini, answers(
        profile__big="yes", profile__people=5000.0, bank__ops__logs=3.0, bank__ops__plan="partial",
        bank__big__officer="no", bank__big__elements=["a"]))
    assert [(g.rank, g.question.id) for g in result.gaps] == [
        (1, "bank.big.officer"), (2, "bank.ops.logs"), (3, "bank.ops.plan"),
        (4, "bank.big.elements")]
    assert result.gaps[0].question.severity is Severity.CRITICAL


def test_number_meets_statutory_limit(mini: Catalog) -> None:
    result = score(mini, answers(profile__big="no", bank__ops__logs=6.0,
                                 bank__ops__plan="implemented"))
    assert result.overall.score == 100.0
    assert result.gaps == ()


def test_condition_removes_section_from_scope(mini: Catalog) -> None:
    result = score(mini, answers(profile__big="yes", profile__people=10.0, bank__ops__logs=6.0,
                                 bank__ops__plan="implemented"))
    assert result.applicable["bank.big.officer"] is False
    assert "bank.big" not in result.by_section
    assert result.overall.applicable == 2


def test_na_left_out_unknown_scores_zero_alternate_counts_as_met(mini: Catalog) -> None:
    result = score(mini, answers(
        profile__big="yes", profile__people=5000.0, bank__ops__logs="unknown",
        bank__ops__plan="alternate", bank__big__officer="na", bank__big__elements=["a", "b"]))
    # logs unknown: weight 2, score 0; plan alternate: 1; elements 1; officer left out
    assert result.overall.score == 50.0
    assert result.overall.applicable == 4
    assert result.overall.unknown == 1
    assert result.overall.na == 1
    assert result.overall.coverage == 75.0
    assert [g.question.id for g in result.gaps] == ["bank.ops.logs"]


def test_missing_answers_lower_coverage_not_score(mini: Catalog) -> None:
    result = score(mini, answers(profile__big="no", bank__ops__plan="implemented"))
    assert result.overall.score == 100.0
    assert result.overall.coverage == 50.0


def test_rating_bands() -> None:
    assert [rating(s) for s in (None, 0, 49.9, 50, 70, 85, 100)] == [
        "not_rated", "weak", "weak", "needs_improvement", "adequate", "strong", "strong"]
