"""Answers files: every kind of mistake is reported in one run with file, line and question id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers, Assessment, Organisation
from assessor.record import answers
from assessor.record.template import template
from assessor.record.values import check_value, parse_value

from .conftest import DATA, MINI, Run, write

BAD = DATA / "bad"
MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")


@pytest.mark.parametrize(("name", "expected"), [
    ("answers.malformed-yaml.yaml", ["answers.malformed-yaml.yaml:3: malformed YAML"]),
    ("answers.unknown-question.yaml",
     ["answers.unknown-question.yaml:5: profile.bigg: unknown question (did you mean "
      "'profile.big'?)"]),
    ("answers.unknown-option.yaml",
     ["answers.unknown-option.yaml:6: bank.ops.plan: 'mostly' is not an option"]),
    ("answers.wrong-type.yaml",
     ["answers.wrong-type.yaml:5: bank.ops.logs: expected a number, not 'six months'"]),
    ("answers.missing-answer.yaml",
     ["answers.missing-answer.yaml:3: LAW: 1 applicable question unanswered: bank.big.elements"]),
    ("answers.na-without-reason.yaml",
     ["answers.na-without-reason.yaml:6: bank.ops.plan: 'na' needs a note giving a reason"]),
])
def test_each_kind_of_mistake_exits_2_naming_file_line_and_id(
        run: Run, name: str, expected: list[str]) -> None:
    status, _, err = run("check", *MINI_ARGS, BAD / name)
    assert status == 2
    assert "Traceback" not in err
    for fragment in expected:
        assert f"assessor: error: tests/data/bad/{fragment}" in err


def test_all_mistakes_of_a_file_in_one_run(run: Run) -> None:
    status, _, err = run("check", *MINI_ARGS, BAD / "answers.many-mistakes.yaml")
    assert status == 2
    lines = [line for line in err.splitlines() if line.startswith("assessor: error: tests/")]
    assert [line.split(": ")[3] for line in lines] == [
        "profile.big", "bank.ops.logs", "bank.ops.plan", "bank.ops.nothing"]
    assert [int(line.split(":")[3]) for line in lines] == [4, 5, 6, 7]


def test_mistakes_of_several_files_in_one_run(run: Run) -> None:
    status, _, err = run("check", *MINI_ARGS, BAD / "answers.unknown-option.yaml",
                         BAD / "answers.wrong-type.yaml")
    assert status == 2
    assert "answers.unknown-option.yaml:6" in err
    assert "answers.wrong-type.yaml:5" in err


def test_unquoted_yes_and_no_work(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "organisation: {name: X}\nanswers:\n  profile.big: no\n"
                 "  bank.ops.logs: 6\n  bank.ops.plan: implemented\n")
    status, out, _ = run("check", *MINI_ARGS, path)
    assert status == 0
    assert "ok (3 answers)" in out


def test_json_answers_are_read_with_lines(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{"organisation": {"name": "X"},\n "answers": {\n'
                 '  "profile.big": "no",\n  "bank.ops.logs": "six"}}\n')
    status, _, err = run("check", *MINI_ARGS, path)
    assert status == 2
    assert "a.json:4: bank.ops.logs: expected a number" in err


def test_incomplete_allowed_on_request(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "organisation: {name: X}\nanswers:\n  profile.big: no\n")
    assert run("check", *MINI_ARGS, path)[0] == 2
    assert run("check", *MINI_ARGS, "--allow-incomplete", path)[0] == 0


def test_alternate_only_where_the_bank_allows_it(mini: Catalog) -> None:
    logs, plan = mini.by_id["bank.ops.logs"], mini.by_id["bank.ops.plan"]
    assert check_value(plan, "alternate") is None
    assert "not allowed" in (check_value(logs, "alternate") or "")


def test_check_value_serves_prompt_text_too(mini: Catalog) -> None:
    logs = mini.by_id["bank.ops.logs"]
    assert check_value(logs, "12") is None
    assert check_value(mini.by_id["profile.people"], "-1") == "must be at least 0"
    assert check_value(mini.by_id["profile.big"], True) is None


def test_save_then_load_round_trips(mini: Catalog, tmp_path: Path) -> None:
    record = Answers(Organisation("Round Trip Ltd"), Assessment("C", "2026-11-20", "zh"), {
        "profile.big": Answer("profile.big", "yes"),
        "profile.people": Answer("profile.people", 1200.0),
        "bank.ops.logs": Answer("bank.ops.logs", 6.0, "kept in SIEM", ("siem.png",)),
        "bank.ops.plan": Answer("bank.ops.plan", "na", "no plan needed"),
        "bank.big.officer": Answer("bank.big.officer", "unknown"),
        "bank.big.elements": Answer("bank.big.elements", ("a", "b")),
    })
    path = tmp_path / "saved.yaml"
    answers.save(path, record, mini)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["answers"]["profile.big"] == "yes"
    assert data["answers"]["bank.ops.logs"] == {"answer": 6, "note": "kept in SIEM",
                                                 "evidence": ["siem.png"]}
    assert data["versions"] == {"profile": "1", "bank": "1.0"}
    loaded = answers.load(path, mini, allow_incomplete=True)
    assert loaded.answers == {k: Answer(v.qid, v.value, v.note, v.evidence,
                                        loaded.answers[k].line) for k, v in record.answers.items()}
    assert loaded.assessment.lang == "zh"


def test_template_lists_every_question_and_fills_to_a_valid_file(
        mini: Catalog, tmp_path: Path) -> None:
    text = template(mini)
    for qid in mini.by_id:
        assert f"  {qid}: \n" in text
    assert "#   scale: implemented | partial | not_implemented" in text
    filled = text.replace("  name: ", "  name: Filled").replace("profile.big: ", "profile.big: no")
    filled = filled.replace("bank.ops.logs: ", "bank.ops.logs: 6").replace(
        "bank.ops.plan: ", "bank.ops.plan: implemented")
    path = write(tmp_path / "t.yaml", filled)
    assert len(answers.load(path, mini, allow_incomplete=True).answers) == 3


@pytest.mark.parametrize(("typed", "value"), [
    ("8 million", 8_000_000), ("8m", 8_000_000), ("8M", 8_000_000), ("8,000,000", 8_000_000),
    ("800万", 8_000_000), ("1.2亿", 120_000_000), ("1.5 bn", 1_500_000_000),
    ("2 thousand", 2000), ("12k", 12_000), ("３００万", 3_000_000), ("6", 6), ("0.5", 0.5),
])
def test_numbers_are_read_as_people_say_them(mini: Catalog, typed: str, value: float) -> None:
    assert parse_value(mini.by_id["profile.people"], typed) == value


@pytest.mark.parametrize("typed", ["5-10 million", "5 to 10", "5万-10万", "5~10", "5至10万"])
def test_a_range_is_refused_asking_for_one_estimate(mini: Catalog, typed: str) -> None:
    assert check_value(mini.by_id["profile.people"], typed) == (
        f"'{typed}' is a range: give one estimate (the middle, or the figure the client is "
        "surest of)")


def test_a_file_and_a_prompt_read_numbers_alike(run: Run, mini: Catalog, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "organisation: {name: X}\nanswers:\n  profile.big: yes\n"
                 "  profile.people: 1.2亿\n  bank.ops.logs: 6 to 12\n")
    status, _, err = run("check", *MINI_ARGS, "--allow-incomplete", path)
    assert status == 2
    assert err.splitlines() == [
        f"assessor: error: {path}:5: bank.ops.logs: '6 to 12' is a range: give one estimate "
        "(the middle, or the figure the client is surest of)"]
    path = write(tmp_path / "b.yaml", "organisation: {name: X}\nanswers:\n  profile.big: yes\n"
                 "  profile.people: 8 million\n")
    assert run("check", *MINI_ARGS, "--allow-incomplete", path)[0] == 0
    loaded = answers.load(path, mini, allow_incomplete=True)
    assert loaded.answers["profile.people"].value == 8_000_000
