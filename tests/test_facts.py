"""Facts asked once: a control that declares same_as is answered under the other control.

The mini catalog plus a second bank ("other", instrument OTH) whose plan control asks the same
fact as bank.ops.plan and whose officer control asks the same fact as bank.big.officer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.banks.catalog import load_catalog
from assessor.model.catalog import Catalog
from assessor.record import answers
from assessor.record.writing import dump
from assessor.scoring import score

from .conftest import MINI, Run, write

OTHER = """\
id: other
kind: bank
instrument: OTH
version: "1.0"
order: 20
title: {en: "Other bank", zh: "其他题库"}
sections:
  - id: other.main
    title: {en: "Main", zh: "主要"}
    questions:
      - id: other.main.plan
        same_as: bank.ops.plan
        text: {en: "Is there a plan, as the other law asks?", zh: "有其他法要求的预案吗？"}
        severity: high
        references: [{law: OTH, article: "7"}]
        principles: [1]
        remediation: {en: "Write it.", zh: "制定。"}
      - id: other.main.officer
        same_as: bank.big.officer
        text: {en: "Is there an officer, as the other law asks?", zh: "有其他法要求的负责人吗？"}
        severity: low
        references: [{law: OTH, article: "8"}]
        principles: [3]
        remediation: {en: "Appoint one.", zh: "任命。"}
      - id: other.main.own
        type: yesno
        text: {en: "Anything of its own?", zh: "有自有要求吗？"}
        severity: low
        references: [{law: OTH, article: "8"}]
        principles: [3]
        remediation: {en: "Do it.", zh: "做。"}
"""
OTH = """\
  - code: OTH
    name: {en: "Other Law", zh: "其他法"}
    short: {en: "Other Law", zh: "其他法"}
    issuer: {en: "Tester", zh: "测试者"}
    effective: "2021-01-01"
    articles:
      - article: "7"
        title: {en: "Plans", zh: "预案"}
      - article: "8"
        title: {en: "Officers", zh: "负责人"}
"""
HEAD = "format: assessor-answers/1\norganisation: {name: Two Laws Co}\nanswers:\n"
BIG = ("  profile.big: yes\n  profile.people: 5000\n  bank.ops.logs: 6\n  bank.ops.plan: partial\n"
       "  bank.big.officer: no\n  bank.big.elements: [a]\n")


def two_banks(folder: Path, other: str = OTHER) -> Path:
    """Copy the mini catalog to ``folder`` with the other bank beside it; return the folder."""
    shutil.copytree(MINI, folder)
    write(folder / "other.yaml", other)
    instruments = folder / "instruments.yaml"
    instruments.write_text(instruments.read_text(encoding="utf-8") + OTH, encoding="utf-8")
    return folder


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    """Return the folder of the mini catalog with the other bank."""
    return two_banks(tmp_path / "banks")


@pytest.fixture
def catalog(banks: Path) -> Catalog:
    """Return the two-bank catalog."""
    return load_catalog([banks], builtin=False)


def test_the_control_takes_the_other_controls_form_of_answer(catalog: Catalog) -> None:
    plan, shared = catalog.by_id["bank.ops.plan"], catalog.by_id["other.main.plan"]
    assert (shared.type, shared.options, shared.alternate) == (plan.type, plan.options, True)
    assert (shared.same_as, shared.severity, shared.scored) == ("bank.ops.plan", "high", True)
    assert [r.law for r in shared.references] == ["OTH"]


def test_a_fact_answered_once_counts_in_both_instruments(
        run: Run, banks: Path, catalog: Catalog, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", HEAD + BIG + "  other.main.own: yes\n")
    status, out, err = run("check", "--questionnaires", banks, "--no-builtin", path)
    assert (status, out) == (0, f"{path}: ok (9 answers)\n")
    assert "other.main.plan" not in err  # quality warnings name the answers given, not copies
    loaded = answers.load(path, catalog)
    assert loaded.answers["other.main.plan"].via == "bank.ops.plan"
    result = score(catalog, loaded.answers)
    assert result.question_scores["other.main.plan"] == 0.5
    assert result.question_scores["other.main.officer"] == 0.0
    assert result.by_questionnaire["other"].answered == 3
    assert result.by_questionnaire["bank"].answered == 4
    assert "other.main.plan" not in [g.question.id for g in result.gaps]   # one gap per fact,
    plan = next(g for g in result.gaps if g.question.id == "bank.ops.plan")  # citing both laws
    assert [q.id for q in plan.questions] == ["bank.ops.plan", "other.main.plan"]
    assert "other.main.plan" not in dump(loaded, catalog)  # the file carries it once


def test_an_old_file_with_both_answers_loads_and_the_second_is_not_used(
        run: Run, banks: Path, catalog: Catalog, tmp_path: Path) -> None:
    path = write(tmp_path / "old.yaml", HEAD + BIG + "  other.main.plan: implemented\n"
                 "  other.main.own: yes\n")
    status, out, err = run("check", "--questionnaires", banks, "--no-builtin", path)
    assert (status, out) == (0, f"{path}: ok (9 answers)\n")
    assert f"assessor: warning: {path}:10: other.main.plan: the same fact as bank.ops.plan, " \
           "whose answer counts for both: this answer is not used (remove it)" in err
    loaded = answers.load(path, catalog)
    assert score(catalog, loaded.answers).question_scores["other.main.plan"] == 0.5
    assert "other.main.plan" not in dump(loaded, catalog)


def test_where_the_other_control_does_not_apply_the_control_is_answered_itself(
        run: Run, banks: Path, catalog: Catalog, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", HEAD + "  profile.big: no\n  bank.ops.logs: 6\n"
                 "  bank.ops.plan: partial\n  other.main.own: yes\n")
    status, _, err = run("check", "--questionnaires", banks, "--no-builtin", "--missing", path)
    assert status == 2   # bank.big.officer does not apply to a small organisation
    assert "other.main.officer: no answer, but the question applies" in err
    path = write(tmp_path / "b.yaml", HEAD + "  profile.big: no\n  bank.ops.logs: 6\n"
                 "  bank.ops.plan: partial\n  other.main.own: yes\n  other.main.officer: no\n")
    loaded = answers.load(path, catalog)
    assert (loaded.answers["other.main.officer"].value, loaded.answers["other.main.officer"].via) \
        == ("no", None)
    assert "other.main.officer: 'no'" in dump(loaded, catalog)


def test_the_template_carries_the_fact_once(run: Run, banks: Path) -> None:
    status, out, _ = run("template", "--questionnaires", banks, "--no-builtin")
    assert status == 0
    assert "\n  bank.ops.plan: \n" in out
    assert "\n  # other.main.plan: \n" in out
    assert "the same fact as bank.ops.plan: answered there, counted here too" in out


@pytest.mark.parametrize(("control", "message"), [
    ("        same_as: bank.ops.nothing\n", "same_as names unknown question 'bank.ops.nothing'"),
    ("        same_as: other.main.plan\n", "same_as names the control itself"),
    ("        same_as: other.main.officer\n", "same_as names 'other.main.officer', whose fact "
                                              "is asked under 'bank.big.officer': name that one"),
    ("        same_as: bank.ops.plan\n        type: yesno\n",
     "'type' comes from 'bank.ops.plan', whose fact this control asks: remove it"),
])
def test_lint_names_a_wrong_declaration(run: Run, tmp_path: Path, control: str,
                                        message: str) -> None:
    folder = two_banks(tmp_path / "banks", OTHER.replace("        same_as: bank.ops.plan\n",
                                                         control))
    status, _, err = run("lint", "--no-builtin", folder)
    assert status == 2
    line = 13 if "type" in control else 11
    assert f"other.yaml:{line}: other.main.plan: {message}" in err
