"""Client workbook: the questionnaire a client fills in Excel, written from the catalog.

One sheet of instructions, then one sheet per questionnaire (the profile first) with the columns
ID, Question, How to answer, Answer, Note, Evidence, Guidance and Legal basis. Answers are chosen
from drop-downs of option labels in the workbook's language. A hidden sheet (``assessor``) names
the workbook's kind, language, scope and the questions it asks: ``assessor import`` reads it back
(:mod:`assessor.record.intake`) and uses it to tell this workbook from others. openpyxl is
imported only here and in the reader, on the paths that need it. This module lays the sheets
out; their words are in :mod:`assessor.record.workbook_words`, the cell styles and printing
in :mod:`assessor.record.sheets`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, assert_never

from assessor.banks.scope import applicability, engaged
from assessor.banks.titles import scope_subtitle
from assessor.bilingual import Lang
from assessor.errors import AssessorError
from assessor.model.catalog import Catalog, Question, Questionnaire, QuestionType
from assessor.model.record import NA, UNKNOWN, Answers
from assessor.model.said import in_lang
from assessor.record.cells import EXCEL_CELL_LIMIT
from assessor.record.sheets import Styles, clean, no_formulas, page_setup, protect, row_height
from assessor.record.values import plain_value
from assessor.record.workbook_words import (
    SEPARATOR,
    answer_cell,
    choices,
    guidance,
    how_to_answer,
    legal_basis,
    sheet_title,
    special_labels,
    strings,
)

MARKER = "assessor"  # the hidden sheet that says what this workbook is
LISTS = "lists"  # the hidden sheet holding the drop-down lists
KIND = "client-workbook"
FORMAT = "assessor-workbook/1"
COLUMNS = ("id", "question", "how", "answer", "note", "evidence", "help", "basis")
WIDTHS = (26, 56, 28, 30, 36, 26, 56, 30)
HEADER_ROW = 5
DETAILS = ("organisation", "sector", "respondent", "answered_on")  # fill-in rows 4-7, column C
DETAIL_ROW = 4


@dataclass(frozen=True, slots=True)
class Plan:
    """What the workbook holds: its language, questionnaires and questions, and answers to show."""

    lang: Lang
    sheets: tuple[tuple[Questionnaire, tuple[Question, ...]], ...]
    scope: tuple[str, ...]
    base: Answers | None
    respondent: str | None
    registers: bool = False  # add the filings' register sheets (data items, recipients, ...)
    returned: Mapping[str, Returned] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Returned:
    """A row sent back to the client to correct: what they typed, and what is wrong with it."""

    answer: str | None
    note: str | None
    evidence: str | None
    problem: str


def plan(catalog: Catalog, lang: Lang, banks: Sequence[str] = (), base: Answers | None = None,
         respondent: str | None = None, *, missing: bool = False,
         registers: bool = False) -> Plan:
    """Decide the sheets: the profile and the banks chosen (all when none are).

    With ``base``, only the questions that apply to its profile, and those it answered anyway;
    with ``missing`` too, only the applicable questions it leaves unanswered (the gaps to send).
    """
    scope = tuple(banks) or (base.assessment.scope if base else ())
    answered = base.answers if base else {}
    applies = applicability(catalog, answered) if base else None
    sheets = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "profile" and scope and questionnaire.id not in scope:
            continue
        questions = tuple(q for q in questionnaire.questions
                          if applies is None or (applies[q.id] and q.id not in answered)
                          or (not missing and q.id in answered))
        if questions:
            sheets.append((questionnaire, questions))
    return Plan(lang, tuple(sheets), scope, base, respondent, registers)


def write_workbook(catalog: Catalog, chosen: Plan) -> bytes:
    """Return the client workbook's bytes.

    Instructions, one sheet per questionnaire, and the hidden sheets ``assessor import`` reads.
    """
    from openpyxl import Workbook

    from assessor.record.bookwriter import workbook_bytes

    book = Workbook()
    styles = Styles()
    instructions = book.active
    instructions.title = strings(chosen.lang)["instructions"][:31]
    lists = ListSheet(book.create_sheet(LISTS))
    titles = []
    for questionnaire, questions in chosen.sheets:
        sheet = book.create_sheet(sheet_title(questionnaire, chosen.lang))
        write_questions(sheet, catalog, questionnaire, questions, chosen, lists, styles)
        titles.append((sheet.title, questionnaire, questions))
    banks = engaged(catalog, [q.id for q, _ in chosen.sheets if q.kind == "bank"])
    write_instructions(instructions, chosen, titles, styles, catalog.question("profile.sector"),
                       scope_subtitle(banks, chosen.lang))
    registers: list[str] = []
    if chosen.registers:
        from assessor.record.registersheets import write_register_sheets

        registers = write_register_sheets(book, chosen.lang,
                                          chosen.base.inventory if chosen.base else None)
    write_marker(book.create_sheet(MARKER), catalog, chosen, instructions.title, titles)
    if registers:
        book[MARKER].append(["registers", json.dumps(registers, ensure_ascii=False)])
        for cell in book[MARKER][book[MARKER].max_row]:
            cell.data_type = "s"
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    book[LISTS].sheet_state = "hidden"
    book[MARKER].sheet_state = "hidden"
    book.active = 0
    book.properties.creator = "assessor"
    book.properties.title = strings(chosen.lang)["title"]
    book.properties.subject = KIND
    no_formulas(book)
    return workbook_bytes(book)


class ListSheet:
    """The hidden sheet of drop-down lists: one row per distinct list, shared by questions."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.rows: dict[tuple[str, ...], str] = {}

    def ref(self, labels: Sequence[str]) -> str:
        """Return the range holding ``labels`` (written once), for a list validation."""
        key = tuple(labels)
        if key not in self.rows:
            row = len(self.rows) + 1
            for column, label in enumerate(labels, start=1):
                self.sheet.cell(row, column, clean(label)).data_type = "s"
            last = self.sheet.cell(row, len(labels)).column_letter
            self.rows[key] = f"{LISTS}!$A${row}:${last}${row}"
        return self.rows[key]


def write_questions(sheet: Any, catalog: Catalog, questionnaire: Questionnaire,
                    questions: Sequence[Question], chosen: Plan, lists: ListSheet,
                    styles: Styles) -> None:
    """Write one questionnaire's sheet: title, introduction, header, sections and questions."""
    lang = chosen.lang
    t = strings(lang)
    last = sheet.cell(1, len(COLUMNS)).column_letter
    sheet["A1"] = clean(questionnaire.title.get(lang))
    sheet["A1"].font = styles.title_font
    sheet.row_dimensions[1].height = 26
    if questionnaire.intro:
        sheet["A2"] = clean(questionnaire.intro.get(lang))
        sheet["A2"].font = styles.subtitle_font
        sheet["A2"].alignment = styles.wrap
        sheet.merge_cells(f"A2:{last}2")
        sheet.row_dimensions[2].height = row_height([(questionnaire.intro.get(lang),
                                                      sum(WIDTHS) - 10)])
    whole = questionnaire.scope.get(lang) if questionnaire.applies_if and questionnaire.scope \
        else None
    sheet["A3"] = t["how_2"] + (" " + t["only_for"].format(who=whole) if whole else "")
    sheet["A3"].font = styles.small_font
    sheet.merge_cells(f"A3:{last}3")
    for column, (key, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADER_ROW, column, t["col_" + key])
        styles.stamp(cell, "header", font=styles.header_font, fill=styles.header_fill,
                     alignment=styles.center, border=styles.border)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[HEADER_ROW].height = 20
    validations = Validations(sheet, lists, t)
    row = HEADER_ROW + 1
    wanted = {q.id for q in questions}
    for section in questionnaire.sections:
        shown = [q for q in section.questions if q.id in wanted]
        if not shown:
            continue
        sheet.cell(row, 2, clean(section.title.get(lang)))
        for column in range(1, len(COLUMNS) + 1):
            styles.stamp(sheet.cell(row, column), "section", font=styles.section_font,
                         fill=styles.section_fill)
        sheet.row_dimensions[row].height = 18
        row += 1
        for question in shown:
            write_question(sheet, row, catalog, question, chosen, styles)
            validations.add(question, f"D{row}", lang)
            row += 1
    validations.finish()
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.sheet_view.showGridLines = False  # the table has its own borders
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    page_setup(sheet)
    protect(sheet)


def write_question(sheet: Any, row: int, catalog: Catalog, question: Question, chosen: Plan,
                   styles: Styles) -> None:
    """Write one question's row: fixed text locked, the client's three cells open and shaded."""
    lang = chosen.lang
    answer = chosen.base.answers.get(question.id) if chosen.base else None
    values: tuple[Any, ...] = (
        question.id, question.text.get(lang), how_to_answer(question, lang),
        answer_cell(question, answer, lang), answer.note if answer else None,
        SEPARATOR.join(answer.evidence) if answer else None,
        guidance(catalog, question, lang), legal_basis(catalog, question, lang))
    back = chosen.returned.get(question.id)
    if back is not None:  # the client's own cells, with what to correct above how to answer
        values = (values[0], values[1],
                  f"{strings(lang)['to_correct']} {back.problem}\n\n{values[2]}",
                  back.answer, back.note, back.evidence, *values[6:])
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:  # openpyxl would cut it
            raise AssessorError(f"{question.id}: its {COLUMNS[column - 1]} is {len(value):,} "
                                f"characters, more than the {EXCEL_CELL_LIMIT:,} an Excel cell "
                                "takes: the workbook would cut it (and its import bring the cut "
                                "text back); shorten it in the answers file first")
        cell = sheet.cell(row, column, clean(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever a note starts with
        if column in styles.made:
            # Copying a styled cell's style indexes is cheap; setting the styles hashes them
            # again for every cell (most of the time a workbook took to write).
            cell._style = copy.copy(styles.made[column])
        else:
            cell.alignment = styles.wrap
            cell.border = styles.border
            cell.font = styles.id_font if column == 1 else styles.body_font
            if column in (4, 5, 6):
                cell.protection = styles.unlocked
                cell.fill = styles.answer_fill if column == 4 else styles.note_fill
            styles.made[column] = copy.copy(cell._style)
        if column == 4 and isinstance(cell.value, int):
            cell.number_format = "#,##0"
    sheet.row_dimensions[row].height = row_height(
        (str(v), w) for v, w in zip(values, WIDTHS, strict=True) if v)


class Validations:
    """The drop-downs of one sheet: one validation per list and kind, covering many cells."""

    def __init__(self, sheet: Any, lists: ListSheet, t: Mapping[str, str]) -> None:
        self.sheet = sheet
        self.lists = lists
        self.t = t
        self.made: dict[tuple[str, str], list[str]] = {}  # (list, kind) -> its cells

    def add(self, question: Question, cell: str, lang: Lang) -> None:
        """Give ``cell`` the drop-down of ``question``."""
        match question.type:
            case QuestionType.TEXT:
                return
            case QuestionType.NUMBER:
                labels = [special_labels(lang)[NA], special_labels(lang)[UNKNOWN]]
                kind = "number"
            case QuestionType.MULTI:
                labels, kind = choices(question, lang), "many"
            case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
                labels, kind = choices(question, lang), "one"
            case _:
                assert_never(question.type)
        self.made.setdefault((self.lists.ref(labels), kind), []).append(cell)

    def make(self, ref: str, kind: str) -> Any:
        """Return a list validation: strict for one choice, a suggestion for several or numbers."""
        from openpyxl.worksheet.datavalidation import DataValidation

        t = self.t
        if kind == "one":
            return DataValidation(type="list", formula1=ref, allow_blank=True,
                                  showErrorMessage=True, errorTitle=t["list_error_title"],
                                  error=t["list_error"])
        prompt = t["many_prompt"] if kind == "many" else t["number_prompt"]
        return DataValidation(type="list", formula1=ref, allow_blank=True,
                              showErrorMessage=False, showInputMessage=True, prompt=prompt)

    def finish(self) -> None:
        """Attach the validations to the sheet, each with all its cells at once.

        A validation given its cells one by one checks each against all it has (quadratic).
        """
        for (ref, kind), cells in self.made.items():
            validation = self.make(ref, kind)
            validation.sqref = " ".join(cells)
            self.sheet.add_data_validation(validation)


def sector_words(chosen: Plan, sector: str | None, question: Question | None) -> str | None:
    """Return the sector in the workbook's language: an option id of the profile as its label."""
    option = question.option(sector) if question is not None and sector else None
    return option.label.get(chosen.lang) if option is not None else in_lang(sector, chosen.lang)


def write_instructions(sheet: Any, chosen: Plan, titles: Sequence[tuple[str, Questionnaire,
                                                                           tuple[Question, ...]]],
                       styles: Styles, sector: Question | None = None,
                       subtitle: str = "") -> None:
    """Write the first sheet: who it is for, the details to fill in, how to answer, the sheets."""
    lang = chosen.lang
    t = strings(lang)
    base = chosen.base
    for letter, width in zip("ABCD", (5, 34, 90, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet["B1"] = t["title"]
    sheet["B1"].font = styles.title_font
    sheet.row_dimensions[1].height = 28
    sheet["B2"] = subtitle
    sheet["B2"].font = styles.subtitle_font
    sheet["B3"] = t["fill_here"]
    sheet["B3"].font = styles.small_font
    organisation = base.organisation if base else None
    assessment = base.assessment if base else None
    values = {"organisation": in_lang(organisation.name, lang) if organisation else None,
              "sector": sector_words(chosen, organisation.sector if organisation else None,
                                     sector),
              "respondent": chosen.respondent, "answered_on": None}
    for offset, key in enumerate(DETAILS):
        row = DETAIL_ROW + offset
        label = sheet.cell(row, 2, t[key])
        label.font = styles.bold_font
        value = sheet.cell(row, 3, clean(values[key]))
        value.data_type = "s" if value.value is not None else value.data_type
        value.fill = styles.answer_fill
        value.border = styles.border
        value.protection = styles.unlocked
        value.font = styles.body_font
    row = DETAIL_ROW + len(DETAILS)
    who = ", ".join(x for x in (assessment.consultant, assessment.firm) if x) \
        if assessment else ""
    if who:
        sheet.cell(row, 2, t["prepared_by"]).font = styles.bold_font
        prepared = sheet.cell(row, 3, clean(who))
        prepared.data_type = "s"  # a consultant named '=HYPERLINK(...)' stays text
        prepared.font = styles.body_font
    row += 2
    sheet.cell(row, 2, t["how_heading"]).font = styles.heading_font
    for number in range(1, 11):
        row += 1
        text = t[f"how_{number}"]
        sheet.cell(row, 1, number).font = styles.body_font
        sheet.cell(row, 1).alignment = styles.wrap
        cell = sheet.cell(row, 2, text)
        cell.font = styles.body_font
        cell.alignment = styles.wrap
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        sheet.row_dimensions[row].height = row_height([(text, 120)])
    row += 2
    sheet.cell(row, 2, t["sheets_heading"]).font = styles.heading_font
    row += 1
    for column, key in enumerate(("sheet", "contents", "questions"), start=2):
        cell = sheet.cell(row, column, t[key])
        cell.font = styles.header_font
        cell.fill = styles.header_fill
        cell.border = styles.border
    for title, questionnaire, questions in titles:
        row += 1
        for column, value in enumerate((title, questionnaire.title.get(lang), len(questions)),
                                       start=2):
            cell = sheet.cell(row, column, clean(value))
            cell.font = styles.body_font
            cell.border = styles.border
    page_setup(sheet)
    sheet.sheet_view.showGridLines = False
    sheet.page_setup.orientation = "portrait"
    protect(sheet)


def write_marker(sheet: Any, catalog: Catalog, chosen: Plan, instructions: str,
                 titles: Sequence[tuple[str, Questionnaire, tuple[Question, ...]]]) -> None:
    """Write the hidden sheet ``assessor import`` reads first: kind, language, scope, questions.

    It also keeps what the answers file held that the client does not see (consultant, firm,
    assessment date), so a new answers file made from the workbook carries them.
    """
    base = chosen.base
    rows: list[tuple[str, ...]] = [
        ("kind", KIND), ("format", FORMAT), ("lang", chosen.lang),
        ("instructions", instructions),
        ("scope", " ".join(chosen.scope)),
        ("versions", " ".join(f"{q.id}={q.version}" for q in catalog.questionnaires)),
    ]
    if base is not None:
        rows += [(key, value) for key, value in (
            ("consultant", base.assessment.consultant), ("firm", base.assessment.firm),
            ("date", base.assessment.date), ("answers_lang", base.assessment.lang),
            ("organisation", in_lang(base.organisation.name, chosen.lang))) if value]
    rows += [("sheet", title, questionnaire.id, " ".join(q.id for q in questions))
             for title, questionnaire, questions in titles]
    if base is not None:  # who gave each pre-filled answer: an unchanged one keeps its author
        rows += [("filled", q.id, json.dumps(plain_value(answer.value), ensure_ascii=False),
                  answer.by or "", answer.at or "")
                 for _, _, questions in titles for q in questions
                 if (answer := base.answers.get(q.id)) is not None]
    width = 0  # the cells sheet[number] gives, reached without measuring the sheet each time
    for number, row in enumerate(rows, start=1):
        sheet.append([clean(v) for v in row])
        width = max(width, len(row))
        for column in range(1, width + 1):
            sheet.cell(number, column).data_type = "s"
    sheet.protection.sheet = True


__all__ = ["FORMAT", "KIND", "MARKER", "Plan", "Returned", "plan", "write_workbook"]
