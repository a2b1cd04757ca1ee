"""A client's Answer, Note and Evidence cells read as values, each problem naming its cell.

Labels become option ids (in either language, or the ids themselves); a date, a number or
true/false is taken where the question's type allows it and refused with a hint where it does
not. Everything else about a value is checked later by the answers file's own code.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, assert_never

from assessor.model.catalog import Question, QuestionType
from assessor.model.record import ALTERNATE, NA, UNKNOWN
from assessor.record.cells import refusal, unescape
from assessor.record.filled import Intake
from assessor.record.typed import split_labels

SPECIALS = {"na": NA, "n/a": NA, "not applicable": NA, "不适用": NA,
            "unknown": UNKNOWN, "未知": UNKNOWN,
            "alternate": ALTERNATE, "alternative measure": ALTERNATE, "替代措施": ALTERNATE}


def blank(cell: Any) -> bool:
    """Return whether an Answer cell is empty (not merely refused: that has its own message)."""
    return cell is None or cell.value is None or (isinstance(cell.value, str)
                                                  and not cell.value.strip())


def read_text_cell(cell: Any, question: Question, intake: Intake, where: str) -> str | None:
    """Return a Note or Evidence cell as text (dates as YYYY-MM-DD, numbers as typed)."""
    if cell is None or cell.value is None:
        return None
    refused = refusal(cell, "a note")
    if refused:
        intake.add(where, refused, question.id)
        return None
    value = cell.value
    if isinstance(value, dt.datetime | dt.date):
        value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unescape(str(value)).strip()
    return text or None


def read_answer_cell(cell: Any, question: Question, intake: Intake, where: str) -> Any:
    """Return an Answer cell as an answer value, or None (empty, or a problem recorded)."""
    if cell is None or cell.value is None:
        return None
    value = cell.value
    refused = refusal(cell, "an answer")
    if refused:
        intake.add(where, refused.replace("type the text itself", "type the answer itself"),
                   question.id)
        return None
    if isinstance(value, str):
        text = unescape(value).strip()
        if not text:
            return None
        special = SPECIALS.get(text.casefold())
        if special is not None:
            return special
        return text_answer(text, question, intake, where)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return date_answer(value, question, intake, where)
    return other_answer(value, question, intake, where)


def other_answer(value: Any, question: Question, intake: Intake, where: str) -> Any:
    """Return a cell that is neither text nor a date: true/false, a number, or a problem."""
    expected = options_text(question, intake.lang) if question.options else "a number or text"
    if question.options and isinstance(value, bool):
        if question.option("yes") and question.option("no"):
            return "yes" if value else "no"
        intake.add(where, f"expected {expected}, not {str(value).upper()}", question.id)
        return None
    if not isinstance(value, int | float):  # a duration ([h]:mm), or another cell type
        intake.add(where, f"expected {expected}, not {value!s}: type the answer itself",
                   question.id)
        return None
    if question.options:
        intake.add(where, f"expected {expected}, not a number ({value:g})", question.id)
        return None
    return value  # a number or true/false: answers.py checks it against the question


def date_answer(value: Any, question: Question, intake: Intake, where: str) -> Any:
    """Return a date typed as an answer: fine as text, wrong where a number or option belongs."""
    day = value.date() if isinstance(value, dt.datetime) else value
    shown = day.isoformat()
    match question.type:
        case QuestionType.TEXT if isinstance(day, dt.date):
            return shown
        case QuestionType.NUMBER:
            what = "a number"
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | \
                QuestionType.SCALE | QuestionType.TEXT:
            what = options_text(question, intake.lang)
        case _:
            assert_never(question.type)
    intake.add(where, f"expected {what}, not a date ({shown}): the cell is formatted as a "
                      "date; format it as a number or text and type the answer again",
               question.id)
    return None


def text_answer(text: str, question: Question, intake: Intake, where: str) -> Any:
    """Return the option id(s) a label names, or the text itself for numbers and text."""
    if not question.options:
        return text
    table = label_table(question)
    if text.casefold() in table:
        chosen = table[text.casefold()]
        return (chosen,) if question.type is QuestionType.MULTI else chosen
    parts = split_labels(text, lambda part: part.casefold() in table)
    unknown = [p for p in parts if p.casefold() not in table]
    if unknown:
        for part in unknown:
            intake.add(where, f"{part!r} is not an option{suggestion(part, question, intake.lang)}",
                       question.id)
        return None
    ids = [table[p.casefold()] for p in parts]
    if question.type is not QuestionType.MULTI:
        listed = ", ".join(repr(p) for p in parts)
        intake.add(where, f"choose one answer, not {len(parts)} ({listed})", question.id)
        return None
    if len(set(ids)) != len(ids):
        intake.add(where, "an option is chosen twice", question.id)
        return None
    return tuple(ids)


def label_table(question: Question) -> dict[str, str]:
    """Return every way to name an option (label in either language, or its id) -> its id."""
    table: dict[str, str] = {}
    for option in question.options:
        for name in (option.id, option.label.en, option.label.zh):
            if name:
                table.setdefault(name.strip().casefold(), option.id)
    return table


def suggestion(text: str, question: Question, lang: str) -> str:
    """Return `` (did you mean 'Label'?)`` for the closest label in the workbook's language."""
    labels = [o.label.get(lang) for o in question.options]
    folded = {label.casefold(): label for label in labels}
    word = text.casefold()
    close = difflib.get_close_matches(word, list(folded), n=1, cutoff=0.6)
    if not close:
        stem = word[:4]
        close = [f for f in folded if len(stem) == 4 and f.startswith(stem)][:1]
    if not close:
        close = difflib.get_close_matches(word, list(folded), n=1, cutoff=0.4)
    return f" (did you mean {folded[close[0]]!r}?)" if close else \
        ": choose from the drop-down list"


def options_text(question: Question, lang: str) -> str:
    """Describe a question's options for a message: ``one of 'Yes', 'No'``."""
    return "one of " + ", ".join(repr(o.label.get(lang)) for o in question.options)
