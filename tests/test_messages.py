"""Messages for unattended runs: mistakes first, gaps summarised, templates of what is left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, MINI, ROOT, Run, write

WIDE = DATA / "wide"  # a profile and two banks of 60 and 50 plain controls
WIDE_ARGS = ("--questionnaires", WIDE, "--no-builtin")
HEAD = """format: assessor-answers/1
organisation: {name: Wide Co}
assessment: {consultant: A. Consultant, date: 2026-11-20, lang: en}
answers:
  profile.big: no
"""


def hint(path: str) -> str:
    """Return the line that follows a file's gap summary."""
    return (f"list every unanswered question with `assessor check --missing {path}`, write them "
            f"to a file to fill in with `assessor template --from {path} --missing -o "
            "todo.yaml`, or accept the gaps with --allow-incomplete")


def answered(bank: str, sections: range, questions: range = range(1, 11)) -> str:
    """Return valid answers to the given questions of a wide bank."""
    values = {1: "yes", 2: "implemented", 3: "standard_contract", 4: "[certification]", 0: "12"}
    return "".join(f"  {bank}.s{s}.q{q}: {values[q % 5]}\n" for s in sections for q in questions)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a temporary folder, so messages name files as typed."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_gaps_come_after_the_mistakes_one_line_per_instrument(run: Run, here: Path) -> None:
    text = (HEAD + answered("alpha", range(1, 6)) + "  alpha.s6.q2: mostly\n"
            + answered("beta", range(1, 5)) + answered("beta", range(5, 6), range(1, 9)))
    write(here / "a.yaml", text)
    status, out, err = run("check", *WIDE_ARGS, "a.yaml")
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "assessor: error: a.yaml:56: alpha.s6.q2: 'mostly' is not an option; choose one of "
        "implemented, partial, not_implemented",
        "assessor: error: a.yaml:4: ALPHA: 9 applicable questions unanswered (the first: "
        "alpha.s6.q1)",
        "assessor: error: a.yaml:4: BETA: 2 applicable questions unanswered: beta.s5.q9, "
        "beta.s5.q10",
        f"assessor: error: a.yaml:4: {hint('a.yaml')}",
    ]


def test_check_missing_lists_every_unanswered_question(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + "  alpha.s1.q1: maybe\n" + answered("alpha", range(2, 7)))
    status, _, err = run("check", "--missing", *WIDE_ARGS, "a.yaml")
    assert status == 2
    lines = err.splitlines()
    assert lines[0] == ("assessor: error: a.yaml:6: alpha.s1.q1: 'maybe' is not an option; "
                        "choose one of yes, no")
    assert lines[1:] == [f"assessor: error: a.yaml:4: {qid}: no answer, but the question applies "
                         "(answer it, or run with --allow-incomplete)"
                         for qid in [*(f"alpha.s1.q{q}" for q in range(2, 11)),
                                     *(f"beta.s{s}.q{q}" for s in range(1, 6)
                                       for q in range(1, 11))]]


def test_allow_incomplete_still_shows_every_mistake(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + "  alpha.s1.q5: lots\n")
    status, _, err = run("check", "--allow-incomplete", *WIDE_ARGS, "a.yaml")
    assert (status, err) == (2, "assessor: error: a.yaml:6: alpha.s1.q5: expected a number, not "
                                "'lots'\n")


def test_run_and_score_summarise_the_gaps_too(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + answered("alpha", range(1, 7)) + answered("beta", range(1, 5)))
    expected = ["assessor: error: a.yaml:4: BETA: 10 applicable questions unanswered (the "
                "first: beta.s5.q1)", f"assessor: error: a.yaml:4: {hint('a.yaml')}"]
    for command in (("score", "a.yaml"), ("run", "a.yaml", "-o", "a.json")):
        status, _, err = run(*command[:1], *WIDE_ARGS, *command[1:])
        assert (status, err.splitlines()) == (2, expected)
    assert not (here / "a.json").exists()


def test_a_batch_counts_mistakes_and_gaps_apart(run: Run, here: Path) -> None:
    write(here / "good.yaml", HEAD + answered("alpha", range(1, 7)) + answered("beta",
                                                                               range(1, 6)))
    write(here / "gaps.yaml", HEAD + "  alpha.s1.q1: maybe\n")
    status, out, err = run("run", *WIDE_ARGS, "good.yaml", "gaps.yaml", "-o", "out/",
                           "--format", "json")
    assert status == 2
    assert "gaps.yaml  " in out
    assert "FAILED: 1 problem, 109 unanswered" in out
    assert err.splitlines()[-5:] == [
        "assessor: error: gaps.yaml:6: alpha.s1.q1: 'maybe' is not an option; choose one of "
        "yes, no",
        "assessor: error: gaps.yaml:4: ALPHA: 59 applicable questions unanswered (the first: "
        "alpha.s1.q2)",
        "assessor: error: gaps.yaml:4: BETA: 50 applicable questions unanswered (the first: "
        "beta.s1.q1)",
        f"assessor: error: gaps.yaml:4: {hint('gaps.yaml')}",
        "assessor: error: 1 of 2 answers files failed; the others were written",
    ]


def test_template_missing_writes_the_gaps_to_fill_in_and_merge_back(run: Run,
                                                                   here: Path) -> None:
    original = HEAD + answered("alpha", range(1, 7)) + answered("beta", range(1, 5), range(1, 6))
    write(here / "a.yaml", original)
    status, _, err = run("template", *WIDE_ARGS, "--from", "a.yaml", "--missing", "-o",
                         "todo.yaml")
    assert (status, err) == (0, "wrote todo.yaml\n")
    todo = (here / "todo.yaml").read_text(encoding="utf-8")
    gaps = [f"beta.s{s}.q{q}" for s in range(1, 5) for q in range(6, 11)] + [
        f"beta.s5.q{q}" for q in range(1, 11)]
    data = yaml.safe_load(todo)
    assert list(data["answers"]) == gaps
    assert data["organisation"] == {"name": "Wide Co"}
    assert data["assessment"] == {"consultant": "A. Consultant", "date": "2026-11-20",
                                  "lang": "en"}
    assert todo.startswith("# The 30 applicable questions a.yaml leaves unanswered. Fill them "
                           "in, then merge this file back\n# into a.yaml (assessor merge).")
    assert ("  # Question 6 of section 1?\n  #   yesno: yes | no\n  #     yes = Yes\n"
            "  #     no = No\n  #   also: na (with note), unknown\n"
            "  #   help: Ask for the record of question 6.\n  beta.s1.q6: \n") in todo
    assert run("check", "--allow-incomplete", *WIDE_ARGS, "todo.yaml")[0] == 0
    filled = todo.replace(": \n", ": unknown\n")
    merged = original + filled.split("answers:\n", 1)[1]
    write(here / "merged.yaml", merged)
    assert run("check", *WIDE_ARGS, "merged.yaml")[:2] == (0, "merged.yaml: ok (111 answers)\n")


def test_template_missing_of_a_complete_file_says_so(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + answered("alpha", range(1, 7)) + answered("beta", range(1, 6)))
    status, out, _ = run("template", *WIDE_ARGS, "--from", "a.yaml", "--missing")
    assert status == 0
    assert out.startswith("# a.yaml leaves no applicable question unanswered.\n")
    assert yaml.safe_load(out)["answers"] is None


def test_template_missing_refuses_a_file_with_mistakes(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + "  alpha.s1.q1: maybe\n")
    status, _, err = run("template", *WIDE_ARGS, "--from", "a.yaml", "--missing", "-o", "t.yaml")
    assert (status, err) == (2, "assessor: error: a.yaml:6: alpha.s1.q1: 'maybe' is not an "
                                "option; choose one of yes, no\n")
    assert not (here / "t.yaml").exists()


@pytest.mark.parametrize("args", [("--missing",), ("--from", "a.yaml")])
def test_template_from_and_missing_go_together(run: Run, here: Path,
                                               args: tuple[str, ...]) -> None:
    write(here / "a.yaml", HEAD)
    status, out, err = run("template", *WIDE_ARGS, *args)
    assert (status, out) == (2, "")
    assert err == ("assessor: error: template: --from ANSWERS and --missing go together (a file "
                   "of the questions ANSWERS leaves unanswered), or --from with --format xlsx\n")


def test_ten_mistakes_and_a_hundred_gaps_give_ten_messages_and_a_summary(
        run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = "tests/data/answers/wide-ten-mistakes.yaml"
    status, out, err = run("check", "--questionnaires", "tests/data/wide", "--no-builtin", name)
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"assessor: error: {name}:{line}" for line in [
        "4: unknown key 'organization' in the answers file (did you mean 'organisation'?)",
        "11: unknown key 'on' in 'signed_off' (YAML reads an unquoted on as true; did you mean "
        "'date'?)",
        "14: profile.people: must be at least 0",
        "15: alpha.s1.q1: 'alternate' is not allowed here: the law sets no other means",
        "16: alpha.s1.q2: 'na' needs a note giving a reason",
        "17: alpha.s1.q3: 'standard_contracts' is not an option (did you mean "
        "'standard_contract'?); choose one of standard_contract, certification, "
        "security_assessment",
        "18: alpha.s1.q4: 'certificate' is not an option (did you mean 'certification'?); "
        "choose one of standard_contract, certification, security_assessment",
        "19: alpha.s1.q5: expected a number, not 'six months'",
        "22: alpha.s1.q6: unknown key 'notes' in an answer (did you mean 'note'?)",
        "27: alpha.s1.q11: unknown question (did you mean 'alpha.s1.q1'?)",
        "12: ALPHA: 50 applicable questions unanswered (the first: alpha.s2.q1)",
        "12: BETA: 50 applicable questions unanswered (the first: beta.s1.q1)",
        f"12: {hint(name)}"]]
    status, _, err = run("check", "--missing", "--questionnaires", "tests/data/wide",
                         "--no-builtin", name)
    assert len(err.splitlines()) == 110


def test_a_misspelt_block_is_still_read_and_checked(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD.replace("organisation: {name: Wide Co}",
                                        "organization: {name: Wide Co, sectr: retail}")
          .replace("answers:", "answer:") + "  alpha.s1.q1: maybe\n")
    status, _, err = run("check", "--allow-incomplete", *WIDE_ARGS, "a.yaml")
    assert (status, err.splitlines()) == (2, [
        "assessor: error: a.yaml:2: unknown key 'organization' in the answers file (did you mean "
        "'organisation'?)",
        "assessor: error: a.yaml:4: unknown key 'answer' in the answers file (did you mean "
        "'answers'?)",
        "assessor: error: a.yaml:2: unknown key 'sectr' in 'organisation' (did you mean "
        "'sector'?)",
        "assessor: error: a.yaml:6: alpha.s1.q1: 'maybe' is not an option; choose one of yes, no",
    ])


@pytest.mark.parametrize("value", ["standard_contract, certification",
                                   "standard_contract,certification,",
                                   "standard_contract、certification",
                                   "standard_contract，certification；"])
def test_a_comma_string_for_several_options_is_read_as_the_list(
        run: Run, here: Path, value: str) -> None:
    # issue 24: choices as clients type them, Chinese separators included, read as the list
    write(here / "a.yaml", HEAD + f"  alpha.s1.q4: {value}\n")
    assert run("check", "--allow-incomplete", *WIDE_ARGS, "a.yaml")[0] == 0


def test_a_wrong_option_in_a_comma_string_is_named(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + "  alpha.s1.q4: standard_contract, certificate\n")
    status, _, err = run("check", "--allow-incomplete", *WIDE_ARGS, "a.yaml")
    assert (status, err) == (2, "assessor: error: a.yaml:6: alpha.s1.q4: 'certificate' is not "
                                "an option (did you mean 'certification'?); choose one of "
                                "standard_contract, certification, security_assessment\n")


@pytest.mark.parametrize(("key", "message"), [
    ("yes", "unknown key 'yes' in the answers file (YAML reads an unquoted yes as true)"),
    ("off", "unknown key 'off' in the answers file (YAML reads an unquoted off as false)"),
    ("organisaton", "unknown key 'organisaton' in the answers file (did you mean "
                    "'organisation'?)"),
    ("assesment", "unknown key 'assesment' in the answers file (did you mean 'assessment'?)"),
    ("Versions", "unknown key 'Versions' in the answers file (did you mean 'versions'?)"),
    ("evidense", "unknown key 'evidense' in the answers file (did you mean 'evidence'?)"),
])
def test_top_level_keys_misspelt_or_read_as_booleans(run: Run, here: Path, key: str,
                                                     message: str) -> None:
    write(here / "a.yaml", HEAD.replace("answers:", f"{key}: {{}}\nanswers:"))
    status, _, err = run("check", "--allow-incomplete", *WIDE_ARGS, "a.yaml")
    assert (status, err) == (2, f"assessor: error: a.yaml:4: {message}\n")


def test_template_in_chinese_keeps_ids_and_words_the_rest_in_chinese(run: Run) -> None:
    status, out, _ = run("template", "--lang", "zh", "--questionnaires", MINI, "--no-builtin")
    assert status == 0
    assert out.startswith("# 请在每个问题的冒号后填写答案：选项 id 照注释中所列原样填写"
                          "（如 yes，而非“是”；多选写成列表），\n"
                          "# 或填写数字、文字。暂时无法回答的问题可留空。\n")
    assert ("  # ---- 测试题库（bank 1.0） ----\n  # 日志保存几个月？\n  #   数字（个月）\n"
            "  #   也可填：na（不适用，须附 note 说明理由）、unknown（不清楚）\n  bank.ops.logs: \n"
            "  # 有预案吗？\n  #   程度：implemented | partial | not_implemented\n"
            "  #     implemented = 已落实\n  #     partial = 部分\n"
            "  #     not_implemented = 未落实\n"
            "  #   也可填：na（不适用，须附 note 说明理由）、unknown（不清楚）、"
            "alternate（替代措施，须附 note 说明）\n  bank.ops.plan: \n") in out
    assert ("  # 哪些要素？\n  #   多选（写成列表：[a, b]）：a | b\n  #     a = 甲\n"
            "  #     b = 乙\n") in out
    assert "  lang: zh\n" in out


def test_the_shipped_banks_template_in_chinese_has_no_english_question(run: Run,
                                                                       here: Path) -> None:
    from assessor.banks.catalog import load_catalog

    status, out, _ = run("template", "--lang", "zh")
    assert status == 0
    flat = "".join(line.removeprefix("  #").strip() for line in out.splitlines())
    for question in load_catalog([]).questions:
        assert "".join(question.text.zh.split()) in flat.replace(" ", "")
        assert question.text.en not in out
        if question.same_as:  # asked once, under the other control: carried there
            assert f"\n  # {question.id}: \n" in out
            continue
        assert f"\n  {question.id}: \n" in out
        for option in question.options:
            assert f"  #     {option.id} = {option.label.zh}\n" in out
        if question.help:
            assert "".join(question.help.zh.split()) in flat.replace(" ", "")
    filled = out.replace("  name: \n", "  name: 某公司\n").replace("profile.presence: ",
                                                                  "profile.presence: in_china")
    write(here / "zh.yaml", filled)
    assert run("check", "--allow-incomplete", "zh.yaml")[:2] == (0, "zh.yaml: ok (1 answers)\n")


def test_a_file_named_twice_is_summarised_once(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD + "  alpha.s1.q1: maybe\n" + answered("alpha", range(2, 7)))
    status, _, err = run("diff", *WIDE_ARGS, "a.yaml", "a.yaml")
    assert (status, err.splitlines()) == (2, [
        "assessor: error: a.yaml:6: alpha.s1.q1: 'maybe' is not an option; choose one of yes, no",
        "assessor: error: a.yaml:4: ALPHA: 9 applicable questions unanswered (the first: "
        "alpha.s1.q2)",
        "assessor: error: a.yaml:4: BETA: 50 applicable questions unanswered (the first: "
        "beta.s1.q1)",
        f"assessor: error: a.yaml:4: {hint('a.yaml')}"])


def test_a_misspelt_key_in_a_questionnaire_is_one_message_and_read_as_meant(
        run: Run, here: Path) -> None:
    shutil.copytree(MINI, here / "banks")
    bank = here / "banks" / "bank.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("title: {en: \"Test bank\"",
                                                             "titel: {en: \"Test bank\"")
                    .replace("        severity: high", "        severty: high"), encoding="utf-8")
    status, _, err = run("lint", "--questionnaires", "banks", "--no-builtin")
    assert (status, err.splitlines()) == (2, [
        "assessor: error: banks/bank.yaml:6: unknown key 'titel' in the questionnaire (did you "
        "mean 'title'?)",
        "assessor: error: banks/bank.yaml:16: bank.ops.logs: unknown key 'severty' in a "
        "question (did you mean 'severity'?)"])


def test_gaps_and_the_todo_file_keep_to_the_engagement_scope(run: Run, here: Path) -> None:
    write(here / "a.yaml", HEAD.replace("lang: en}", "lang: en, scope: [beta]}")
          + answered("beta", range(1, 5)))
    status, _, err = run("check", *WIDE_ARGS, "a.yaml")
    errors = [line for line in err.splitlines() if line.startswith("assessor: error:")]
    assert (status, errors[0]) == (2, "assessor: error: a.yaml:4: BETA: 10 applicable "
                                      "questions unanswered (the first: beta.s5.q1)")
    assert len(errors) == 2
    # the quality warnings of an incomplete file come first (issue 24), never another bank's
    assert "alpha." not in err
    status, out, _ = run("template", *WIDE_ARGS, "--from", "a.yaml", "--missing")
    assert status == 0
    assert list(yaml.safe_load(out)["answers"]) == [f"beta.s5.q{q}" for q in range(1, 11)]
