"""Questionnaire loading and lint: each defect is caught and located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.banks.catalog import load_catalog
from assessor.errors import InvalidFile
from assessor.model import Catalog, QuestionType

from .conftest import MINI, Run


def test_mini_catalog_model(mini: Catalog) -> None:
    assert [q.id for q in mini.questionnaires] == ["profile", "bank"]
    logs = mini.by_id["bank.ops.logs"]
    assert logs.type is QuestionType.NUMBER and logs.scored and logs.limit is not None
    assert logs.references[0].cite() == "LAW Art. 3(1) (formerly Art. 1(1))"
    assert mini.by_id["bank.ops.plan"].verified is False  # its only article is unverified
    assert mini.by_id["profile.big"].scored is False
    assert [o.score for o in mini.by_id["bank.big.officer"].options] == [1.0, 0.0]


DEFECTS = {
    "untranslated": ("text: {en: \"Is there a plan?\", zh: \"有预案吗？\"}",
                     "text: {en: \"Is there a plan?\"}",
                     "'text' is not translated: 'zh' is missing"),
    "no-reference": ("references: [{law: LAW, article: \"4\"}]\n        principles: [1, 3]",
                     "principles: [1, 3]", "bank.ops.plan: 'references' is missing"),
    "unknown-instrument": ("references: [{law: LAW, article: \"4\"}]\n        principles: [1, 3]",
                           "references: [{law: XYZ, article: \"4\"}]\n        principles: [1, 3]",
                           "reference to unknown instrument 'XYZ'"),
    "unknown-article": ("references: [{law: LAW, article: \"4\"}]\n        principles: [1, 3]",
                        "references: [{law: LAW, article: \"99\"}]\n        principles: [1, 3]",
                        "LAW article '99' is not listed in instruments.yaml"),
    "unknown-name": ("applies_if: \"profile.people >= 1000\"",
                     "applies_if: \"profile.staff >= 1000\"",
                     "applies_if names unknown question 'profile.staff'"),
    "later-name": ("applies_if: \"profile.people >= 1000\"",
                   "applies_if: \"bank.big.elements == ['a']\"",
                   "applies_if names a question asked later 'bank.big.elements'"),
    "duplicate-id": ("id: bank.ops.plan", "id: bank.ops.logs", "bank.ops.logs: duplicate id"),
    "option-without-score": ("- {id: a, label: {en: \"A\", zh: \"甲\"}, score: 0.5}",
                             "- {id: a, label: {en: \"A\", zh: \"甲\"}}",
                             "option 'a' has no score"),
    "unverified-basis-unmarked": ("verified: false\n        references: [{law: LAW, "
                                  "article: \"4\"}]",
                                  "references: [{law: LAW, article: \"4\"}]",
                                  "bank.ops.plan: rests on LAW 4, which instruments.yaml marks "
                                  "unverified: add 'verified: false'"),
    "non-statutory-term": ('zh: "制定预案。"', 'zh: "取得专门同意。"',
                           "bank.ops.plan: 'remediation' (zh) says 专门同意, not the statutes' "
                           "wording: write 单独同意"),
    "bare-item": ('zh: "制定预案。"', 'zh: "依第三条第一项制定预案。"',
                  "bank.ops.plan: 'remediation' (zh) says 第一项, not the statutes' wording: "
                  "write 第（一）项"),
    "uncitable-article": ('references: [{law: LAW, article: "3(1)"}]',
                          'references: [{law: LAW, article: "3.1"}]',
                          "LAW article '3.1' cannot be cited"),
    "bad-condition": ("applies_if: \"profile.people >= 1000\"",
                      "applies_if: \"__import__('os')\"", "is not allowed in a condition"),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_lint_fails_on_each_defect(run: Run, tmp_path: Path, defect: str) -> None:
    before, after, message = DEFECTS[defect]
    folder = tmp_path / defect
    shutil.copytree(MINI, folder)
    bank = folder / "bank.yaml"
    text = bank.read_text(encoding="utf-8")
    assert before in text
    bank.write_text(text.replace(before, after, 1), encoding="utf-8")
    status, _, err = run("lint", "--no-builtin", "--questionnaires", folder)
    assert status == 2, err
    assert message in err
    assert f"{folder.name}/bank.yaml:" in err or "bank.yaml:" in err


def test_lint_passes_on_clean_files(run: Run) -> None:
    status, out, err = run("lint", "--no-builtin", "--questionnaires", MINI)
    assert (status, err) == (0, "")
    assert "ok" in out


def test_untranslated_text_still_loads_outside_lint(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    shutil.copytree(MINI, folder)
    bank = folder / "bank.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace(
        'text: {en: "Is there a plan?", zh: "有预案吗？"}', 'text: {en: "Is there a plan?"}'),
        encoding="utf-8")
    assert load_catalog([folder], builtin=False).by_id["bank.ops.plan"].text.zh == ""
    with pytest.raises(InvalidFile):
        load_catalog([folder], builtin=False, strict=True)


def test_lint_names_a_penalty_article_missing_from_instruments(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    shutil.copytree(MINI, folder)
    instruments = folder / "instruments.yaml"
    instruments.write_text(instruments.read_text(encoding="utf-8").replace(
        'penalty: {article: "9"', 'penalty: {article: "LAW 99"'), encoding="utf-8")
    status, _, err = run("lint", "--no-builtin", "--questionnaires", folder)
    assert status == 2
    assert "LAW 3: penalty article 'LAW 99' is not listed in instruments.yaml" in err
