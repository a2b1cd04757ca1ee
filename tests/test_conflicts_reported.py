"""The answers a merge did not take are printed for the firm, never for the client (issue 24).

A merge settles one question for HR and leaves another open; the record keeps IT's answers
with who, when, from which file and their notes. The internal edition (`run --internal`) lists
them in its appendix (HTML/PDF, DOCX, XLSX) and `diff` prints them in HTML/PDF; the client's
edition of the same file prints none of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, once
from .test_many_hands import EXAMPLE, QUALITY, XB, respondent

pytestmark = pytest.mark.usefixtures("in_tmp")
IT_NOTE = "IT (Li Wei) says so"   # the note respondent() gives every changed answer
NOT_TAKEN = ("Not taken: Implemented and operating (IT (Li Wei), 2026-12-14, from it.yaml); "
             f"note: {IT_NOTE}")
STILL_OPEN = f"Still open: Not applicable (IT (Li Wei), 2026-12-14, from it.yaml); note: {IT_NOTE}"
NOT_TAKEN_ZH = ("未采纳：已落实并有效运行（IT (Li Wei)，2026-12-14，来自 it.yaml）；"
                f"备注：{IT_NOTE}")


def merged(run: Run, catalog: Catalog) -> Path:
    """Return IT's and HR's files merged: QUALITY settled for HR, XB left open (IT's kept)."""
    return once(Path("m.yaml"), "merged", lambda _: make_merged(run, catalog),
                Path("hr.yaml"), Path("it.yaml"))


def make_merged(run: Run, catalog: Catalog) -> None:
    """Write HR's and IT's files (hr.yaml, it.yaml) and merge them to m.yaml."""
    full = load(EXAMPLE, catalog)
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown", QUALITY: "partial"})
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2026-12-14", catalog,
                    **{XB: "na", QUALITY: "implemented"})
    status, _, err = run("merge", hr, it, "-o", "m.yaml", "--prefer", f"{QUALITY}=hr.yaml",
                         "--leave-open")
    assert status == 0, err


def test_the_internal_edition_lists_every_answer_not_taken(run: Run, catalog: Catalog) -> None:
    path = merged(run, catalog)
    assert run("run", path, "--internal", "--allow-incomplete", "-o", "i.html")[0] == 0
    page = Path("i.html").read_text(encoding="utf-8")
    internal = page[page.index('<section id="internal"'):]
    table = internal[internal.index("Answers not taken"):]
    assert NOT_TAKEN in table and STILL_OPEN in table
    assert f'<td class="id">{QUALITY.replace(".", ".<wbr>")}</td>' in table

    status, out, _ = run("run", path, "--internal", "--allow-incomplete", "--format", "json",
                         "-o", "-")
    assert status == 0
    rows = {c["id"]: c for c in json.loads(out)["internal"]["conflicts"]}
    assert rows[QUALITY]["display"] == "Partly implemented"
    assert rows[QUALITY]["kept"] == [{"display": "Implemented and operating",
                                      "by": "IT (Li Wei)", "at": "2026-12-14",
                                      "source": "it.yaml", "note": IT_NOTE, "open": False}]
    assert rows[XB]["kept"][0]["open"] is True

    assert run("run", path, "--internal", "--allow-incomplete", "--lang", "zh",
               "-o", "zh.html")[0] == 0
    assert NOT_TAKEN_ZH in Path("zh.html").read_text(encoding="utf-8")


def test_the_docx_and_xlsx_internal_editions_list_them_too(run: Run, catalog: Catalog) -> None:
    path = merged(run, catalog)
    assert run("run", path, "--internal", "--allow-incomplete", "-o", "i.docx")[0] == 0
    cells = [c.text for table in Document("i.docx").tables for row in table.rows
             for c in row.cells]
    assert any(NOT_TAKEN in c for c in cells) and any(STILL_OPEN in c for c in cells)
    assert run("run", path, "--internal", "--allow-incomplete", "-o", "i.xlsx")[0] == 0
    values = [str(v) for sheet in load_workbook("i.xlsx").worksheets
              for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert any(NOT_TAKEN in v for v in values) and any(STILL_OPEN in v for v in values)


def test_the_client_edition_prints_none_of_them(run: Run, catalog: Catalog) -> None:
    path = merged(run, catalog)
    for name in ("c.html", "c.docx", "c.xlsx"):
        assert run("run", path, "--allow-incomplete", "-o", name)[0] == 0
    texts = [Path("c.html").read_text(encoding="utf-8")]
    document = Document("c.docx")
    texts += [p.text for p in document.paragraphs]
    texts += [c.text for table in document.tables for row in table.rows for c in row.cells]
    texts += [str(v) for sheet in load_workbook("c.xlsx").worksheets
              for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    for text in texts:
        assert "Answers not taken" not in text and "Not taken:" not in text
        assert "Still open:" not in text and "from it.yaml" not in text
    status, out, _ = run("run", path, "--allow-incomplete", "--format", "json", "-o", "-")
    assert status == 0 and json.loads(out)["internal"] is None


def test_diff_html_shows_each_answer_not_taken_with_its_note(run: Run,
                                                            catalog: Catalog) -> None:
    path = merged(run, catalog)
    status, _, err = run("diff", "hr.yaml", path, "-o", "d.html")
    assert status == 0, err
    page = Path("d.html").read_text(encoding="utf-8")
    assert NOT_TAKEN in page and STILL_OPEN in page
    assert page.count('<td class="small">Other answers kept</td>') == 2  # not "Note or evidence"
    status, out, _ = run("diff", "hr.yaml", path)
    assert f"  {QUALITY}: Partly implemented, other answers kept\n" in out
    assert f"    not taken: Implemented and operating (IT (Li Wei), 2026-12-14, it.yaml); " \
           f"note: {IT_NOTE}" in out


@pytest.mark.pdf
def test_the_pdfs_print_them_for_the_firm_and_the_diff_only(run: Run, catalog: Catalog) -> None:
    from pypdf import PdfReader

    path = merged(run, catalog)

    def text(name: str) -> str:
        return " ".join(" ".join((page.extract_text() or "").split())
                        for page in PdfReader(name).pages)

    # both questions are PIPL's: a PIPL-scoped edition holds them in half the pages (45, not 88)
    scoped = ("--allow-incomplete", "--scope", "pipl")
    assert run("run", path, "--internal", *scoped, "-o", "i.pdf")[0] == 0
    assert run("run", path, *scoped, "-o", "c.pdf")[0] == 0
    assert run("diff", "hr.yaml", path, "-o", "d.pdf")[0] == 0
    internal, client, diff = text("i.pdf"), text("c.pdf"), text("d.pdf")
    assert "Answers not taken" in internal and "from it.yaml" in internal
    assert "Answers not taken" not in client and "from it.yaml" not in client
    assert "Not taken: Implemented and operating" in diff and "from it.yaml" in diff
