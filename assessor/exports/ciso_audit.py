"""CISO Assistant audit workbooks: an assessment's results, ready for its data wizard.

One workbook per bank, because the wizard imports an audit into one framework. Its first sheet
holds the columns of the wizard's "Audits" template (``product-docs/configuration/data-import.md``
and ``data_wizard/views.py`` of intuitem/ciso-assistant-community): ``urn``, ``assessable``,
``ref_id``, ``name``, ``description``, ``compliance_result``, ``requirement_progress``, ``score``,
``observations`` and ``answers`` ("question >> choice", which answers the node's own
single-choice question so the instance derives the same result). Rows match the library that
``export ciso-assistant`` writes, by ``ref_id`` then ``urn``.

What the client sees in CISO Assistant is client material only: the answer, the client's note,
the consultant's finding and the evidence titles; internal notes never leave the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, assert_never

from assessor.exports.ciso import (
    MAX_NAME,
    PROFILE_NODE,
    SPECIALS,
    clip,
    group_of,
    groups,
    node_urn,
    number_choices,
    scope_questions,
    stable_ids,
)
from assessor.model.catalog import Catalog, Question, Questionnaire, QuestionType
from assessor.model.record import ALTERNATE, NA, UNKNOWN, Answer, Answers, Status
from assessor.model.result import Result

COLUMNS = ("urn", "assessable", "ref_id", "name", "description", "compliance_result",
           "requirement_progress", "score", "observations", "answers")
RESULTS = ("not_assessed", "partially_compliant", "non_compliant", "compliant", "not_applicable")
PROGRESS = ("to_do", "in_progress", "in_review", "done")


@dataclass(frozen=True, slots=True)
class Row:
    """One requirement's line of the audit workbook."""

    urn: str
    assessable: bool
    ref_id: str
    name: str
    description: str
    result: str
    progress: str
    score: int | None
    observations: str
    answers: str

    def cells(self) -> list[Any]:
        """Return the row's cells in column order."""
        return [self.urn, self.assessable, self.ref_id, self.name, self.description,
                self.result, self.progress, self.score, self.observations, self.answers]


def choice_value(question: Question, answer: Answer) -> str:
    """Return the label of the library's choice this answer selects ("" when none)."""
    value = answer.value
    if answer.special:
        return SPECIALS[answer.special].en
    match question.type:
        case QuestionType.NUMBER:
            if question.limit is None or not isinstance(value, float):
                return ""
            within, beyond = number_choices(question)
            return (within if question.limit.met(value) else beyond)[1].en
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | QuestionType.SCALE:
            option = question.option(value) if isinstance(value, str) else None
            return option.label.en if option is not None else ""
        case QuestionType.TEXT:
            return ""  # the library asks no text questions of a control
        case _:
            assert_never(question.type)


def shown_answer(question: Question, answer: Answer) -> str:
    """Return the answer as the report prints it in English."""
    from assessor.banks.scope import display_value

    return display_value(question, answer, "en")


def result_for(answer: Answer | None, *, applies: bool,
               score: float | None) -> tuple[str, int | None]:
    """Return CISO Assistant's result and score (0-100) for one control.

    Unknown counts as a gap in our report, so it is ``non_compliant`` here too: the two tools
    then agree on the number of gaps.
    """
    if not applies:
        return "not_applicable", None
    if answer is None:
        return "not_assessed", None
    if answer.value == NA:
        return "not_applicable", None
    if answer.value == UNKNOWN:
        return "non_compliant", 0
    if answer.value == ALTERNATE:
        return "compliant", 100
    if score is None:
        return "not_assessed", None
    if score >= 1.0:
        return "compliant", 100
    return ("partially_compliant" if score >= 0.5 else "non_compliant"), round(score * 100)


def observations(question: Question, answer: Answer | None, *, applies: bool,
                 answers: Answers) -> str:
    """Return what the auditor observed, in client words: answer, note, finding, evidence."""
    if not applies:
        return "Not applicable to this organisation (its profile)."
    if answer is None:
        return ""
    parts = [f"Answer: {shown_answer(question, answer)}"]
    if answer.via:
        parts.append(f"Answered under {answer.via}.")
    if answer.note:
        parts.append(f"Note: {answer.note}")
    if answer.finding:
        parts.append(f"Finding: {answer.finding}")
    titles = [answers.evidence[e].title if e in answers.evidence else e for e in answer.evidence]
    if titles:
        parts.append("Evidence: " + "; ".join(titles))
    return "\n".join(parts)


def progress_of(answers: Answers, answer: Answer | None, *, applies: bool) -> str:
    """Return the requirement's progress: done once signed off, in review when answered."""
    if answers.assessment.status is Status.FINAL:
        return "done"
    return "in_review" if answer is not None or not applies else "to_do"


def control_row(bank: Questionnaire, question: Question, stem: str, answers: Answers,
                result: Result) -> Row:
    """Return one control's row."""
    answer = answers.answers.get(question.id)
    applies = result.applicable.get(question.id, False)
    verdict, score = result_for(answer, applies=applies,
                                score=result.question_scores.get(question.id))
    # A multiple choice is not answered through the wizard: CISO Assistant would then derive
    # the result from the choices alone (it has no cap or partial result for them), and the
    # two tools would disagree; the result and score columns carry ours instead.
    multi = question.type is QuestionType.MULTI
    picked = choice_value(question, answer) if answer is not None and applies and not multi \
        else ""
    return Row(node_urn(bank, stem), True, question.id, clip(question.text.en, MAX_NAME),
               question.text.en, verdict, progress_of(answers, answer, applies=applies), score,
               observations(question, answer, applies=applies, answers=answers),
               f"{question.text.en} >> {picked}" if picked else "")


def scope_row(catalog: Catalog, bank: Questionnaire, result: Result,
              answers: Answers) -> Row:
    """Return the scope node's row: its yes/no answers select the implementation groups."""
    lines = []
    for group, text in scope_questions(groups(catalog, bank)):
        member = next(q for q in bank.questions
                      if q.scored and group_of(catalog, q).ref_id == group.ref_id)
        verdict = "Yes" if result.applicable.get(member.id, False) else "No"
        lines.append(f"{text.en} >> {verdict}")
    return Row(node_urn(bank, PROFILE_NODE), True, PROFILE_NODE,
               "Scope: which parts of this framework apply", "", "not_applicable",
               progress_of(answers, None, applies=False), None,
               "Scope from the organisation's profile in assessor.", "\n".join(lines))


def rows(catalog: Catalog, bank: Questionnaire, answers: Answers, result: Result) -> list[Row]:
    """Return the bank's rows: the scope node, then every control in bank order."""
    stems = stable_ids(bank)
    out = [scope_row(catalog, bank, result, answers)]
    out.extend(control_row(bank, q, stems.get(q.id, q.id), answers, result)
               for q in bank.questions if q.scored)
    return out


def workbook(found: list[Row], stamp: dt.datetime) -> bytes:
    """Return the audit workbook: one sheet, the template's columns, text never a formula."""
    from openpyxl import Workbook

    from assessor.record.bookwriter import workbook_bytes
    from assessor.report.xlsx import cell_text, fixed_zip

    book = Workbook()
    sheet = book.active
    sheet.title = "Audit"
    sheet.append(list(COLUMNS))
    for row in found:
        sheet.append([cell_text(v) for v in row.cells()])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (40, 10, 30, 50, 30, 18, 18, 8, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    book.properties.created = stamp
    return fixed_zip(workbook_bytes(book, compressed=False), stamp)


def stamp_of(answers: Answers) -> dt.datetime:
    """Return the assessment date as the workbook's time, so the same input gives the same bytes."""
    date = answers.assessment.date or "2000-01-01"
    return dt.datetime.fromisoformat(str(date)[:10])


def audits(catalog: Catalog, answers: Answers, result: Result) -> Mapping[str, bytes]:
    """Return one workbook per bank of the engagement, keyed by bank id."""
    return {bank.id: workbook(rows(catalog, bank, answers, result), stamp_of(answers))
            for bank in catalog.questionnaires if bank.kind == "bank"}
