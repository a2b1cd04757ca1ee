"""The consultant's voice: the summary, a finding and a severity override, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from assessor.record.answers import load
from assessor.scoring import score

from .conftest import DATA, MINI, Run, pdf_reader, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
MINI_ANSWERS = DATA / "answers" / "mini.yaml"
VOICED = """format: assessor-answers/1
organisation: {name: Voice Co, sector: testing}
assessment:
  consultant: A. Consultant
  date: 2026-11-20
  lang: en
  summary:
    en: |
      Voice Co keeps its logs for too short a time
      and has no officer.

      We recommend appointing the officer first.
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs:
    answer: 3
    finding: Logs rotate after 90 days on every server we sampled.
  bank.ops.plan:
    answer: partial
    note: Plan exists for the data centre only.
  bank.big.officer:
    answer: no
    severity: {level: low, justification: An officer is being hired; the offer is signed.}
  bank.big.elements:
    answer: [a]
    severity: {level: critical, justification: Element B is what the regulator inspects first.}
"""


@pytest.fixture
def voiced(tmp_path: Path) -> Path:
    return write(tmp_path / "voiced.yaml", VOICED)


def report_json(run: Run, source: Path, tmp_path: Path, lang: str = "en") -> dict[str, Any]:
    out = tmp_path / f"r-{lang}.json"
    assert run("run", *MINI_ARGS, source, "-o", out, "--lang", lang)[0] == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_raised_and_lowered_severity_rank_the_gaps(mini: Any, voiced: Path) -> None:
    answers = load(voiced, mini)
    plain = score(mini, load(MINI_ANSWERS, mini).answers)
    moved = score(mini, answers.answers)
    assert [g.question.id for g in plain.gaps] == [
        "bank.big.officer", "bank.ops.logs", "bank.ops.plan", "bank.big.elements"]
    assert [(g.question.id, str(g.severity)) for g in moved.gaps] == [
        ("bank.big.elements", "critical"), ("bank.ops.logs", "high"),
        ("bank.ops.plan", "medium"), ("bank.big.officer", "low")]
    assert moved.overall == plain.overall  # the score stays the weighted mean


def test_json_carries_summary_finding_and_the_change(run: Run, voiced: Path,
                                                     tmp_path: Path) -> None:
    data = report_json(run, voiced, tmp_path)
    assert data["consultant_summary"] == {"lang": "en", "paragraphs": [
        "Voice Co keeps its logs for too short a time and has no officer.",
        "We recommend appointing the officer first."]}
    gaps = {g["id"]: g for g in data["gaps"]}
    assert gaps["bank.big.elements"]["severity"] == "critical"
    assert gaps["bank.big.elements"]["bank_severity"] == "low"
    assert gaps["bank.big.elements"]["severity_change"] == "raised"
    assert gaps["bank.big.elements"]["priority"] == "act_now"
    assert gaps["bank.big.officer"]["severity_change"] == "lowered"
    assert gaps["bank.big.officer"]["priority"] == "within_year"
    assert gaps["bank.ops.plan"]["severity_change"] is None
    assert gaps["bank.ops.logs"]["answer"]["finding"] == (
        "Logs rotate after 90 days on every server we sampled.")
    assert data["counts"]["by_severity"] == {"critical": 1, "high": 1, "medium": 1, "low": 1}
    assert data["counts"]["by_priority"] == {"act_now": 1, "within_90_days": 1,
                                             "within_year": 2}
    rows = {r["id"]: r for block in data["appendix"] for r in block["rows"]}
    assert rows["bank.big.officer"]["severity_override"] == {
        "level": "low", "justification": "An officer is being hired; the offer is signed."}


def test_summary_in_one_language_is_printed_in_a_report_of_the_other(
        run: Run, voiced: Path, tmp_path: Path) -> None:
    data = report_json(run, voiced, tmp_path, "zh")
    assert data["consultant_summary"]["lang"] == "en"
    both = write(tmp_path / "both.yaml", VOICED.replace(
        "  summary:\n    en: |",
        "  summary:\n    zh: |\n      日志保存时间过短，\n      尚未任命负责人。\n    en: |"))
    data = report_json(run, both, tmp_path, "zh")
    assert data["consultant_summary"] == {"lang": "zh",
                                          "paragraphs": ["日志保存时间过短，尚未任命负责人。"]}
    assert report_json(run, MINI_ANSWERS, tmp_path)["consultant_summary"] is None


def test_html_shows_summary_first_and_the_reasons(run: Run, voiced: Path,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, voiced, "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    summary = html[html.index('id="summary"'):html.index('id="glance"')]
    assert summary.index("The assessor&#39;s summary") < summary.index("Overall score")
    assert "We recommend appointing the officer first." in summary
    register = html[html.index('id="register"'):html.index('id="roadmap"')]
    assert ("Raised by the assessor from Low: Element B is what the regulator inspects first."
            in register)
    assert "Lowered by the assessor from Critical: An officer is being hired" in register
    assert ('<div class="statement">Logs rotate after 90 days on every server we '
            "sampled.</div>") in register   # the assessor's finding leads its row
    appendix = html[html.index('id="appendix"'):html.index('id="method"')]
    assert "Logs rotate after 90 days" in appendix
    assert "Severity set by the assessor: Critical: Element B" in appendix


def test_xlsx_has_finding_and_change_columns_and_summary_first(run: Run, voiced: Path,
                                                               tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert run("run", *MINI_ARGS, voiced, "-o", out)[0] == 0
    book = load_workbook(out)
    sheet = book.worksheets[0]
    titles = [c.value for c in sheet[1]]
    rows = {r[titles.index("Control id")]: r for r in
            ([c.value for c in row] for row in sheet.iter_rows(min_row=2))}
    assert rows["bank.ops.logs"][titles.index("Finding")] == (
        "Logs rotate after 90 days on every server we sampled.")   # it replaces the statement
    assert rows["bank.big.elements"][titles.index("Severity")] == "Critical"
    assert rows["bank.big.elements"][titles.index("Severity change by the assessor")] == (
        "Raised by the assessor from Low: Element B is what the regulator inspects first.")
    summary = book.worksheets[1]
    assert summary.cell(2, 1).value == "The assessor's summary"
    assert summary.cell(2, 2).value.startswith("Voice Co keeps its logs")


@pytest.mark.pdf
def test_pdf_prints_the_summary_before_the_figures(run: Run, voiced: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    assert run("run", *MINI_ARGS, voiced, "-o", out)[0] == 0
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or ""
                                         for p in pdf_reader(out).pages))
    start = text.index("The assessor's summary")
    assert start < text.index("OVERALL SCORE", start) < text.index("was assessed against", start)
    assert "We recommend appointing the officer first." in text
    assert "Raised by the assessor from Low" in text
