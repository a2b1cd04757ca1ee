"""Terminal summary: scores per instrument and principle, and the top gaps, as plain text."""

from __future__ import annotations

from assessor.model import Answers, Catalog, Result

RATINGS = {"strong": "Strong", "adequate": "Adequate", "needs_improvement": "Needs improvement",
           "weak": "Weak", "not_rated": "Not rated"}


def fmt(value: float | None) -> str:
    """Format a score for a column."""
    return "   —" if value is None else f"{value:4.0f}"


def summary_lines(catalog: Catalog, answers: Answers, result: Result, top: int = 10) -> list[str]:
    """Return the lines of the summary."""
    overall = result.overall
    lines = [f"{answers.organisation.name}",
             f"Overall {fmt(overall.score).strip()} / 100  ({RATINGS[result.rating]}), "
             f"coverage {overall.coverage:.0f}% ({overall.answered}/{overall.applicable})", "",
             f"{'instrument':<44} {'score':>5} {'coverage':>9}"]
    for questionnaire in catalog.questionnaires:
        found = result.by_questionnaire.get(questionnaire.id)
        if found is not None:
            lines.append(f"{questionnaire.title.en[:44]:<44} {fmt(found.score):>5} "
                         f"{found.coverage:8.0f}%")
    if result.by_principle:
        lines += ["", f"{'GDSI principle':<44} {'score':>5} {'coverage':>9}"]
        for principle in catalog.principles:
            found = result.by_principle.get(principle.id)
            if found is not None:
                name = f"{principle.id}. {principle.short.en}"[:44]
                lines.append(f"{name:<44} {fmt(found.score):>5} {found.coverage:8.0f}%")
    lines += ["", f"{len(result.gaps)} gaps; top {min(top, len(result.gaps))}:"]
    for gap in result.gaps[:top]:
        refs = "; ".join(r.cite() for r in gap.question.references[:2])
        lines.append(f"{gap.rank:>3}. [{gap.severity}] {gap.question.id}  ({refs})")
        lines.append(f"     {short_text(gap.question.text.en)}")
    return lines


def short_text(text: str, columns: int = 74) -> str:
    """Return a question's text on one line, cut at a word to ``columns`` characters.

    A gap named by its text as well as its id reads on a shared screen without the bank open.
    """
    line = " ".join(text.split())
    if len(line) <= columns:
        return line
    return line[:columns - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def print_summary(catalog: Catalog, answers: Answers, result: Result) -> None:
    """Print the summary to standard output."""
    print("\n".join(summary_lines(catalog, answers, result)))  # noqa: T201
