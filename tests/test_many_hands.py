"""Many hands, one honest record (issue 24): merge per answer, true attribution, same_as carry.

Every test works on real files: answers files saved and merged by the command, workbooks
written by `template`, filled with openpyxl as a client would, and imported back.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.record.answers import load, save

from .conftest import EXAMPLES, Run, example_file, template_xlsx
from .test_workbook import row_of

EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"
XB = "pipl.xb.security_assessment"
PI = "profile.pi_individuals"
QUALITY = "pipl.consent.quality"

pytestmark = pytest.mark.usefixtures("in_tmp")


def respondent(full: Answers, name: str, by: str, at: str, catalog: Catalog,
               **values: str | float) -> Path:
    """Write ``full`` as one respondent's file: every answer theirs, ``values`` changed."""
    answers = {q: dataclasses.replace(a, by=by, at=at) for q, a in full.answers.items()
               if a.via is None}
    for qid, value in values.items():
        answers[qid] = dataclasses.replace(answers[qid], value=value, note=f"{by} says so")
    path = Path(name)
    save(path, dataclasses.replace(full, answers=answers), catalog)
    return path


def test_three_respondents_settled_per_question_and_one_left_open(run: Run,
                                                                   catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    consultant = respondent(full, "chen.yaml", "Chen Jing (consultant)", "2026-12-10", catalog)
    changes: dict[str, str | float] = {XB: "none", PI: 32_000_000.0, QUALITY: "implemented"}
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2026-12-14", catalog, **changes)
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown", QUALITY: "not_implemented"})
    # without a rule, nothing is written and every conflict is named with how to settle it
    status, _, err = run("merge", consultant, it, hr, "-o", "merged.yaml")
    assert status == 2 and not Path("merged.yaml").exists()
    assert f"--prefer {XB}=FILE" in err and "--leave-open" in err
    status, _, err = run("merge", consultant, it, hr, "-o", "merged.yaml",
                         "--prefer", "chen.yaml", "--prefer", f"{XB}=it.yaml", "--leave-open")
    assert status == 0, err
    merged = load(Path("merged.yaml"), catalog, allow_incomplete=True)
    # the engagement's key finding is IT's, per question; HR's unknown and the consultant's
    # answer are kept as losing answers, with who and when
    xb = merged.answers[XB]
    assert (xb.value, xb.by) == ("none", "IT (Li Wei)")
    assert {(c.value, c.by, c.at, c.source, c.open) for c in xb.conflict} == {
        ("approved_in_scope", "Chen Jing (consultant)", "2026-12-10", "chen.yaml", False),
        ("unknown", "HR (Zhang Min)", "2026-12-15", "hr.yaml", False)}
    # the consultant's profile figure wins by the file rule; IT's figure is not lost
    pi = merged.answers[PI]
    assert pi.value == 28_000_000 and pi.by == "Chen Jing (consultant); HR (Zhang Min)"
    assert [(c.value, c.by, c.open) for c in pi.conflict] == [
        (32_000_000, "IT (Li Wei)", False)]
    # the rule for all settles the rest: both other answers kept, none open
    assert {c.value for c in merged.answers[QUALITY].conflict} == {"not_implemented"}
    assert not any(a.open_conflicts for a in merged.answers.values())
    text = Path("merged.yaml").read_text(encoding="utf-8")
    assert "from: it.yaml" in text and "open: true" not in text


def test_open_conflict_keeps_both_answers_and_check_lists_it(run: Run,
                                                             catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2026-12-14", catalog,
                    **{XB: "none"})
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown", QUALITY: "partial"})
    status, _, err = run("merge", it, hr, "-o", "merged.yaml", "--prefer",
                         f"{QUALITY}=hr.yaml", "--leave-open")
    assert status == 0, err
    assert f"merged.yaml: {XB}: answers differ, kept open" in err
    merged = load(Path("merged.yaml"), catalog, allow_incomplete=True)
    xb = merged.answers[XB]
    assert (xb.value, xb.by, xb.flag) == ("none", "IT (Li Wei)",
                                          "answers differ: settle the conflict")
    assert [(c.value, c.by, c.at, c.open) for c in xb.open_conflicts] == [
        ("unknown", "HR (Zhang Min)", "2026-12-15", True)]
    assert merged.answers[QUALITY].value == "partial"
    status, out, err = run("check", "merged.yaml", "--warnings")
    assert status == 0, err
    line = next(i for i, t in enumerate(Path("merged.yaml").read_text().splitlines(), 1)
                if t.strip() == f"{XB}:")
    assert (f"assessor: warning: merged.yaml:{line}: {XB}: open conflict: 'Transfers continue "
            "without a passed assessment' "
            "is recorded, 'Unknown' (HR (Zhang Min), 2026-12-15, hr.yaml) differs: settle it"
            ) in err
    assert "flagged for follow-up: answers differ" not in err
    # merged again with another file, the open conflict and the losing answers stay
    status, _, err = run("merge", "merged.yaml", it, "-o", "again.yaml", "--leave-open")
    assert status == 0, err
    again = load(Path("again.yaml"), catalog, allow_incomplete=True)
    assert again.answers[XB].open_conflicts == xb.open_conflicts


def test_two_answers_left_open_differ_in_the_plural(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    files = [respondent(full, f"{who}.yaml", who, "2026-12-14", catalog, **{QUALITY: value})
             for who, value in (("IT", "implemented"), ("HR", "partial"),
                                ("Legal", "not_implemented"))]
    assert run("merge", *files, "-o", "merged.yaml", "--leave-open")[0] == 0
    status, _, err = run("check", "merged.yaml", "--warnings")
    assert ("is recorded, 'Partly implemented' (HR, 2026-12-14, HR.yaml); 'Not implemented' "
            "(Legal, 2026-12-14, Legal.yaml) differ: settle it") in err, err


def test_prefer_names_a_known_question_and_a_merged_file(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    a = respondent(full, "a.yaml", "A", "2026-12-01", catalog)
    b = respondent(full, "b.yaml", "B", "2026-12-02", catalog)
    status, _, err = run("merge", a, b, "-o", "m.yaml", "--prefer", "pipl.nope=a.yaml")
    assert status == 2
    assert err == ("assessor: error: --prefer pipl.nope=a.yaml: 'pipl.nope' is not a question "
                   "id\n")
    status, _, err = run("merge", a, b, "-o", "m.yaml", "--prefer", f"{XB}=c.yaml")
    assert status == 2
    assert err == (f"assessor: error: --prefer {XB}=c.yaml: c.yaml is not one of the files "
                   "merged (or 'newest')\n")
    status, _, err = run("merge", a, b, "-o", "m.yaml", "--prefer", "a.yaml", "--prefer",
                         "newest")
    assert status == 2 and "one rule for all answers, not 2 (a.yaml, newest)" in err


def fill(path: Path, cells: dict[str, object], respondent: str = "HR (Zhang Min)",
         **details: str) -> None:
    """Fill a client workbook's Answer cells by question id, its respondent and ``details``.

    ``details`` are Instructions cells by coordinate (C4 the organisation, C7 the date).
    """
    book = load_workbook(path)
    book["Instructions"]["C6"], book["Instructions"]["C7"] = respondent, "2026-12-15"
    for coordinate, text in details.items():
        book["Instructions"][coordinate] = text
    for qid, value in cells.items():
        sheet = next(s for s in book.worksheets if s.sheet_state == "visible"
                     and any(c.value == qid for c in s["A"]))
        sheet.cell(row_of(sheet, qid), 4).value = value
    book.save(path)


def test_pre_filled_answers_keep_their_author(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    consultant = respondent(full, "chen.yaml", "Chen Jing (consultant)", "2026-12-10", catalog)
    template_xlsx(run, "hr.xlsx", "--from", consultant, "-q", "pipl",
                  "--respondent", "HR (Zhang Min)")
    fill(Path("hr.xlsx"), {QUALITY: "Not implemented"})
    status, _, err = run("import", "hr.xlsx", "-o", "hr.yaml")
    assert status == 0, err
    back = load(Path("hr.yaml"), catalog, allow_incomplete=True)
    assert (back.answers[QUALITY].by, back.answers[QUALITY].at) == ("HR (Zhang Min)",
                                                                    "2026-12-15")
    assert (back.answers[PI].by, back.answers[PI].at) == ("Chen Jing (consultant)",
                                                          "2026-12-10")
    authors = {a.by for q, a in back.answers.items() if q != QUALITY and a.via is None}
    assert authors == {"Chen Jing (consultant)"}
    # merged with the consultant's file, the profile names the consultant alone
    status, _, err = run("merge", consultant, "hr.yaml", "-o", "m.yaml", "--prefer", "hr.yaml")
    assert status == 0, err
    merged = load(Path("m.yaml"), catalog, allow_incomplete=True)
    assert merged.answers[PI].by == "Chen Jing (consultant)"
    assert merged.answers[QUALITY].conflict[0].by == "Chen Jing (consultant)"


def test_import_into_keeps_the_losing_answer(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    consultant = respondent(full, "chen.yaml", "Chen Jing (consultant)", "2026-12-10", catalog)
    template_xlsx(run, "hr.xlsx", "--from", consultant, "-q", "pipl")
    fill(Path("hr.xlsx"), {QUALITY: "Not implemented"})
    status, _, err = run("import", "hr.xlsx", "--into", consultant, "--prefer", "workbook")
    assert status == 0, err
    after = load(consultant, catalog, allow_incomplete=True)
    assert after.answers[QUALITY].value == "not_implemented"
    assert [(c.value, c.by, c.source) for c in after.answers[QUALITY].conflict] == [
        ("implemented", "Chen Jing (consultant)", "chen.yaml")]


def test_same_as_answer_of_a_pipl_workbook_carried_into_a_csl_scope(run: Run,
                                                                    catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    primary, follower = "csl.pi.protection_system", "pipl.governance.internal_rules"
    assert catalog.by_id[follower].same_as == primary
    scoped = dataclasses.replace(
        full, answers={q: a for q, a in full.answers.items() if q.startswith("profile.")},
        assessment=dataclasses.replace(full.assessment, scope=("csl", "dsl", "pipl")))
    save(Path("chen.yaml"), scoped, catalog)
    # HR's workbook asks the PIPL only: the fact is asked there under the PIPL's id
    template_xlsx(run, "hr.xlsx", "--from", "chen.yaml", "-q", "pipl")
    fill(Path("hr.xlsx"), {follower: "documented_only"})
    status, _, err = run("import", "hr.xlsx", "-o", "hr.yaml", "-q", "pipl")
    assert status == 0, err
    assert follower in load(Path("hr.yaml"), catalog, allow_incomplete=True).answers
    status, _, err = run("merge", "chen.yaml", "hr.yaml", "-o", "m.yaml")
    assert status == 0, err
    assert f"{follower}: the same fact as {primary}, which this scope asks: the answer is " \
           "carried there" in err
    merged = load(Path("m.yaml"), catalog, allow_incomplete=True)
    assert merged.answers[primary].by == "HR (Zhang Min)"
    assert merged.answers[primary].via is None
    assert merged.answers[follower].via == primary  # counted under both, written once
    text = Path("m.yaml").read_text(encoding="utf-8")
    assert f"  {primary}:" in text and f"  {follower}:" not in text
    # not asked again, and not "remove this answer"
    status, _, err = run("check", "m.yaml", "--allow-incomplete", "--warnings")
    assert status == 0 and "not used" not in err
    assert run("template", "--from", "m.yaml", "--missing", "-o", "gaps.yaml")[0] == 0
    assert primary not in Path("gaps.yaml").read_text(encoding="utf-8")


BAD_CELLS = {
    "pipl.consent.quality": "Partially",                   # unknown label
    "profile.pi_individuals": "many",                      # text in a number
    "profile.ciio": "Yes; No",                             # two in a single
    "csl.mlps.policies": "=A1",                            # a formula
    "pipl.consent.changes": "Not applicable",              # na without a note
    "pipl.consent.separate_mechanism": "Alternative measure",  # not allowed here
    "csl.mlps.backup": 3,                                  # a number for a choice
    "dsl.flow.lawful_sources": True,                       # TRUE for a choice
    "csl.mlps.log_retention": "3 days",                    # a period in the wrong unit
    "pipl.consent.withdrawal": "Implemented; Partially",   # two, one of them unknown
}


def test_keep_valid_records_the_good_cells_and_sends_back_the_ten_bad(run: Run,
                                                                     catalog: Catalog) -> None:
    template_xlsx(run, "q.xlsx")
    good = {"profile.processes_pi": "Yes", "pipl.consent.records": "Implemented and operating",
            "csl.mlps.grading": "All systems graded, but filing is incomplete"}
    fill(Path("q.xlsx"), {**BAD_CELLS, **good}, respondent="IT (Li Wei)")
    book = load_workbook("q.xlsx")
    book["Instructions"]["C4"] = "Acme Ltd"
    sheet = book["PIPL"]
    sheet.cell(row_of(sheet, "pipl.consent.quality"), 5).value = "Pre-ticked on the web"
    book.save("q.xlsx")
    status, _, err = run("import", "q.xlsx", "-o", "a.yaml")
    assert status == 2 and not Path("a.yaml").exists()
    # one bad option is one message, not a second "a note but no answer"
    assert err.count("pipl.consent.quality") == 1
    status, _, err = run("import", "q.xlsx", "-o", "a.yaml", "--keep-valid",
                         "--rejects", "fix.xlsx")
    assert status == 0, err
    assert "assessor: 10 cells left unanswered (--keep-valid); the rows to correct are in " \
           "fix.xlsx" in err
    warned = {line.split(": ")[3] for line in err.splitlines()
              if line.startswith("assessor: warning:")}
    assert warned == set(BAD_CELLS)
    assert "'3 days' is a period in days; this question asks for months" in err
    answers = load(Path("a.yaml"), catalog, allow_incomplete=True)
    assert not set(BAD_CELLS) & set(answers.answers)
    assert {q: answers.answers[q].by for q in good} == dict.fromkeys(good, "IT (Li Wei)")
    # the workbook sent back holds just those rows, as typed, with what to correct
    back = load_workbook("fix.xlsx")
    rows = {s.cell(r, 1).value: (s.cell(r, 3).value, s.cell(r, 4).value, s.cell(r, 5).value)
            for s in back.worksheets if s.sheet_state == "visible" and s.title != "Instructions"
            for r in range(1, s.max_row + 1) if str(s.cell(r, 1).value) in BAD_CELLS}
    assert set(rows) == set(BAD_CELLS)
    formula = back["CSL"].cell(row_of(back["CSL"], "csl.mlps.policies"), 4)
    assert (formula.value, formula.data_type) == ("=A1", "s")  # sent back as text, inert
    how, typed, note = rows["pipl.consent.quality"]
    assert how.startswith("To correct: 'Partially' is not an option (did you mean 'Partly "
                          "implemented'?)")
    assert (typed, note) == ("Partially", "Pre-ticked on the web")
    assert rows["csl.mlps.log_retention"][1] == "3 days"
    assert back["Instructions"]["C4"].value == "Acme Ltd"
    # corrected by the client and read into the same file
    fill(Path("fix.xlsx"), {"pipl.consent.quality": "Partly implemented",
                            "csl.mlps.log_retention": "6 months"}, respondent="IT (Li Wei)")
    status, _, err = run("import", "fix.xlsx", "--into", "a.yaml", "--keep-valid")
    assert status == 0, err
    after = load(Path("a.yaml"), catalog, allow_incomplete=True)
    assert after.answers["pipl.consent.quality"].value == "partial"
    assert after.answers["csl.mlps.log_retention"].value == 6


@pytest.mark.parametrize(("qid", "typed", "value"), [
    ("csl.mlps.log_retention", "6 months", 6.0),
    ("csl.mlps.log_retention", "六个月", 6.0),
    ("csl.mlps.log_retention", "1 year", 12.0),
    ("pipl.sharing.records_years", "3年", 3.0),
    ("pipl.sharing.records_years", "三年", 3.0),
    ("pipl.sharing.records_years", "3 years", 3.0),
    ("profile.pi_individuals", "2.5 million", 2_500_000.0),
    ("profile.pi_individuals", "250万", 2_500_000.0),
    ("profile.pi_individuals", "250万人", 2_500_000.0),
    ("profile.xb_mechanism", "CAC standard contract、个人信息保护认证",
     ("standard_contract", "certification")),
    ("profile.xb_mechanism", "CAC standard contract，个人信息保护认证",
     ("standard_contract", "certification")),
])
def test_typed_forms_read_in_the_workbook_and_the_answers_file(
        run: Run, catalog: Catalog, qid: str, typed: str, value: object) -> None:
    template_xlsx(run, "q.xlsx", "-q", "csl", "-q", "pipl")  # the banks asked: a third smaller
    fill(Path("q.xlsx"), {qid: typed, "profile.processes_pi": "Yes"}, C4="Acme Ltd",
         C7="2026年12月15日")
    status, _, err = run("import", "q.xlsx", "-o", "a.yaml")
    assert status == 0, err
    answers = load(Path("a.yaml"), catalog, allow_incomplete=True)
    assert answers.answers[qid].value == value
    assert answers.answers[qid].at == "2026-12-15"
    # the same text in an answers file (ids for choices there; a label is not an id)
    if isinstance(value, tuple):
        typed = typed.replace("CAC standard contract", "standard_contract").replace(
            "个人信息保护认证", "certification")
    Path("b.yaml").write_text(
        "format: assessor-answers/1\norganisation: {name: Acme}\n"
        "assessment: {date: 2026/12/15}\n"
        f"answers:\n  profile.processes_pi: 'yes'\n  {qid}:\n    answer: '{typed}'\n"
        "    at: 2026年12月15日\n", encoding="utf-8")
    status, _, err = run("check", "b.yaml", "--allow-incomplete")
    assert status == 0, err
    again = load(Path("b.yaml"), catalog, allow_incomplete=True)
    assert (again.answers[qid].value, again.answers[qid].at) == (value, "2026-12-15")
    assert again.assessment.date == "2026-12-15"


def test_a_period_in_the_wrong_unit_is_refused_not_guessed(run: Run) -> None:
    Path("b.yaml").write_text(
        "format: assessor-answers/1\norganisation: {name: Acme}\n"
        "answers:\n  pipl.sharing.records_years: 18 months\n  profile.pi_individuals: 3年\n",
        encoding="utf-8")
    status, _, err = run("check", "b.yaml", "--allow-incomplete")
    assert status == 2
    assert "b.yaml:4: pipl.sharing.records_years: '18 months' is a period" not in err
    assert ("profile.pi_individuals: '3年' is a period in 年; this question asks for "
            "individuals: give the number of individuals") in err


def test_diff_shows_the_answers_a_merge_kept(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2026-12-14", catalog, **{XB: "none"})
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown", QUALITY: "partial"})
    assert run("merge", it, hr, "-o", "m.yaml", "--prefer", f"{QUALITY}=hr.yaml",
               "--leave-open")[0] == 0
    status, out, err = run("diff", it, "m.yaml")
    assert status == 0, err
    assert "    still open: Unknown (HR (Zhang Min), 2026-12-15, hr.yaml)" in out
    assert f"  {QUALITY}: Implemented and operating → Partly implemented" in out
    assert "    not taken: Implemented and operating (IT (Li Wei), 2026-12-14, it.yaml)" in out


def test_a_gaps_workbook_of_a_complete_file_is_not_written(run: Run) -> None:
    example_file(run, "a.yaml")
    status, _, err = run("template", "--format", "xlsx", "--from", "a.yaml", "--missing",
                         "-o", "gaps.xlsx")
    assert status == 0
    assert err == ("nothing to send: every applicable question of a.yaml is answered; no "
                   "workbook written\n")
    assert not Path("gaps.xlsx").exists()  # it said "0 sheets, 0 questions" and wrote one
