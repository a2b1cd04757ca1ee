"""Questionnaire loading and lint: each defect is caught and located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.banks.catalog import load_catalog
from assessor.errors import InvalidFile
from assessor.model.catalog import Catalog, QuestionType

from .conftest import MINI, Run


def test_mini_catalog_model(mini: Catalog) -> None:
    assert [q.id for q in mini.questionnaires] == ["profile", "bank"]
    logs = mini.by_id["bank.ops.logs"]
    assert logs.type is QuestionType.NUMBER and logs.scored and logs.limit is not None
    assert logs.references[0].cite() == "LAW Art. 3(1) (formerly Art. 1(1))"
    assert mini.by_id["bank.ops.plan"].verified is False  # its only article is unverified
    assert mini.by_id["profile.big"].scored is False
    assert [o.score for o in mini.by_id["bank.big.officer"].options] == [1.0, 0.0]


def test_statements_and_workstreams_are_read(mini: Catalog) -> None:
    plan = mini.by_id["bank.ops.plan"]
    assert plan.statement is not None and plan.workstream == "operations"
    assert plan.statement.get("en") == "There is no plan."
    assert plan.statement.get("zh", partial=True) == "预案未覆盖全部情形。"
    logs = mini.by_id["bank.ops.logs"].statement
    assert logs is not None and logs.partial is None
    assert logs.get("zh", partial=True) == "日志保存不足六个月。"  # no variant: the statement
    assert [w.id for w in mini.workstreams] == ["operations", "people"]
    people = mini.workstream("people")
    assert people is not None and people.title.zh == "人员"


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
    "statement-as-question": ('statement: {en: "No officer is appointed.", zh: "未任命负责人。"}',
                              'statement: {en: "Is an officer appointed?", zh: "未任命负责人。"}',
                              "bank.big.officer: a statement states the finding a gap "
                              "establishes, not a question"),
    "statement-untranslated": ('statement: {en: "No officer is appointed.", zh: "未任命负责人。"}',
                               'statement: {en: "No officer is appointed."}',
                               "bank.big.officer: 'statement' is not translated: 'zh'"),
    "partial-untranslated": ('partial: {en: "The plan does not cover every case.", zh: '
                             '"预案未覆盖全部情形。"}',
                             'partial: {en: "The plan does not cover every case."}',
                             "bank.ops.plan: 'partial' is not translated: 'zh'"),
    "statement-unknown-key": ('partial: {en: "The plan does not cover',
                              'partly: {en: "The plan does not cover',
                              "bank.ops.plan: 'statement' has unknown language 'partly'"),
    "no-statement": ('        statement: {en: "No officer is appointed.", zh: "未任命负责人。"}\n',
                     "",
                     "bank.big.officer: a scored control needs a 'statement': the finding its "
                     "gap states, in en and zh"),
    "no-workstream": ("        workstream: people\n      - id: bank.big.elements",
                      "      - id: bank.big.elements",
                      "bank.big.officer: a scored control needs a 'workstream'"),
    "unknown-workstream": ("workstream: people", "workstream: peopel",
                           "workstream 'peopel' is not declared in scales.yaml (operations, "
                           "people)"),
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


def test_a_statement_belongs_to_a_scored_control(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    shutil.copytree(MINI, folder)
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("    questions:\n", "    questions:\n" + (
        "      - id: profile.extra\n        type: text\n"
        "        text: {en: \"Anything else\", zh: \"其他\"}\n"
        "        statement: {en: \"Nothing.\", zh: \"无。\"}\n"), 1), encoding="utf-8")
    assert load_catalog([folder], builtin=False).by_id["profile.extra"].statement is not None
    status, _, err = run("lint", "--no-builtin", "--questionnaires", folder)
    assert status == 2
    assert "profile.extra: only a scored control states a finding: remove 'statement'" in err


def test_a_firm_scales_file_retitles_and_adds_workstreams(tmp_path: Path) -> None:
    folder = tmp_path / "firm"
    folder.mkdir()
    (folder / "scales.yaml").write_text(
        "scales: {}\nworkstreams:\n"
        "  - {id: people, title: {en: \"People and roles\", zh: \"人员与职责\"}}\n"
        "  - {id: audit, title: {en: \"Audit\", zh: \"审计\"}}\n", encoding="utf-8")
    catalog = load_catalog([MINI, folder], builtin=False)
    assert [w.id for w in catalog.workstreams] == ["operations", "people", "audit"]
    people = catalog.workstream("people")
    assert people is not None and people.title.en == "People and roles"


def test_every_shipped_control_states_its_finding_in_both_languages(catalog: Catalog) -> None:
    controls = [q for q in catalog.questions if q.scored]
    assert len(controls) > 200
    for control in controls:
        assert control.statement is not None, control.id
        for text in (control.statement.text, control.statement.partial):
            assert text is None or (text.en and text.zh), control.id
        assert catalog.workstream(control.workstream) is not None, control.id
