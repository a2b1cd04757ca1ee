"""The published JSON Schemas: valid, printed by the tool, and true of every shipped file."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from assessor.files import load_data, plain
from assessor.resources import questionnaires_dir
from assessor.schemas import schema_text

from .conftest import DATA, EXAMPLES, MINI, ROOT, Run, read_yaml

BANKS = sorted(questionnaires_dir().glob("*.yaml")) + sorted(MINI.glob("*.yaml"))
ANSWERS = [DATA / "answers" / "mini.yaml", *sorted(EXAMPLES.glob("*.yaml"))]


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    """Return a validator for the shipped schema of ``kind``."""
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("kind", ["questionnaire", "answers"])
def test_the_tool_prints_each_schema_and_each_is_a_valid_schema(run: Run, kind: str) -> None:
    status, out, err = run("schema", kind)
    assert (status, err) == (0, "")
    assert out == schema_text(kind)
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert validator(kind).schema["title"] == f"assessor {kind} file"


def messages(check: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    """Return each schema error as `path: message`."""
    return sorted({f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                   for e in check.iter_errors(data)})


@pytest.mark.parametrize("path", BANKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_questionnaire_file_fits_the_schema(path: Path) -> None:
    assert messages(validator("questionnaire"), plain(load_data(path))) == []


@pytest.mark.parametrize("path", ANSWERS, ids=lambda p: p.name)
def test_every_example_answers_file_fits_the_schema(path: Path) -> None:
    assert messages(validator("answers"), plain(load_data(path))) == []


def test_a_template_and_a_saved_file_fit_the_answers_schema(run: Run, tmp_path: Path) -> None:
    check = validator("answers")
    status, out, _ = run("template")
    assert status == 0
    template = plain(read_yaml(out))
    assert messages(check, template) == ["organisation/name: None is not valid under any of the "
                                         "given schemas"]
    template["organisation"]["name"] = "Example Trading Co."
    assert messages(check, template) == []
    migrated = tmp_path / "a.json"
    migrated.write_text(json.dumps({"organisation": {"name": "X"}, "answers": {
        "profile.big": "no", "bank.ops.logs": 6, "bank.ops.plan": "implemented"}}))
    assert run("migrate", "--questionnaires", MINI, "--no-builtin", migrated)[0] == 0
    saved = json.loads((tmp_path / "a.migrated.json").read_text(encoding="utf-8"))
    assert messages(check, saved) == []


BANK = plain(load_data(MINI / "bank.yaml"))
QUESTION = ["sections", 0, "questions", 0]


def change(data: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """Return a copy of ``data`` with the item at ``path`` replaced (or removed for ...)."""
    result = copy.deepcopy(data)
    target = result
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


@pytest.mark.parametrize(("data", "expected"), [
    (change(BANK, [*QUESTION, "references"], ...),
     "sections/0/questions/0: 'references' is a required property"),
    (change(BANK, [*QUESTION, "severity"], "urgent"),
     "sections/0/questions/0/severity: 'urgent' is not one of ['critical', 'high', 'medium', "
     "'low']"),
    (change(BANK, [*QUESTION, "colour"], "red"),
     "sections/0/questions/0: Additional properties are not allowed ('colour' was unexpected)"),
    (change(BANK, ["title"], "Test bank"), "title: 'Test bank' is not of type 'object'"),
    (change(BANK, ["sections", 1, "scope"], ...),
     "sections/1: 'scope' is a dependency of 'applies_if'"),
    (change(BANK, ["sections", 1, "questions", 1, "options", 0, "score"], ...),
     "sections/1/questions/1/options/0: 'score' is a required property"),
    (change(BANK, ["sections", 0, "questions", 1, "principles"], [9]),
     "sections/0/questions/1/principles/0: 9 is greater than the maximum of 8"),
    (change(BANK, [*QUESTION, "statement"], {"en": "Logs are short."}),
     "sections/0/questions/0/statement: 'zh' is a required property"),
    (change(BANK, [*QUESTION, "statement", "partly"], {"en": "a", "zh": "b"}),
     "sections/0/questions/0/statement: Additional properties are not allowed ('partly' was "
     "unexpected)"),
    (change(BANK, [*QUESTION, "workstream"], "Ops"),
     "sections/0/questions/0/workstream: 'Ops' does not match '^[a-z][a-z0-9_]*$'"),
    (change(BANK, ["renamed"], {"bank.ops.old": 3}), "renamed/bank.ops.old: 3 is not of type "
                                                     "'string'"),
])
def test_questionnaire_schema_refuses_what_lint_refuses(data: dict[str, Any],
                                                         expected: str) -> None:
    assert expected in messages(validator("questionnaire"), data)


ANSWERS_DATA = plain(load_data(DATA / "answers" / "mini.yaml"))


@pytest.mark.parametrize(("data", "expected"), [
    (change(ANSWERS_DATA, ["answers", "bank.ops.plan"], "na"),
     "answers/bank.ops.plan: 'na' is not valid under any of the given schemas"),
    (change(ANSWERS_DATA, ["answers", "bank.ops.plan"], {"answer": "na"}),
     "answers/bank.ops.plan: {'answer': 'na'} is not valid under any of the given schemas"),
    (change(ANSWERS_DATA, ["assessment", "lang"], "fr"),
     "assessment/lang: 'fr' is not one of ['en', 'zh', None]"),
    (change(ANSWERS_DATA, ["assessment", "date"], "2026-13-45"),
     "assessment/date: '2026-13-45' is not a 'date'"),
    (change(ANSWERS_DATA, ["organisation"], ...), ": 'organisation' is a required property"),
    (change(ANSWERS_DATA, ["answer"], {}),
     ": Additional properties are not allowed ('answer' was unexpected)"),
    (change(ANSWERS_DATA, ["versions"], {"bank": ["1.0"]}),
     "versions/bank: ['1.0'] is not of type 'string', 'number'"),
])
def test_answers_schema_refuses_what_check_refuses(data: dict[str, Any],
                                                   expected: str) -> None:
    assert expected in messages(validator("answers"), data)


def test_unknown_schema_kind_is_a_usage_error(run: Run) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("schema", "nonsense")
    assert exit_info.value.code == 2


def test_readme_tells_editors_where_the_schemas_are() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "assessor schema answers" in readme
    assert "# yaml-language-server: $schema=" in readme
