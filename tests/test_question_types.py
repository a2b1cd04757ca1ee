"""Every question type, through every table and every place that branches on it.

A new type fails mypy wherever a ``match`` on the type lacks it (``assert_never``); this test
fails where a table (the template's words, the two schemas, the format guide) lacks it, and
runs one question of each type through parsing, scoring, the template, the workbook and the
interview's key line.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from assessor.bilingual import Text
from assessor.interview.screens import key_lines
from assessor.model.catalog import Catalog, Option, Question, QuestionId, QuestionType
from assessor.model.record import Answer
from assessor.record.template import WORDS, question_lines
from assessor.record.values import expected, parse_value
from assessor.record.workbook_words import how_to_answer
from assessor.schemas import schema_text
from assessor.scoring import answer_score

from .conftest import ROOT

YES_NO = (Option("yes", Text("Yes", "是"), 1.0), Option("no", Text("No", "否"), 0.0))
# A value a consultant would give each type, and what it is read as.
GIVEN: dict[QuestionType, tuple[Any, Any]] = {
    QuestionType.YESNO: ("yes", "yes"),
    QuestionType.SINGLE: ("no", "no"),
    QuestionType.MULTI: (["yes", "no"], ("yes", "no")),
    QuestionType.SCALE: ("yes", "yes"),
    QuestionType.NUMBER: (3, 3.0),
    QuestionType.TEXT: ("a policy, 2024", "a policy, 2024"),
}


def question_of(qtype: QuestionType) -> Question:
    """Return a question of ``qtype``: options for a choice, none otherwise."""
    return Question(QuestionId("t.q"), qtype, Text("Asked?", "问？"), "t", "s",
                    options=YES_NO if qtype.is_choice else (), scored=qtype.is_choice)


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text(name))
    return data


def type_enums(data: Any) -> list[list[str]]:
    """Return every ``{"type": {"enum": [...]}}`` found in a schema."""
    found: list[list[str]] = []
    if isinstance(data, dict):
        kind = data.get("type")
        if isinstance(kind, dict) and isinstance(kind.get("enum"), list) \
                and "yesno" in kind["enum"]:
            found.append(kind["enum"])
        for value in data.values():
            found += type_enums(value)
    elif isinstance(data, list):
        for value in data:
            found += type_enums(value)
    return found


def test_every_type_has_a_given_value() -> None:
    assert set(GIVEN) == set(QuestionType)


@pytest.mark.parametrize("qtype", list(QuestionType))
def test_every_table_names_the_type(qtype: QuestionType) -> None:
    assert all(WORDS[qtype.value]), "the template's bilingual type labels"
    for name in ("questionnaire", "questions"):
        enums = type_enums(schema(name))
        assert enums, name
        every = [e for e in enums if len(e) > len([t for t in QuestionType if t.is_choice])]
        assert every and all(qtype.value in e for e in every), name
    scored = [e for e in type_enums(schema("questionnaire"))
              if set(e) < {t.value for t in QuestionType}]
    assert scored == [[t.value for t in QuestionType if t.is_choice]]  # choices are controls
    guide = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    assert f"| `{qtype.value}` |" in guide


@pytest.mark.parametrize("qtype", list(QuestionType))
def test_every_type_is_parsed_scored_and_shown(qtype: QuestionType) -> None:
    question = question_of(qtype)
    raw, value = GIVEN[qtype]
    assert parse_value(question, raw) == value
    assert expected(question) in ("one of yes, no", "a number", "text")
    score = answer_score(question, Answer(question.id, value))
    assert score is not None and 0.0 <= score <= 1.0
    assert score == (1.0 if qtype.is_choice and "yes" in value else 0.0)
    for lang, asked in (("en", "Asked?"), ("zh", "问？")):
        lines = question_lines(question, lang)
        label = WORDS[qtype.value][lang == "zh"]
        assert asked in lines[0]
        assert any(label in line for line in lines[1:]) is (qtype is not QuestionType.TEXT)
        assert how_to_answer(question, lang).strip()
        keys = key_lines(question, lang)
        number = qtype is QuestionType.NUMBER
        assert len(keys) == 3 + number and all(keys)
        # text takes Ctrl-N for its note; a number too once a figure is typed (issue 24)
        assert ("Ctrl-N" in keys[1]) is qtype.free_text
        assert ("Ctrl-N" in keys[2]) is number
        # the internal note (i) is shown wherever its key works: not on text (Ctrl-I is Tab)
        internal = "i internal" if lang == "en" else "i 内部备注"
        assert (internal in keys[1]) is not qtype.free_text


@pytest.mark.parametrize("qtype", list(QuestionType))
def test_a_value_of_another_type_is_refused(qtype: QuestionType) -> None:
    question = question_of(qtype)
    wrong = {QuestionType.NUMBER: "many", QuestionType.TEXT: ["a", "list"]}.get(qtype, "maybe")
    with pytest.raises(ValueError, match="expected|not an option|not a number|is not"):
        parse_value(question, wrong)


def test_every_key_line_fits_an_80_column_terminal(catalog: Catalog) -> None:
    from assessor.text import width

    for lang in ("en", "zh"):
        widest = max((width(line), line) for q in catalog.questions
                     for line in key_lines(q, lang))
        assert widest[0] <= 80, widest  # fit() would cut the keys at the right edge
