"""README's "Working with a client" runs as written, command by command (issue 24).

The section's shell block is read from README.md and each `assessor` line is run in order, in
one folder, on a shipped example standing in for the consultant's first pass. Between the lines
the client does what the comments say (fills the workbooks sent, corrects the rows sent back,
updates next year's workbook), with openpyxl, as a client's Excel would. The interview lines
need a person at the keyboard and are the only ones not run here (tests/test_interview_tmux.py
drives the interview in a terminal).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.banks.catalog import load_catalog
from assessor.record.answers import load

from .conftest import ROOT, Run
from .test_evidence_list import fill
from .test_workbook import row_of

pytestmark = [pytest.mark.usefixtures("in_tmp"), pytest.mark.pdf]
SECTION = "## Working with a client"
CATALOG = load_catalog([], builtin=True)


def commands() -> list[str]:
    """Return the `assessor` lines of the section's shell block, continuation lines joined."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION):]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    text = block.group(1).replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip().startswith("assessor ")]


def label(qid: str, value: str, lang: str) -> str:
    """Return an option's label as the client's workbook shows it."""
    option = CATALOG.by_id[qid].option(value)
    assert option is not None
    return option.label.get(lang)


def client(path: str, answers: dict[str, str], evidence: dict[str, str] | None = None) -> None:
    """Fill a returned workbook as the client would: answers and evidence by id, the date."""
    book = load_workbook(path)
    book.worksheets[0]["C7"] = "2026-12-15"        # the Instructions' Date answered
    for qid in {*answers, *(evidence or {})}:
        sheet = next(s for s in book.worksheets if s.sheet_state == "visible"
                     and any(c.value == qid for c in s["A"]))
        if qid in answers:
            sheet.cell(row_of(sheet, qid), 4).value = answers[qid]
        if evidence and qid in evidence:
            sheet.cell(row_of(sheet, qid), 6).value = evidence[qid]
    book.save(path)


XB, QUALITY, GRADING, LOGS = ("pipl.xb.security_assessment", "pipl.consent.quality",
                              "csl.mlps.grading", "csl.mlps.log_retention")
CLIENT: dict[str, Callable[[], object]] = {  # after the line that writes it, the client's part
    "acme-legal.xlsx": lambda: client("acme-legal.xlsx", {
        XB: label(XB, "none", "en"), QUALITY: label(QUALITY, "not_implemented", "en")},
        {"pipl.consent.notice_content": "Privacy notice v3"}),
    "acme-it.xlsx": lambda: client("acme-it.xlsx", {
        GRADING: label(GRADING, "partly_graded", "zh"), LOGS: "3 days"},  # days: a bad cell
        {"csl.mlps.monitoring": "Backup policy"}),
    "acme-it-fix.xlsx": lambda: client("acme-it-fix.xlsx", {LOGS: "6个月"}),
    "acme-requests.xlsx": lambda: fill(Path("acme-requests.xlsx"), {  # the returned document
        "E-2": ["Yes", "notice-v3-signed.pdf", "2026-12-18", "Signed copy"]}),
    "acme-2027.xlsx": lambda: client("acme-2027.xlsx", {
        XB: label(XB, "approved_in_scope", "en"), QUALITY: label(QUALITY, "implemented", "en")}),
}


def test_every_command_of_working_with_a_client_runs_as_written(run: Run) -> None:
    lines = commands()
    assert len(lines) >= 30  # the whole cycle, not a stray line
    assert run("example", "crossborder-ecommerce", "-o", "acme.yaml")[0] == 0
    ran = []
    for line in lines:
        argv = shlex.split(line, comments=True)[1:]
        if argv[0] == "interview":
            continue  # a person answers (driven in tmux elsewhere)
        status, out, err = run(*argv)
        assert status == 0, f"{line}\n{out}{err}"
        ran.append(argv[0])
        written = next((a for a in argv if a in CLIENT and not Path(a + ".done").exists()
                        and argv[argv.index(a) - 1] == "-o"), None)
        if written is None and "--rejects" in argv:
            written = argv[argv.index("--rejects") + 1]
        if written is not None:
            CLIENT[written]()
            Path(written + ".done").touch()
    assert {"template", "import", "merge", "check", "set", "evidence", "run", "sign-off",
            "reassess", "diff"} <= set(ran)

    merged = load(Path("merged.yaml"), CATALOG)
    assert merged.answers[XB].value == "none" and merged.answers[GRADING].value == "partly_graded"
    kept = {c.value: c for c in merged.answers[QUALITY].conflict}  # settled: both kept
    assert set(kept) == {"implemented", "not_implemented"}
    assert not any(c.open for c in kept.values())
    assert (kept["not_implemented"].source, kept["not_implemented"].by) == (
        "legal.yaml", "Legal (Wang Fang)")
    assert merged.answers[LOGS].value == 6  # the corrected row, read back
    assert merged.assessment.status == "final"  # signed off, the seal holds
    titles = {i.title: i.status for i in merged.evidence.values()}
    assert titles == {"Backup policy": "received", "Privacy notice v3": "received"}
    assert merged.evidence["E-2"].reply is not None  # the client's reply, read back
    assert load(Path("acme-2027.yaml"), CATALOG).answers[XB].value == "approved_in_scope"
    assert not Path("acme-gaps.xlsx").exists()  # nothing left to ask: no empty workbook sent
    for name in ("acme.pdf", "acme-internal.docx", "acme-requests.xlsx", "diff.pdf"):
        assert Path(name).stat().st_size > 0
