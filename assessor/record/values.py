"""Answer values: one parse and check for a file, a prompt and a workbook cell alike.

A value is read the same way wherever it comes from, so the interview's validator and the
file loader cannot drift (house-style 8.3): option ids (a bare yes/no as YAML reads it), numbers
as people write them ("8 million", "800万", "3年"), text within its limit. ``plain_value``
turns a value back into what a file holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import math
import re
import unicodedata
from typing import Any, assert_never

from assessor.banks.reader import kind_of
from assessor.model.catalog import Question, QuestionType
from assessor.model.record import ALTERNATE, NA, SPECIAL_VALUES
from assessor.record.typed import chinese_number, period, split_choices

MAX_NOTE = 10_000


def parse_value(question: Question, raw: Any) -> str | float | tuple[str, ...]:
    """Turn a raw value (from a file or a prompt) into an answer value for ``question``.

    Raises:
        ValueError: the value does not fit the question; the message says what would.
    """
    if isinstance(raw, str) and raw.strip().lower() in SPECIAL_VALUES:
        special = raw.strip().lower()
        if special == ALTERNATE and not question.alternate:
            raise ValueError("'alternate' is not allowed here: the law sets no other means")
        return special
    if isinstance(raw, bool):
        if question.option("yes") and question.option("no"):
            return "yes" if raw else "no"
        raise ValueError(f"expected {expected(question)}, not {str(raw).lower()}")
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
            return option_id(question, raw)
        case QuestionType.MULTI:
            return option_ids(question, raw)
        case QuestionType.NUMBER:
            return number(question, raw)
        case QuestionType.TEXT:
            return text_value(raw)
        case _:
            assert_never(question.type)


def option_ids(question: Question, raw: Any) -> tuple[str, ...]:
    """Return the option ids of a multiple-choice answer (one id alone is accepted)."""
    if isinstance(raw, str):  # "a, b", "查阅、复制": the choices as a client types them
        raw = split_choices(raw) or [raw]
    items = raw if isinstance(raw, list | tuple) else [raw]
    chosen = tuple(option_id(question, item) for item in items)
    if len(set(chosen)) != len(chosen):
        raise ValueError("an option is chosen twice")
    return chosen


def text_value(raw: Any) -> str:
    """Return a free-text answer, within the length limit."""
    if isinstance(raw, list | dict):
        raise ValueError(f"expected text, not {kind_of(raw)}")
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    if len(text) > MAX_NOTE:
        raise ValueError(f"text longer than {MAX_NOTE} characters")
    return text


def check_value(question: Question, raw: Any) -> str | None:
    """Return why ``raw`` does not fit ``question``, or None: one check for files and prompts."""
    try:
        parse_value(question, raw)
    except ValueError as exc:
        return str(exc)
    return None


def expected(question: Question) -> str:
    """Describe the values a question takes."""
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | QuestionType.SCALE:
            return "one of " + ", ".join(o.id for o in question.options)
        case QuestionType.NUMBER:
            return "a number"
        case QuestionType.TEXT:
            return "text"
        case _:
            assert_never(question.type)


def option_id(question: Question, raw: Any) -> str:
    """Return ``raw`` if it names an option of ``question``."""
    if isinstance(raw, bool) and question.option("yes"):
        return "yes" if raw else "no"
    if not isinstance(raw, str):
        raise ValueError(f"expected {expected(question)}, not {kind_of(raw)}")
    value = raw.strip()
    if question.option(value) is None:
        close = difflib.get_close_matches(value, [o.id for o in question.options], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(f"'{value}' is not an option{hint}; choose {expected(question)}")
    return value


def number(question: Question, raw: Any) -> float:
    """Return ``raw`` as a finite number within the question's range."""
    if isinstance(raw, str):
        text = raw.strip()
        raw = period(text, question.unit)  # "6 months", "3年", "三年": the unit checked
        if raw is None:
            raw = chinese_number(text)
        if raw is None:
            raw = number_with_unit(text, question)
        if not math.isfinite(raw):
            raise ValueError(f"expected a finite number, not '{text}'")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("numbers must be finite")
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"expected a number, not {kind_of(raw)}")
    value = float(raw)
    if question.minimum is not None and value < question.minimum:
        raise ValueError(f"must be at least {question.minimum:g}")
    if question.maximum is not None and value > question.maximum:
        raise ValueError(f"must be at most {question.maximum:g}")
    return value


MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "千": 1e3, "万": 1e4, "萬": 1e4, "十万": 1e5,
               "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "百万": 1e6,
               "千万": 1e7, "亿": 1e8, "億": 1e8, "b": 1e9, "bn": 1e9, "billion": 1e9,
               "%": 1.0}
SPOKEN = re.compile(r"(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?P<unit>[^\d\s]*)",
                    re.IGNORECASE)
RANGE = re.compile(r"\d\s*[^\d\s.]*\s*(?:-|–|—|~|～|to|至|到|或)\s*\d", re.IGNORECASE)


def spoken_number(text: str) -> float:
    """Return a number written as people say it: "8 million", "8m", "8,000,000", "800万", "1.2亿".

    Raises:
        ValueError: not a number, or a range (the question wants one estimate).
    """
    shown = text.strip()
    plain = unicodedata.normalize("NFKC", shown).replace(",", "").replace("_", "")
    plain = re.sub(r"(?<=\d)[\s'’](?=\d{3}\b)", "", plain).strip()
    if RANGE.search(plain):
        raise ValueError(f"'{shown}' is a range: give one estimate (the middle, or the figure "
                         "the client is surest of)")
    found = SPOKEN.fullmatch(plain)
    unit = found.group("unit").lower() if found else ""
    if found is None or unit not in MULTIPLIERS and unit:
        raise ValueError(f"expected a number, not '{shown}'")
    return float(found.group("number")) * MULTIPLIERS.get(unit, 1.0)


def number_with_unit(text: str, question: Question) -> float:
    """Return a number written as spoken, perhaps with the question's own unit ("300万人").

    Raises:
        ValueError: not a number (the message quotes the text as typed).
    """
    try:
        return spoken_number(text)
    except ValueError:
        for name in (question.unit.en, question.unit.zh) if question.unit else ():
            if name and text.lower().endswith(name.lower()) and len(text) > len(name):
                with contextlib.suppress(ValueError):
                    return spoken_number(text[: -len(name)])
        raise


def needs_note(value: Any) -> bool:
    """Return whether a value must come with a note: a reason (na) or a justification."""
    return value in (NA, ALTERNATE)


def plain_value(value: Any) -> Any:
    """Return an answer value as written: a list for several options, 12 rather than 12.0."""
    value = list(value) if isinstance(value, tuple) else value
    return int(value) if isinstance(value, float) and value.is_integer() else value
