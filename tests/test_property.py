"""Property tests: whatever a file or condition holds, the result is a value or a clean error.

Every test runs with a fixed seed (``derandomize``) and a bounded number of examples, so CI
sees the same inputs on every run and the file stays fast.
"""

from __future__ import annotations

import copy
import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.banks import conditions
from assessor.banks.catalog import lint, load_catalog
from assessor.errors import AssessorError, InvalidFile
from assessor.files import parse_yaml, plain
from assessor.model.catalog import Catalog, QuestionType
from assessor.model.record import Answers
from assessor.record import answers
from assessor.record.migrate import migrate
from assessor.record.values import check_value

from .conftest import DATA, MINI, sizes

CATALOG = load_catalog([MINI], builtin=False)
FIXED = settings(derandomize=True, database=None, deadline=None, max_examples=120,
                 suppress_health_check=[HealthCheck.too_slow])

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["yes", "no", "na", "unknown", "alternate", "implemented", "partial", "a",
                     "b", "2026-11-20", "1e999", "", " ", "\t", "--- ", "&x", "*x", "{", "[",
                     "profile.big", "bank.ops.logs", "0x1F", "010", ".nan"]),
    st.dates().map(lambda d: d.isoformat()),
)
KEYS = st.one_of(st.text(max_size=20), st.sampled_from([
    "format", "organisation", "assessment", "versions", "answers", "answer", "note", "evidence",
    "out_of_scope", "name", "sector", "consultant", "date", "lang", "firm", "profile",
    "profile.big", "profile.people", "bank", "bank.ops.logs", "bank.ops.plan",
    "bank.big.officer", "bank.big.elements", "bank.ops.nothing", "id", "type", "options",
    "sections", "questions", "score", "label", "en", "zh", "applies_if", "scope", "renamed",
    "references", "law", "article", "principles", "severity", "weight", "limit", "min", "max",
]))
JUNK = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


def mutated(base: Any, data: st.DataObject) -> Any:
    """Return ``base`` with one to three values, deep inside, replaced by junk or removed."""
    draw = data.draw
    result = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        node, key = result, None
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(st.sampled_from(list(node) if isinstance(node, dict)
                                       else list(range(len(node)))))
            parent, node = node, node[key]
        if key is None or not isinstance(node, dict | list | str | int | float | bool | None):
            continue
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[key]
        else:
            parent[key] = draw(JUNK)
    return result


def dump(data: Any) -> str:
    """Return YAML for ``data`` (PyYAML cannot write every float; JSON-ish text suffices)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def load_text(content: bytes | str, catalog: Catalog = CATALOG) -> Answers | None:
    """Load ``content`` as an answers file; None when it is refused cleanly."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        try:
            return answers.load(path, catalog, allow_incomplete=True)
        except InvalidFile as exc:
            problems = exc.problems
    assert problems  # a refusal always says why
    assert all(p.message for p in problems)
    return None


ANSWERS_BASE = plain(parse_yaml((DATA / "answers" / "mini.yaml").read_text(encoding="utf-8"),
                                "mini.yaml"))


@pytest.mark.parametrize("examples", sizes(30, 120))
def test_answers_loader_takes_any_bytes(examples: int) -> None:
    settings(FIXED, max_examples=examples)(
        given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))(any_bytes))()


def any_bytes(content: bytes | str) -> None:
    """Any bytes or text as an answers file: a loaded file or a refusal that says why."""
    load_text(content)


@pytest.mark.parametrize("examples", sizes(30, 120))
def test_answers_loader_takes_any_damaged_answers_file(examples: int) -> None:
    settings(FIXED, max_examples=examples)(given(st.data())(damaged_answers_file))()


def damaged_answers_file(data: st.DataObject) -> None:
    """An answers file damaged in one to three places: only valid answers get through."""
    loaded = load_text(dump(mutated(ANSWERS_BASE, data)))
    if loaded is not None:
        for qid, answer in loaded.answers.items():
            question = CATALOG.by_id[qid]  # only known questions get through
            assert check_value(question, answer.value) is None
            if question.type is QuestionType.NUMBER and not answer.special:
                assert isinstance(answer.value, float)
                assert math.isfinite(answer.value)


@pytest.mark.parametrize("examples", sizes(30, 120))
def test_answers_loader_takes_any_answers_block(examples: int) -> None:
    settings(FIXED, max_examples=examples)(
        given(st.dictionaries(KEYS, JUNK, max_size=6))(answers_block))()


def answers_block(block: dict[str, Any]) -> None:
    """Any answers block: a loaded file or a refusal that says why."""
    load_text(dump({"organisation": {"name": "X"}, "versions": {"bank": "0.9"},
                    "answers": block}))


@pytest.mark.parametrize("examples", sizes(30, 120))
def test_migrate_takes_any_damaged_answers_file(examples: int) -> None:
    settings(FIXED, max_examples=examples)(given(st.data())(migrated))()


def migrated(data: st.DataObject) -> None:
    """An answers file damaged in one to three places: migrated to known questions, or refused."""
    try:
        migration = migrate(parse_yaml(dump(mutated(ANSWERS_BASE, data)), "a.yaml"),
                            "a.yaml", CATALOG)
    except InvalidFile:
        return
    assert set(migration.answers.answers) <= set(CATALOG.by_id)


NAMES = st.sampled_from(["profile.big", "profile.people", "bank.ops.logs", "bank.big.elements",
                         "x", "a.b.c"])
LITERALS = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32),
                     st.sampled_from(["'yes'", "'no'", "'a'", "True", "False", "None", "''"]))
ATOMS = st.one_of(NAMES, LITERALS.map(str),
                  st.lists(LITERALS.map(str), max_size=3).map(lambda i: "[" + ", ".join(i) + "]"))
OPERATORS = st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "in", "not in", "+", "**", "is"])
EXPRESSIONS = st.recursive(
    st.tuples(ATOMS, OPERATORS, ATOMS).map(" ".join),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join),
        inner.map(lambda e: f"not ({e})"), inner.map(lambda e: f"({e})")),
    max_leaves=8)
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
                   st.lists(st.text(max_size=3), max_size=3).map(tuple),
                   st.just(conditions.MISSING))


@pytest.mark.parametrize("examples", sizes(30, 120))
def test_condition_evaluator_gives_a_truth_value_or_a_condition_error(examples: int) -> None:
    settings(FIXED, max_examples=examples)(
        given(st.one_of(EXPRESSIONS, st.text(max_size=80)),
              st.dictionaries(NAMES, VALUES, max_size=4))(evaluated))()


def evaluated(expression: str, values: dict[str, Any]) -> None:
    """Any expression over any values: a truth value, or a condition error that says why."""
    try:
        result = conditions.evaluate(expression, values)
    except conditions.ConditionError as exc:
        reason = str(exc)
        result = None
    if result is None:
        assert reason
        return
    assert isinstance(result, bool)
    assert all(name.replace(".", "").replace("_", "").isalnum()
               for name in conditions.names(expression))


BANK_BASE = plain(parse_yaml((MINI / "bank.yaml").read_text(encoding="utf-8"), "bank.yaml"))
PROFILE_BASE = plain(parse_yaml((MINI / "profile.yaml").read_text(encoding="utf-8"),
                                "profile.yaml"))


@pytest.mark.parametrize("examples", sizes(20, 80))
def test_questionnaire_loader_takes_any_damaged_bank(examples: int) -> None:
    settings(FIXED, max_examples=examples)(given(st.data())(damaged_bank))()


def damaged_bank(data: st.DataObject) -> None:
    """A bank or profile damaged in one to three places: a catalog or a refusal, never a bug."""
    base = data.draw(st.sampled_from([BANK_BASE, PROFILE_BASE]))
    text = dump(mutated(base, data))
    with tempfile.TemporaryDirectory() as folder:
        banks = Path(folder)
        for name in ("instruments.yaml", "scales.yaml", "profile.yaml", "bank.yaml"):
            shutil.copy(MINI / name, banks / name)
        (banks / ("bank.yaml" if base is BANK_BASE else "profile.yaml")).write_text(
            text, encoding="utf-8")
        try:
            catalog = load_catalog([banks], builtin=False)
        except AssessorError:
            catalog = None
        problems = lint([banks], builtin=False)
    assert all(p.message for p in problems)
    if catalog is not None:
        for question in catalog.questions:
            assert question.id
            assert 0 < question.weight <= 10
            assert all(o.score is None or 0 <= o.score <= 1 for o in question.options)
