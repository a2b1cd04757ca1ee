"""Why a control applies or not: the conditions that decided it, quoted.

Each reason names the scope in words and the profile answers the conditions
read: the scope page, the controls left out, the Statement of Applicability
and the controls whose scope is still to be confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessor.banks import conditions
from assessor.banks.scope import condition_value, facts, levels
from assessor.bilingual import Lang, Text
from assessor.model.catalog import Catalog, Question
from assessor.model.record import Answer, Answers
from assessor.model.result import Result
from assessor.model.said import in_lang
from assessor.report.controls import question_dict
from assessor.report.rows import Fact, ToConfirm
from assessor.report.view import SoaBlock, SoaRow


def condition_values(catalog: Catalog, answers: Answers, result: Result) -> dict[str, Any]:
    """Return what conditions saw: the values of applicable answers, as ``scope`` computes them."""
    values: dict[str, Any] = {}
    for qid, answer in answers.answers.items():
        question = catalog.question(qid)
        if question is not None and result.applicable.get(qid):
            value = condition_value(question, answer)
            if value is not conditions.MISSING:
                values[qid] = value
    return values


def explain(catalog: Catalog, expression: str, scope: Text | None, answers: Answers,
            lang: Lang) -> str:
    """Say whom a condition selects and quote the profile answers it read."""
    words = scope.get(lang) if scope else expression
    quoted = list(dict.fromkeys(facts(catalog, expression, answers.answers, lang)))
    if not quoted:
        return words
    if lang == "zh":
        return f"{words}（概况：{'；'.join(quoted)}）"
    return f"{words} (profile: {'; '.join(quoted)})"


@dataclass
class Memo:
    """Conditions already decided and explained for one report: whole sections share one."""

    said: dict[tuple[str, Text | None], str] = field(default_factory=dict)
    decided: dict[str, bool | None] = field(default_factory=dict)

    def decide(self, expression: str, values: dict[str, Any]) -> bool | None:
        """Return :func:`conditions.decide` of ``expression``, once per report."""
        if expression not in self.decided:
            self.decided[expression] = conditions.decide(expression, values)
        return self.decided[expression]


def reason(catalog: Catalog, question: Question, answers: Answers, lang: Lang,
           values: dict[str, Any], *, applies: bool = False, memo: Memo | None = None) -> str:
    """Say why a control applies or not: the conditions that decided it, with their answers.

    For a control that applies, every condition on it (empty when it applies to every
    organisation); for one that does not, the first condition that failed (``values``, from
    :func:`condition_values`, is what the conditions saw). ``memo`` keeps the decisions and
    explanations when many controls are explained with the same ``values``.
    """
    memo = Memo() if memo is None else memo
    found = list(levels(catalog, question))
    if not applies:
        found = [(e, s) for e, s in found if memo.decide(e, values) is False][:1] or found
    said = memo.said
    for expression, scope in found:
        if (expression, scope) not in said:
            said[expression, scope] = explain(catalog, expression, scope, answers, lang)
    return "; ".join(said[found_one] for found_one in found)


def applicability_statement(catalog: Catalog, answers: Answers, result: Result, lang: Lang,
                            values: dict[str, Any], memo: Memo | None = None) -> list[SoaBlock]:
    """Return the Statement of Applicability: every control, whether it applies, why, its status.

    The reason quotes the profile answers behind the conditions that decided it: for a control
    that applies, every condition on it (empty when it applies to every organisation); for one
    that does not, the first condition that failed. Decisions and explanations are memoised
    per condition (``memo``, shared with the list of excluded controls), since whole sections
    share one.
    """
    memo = Memo() if memo is None else memo
    out: list[SoaBlock] = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "bank":
            continue
        rows: list[SoaRow] = []
        for question in questionnaire.questions:
            if not question.scored:
                continue
            applies = bool(result.applicable.get(question.id))
            answer = answers.answers.get(question.id)
            value = result.question_scores.get(question.id)
            why = reason(catalog, question, answers, lang, values, applies=applies, memo=memo)
            rows.append({"id": question.id, "text": question.text.get(lang),
                         "applies": applies, "reason": why,
                         "status": control_status(answer, applies=applies, value=value),
                         "to_confirm": question.id in result.unsettled,
                         "score": value if applies else None,
                         "note": in_lang(answer.note, lang)
                         if answer is not None and applies else None})
        out.append({"id": questionnaire.id, "title": questionnaire.title.get(lang),
                    "rows": rows})
    return out


def control_status(answer: Answer | None, *, applies: bool, value: float | None) -> str:
    """Return a control's status in the Statement of Applicability."""
    if not applies:
        return "excluded"
    if answer is None:
        return "unanswered"
    if answer.special is not None:
        return answer.special
    if value is None or value <= 0:
        return "not_met"
    return "met" if value >= 1.0 else "partial"


def scope_to_confirm(catalog: Catalog, result: Result, lang: Lang) -> list[ToConfirm]:
    """List the controls in scope only because a profile fact is unknown, with that fact.

    Scope errs on the safe side: such a control applies (it is scored and can be a gap), and the
    report names the facts whose answer would settle whether it really does.
    """
    out: list[ToConfirm] = []
    for qid, facts_read in result.unsettled.items():
        question = catalog.question(qid)
        if question is None or not question.scored:
            continue
        settle: list[Fact] = [{"id": name, "text": fact.text.get(lang)}
                  for name in facts_read if (fact := catalog.question(name)) is not None]
        out.append({**question_dict(catalog, question, lang), "settled_by": settle})
    return out
