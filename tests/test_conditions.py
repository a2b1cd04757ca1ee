"""Applicability conditions: allowed forms, missing answers, refusals."""

from __future__ import annotations

import pytest

from assessor.banks import conditions

VALUES = {"profile.ciio": "yes", "profile.people": 2_000_000.0,
          "profile.routes": ("standard_contract", "exemption")}


@pytest.mark.parametrize(("expression", "expected"), [
    ("profile.ciio == 'yes'", True),
    ("profile.ciio != 'yes'", False),
    ("profile.people >= 1000000", True),
    ("profile.people < 1000000", False),
    ("profile.ciio == 'yes' and profile.people > 10", True),
    ("profile.ciio == 'no' or profile.people > 10", True),
    ("not profile.ciio == 'no'", True),
    ("'exemption' in profile.routes", True),
    ("'certification' not in profile.routes", True),
    ("profile.ciio in ['yes', 'unsure']", True),
    ("100 < profile.people <= 2000000", True),
])
def test_evaluates(expression: str, expected: bool) -> None:
    assert conditions.evaluate(expression, VALUES) is expected


@pytest.mark.parametrize("expression", [
    "profile.unanswered == 'yes'",
    "profile.unanswered >= 1",
    "profile.unanswered < 1",
    "'x' in profile.unanswered",
    "profile.ciio == profile.unanswered",
])
def test_missing_answer_never_makes_a_condition_true(expression: str) -> None:
    assert conditions.evaluate(expression, VALUES) is False


def test_missing_answer_is_not_equal_to_anything() -> None:
    assert conditions.evaluate("profile.unanswered != 'yes'", VALUES) is True


def test_comparing_text_with_a_number_is_false_not_an_error() -> None:
    assert conditions.evaluate("profile.ciio > 3", VALUES) is False


@pytest.mark.parametrize("expression", [
    "__import__('os').system('true')",
    "profile.ciio.upper() == 'YES'",
    "[x for x in profile.routes]",
    "profile.people + 1 > 2",
    "lambda: 1",
    "profile.routes[0] == 'a'",
    "profile.ciio is None",
    "'a' if profile.ciio else 'b'",
    "profile.ciio ==",
    "x" * 3000,
])
def test_refuses_anything_but_the_whitelist(expression: str) -> None:
    with pytest.raises(conditions.ConditionError):
        conditions.evaluate(expression, VALUES)


def test_names_lists_each_question_once_in_order() -> None:
    expression = "profile.b == 'x' and profile.a >= 1 or profile.b != 'y'"
    assert conditions.names(expression) == ("profile.b", "profile.a")
