"""The evidence register per control: on the terminal, in a workbook for the client, in reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.record.evidence import per_control, totals
from assessor.report.context import build_context
from assessor.report.html import render_html
from assessor.scoring import score

from .conftest import MINI, Run, write

REGISTER = """\
format: assessor-answers/1
organisation: {name: Mini Co}
assessment: {date: 2026-11-20}
evidence:
  E-1: {title: Log policy, status: accepted, file: evidence/log.pdf, received: 2026-11-25}
  E-2: {title: Officer appointment, status: requested, requested: 2026-11-20}
  E-3: {title: Board minutes, status: rejected, note: unsigned}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {answer: 12, evidence: [E-1, siem.pdf]}
  bank.ops.plan: {answer: partial, note: Only the data centre.}
  bank.big.officer: {answer: yes, evidence: [E-2]}
  bank.big.elements: {answer: [a, b], evidence: [E-1]}
"""
OPTIONS = ("--questionnaires", MINI, "--no-builtin")


@pytest.fixture
def answers_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "a.yaml", REGISTER)


def test_one_item_serves_two_answers(mini: Catalog, answers_file: Path) -> None:
    answers = load(answers_file, mini)
    found = {c.qid: [(p.ref, p.status) for p in c.pieces] for c in per_control(mini, answers)}
    assert found == {"bank.ops.logs": [("E-1", "accepted"), ("siem.pdf", "claimed")],
                     "bank.big.officer": [("E-2", "requested")],
                     "bank.big.elements": [("E-1", "accepted")]}
    assert totals(answers) == {"requested": 1, "claimed": 0, "received": 0, "accepted": 1,
                               "rejected": 1,
                               "items": 3, "outstanding": 2}


def test_the_closing_lines_count_named_documents_and_unknown_ids(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a register with no items, answers naming documents: never a bare "0 outstanding"
    monkeypatch.chdir(tmp_path)
    text = REGISTER.replace("evidence: [E-2]", "evidence: [E-77, minutes.pdf]")
    path = write(tmp_path / "b.yaml", text)
    status, out, _ = run("evidence", path, *OPTIONS)
    assert status == 0
    assert out.splitlines()[-2] == ("documents: 2 named in answers only: claimed by the client, "
                                    "not received; 1 cited by an id the register does not hold")


def test_the_evidence_command_lists_each_control_and_what_is_outstanding(
        run: Run, answers_file: Path) -> None:
    status, out, _ = run("evidence", answers_file, *OPTIONS)
    assert status == 0
    assert out.splitlines() == [
        "bank.ops.logs  (1 of 2 received)  How many months are logs kept?",
        "    E-1      accepted   Log policy  [evidence/log.pdf]  [received 2026-11-25]",
        "    -        claimed    siem.pdf",
        "bank.big.officer  (0 of 1 received)  Is there an officer?",
        "    E-2      requested  Officer appointment  [requested 2026-11-20]",
        "bank.big.elements  (1 of 1 received)  Which elements?",
        "    E-1      accepted   Log policy  [evidence/log.pdf]  [received 2026-11-25]",
        "not linked to a control",
        "    E-3      rejected   Board minutes  [unsigned]",
        "documents: 1 named in answers only: claimed by the client, not received",
        "3 register items: 1 requested, 0 received, 1 accepted, 1 rejected; 2 outstanding",
    ]
    status, out, _ = run("evidence", answers_file, "--outstanding", *OPTIONS)
    # a document the client only named is owed until the consultant holds it (issue 24)
    assert out.splitlines()[:4] == [
        "bank.ops.logs  (1 of 2 received)  How many months are logs kept?",
        "    -        claimed    siem.pdf",
        "bank.big.officer  (0 of 1 received)  Is there an officer?",
        "    E-2      requested  Officer appointment  [requested 2026-11-20]"]
    assert "E-1 " not in out


def test_the_evidence_workbook_for_the_client(run: Run, answers_file: Path,
                                              tmp_path: Path) -> None:
    status, _, err = run("evidence", answers_file, "-o", "evidence.xlsx", *OPTIONS)
    assert (status, err) == (0, "wrote evidence.xlsx\n")
    # the request list itself: tests/test_evidence_list.py
    sheet = load_workbook(tmp_path / "evidence.xlsx").worksheets[0]
    assert sheet["A1"].value == "Evidence request list — Mini Co"
    before = (tmp_path / "evidence.xlsx").read_bytes()
    status, _, err = run("evidence", answers_file, "-o", "evidence.xlsx", *OPTIONS)
    assert (status, err) == (2, "assessor: error: evidence.xlsx exists; use --force to "
                                "replace it\n")
    assert (tmp_path / "evidence.xlsx").read_bytes() == before
    status, out, err = run("evidence", answers_file, "-o", "evidence.csv", *OPTIONS)
    assert (status, out) == (2, "")  # refused before anything is listed
    assert err == ("assessor: error: evidence.csv: the evidence request list is written as a "
                   "workbook (.xlsx), a PDF (.pdf), a Word document (.docx) or a web page (.html); "
                   "name it so\n")
    assert not (tmp_path / "evidence.csv").exists()


def test_the_gap_register_workbook_gains_an_evidence_sheet(run: Run, answers_file: Path,
                                                           tmp_path: Path) -> None:
    assert run("run", answers_file, "-o", "report.xlsx", *OPTIONS)[0] == 0
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames[-1] == "Evidence"
    assert book["Evidence"]["C4"].value == "E-2"


def test_the_report_shows_requested_against_received_per_control(mini: Catalog,
                                                                  answers_file: Path) -> None:
    answers = load(answers_file, mini)
    context = build_context(mini, answers, score(mini, answers.answers), "en")
    counts = {c["id"]: (c["received"], c["requested"], c["outstanding"])
              for c in context["evidence"]["controls"]}
    assert counts == {"bank.ops.logs": (1, 2, 1), "bank.big.officer": (0, 1, 1),
                      "bank.big.elements": (1, 1, 0)}
    assert [i["id"] for i in context["evidence"]["unlinked"]] == ["E-3"]
    html = render_html(context)
    assert "1 of 3 items of the register have come in; 2 are outstanding." in html
    assert '<td class="num">0 of 1</td>' in html
    zh = render_html(build_context(mini, answers, score(mini, answers.answers), "zh"))
    assert "登记表共3项，已收取1项，尚待提供2项。" in zh.replace("<wbr>", "")


def test_the_json_report_carries_the_register_and_validates(mini: Catalog,
                                                            answers_file: Path) -> None:
    from .test_report_formats import validator

    answers = load(answers_file, mini)
    context = build_context(mini, answers, score(mini, answers.answers), "en")
    assert not list(validator().iter_errors(context))
    assert context["evidence"]["controls"][0]["items"][1] == {
        "id": None, "title": "siem.pdf", "status": "claimed", "file": None, "requested": None,
        "received": None, "note": None}


def test_without_a_register_the_report_points_to_the_appendix(mini: Catalog,
                                                              tmp_path: Path) -> None:
    text = REGISTER.replace("evidence: [E-1, siem.pdf]", "evidence: [siem.pdf]") \
        .replace("evidence: [E-2]", "evidence: [letter.pdf]").replace("evidence: [E-1]", "")
    text = text[:text.index("evidence:\n")] + text[text.index("answers:"):]
    answers = load(write(tmp_path / "a.yaml", text), mini)
    context = build_context(mini, answers, score(mini, answers.answers), "en")
    assert [(c["id"], c["registered"]) for c in context["evidence"]["controls"]] == [
        ("bank.ops.logs", 0), ("bank.big.officer", 0)]
    html = render_html(context)
    assert "This file keeps no evidence register yet" in html
    assert 'class="grid evidence-register"' not in html


def test_the_report_lists_only_controls_citing_register_items(mini: Catalog,
                                                              answers_file: Path) -> None:
    text = answers_file.read_text(encoding="utf-8").replace("evidence: [E-2]",
                                                            "evidence: [letter.pdf]")
    answers = load(write(answers_file, text), mini)
    html = render_html(build_context(mini, answers, score(mini, answers.answers), "en"))
    table = html[html.index('class="grid evidence-register"'):]
    table = table[:table.index("</table>")]
    assert "How many months are logs kept?" in table
    assert "Is there an officer?" not in table
