"""The evidence request list a consultant sends the client: the workbook as the client opens it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from .conftest import MINI, Run, write

RECORD = """\
format: assessor-answers/1
organisation: {name: {en: Mini Co, zh: 迷你有限公司}}
assessment: {consultant: A. Consultant, firm: Harbour Advisory, date: 2026-11-20}
evidence:
  E-1: {title: Log policy, status: accepted, file: evidence/log.pdf, received: 2026-11-25}
  E-2: {title: Officer appointment, status: requested, requested: 2026-11-20}
  E-3: {title: Board minutes, status: rejected, note: unsigned copy}
  E-4: {title: "=HYPERLINK(\\"http://x.test\\",\\"click\\")", status: requested}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {answer: 12, evidence: [E-1, siem.pdf], internal: "CJ: chase Li, HR unsure"}
  bank.ops.plan: {answer: partial, note: Only the data centre.}
  bank.big.officer: {answer: yes, evidence: [E-2, E-3]}
  bank.big.elements: {answer: [a, b], evidence: [E-1, E-9]}
"""
OPTIONS = ("--questionnaires", MINI, "--no-builtin")
LIST = ("--date", "2026-12-07", "--due", "2026-12-20", *OPTIONS)


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "a.yaml", RECORD)


def cells(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_workbook_is_titled_dated_and_grouped_for_the_client(run: Run, record: Path) -> None:
    status, _, err = run("evidence", record, "-o", "request.xlsx", *LIST)
    assert (status, err) == (0, "wrote request.xlsx\n")
    rows = cells(Path("request.xlsx"))
    assert [r[0] for r in rows[:5]] == [
        "Evidence request list — Mini Co", "Prepared for: Mini Co",
        "Prepared by: Harbour Advisory",
        "Issued: 7 December 2026    Please reply by: 20 December 2026",
        "DRAFT — for review, not for distribution"]
    assert rows[7] == ["Ref.", "Document requested", "Why we ask (the controls it supports)",
                       "Status", "Date received", "Provided?", "File name", "Date sent",
                       "Your comment"]
    table = [r for r in rows[8:] if any(r)]
    assert [r[0] for r in table] == [
        "To provide (2)", "E-2", "E-4", "To provide again (1)", "E-3",
        "Documents named in your answers (1)", "—", "Received (for reference) (1)", "E-1"]
    by_ref = {r[0]: r for r in table}
    assert by_ref["E-2"][1:6] == ["Officer appointment", "Is there an officer? (LAW)", "Requested",
                                  None, None]
    assert by_ref["E-3"][3] == "Returned: unsigned copy"
    assert by_ref["—"][1:4] == ["siem.pdf", "How many months are logs kept? (LAW)",
                                "Named by the client, not yet received"]
    assert by_ref["E-1"][2] == ("How many months are logs kept? (LAW)\n"
                               "Which elements? (LAW)")
    assert by_ref["E-1"][4] == "25 November 2026"
    assert by_ref["E-4"][1] == '=HYPERLINK("http://x.test","click")'  # text, never a formula
    text = " ".join(str(v) for r in rows for v in r if v is not None)
    assert "E-9" not in text  # an id the register lacks is the consultant's to fix, not asked
    assert "chase Li" not in text and "Quality" not in text


def test_the_title_cell_holding_a_formula_stays_text(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    sheet = load_workbook("request.xlsx").worksheets[0]
    found = [c for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert found and all(c.data_type == "s" for c in found)


def test_outstanding_leaves_the_received_out(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", "--outstanding", *LIST)
    table = [r[0] for r in cells(Path("request.xlsx"))[8:] if any(r)]
    assert "E-1" not in table and "E-2" in table


def test_the_workbook_prints_landscape_one_page_wide_with_its_header_row(
        run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    book = load_workbook("request.xlsx")
    sheet = book.worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.paperSize, sheet.page_setup.fitToWidth,
            sheet.page_setup.fitToHeight) == (9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$8:$8"
    assert sheet.oddFooter.left.text == "Page &P of &N"
    assert sheet.oddHeader.center.text == "DRAFT"
    assert sheet.oddFooter.center.text == "DRAFT — for review, not for distribution"
    assert sheet.oddHeader.right.text == "Mini Co · Harbour Advisory"
    assert sheet.protection.sheet  # only the client's cells open
    assert not sheet["F10"].protection.locked and sheet["B10"].protection.locked
    assert book.properties.title == "Evidence request list — Mini Co"
    assert book["assessor"].sheet_state == "hidden"


def test_the_same_list_gives_the_same_bytes(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "one.xlsx", *LIST)
    run("evidence", record, "-o", "two.xlsx", *LIST)
    assert Path("one.xlsx").read_bytes() == Path("two.xlsx").read_bytes()


def test_draft_goes_once_the_assessment_is_signed_off(run: Run, record: Path) -> None:
    status, _, err = run("sign-off", record, "--by", "P. Partner", "--date", "2026-12-01",
                         "--accept-warnings", *OPTIONS)
    assert status == 0, err
    run("evidence", record, "-o", "final.xlsx", *LIST)
    rows = cells(Path("final.xlsx"))
    assert "DRAFT" not in " ".join(str(v) for r in rows for v in r if v is not None)
    sheet = load_workbook("final.xlsx").worksheets[0]
    assert not sheet.oddHeader.center.text and not sheet.oddFooter.center.text


def test_the_chinese_list(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "zh.xlsx", "--lang", "zh", *LIST)
    rows = cells(Path("zh.xlsx"))
    assert [r[0] for r in rows[:5]] == [
        "证据资料索取清单——迷你有限公司", "致：迷你有限公司", "出具方：Harbour Advisory",
        "出具日期：2026年12月7日    请于以下日期前回复：2026年12月20日",
        "草稿（DRAFT）——仅供审阅，不得分发"]
    assert rows[7][:4] == ["编号", "所需文件", "索取原因（所支持的控制项）", "状态"]
    headings = [r[0] for r in rows[8:] if r[0] and not str(r[0]).startswith(("E-", "—"))]
    assert headings == ["待提供（2）", "需重新提供（1）", "贵方答复中提及的文件（1）",
                        "已收取（供参考）（1）"]
    returned = next(r for r in rows if r[0] == "E-3")
    assert returned[3] == "已退回：unsigned copy"
    sheet = load_workbook("zh.xlsx").worksheets[0]
    assert sheet.oddFooter.left.text == "第&P页，共&N页"


def test_bad_dates_and_targets_are_refused_before_anything_is_written(
        run: Run, record: Path) -> None:
    status, out, err = run("evidence", record, "-o", "r.xlsx", "--date", "2026-12-07",
                           "--due", "2026-12-01", *OPTIONS)
    assert (status, out) == (2, "")
    assert err == "assessor: error: --due 2026-12-01 is before the list is issued (2026-12-07)\n"
    status, _, err = run("evidence", record, "-o", "r.xlsx", "--due", "soon", *OPTIONS)
    assert status == 2 and err.startswith("assessor: error: --due: ")
    status, _, err = run("evidence", record, "-o", "r.csv", *OPTIONS)
    assert status == 2 and "name it so" in err
    assert not Path("r.xlsx").exists() and not Path("r.csv").exists()
    Path("r.xlsx").write_bytes(b"mine")
    status, _, err = run("evidence", record, "-o", "r.xlsx", *LIST)
    assert (status, err) == (2, "assessor: error: r.xlsx exists; use --force to replace it\n")
    assert Path("r.xlsx").read_bytes() == b"mine"
    assert run("evidence", record, "--due", "2026-12-20", *OPTIONS)[0] == 2  # no -o: no list


def test_rows_are_tall_enough_for_their_wrapped_text(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "zh.xlsx", "--lang", "zh", *LIST)
    sheet = load_workbook("zh.xlsx").worksheets[0]
    for row in range(9, sheet.max_row + 1):
        texts = [str(sheet.cell(row, c).value or "") for c in range(1, 10)]
        lines = max(t.count("\n") + 1 for t in texts)
        assert (sheet.row_dimensions[row].height or 0) >= 12 * lines, row
