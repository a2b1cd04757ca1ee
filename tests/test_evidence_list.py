"""The evidence request list a consultant sends the client, and the workbook it returns."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from .conftest import MINI, Run, write
from .test_workbook import soffice

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
                                "Claimed by the client, not yet received"]
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


def fill(path: Path, replies: dict[str, list[Any]], out: Path | None = None) -> Path:
    """Answer rows as a client would in Excel: Provided?, File name, Date sent, Your comment."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=9):
        key = row[0].value if row[0].value != "—" else row[1].value
        if key in replies:
            for cell, value in zip(row[5:9], replies[key], strict=True):
                cell.value = value
    book.save(out or path)
    return out or path


REPLIES: dict[str, list[Any]] = {
    "E-2": ["Yes", "appointment-signed.pdf", dt.date(2026, 12, 18), "Signed by the GM"],
    "E-3": ["yes", "minutes-stamped.pdf", "2026/12/19", None],
    "E-4": ["No", None, None, "We have no such document"],
    "siem.pdf": ["Yes", "SIEM export.pdf", None, None],
}


def test_the_clients_replies_are_recorded_as_claimed_never_received(
        run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    fill(Path("request.xlsx"), REPLIES)
    status, _, err = run("import", "request.xlsx", "--into", record, *OPTIONS)
    assert (status, err) == (0, "wrote a.yaml (4 replies added, 0 changed, 0 kept)\n")
    saved = yaml.safe_load(record.read_text(encoding="utf-8"))
    register = saved["evidence"]
    assert register["E-2"] == {"title": "Officer appointment", "status": "claimed",
                               "requested": "2026-11-20", "reply": {
                                   "provided": True, "file": "appointment-signed.pdf",
                                   "sent": "2026-12-18", "comment": "Signed by the GM"}}
    assert register["E-3"]["status"] == "claimed"  # sent again; we check it before it counts
    assert register["E-3"]["note"] == "unsigned copy"
    assert register["E-4"]["status"] == "requested"
    assert register["E-4"]["reply"] == {"provided": False, "comment": "We have no such document"}
    # the document the answer only named is now a register item the answer cites
    assert register["E-5"] == {"title": "siem.pdf", "status": "claimed",
                               "reply": {"provided": True, "file": "SIEM export.pdf"}}
    assert saved["answers"]["bank.ops.logs"]["evidence"] == ["E-1", "E-5"]
    assert register["E-1"]["status"] == "accepted"
    status, out, _ = run("evidence", record, *OPTIONS)
    assert "bank.big.officer  (0 of 2 received)" in out
    assert ("    E-2      claimed    Officer appointment  [requested 2026-11-20]  [client: "
            "provided appointment-signed.pdf 2026-12-18 Signed by the GM]") in out
    assert out.splitlines()[-1] == ("5 register items: 1 requested, 0 received, 1 accepted, "
                                    "0 rejected, 3 claimed by the client; 4 outstanding")
    # the file as saved fits the shipped schema (reply, claimed) and passes check
    from assessor.files import load_data, plain

    from .test_schemas import messages, validator

    assert messages(validator("answers"), plain(load_data(record))) == []
    assert run("check", record, "--allow-incomplete", *OPTIONS)[0] == 0
    # read twice: nothing changes; the named document is found as the item it became
    status, _, err = run("import", "request.xlsx", "--into", record, *OPTIONS)
    assert (status, err) == (0, "unchanged: a.yaml (0 replies added, 0 changed, 4 kept)\n")


def test_a_list_sent_again_carries_the_replies_so_far(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    fill(Path("request.xlsx"), REPLIES)
    run("import", "request.xlsx", "--into", record, *OPTIONS)
    run("evidence", record, "-o", "again.xlsx", "--outstanding", *LIST)
    rows = {r[0]: r for r in cells(Path("again.xlsx"))[8:] if r[0]}
    assert rows["E-2"][3:] == ["Sent by you, not yet checked", None, "Yes",
                               "appointment-signed.pdf", dt.datetime(2026, 12, 18),
                               "Signed by the GM"]
    assert "Sent by you, being checked (3)" in rows
    assert rows["E-4"][5:] == ["No", None, None, "We have no such document"]


def test_bad_cells_are_named_by_file_sheet_cell_and_item_and_nothing_is_written(
        run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    fill(Path("request.xlsx"), {"E-2": ["Maybe", None, "next week", None],
                                "E-4": ["Yes", "=HYPERLINK(\"http://x.test\")", None, None]})
    book = load_workbook("request.xlsx")
    book.worksheets[0]["I20"] = "a stray reply"  # below the table: no item of the list
    book.save("request.xlsx")
    before = record.read_bytes()
    status, out, err = run("import", "request.xlsx", "--into", record, *OPTIONS)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "assessor: error: request.xlsx:Evidence requests!F10: E-2: Provided? 'Maybe' is not "
        "Yes or 是 or No or 否",
        "assessor: error: request.xlsx:Evidence requests!H10: E-2: date sent 'next week' must "
        "be a date such as 2026-12-18",
        "assessor: error: request.xlsx:Evidence requests!G11: E-4: a formula is not a file name "
        "('=HYPERLINK(\"http://x.test\")'): type the text itself",
        "assessor: error: request.xlsx:Evidence requests!I20: not a row of the list sent: the "
        "Ref. and Document requested cells must not change"]
    assert record.read_bytes() == before


def test_a_list_is_read_only_into_its_organisations_file(run: Run, record: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    fill(Path("request.xlsx"), REPLIES)
    other = write(Path("b.yaml"), RECORD.replace("{en: Mini Co, zh: 迷你有限公司}", "Other Co"))
    before = other.read_bytes()
    status, _, err = run("import", "request.xlsx", "--into", other, *OPTIONS)
    assert (status, err) == (2, "assessor: error: request.xlsx: the list is for 'Mini Co', "
                                "b.yaml for 'Other Co': import it into that organisation's "
                                "file\n")
    assert other.read_bytes() == before
    status, _, err = run("import", "request.xlsx", "-o", "new.yaml", *OPTIONS)
    assert (status, err) == (2, "assessor: error: request.xlsx is an evidence request list: "
                                "read it into the assessment's answers file with --into "
                                "ANSWERS\n")


def test_the_chinese_list_read_back_with_what_a_chinese_client_types(
        run: Run, record: Path) -> None:
    run("evidence", record, "-o", "zh.xlsx", "--lang", "zh", *LIST)
    fill(Path("zh.xlsx"), {"E-2": ["是", "任命书.pdf", "2026年12月18日", "已签字"],
                           "E-4": ["否", None, None, "无此文件"]})
    status, _, err = run("import", "zh.xlsx", "--into", record, *OPTIONS)
    assert (status, err) == (0, "wrote a.yaml (2 replies added, 0 changed, 0 kept)\n")
    register = yaml.safe_load(record.read_text(encoding="utf-8"))["evidence"]
    assert register["E-2"]["reply"] == {"provided": True, "file": "任命书.pdf",
                                        "sent": "2026-12-18", "comment": "已签字"}
    assert register["E-2"]["status"] == "claimed"
    assert register["E-4"]["status"] == "requested"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: "
                                              "apt-get install libreoffice-calc-nogui")
@pytest.mark.slow
def test_the_list_resaved_by_libreoffice_reads_back_the_same(run: Run, record: Path,
                                                             tmp_path: Path) -> None:
    run("evidence", record, "-o", "request.xlsx", *LIST)
    fill(Path("request.xlsx"), REPLIES)
    proc = subprocess.run([str(soffice()), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                           "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                           "--outdir", str(tmp_path / "out"), "request.xlsx"],
                          capture_output=True, text=True, check=False, timeout=180,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    status, _, err = run("import", tmp_path / "out" / "request.xlsx", "--into", record,
                         *OPTIONS)
    assert status == 0, err
    register = yaml.safe_load(record.read_text(encoding="utf-8"))["evidence"]
    assert register["E-2"]["reply"] == {"provided": True, "file": "appointment-signed.pdf",
                                        "sent": "2026-12-18", "comment": "Signed by the GM"}
    assert register["E-3"]["reply"]["sent"] == "2026-12-19"
    assert [register[k]["status"] for k in ("E-2", "E-3", "E-4", "E-5")] == \
        ["claimed", "claimed", "requested", "claimed"]


HOSTILE = RECORD.replace('E-3: {title: Board minutes,',
                         'E-3: {title: "<img src=x onerror=alert(1)> { DDEAUTO c:\\\\x }",')


def test_the_web_page_escapes_text_from_the_file_and_keeps_internal_notes_out(
        run: Run, record: Path) -> None:
    write(record, HOSTILE)
    status, _, err = run("evidence", record, "-o", "list.html", *LIST)
    assert (status, err) == (0, "wrote list.html\n")
    html = Path("list.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Evidence request list — Mini Co" in html
    assert "DRAFT — for review, not for distribution" in html
    assert "chase Li" not in html and "E-9" not in html
    run("evidence", record, "-o", "zh.html", "--lang", "zh", *LIST)
    zh = Path("zh.html").read_text(encoding="utf-8")
    assert "证据资料索取清单——迷你有限公司" in zh and "待提供（2）" in zh
    assert "已退回：unsigned copy" in zh


@pytest.mark.pdf
def test_the_pdf_list_in_english_and_chinese_and_final(run: Run, record: Path) -> None:
    from pypdf import PdfReader

    write(record, HOSTILE)
    status, _, err = run("evidence", record, "-o", "list.pdf", *LIST)
    assert (status, err) == (0, "wrote list.pdf\n")
    reader = PdfReader("list.pdf")
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = " ".join((page.extract_text() or "").split())
    for said in ("Evidence request list — Mini Co", "Prepared for Mini Co",
                 "Please reply by 20 December 2026", "Issued 7 December 2026",
                 "DRAFT — for review, not for distribution", "Page 1 of 1",
                 "<img src=x onerror=alert(1)>", "Returned: unsigned copy", "To provide (2)",
                 "Officer appointment", "Your comment"):
        assert said in text, said
    assert "chase Li" not in text and "E-9" not in text
    run("evidence", record, "-o", "zh.pdf", "--lang", "zh", *LIST)
    zh = " ".join((PdfReader("zh.pdf").pages[0].extract_text() or "").split())
    for said in ("证据资料索取清单——迷你有限公司", "请于以下日期前回复", "2026年12月20日",
                 "草稿（DRAFT）——仅供审阅，不得分发", "第1页，共1页", "待提供（2）"):
        assert said in zh, said
    assert run("sign-off", record, "--by", "P. Partner", "--date", "2026-12-01",
               "--accept-warnings", *OPTIONS)[0] == 0
    run("evidence", record, "-o", "final.pdf", *LIST)
    final = PdfReader("final.pdf").pages[0].extract_text() or ""
    assert "DRAFT" not in final and "Evidence request list" in final


def docx_xml(path: Path, part: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read(part).decode("utf-8")


def test_the_word_list_has_its_table_header_draft_and_no_field_from_the_file(
        run: Run, record: Path) -> None:
    import docx

    write(record, HOSTILE)
    status, _, err = run("evidence", record, "-o", "list.docx", *LIST)
    assert (status, err) == (0, "wrote list.docx\n")
    document = docx.Document("list.docx")
    section = document.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape
    texts = [p.text for p in document.paragraphs]
    assert "Evidence request list — Mini Co" in texts
    assert "DRAFT — for review, not for distribution" in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "Ref.", "Document requested", "Why we ask (the controls it supports)", "Status",
        "Date received", "Provided?", "File name", "Date sent", "Your comment"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][0] == "To provide (2)"
    assert ["E-3", "<img src=x onerror=alert(1)> { DDEAUTO c:\\x }"] in [r[:2] for r in rows]
    body = docx_xml(Path("list.docx"), "word/document.xml")
    assert "<w:tblHeader/>" in body  # the header row repeats on every page
    assert "instrText" not in body and "fldSimple" not in body  # text stays text
    footer = docx_xml(Path("list.docx"), "word/footer1.xml")
    assert sorted(set(re.findall(r"<w:instrText[^>]*>([^<]*)<", footer))) == \
        [" NUMPAGES ", " PAGE "]
    assert "DRAFT" in section.header.paragraphs[0].text
    all_text = body + footer
    assert "chase Li" not in all_text and "E-9" not in all_text
    run("evidence", record, "-o", "zh.docx", "--lang", "zh", *LIST)
    zh = docx.Document("zh.docx")
    assert "证据资料索取清单——迷你有限公司" in [p.text for p in zh.paragraphs]
    assert "第" in docx_xml(Path("zh.docx"), "word/footer1.xml")


def test_when_nothing_is_owed_the_list_says_so(run: Run, record: Path) -> None:
    done = "\n".join(line.replace("status: requested", "status: accepted").replace(
        "status: rejected", "status: accepted") for line in RECORD.splitlines())
    write(record, done.replace("[E-1, siem.pdf]", "[E-1]") + "\n")
    run("evidence", record, "-o", "none.xlsx", "--outstanding", *LIST)
    rows = cells(Path("none.xlsx"))
    assert rows[5][0] == "Nothing is outstanding: every document requested has been received."
    assert not any(r[0] for r in rows[8:])  # no group, no row
    run("evidence", record, "-o", "none.html", "--outstanding", *LIST)
    html = Path("none.html").read_text(encoding="utf-8")
    assert "Nothing is outstanding" in html and 'class="list"' not in html


def test_the_report_no_longer_counts_a_named_document_as_received(run: Run,
                                                                  record: Path) -> None:
    run("run", record, "-o", "report.html", "--allow-incomplete", *OPTIONS)
    html = Path("report.html").read_text(encoding="utf-8")
    assert "counted as received)" not in html
    assert "not counted as received until it is checked" in html


def test_the_brand_names_the_firm_and_marks_the_pages_in_each_language(
        run: Run, record: Path) -> None:
    write(Path("brand.yaml"), "firm: {en: Huangpu Data Advisory, zh: 黄浦数据咨询}\n"
                              "accent: '#7a1f3d'\n"
                              "confidential: {en: Prepared for Mini Co only,\n"
                              "               zh: 仅供迷你有限公司使用}\n")
    for lang, firm, marking in (("en", "Huangpu Data Advisory", "Prepared for Mini Co only"),
                                ("zh", "黄浦数据咨询", "仅供迷你有限公司使用")):
        assert run("evidence", record, "-o", f"{lang}.xlsx", "--lang", lang, "--brand",
                   "brand.yaml", *LIST)[0] == 0
        sheet = load_workbook(f"{lang}.xlsx").worksheets[0]
        assert firm in str(sheet["A3"].value)  # the firm, not the record's
        assert sheet.oddFooter.right.text == marking
        assert sheet["A8"].fill.fgColor.rgb.endswith("7A1F3D")  # the header row in its accent
        assert run("evidence", record, "-o", f"{lang}.html", "--lang", lang, "--brand",
                   "brand.yaml", *LIST)[0] == 0
        html = Path(f"{lang}.html").read_text(encoding="utf-8")
        assert f'<div class="firm">{firm}</div>' in html and marking in html
        assert "--accent: #7a1f3d" in html
