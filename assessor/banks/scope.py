"""Scope: which questions apply, given the answers so far, and why."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from assessor.banks import conditions
from assessor.bilingual import Lang, Text
from assessor.model.catalog import Catalog, Question, QuestionType
from assessor.model.record import UNKNOWN, Answer


def engaged(catalog: Catalog, scope: Sequence[str]) -> Catalog:
    """Return the catalog of an engagement: the profile and the banks in ``scope`` (all if empty).

    The banks left out go to ``outside``, so a report can name them; they are neither asked,
    checked for missing answers, nor scored ("0% covered" would misstate an engagement that
    never covered them). Conditions read only the profile, which always stays.
    """
    if not scope:
        return catalog
    wanted = set(scope)
    kept = tuple(q for q in catalog.questionnaires if q.kind == "profile" or q.id in wanted)
    if len(kept) == len(catalog.questionnaires):
        return catalog
    left = tuple(q for q in catalog.questionnaires if q not in kept)
    return dataclasses.replace(catalog, questionnaires=kept, outside=(*catalog.outside, *left))


def condition_value(question: Question, answer: Answer | None) -> Any:
    """Return the value a condition sees: undecided for unknown, missing for na and alternate."""
    if answer is not None and answer.special == UNKNOWN:
        return conditions.UNDECIDED
    if answer is None or answer.special or answer.value is None:
        return conditions.MISSING
    if question.type is QuestionType.MULTI and isinstance(answer.value, tuple):
        return answer.value
    return answer.value


Level = tuple[str, Text | None]  # a condition and the scope words that say whom it selects


def levels(catalog: Catalog, question: Question) -> tuple[Level, ...]:
    """Return the conditions on ``question`` with their scope words: bank, section, question."""
    outer = catalog.limits.get((question.questionnaire, question.section))
    if outer is None:  # a section its bank does not hold, or no such bank: the bank's alone
        bank = catalog.questionnaire(question.questionnaire)
        outer = ((bank.applies_if, bank.scope),) if bank is not None and bank.applies_if else ()
    return (*outer, (question.applies_if, question.scope)) if question.applies_if else outer


def expressions(catalog: Catalog, question: Question) -> tuple[str, ...]:
    """Return the conditions that must all hold for ``question``: bank, section, question."""
    return tuple(expression for expression, _ in levels(catalog, question))


def reads(expression: str) -> tuple[str, ...]:
    """Return the question ids a condition reads (compiled once: conditions repeat)."""
    return conditions.names(expression)


def applicability(catalog: Catalog, answers: Mapping[str, Answer]) -> dict[str, bool]:
    """Return, for every question in catalog order, whether it applies.

    An answer to a question that does not apply is kept but feeds no later condition. A question
    whose condition an ``unknown`` fact leaves undecided applies (see :func:`unsettled`).
    """
    return scope_of(catalog, answers)[0]


def unsettled(catalog: Catalog, answers: Mapping[str, Answer]) -> dict[str, tuple[str, ...]]:
    """Return the questions that apply only because a fact is unknown, with the facts to settle.

    A cautious consultant keeps such a control in scope, marked "scope to be confirmed"; the
    facts are the ``unknown`` answers its conditions read.
    """
    return scope_of(catalog, answers)[1]


def scope_of(catalog: Catalog, answers: Mapping[str, Answer]) -> tuple[
        dict[str, bool], dict[str, tuple[str, ...]]]:
    """Return whether each question applies, and the facts that would settle undecided ones."""
    known = Known()
    result: dict[str, bool] = {}
    open_facts: dict[str, tuple[str, ...]] = {}
    for question in catalog.questions:
        applies, settle = True, []
        for expression, _ in levels(catalog, question):
            decided = known.truth(expression)
            if decided is False:
                applies = False
                break
            if decided is None:
                settle += [name for name in reads(expression)
                           if known.values.get(name) is conditions.UNDECIDED]
        result[question.id] = applies
        if applies and settle:
            open_facts[question.id] = tuple(dict.fromkeys(settle))
        if applies:
            known.add(question.id, condition_value(question, answers.get(question.id)))
    return result, open_facts


class Known:
    """The values conditions see so far, and the truth of each condition evaluated on them.

    A bank's or section's condition is shared by all its questions: it is evaluated once, and
    again only after a question it reads is answered (answers only ever join the values).
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.truths: dict[str, bool | None] = {}
        self.readers: dict[str, list[str]] = {}  # question id -> conditions that read it

    def truth(self, expression: str) -> bool | None:
        """Return the truth of ``expression`` in three values on the values so far."""
        if expression not in self.truths:
            condition = conditions.compiled(expression)
            self.truths[expression] = condition.truth(self.values)
            for name in condition.names:
                self.readers.setdefault(name, []).append(expression)
        return self.truths[expression]

    def add(self, qid: str, value: Any) -> None:
        """Let later conditions see ``value`` for ``qid`` (a missing one stays out)."""
        if value is conditions.MISSING:
            return
        self.values[qid] = value
        for expression in self.readers.pop(qid, ()):
            self.truths.pop(expression, None)  # listed under each fact it reads: maybe gone


def scope_text(catalog: Catalog, question: Question) -> list[Text]:
    """Return the ``scope`` words of every level that restricts ``question``."""
    return [words for _, words in levels(catalog, question) if words]


def facts(catalog: Catalog, expression: str, answers: Mapping[str, Answer],
          lang: Lang) -> list[str]:
    """Return "question: answer" for each question a condition reads, in the report's language."""
    out: list[str] = []
    for name in conditions.names(expression):
        question = catalog.question(name)
        if question is None:
            continue
        answer = answers.get(name)
        shown = NOT_ASKED[lang] if answer is None and not_asked(catalog, question, answers) \
            else display_value(question, answer, lang)
        out.append(f"{question.text.get(lang)} {shown}")
    return out


NOT_ASKED = {"en": "not applicable (not asked)", "zh": "不适用（未询问）"}


def not_asked(catalog: Catalog, question: Question, answers: Mapping[str, Answer]) -> bool:
    """Return True when the other answers rule ``question`` out, so the interview never asked it.

    Such a fact reads "not applicable (not asked)" in a report, not "not answered": the
    consultant did not leave it open.
    """
    found = expressions(catalog, question)
    if not found:
        return False
    values: dict[str, Any] = {}
    for expression in found:
        for name in conditions.names(expression):
            other = catalog.question(name)
            if other is not None:
                values[name] = condition_value(other, answers.get(name))
    return any(conditions.decide(e, values) is False for e in found)


def display_value(question: Question, answer: Answer | None, lang: Lang) -> str:
    """Return an answer as a person reads it: option labels, numbers with units, or a dash."""
    if answer is None or answer.value is None:
        return "未作答" if lang == "zh" else "not answered"
    if answer.special:
        return {"na": ("Not applicable", "不适用"), "unknown": ("Unknown", "未知"),
                "alternate": ("Alternative measure", "替代措施")}[answer.special][lang == "zh"]
    value = answer.value
    if isinstance(value, tuple):
        return "; ".join(label(question, v, lang) for v in value) or "—"
    if isinstance(value, float):
        number = f"{value:,.0f}" if value.is_integer() else f"{value:,}"
        return f"{number} {question.unit.get(lang)}" if question.unit else number
    return label(question, value, lang)


def label(question: Question, option_id: str, lang: Lang) -> str:
    """Return the label of an option id, or the id itself."""
    option = question.option(option_id)
    return option.label.get(lang) if option else option_id
