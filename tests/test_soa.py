"""The Statement of Applicability: every control, whether it applies, why, and its status."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, EXAMPLES, MINI, Run, pdf_reader, report_file, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")
SMALL = """format: assessor-answers/1
organisation: {name: Small Co}
assessment: {consultant: A. Consultant, date: 2026-11-20, lang: en}
answers:
  profile.big: yes
  profile.people: 40
  bank.ops.logs: 12
  bank.ops.plan: {answer: na, note: No systems of our own; the group runs them.}
"""
BIG_REASON = "Organisations with 1,000 people or more (profile: How many people? 40 people)"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write(tmp_path / "small.yaml", SMALL)


def soa_rows(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for block in data["soa"] for r in block["rows"]}


def test_json_lists_every_control_with_reason_and_status(run: Run, small: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert run("run", *MINI_ARGS, small, "-o", out)[0] == 0
    rows = soa_rows(json.loads(out.read_text(encoding="utf-8")))
    assert {k: (r["applies"], r["reason"], r["status"]) for k, r in rows.items()} == {
        "bank.ops.logs": (True, "", "met"),
        "bank.ops.plan": (True, "", "na"),
        "bank.big.officer": (False, BIG_REASON, "excluded"),
        "bank.big.elements": (False, BIG_REASON, "excluded"),
    }
    assert rows["bank.ops.plan"]["note"] == "No systems of our own; the group runs them."


def test_json_of_mini_statuses_and_the_reason_a_control_applies(run: Run,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert run("run", *MINI_ARGS, DATA / "answers" / "mini.yaml", "-o", out)[0] == 0
    rows = soa_rows(json.loads(out.read_text(encoding="utf-8")))
    assert [r["status"] for r in rows.values()] == ["not_met", "partial", "not_met", "partial"]
    assert rows["bank.big.officer"]["reason"] == (
        "Organisations with 1,000 people or more (profile: How many people? 5,000 people)")


def test_every_control_of_an_example_is_in_the_statement(run: Run, tmp_path: Path) -> None:
    out = report_file(run, tmp_path / "r.json", EXAMPLES / "foreign-saas.yaml")
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = soa_rows(data)
    controls = sum(i["controls"] for i in data["instruments"])
    assert len(rows) == controls
    assert sum(r["applies"] for r in rows.values()) == data["overall"]["applicable"]
    excluded = {c["id"]: c["reason"] for c in data["excluded"]}
    assert {k: r["reason"] for k, r in rows.items() if not r["applies"]} == excluded
    gaps = {g["id"] for g in data["gaps"]}
    assert {k for k, r in rows.items() if r["status"] in ("partial", "not_met", "unknown")} == gaps


def test_html_and_xlsx_carry_the_statement(run: Run, small: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    html = tmp_path / "r.html"
    assert run("run", *MINI_ARGS, small, "-o", html)[0] == 0
    text = html.read_text(encoding="utf-8")
    part = text[text.index('<section id="soa">'):text.index('<section id="method">')]
    assert "Statement of Applicability" in part
    assert f"Does not apply: </span>{BIG_REASON}" in part
    assert "Applies: </span>Applies to every organisation assessed." in part
    assert "Not applicable (answer)" in part and "Out of scope" in part

    book = tmp_path / "r.xlsx"
    assert run("run", *MINI_ARGS, small, "-o", book)[0] == 0
    sheet = load_workbook(book)["Statement of Applicability"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Instrument", "Control id", "Control", "Applies", "Reason", "Status",
                       "Score", "Note"]
    assert rows[3] == ["Test bank", "bank.big.officer", "Is there an officer?", "no", BIG_REASON,
                       "Out of scope", None, None]
    assert rows[1][3:7] == ["yes", "Applies to every organisation assessed.", "Met", 100]


@pytest.mark.pdf
def test_pdf_has_the_statement_as_a_part(run: Run, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    assert run("run", *MINI_ARGS, small, "-o", out, "--lang", "zh")[0] == 0
    reader = pdf_reader(out)
    titles = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    assert titles.index("适用性声明") == titles.index("附录：全部答复") + 1
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader.pages))
    assert "不适用：一千人以上的组织" in text
    assert "不在适用范围内" in text and "答复为不适用" in text
