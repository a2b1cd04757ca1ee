"""Facts asked once: a control that declares ``same_as`` takes another control's answer.

Two instruments often ask the same fact (the MLPS grading under the CSL and the DSL; a foreign
authority's request under the DSL, the PIPL and the GDSI). The bank says so on the second
control: ``same_as: csl.mlps.grading``. The second keeps its own instrument, references,
severity and weight, and takes the first's form of answer (type, options, unit, limit); the
interview asks the first only, and its answer counts under both (see
:mod:`assessor.record.shared`). A control whose fact is asked under another cannot itself lend
its fact: chains would hide where an answer comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from assessor.errors import Problem
from assessor.model.catalog import Question, Questionnaire


def share(questionnaires: tuple[Questionnaire, ...]) -> tuple[tuple[Questionnaire, ...],
                                                              list[Problem]]:
    """Give each control that asks another's fact that control's form of answer.

    Returns:
        The questionnaires with those controls completed, and the problems found (an unknown
        control, a control naming itself, or one that lends a fact it borrows).
    """
    by_id: dict[str, Question] = {q.id: q for qn in questionnaires for q in qn.questions}
    problems: list[Problem] = []
    out = []
    for questionnaire in questionnaires:
        sections = []
        for section in questionnaire.sections:
            questions = tuple(complete(q, by_id, questionnaire, problems) for q in
                              section.questions)
            sections.append(replace(section, questions=questions))
        out.append(replace(questionnaire, sections=tuple(sections)))
    return tuple(out), problems


def complete(question: Question, by_id: Mapping[str, Question], questionnaire: Questionnaire,
             problems: list[Problem]) -> Question:
    """Return ``question`` with the answer's form of the control whose fact it asks."""
    if question.same_as is None:
        return question
    primary = by_id.get(question.same_as)
    problem = None
    if primary is None:
        problem = f"same_as names unknown question '{question.same_as}'"
    elif primary.id == question.id:
        problem = "same_as names the control itself"
    elif primary.same_as is not None:
        problem = (f"same_as names '{primary.id}', whose fact is asked under "
                   f"'{primary.same_as}': name that one")
    if problem is not None or primary is None:
        problems.append(Problem(questionnaire.path, problem or "", question.line, question.id))
        return replace(question, same_as=None)
    scored = questionnaire.kind == "bank" and (primary.type.is_choice or primary.limit is not None)
    return replace(question, type=primary.type, options=primary.options, unit=primary.unit,
                   minimum=primary.minimum, maximum=primary.maximum, limit=primary.limit,
                   alternate=primary.alternate, scored=scored)
