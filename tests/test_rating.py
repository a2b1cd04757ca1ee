"""A rating that tells the truth: open gaps of binding law cap the band; caps from scales.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assessor.banks.catalog import load_catalog
from assessor.errors import InvalidFile
from assessor.model.catalog import Catalog, Severity
from assessor.record.answers import load
from assessor.scoring import score

from .conftest import EXAMPLES, MINI, Run, report_file, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
HEAD = """format: assessor-answers/1
organisation: {name: Cap Co}
assessment: {consultant: A. Consultant, date: 2026-11-20, lang: en}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: 12
  bank.ops.plan: implemented
"""


def answers(tmp_path: Path, officer: str, elements: str) -> Path:
    return write(tmp_path / "cap.yaml", HEAD + f"  bank.big.officer: {officer}\n"
                 f"  bank.big.elements: {elements}\n")


def test_crossborder_example_is_capped_at_needs_improvement(run: Run, tmp_path: Path) -> None:
    status, out, _ = run("score", EXAMPLES / "crossborder-ecommerce.yaml")
    assert status == 0
    assert out.splitlines()[1] == ("Overall 80 / 100  (Needs improvement; capped by 6 open "
                                   "critical gaps, the score alone: Adequate), coverage 99% "
                                   "(171/173)")
    report = report_file(run, tmp_path / "r.json", EXAMPLES / "crossborder-ecommerce.yaml")
    overall = json.loads(report.read_text(encoding="utf-8"))["overall"]
    assert (overall["score"], overall["band"], overall["rating"]) == (
        80.0, "adequate", "needs_improvement")
    assert overall["cap"] == {
        "severity": "critical", "ranks": [1, 2, 3, 4, 5, 6],  # one rank per fact
        "gaps": ["csl.review.listing_abroad", "csl.pi.no_unconsented_provision",
                 "pipl.xb.mechanism", "pipl.xb.localisation", "dsl.state.group_requests",
                 "csl.content.prohibited_information"]}


def test_gdsi_gaps_do_not_cap(run: Run, tmp_path: Path) -> None:
    report = report_file(run, tmp_path / "r.json", EXAMPLES / "crossborder-ecommerce.yaml")
    data = json.loads(report.read_text(encoding="utf-8"))
    alone = [g for g in data["gaps"] if g["id"].startswith("gdsi.")]
    assert alone and not {g["id"] for g in alone} & set(data["overall"]["cap"]["gaps"])
    assert (alone[0]["id"], alone[0]["severity"]) == ("gdsi.p2_critical_infrastructure."
                                                      "tool_control", "high")
    # a GDSI point asking the same fact as a binding duty is that duty's gap, which caps
    shared = next(g for g in data["gaps"] if g["id"] == "pipl.xb.localisation")
    assert [a["id"] for a in shared["also"]] == ["gdsi.p4_local_law.localisation"]
    assert "pipl.xb.localisation" in data["overall"]["cap"]["gaps"]


def test_a_critical_gap_caps_and_the_assessor_can_lower_it(mini: Catalog,
                                                           tmp_path: Path) -> None:
    result = score(mini, load(answers(tmp_path, "no", "[a, b]"), mini).answers)
    assert (result.overall.score, result.band, result.rating) == (80.0, "adequate",
                                                                  "needs_improvement")
    assert result.capped_by is Severity.CRITICAL
    assert [g.question.id for g in result.capping] == ["bank.big.officer"]
    lowered = answers(tmp_path, "{answer: no, severity: {level: medium, justification: Hired.}}",
                      "[a, b]")
    result = score(mini, load(lowered, mini).answers)
    assert (result.overall.score, result.rating, result.capped_by) == (80.0, "adequate", None)


def test_a_raised_high_gap_caps_a_strong_score_at_adequate(mini: Catalog,
                                                           tmp_path: Path) -> None:
    plain = score(mini, load(answers(tmp_path, "yes", "[a]"), mini).answers)
    assert (plain.overall.score, plain.rating) == (90.0, "strong")
    raised = answers(tmp_path, "yes", "{answer: [a], severity: {level: high, justification: B "
                     "is what the regulator checks.}}")
    result = score(mini, load(raised, mini).answers)
    assert (result.overall.score, result.band, result.rating) == (90.0, "strong", "adequate")
    assert result.capped_by is Severity.HIGH


def test_report_says_why_in_summary_and_method(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, answers(tmp_path, "no", "[a, b]"), "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    summary = html[html.index('id="summary"'):html.index('id="glance"')]
    assert ("The score alone falls in the Adequate band. The rating is capped at Needs "
            "improvement because critical gaps in binding law remain open (ranks in the register: "
            "1)") in summary
    method = html[html.index('id="method"'):html.index('id="record"')]
    assert ("caps the rating, whatever the score: a critical gap, at most Needs improvement; a "
            "high gap, at most Adequate.") in method


def test_xlsx_summary_gives_the_cap(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert run("run", *MINI_ARGS, answers(tmp_path, "no", "[a, b]"), "-o", out)[0] == 0
    rows = {r[0].value: r[1].value for r in load_workbook(out).worksheets[1].iter_rows()}
    assert rows["Rating"] == "Needs improvement"
    assert rows["Rating caps"].startswith("The score alone falls in the Adequate band.")


def firm_folder(tmp_path: Path, caps: str) -> Path:
    folder = tmp_path / "firm"
    shutil.copytree(MINI, folder)
    scales = folder / "scales.yaml"
    text = scales.read_text(encoding="utf-8")
    start, end = text.index("rating_caps:"), text.index("workstreams:")  # the caps block
    scales.write_text(caps + text[:start] + text[end:], encoding="utf-8")
    return folder


def test_a_firm_changes_or_lifts_the_caps(tmp_path: Path) -> None:
    source = answers(tmp_path, "no", "[a, b]")
    lifted = load_catalog([firm_folder(tmp_path / "a", "rating_caps: {}\n")], builtin=False)
    assert score(lifted, load(source, lifted).answers).rating == "adequate"
    harsh = load_catalog([firm_folder(tmp_path / "b", "rating_caps: {critical: weak}\n")],
                         builtin=False)
    assert score(harsh, load(source, harsh).answers).rating == "weak"


def test_caps_are_validated_with_their_lines(tmp_path: Path, run: Run) -> None:
    folder = firm_folder(tmp_path, "rating_caps:\n  severe: weak\n  high: excellent\n"
                         "  critical: strong\n")
    with pytest.raises(InvalidFile) as caught:
        load_catalog([folder], builtin=False)
    lines = sorted(str(p) for p in caught.value.problems)
    assert len(lines) == 3
    status, _, err = run("lint", "--no-builtin", folder)
    assert status == 2
    assert "scales.yaml:2: rating_caps: 'severe' is not a severity" in err
    assert ("scales.yaml:3: rating_caps: high: 'excellent' is not a band an open gap can cap "
            "the rating at (adequate, needs_improvement, weak)") in err
    assert "scales.yaml:4: rating_caps: critical: 'strong' is not a band" in err
