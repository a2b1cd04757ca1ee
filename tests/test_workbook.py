"""The client workbook: what the client sees, and every shipped example read back unchanged."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from assessor.banks.catalog import load_catalog
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.record.answers import load

from .conftest import EXAMPLES, Run, template_xlsx

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))



def row_of(sheet: Any, qid: str) -> int:
    """Return the row of a question in a sheet."""
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == qid:
            return row
    raise AssertionError(f"{qid} not in {sheet.title}")


def type_into(path: Path, answer: object = None, note: object = None, evidence: object = None,
              *, sheet: str = "PIPL", qid: str = "pipl.consent.quality") -> int:
    """Type a client's Answer, Note and Evidence cells of ``qid`` and save; return its row.

    ``None`` leaves a cell as it was.
    """
    book = load_workbook(path)
    rows = book[sheet]
    row = row_of(rows, qid)
    for column, value in ((4, answer), (5, note), (6, evidence)):
        if value is not None:
            rows.cell(row, column).value = value
    book.save(path)
    return row


def same_answers(a: Answers, b: Answers) -> dict[str, Any]:
    """Return the answers that differ in value, note or evidence (empty when none do)."""
    key_a = {q: (v.value, v.note, v.evidence) for q, v in a.answers.items()}
    key_b = {q: (v.value, v.note, v.evidence) for q, v in b.answers.items()}
    return {q: (key_a.get(q), key_b.get(q)) for q in set(key_a) | set(key_b)
            if key_a.get(q) != key_b.get(q)}


def test_blank_workbook_sheets_columns_and_protection(run: Run, tmp_path: Path,
                                                      catalog: Catalog) -> None:
    out = tmp_path / "q.xlsx"
    status, _, err = run("template", "--format", "xlsx", "-o", out)
    assert status == 0 and f"(6 sheets, {len(catalog.questions)} questions)" in err
    book = load_workbook(out)
    assert book.sheetnames == ["Instructions", "Profile", "CSL", "DSL", "PIPL", "VULN", "GDSI",
                               "assessor", "lists"]
    assert [book[n].sheet_state for n in ("lists", "assessor")] == ["hidden", "hidden"]
    pipl = book["PIPL"]
    assert [c.value for c in pipl[5]] == ["ID", "Question", "How to answer", "Answer", "Note",
                                         "Evidence", "Guidance", "Legal basis"]
    assert pipl.freeze_panes == "C6"
    assert pipl.protection.sheet
    row = row_of(pipl, "pipl.consent.quality")
    assert pipl.cell(row, 1).protection.locked
    assert not any(pipl.cell(row, c).protection.locked for c in (4, 5, 6))
    assert pipl.cell(row, 3).value == "Choose one"
    assert pipl.cell(row, 8).value.startswith("PIPL Art. 14: ")
    drop = next(v for v in pipl.data_validations.dataValidation
                if f"D{row}" in str(v.sqref))
    listed = [c.value for c in book["lists"][drop.formula1.split("!")[1].replace("$", "")][0]]
    assert listed == ["Implemented and operating", "Partly implemented",
                      "Planned, not yet in place", "Not implemented", "Not applicable", "Unknown"]
    profile = book["Profile"]
    many = profile.cell(row_of(profile, "profile.xb_mechanism"), 3).value
    assert many.startswith("Choose all that apply (separate with ;):\n• CAC security assessment")
    number = profile.cell(row_of(profile, "profile.pi_individuals"), 3).value
    assert number == "A number, in individuals"
    first = book["Instructions"]
    assert first["B1"].value == "Pre-assessment questionnaire"
    assert first["B6"].value == "Answered by (name, role)"
    assert not first["C6"].protection.locked


def test_workbook_from_answers_in_chinese(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "q.xlsx"
    source = EXAMPLES / "crossborder-ecommerce.yaml"
    status, _, _ = run("template", "-o", out, "--from", source, "--lang", "zh",
                       "--respondent", "王芳（数据保护官）")
    assert status == 0
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["填写说明", "组织概况"]
    assert book["填写说明"]["C4"].value == "Silk Harbour Commerce Co., Ltd."
    assert book["填写说明"]["C6"].value == "王芳（数据保护官）"
    pipl = book["PIPL"]
    assert [c.value for c in pipl[5]][:4] == ["编号", "问题", "作答方式", "答案"]
    answers = load(source, catalog)
    asked = {pipl.cell(r, 1).value for r in range(6, pipl.max_row + 1)} - {None}
    from assessor.banks.scope import applicability

    applies = applicability(catalog, answers.answers)
    assert asked == {q.id for q in catalog.questionnaire("pipl").questions  # type: ignore[union-attr]
                     if applies[q.id] or q.id in answers.answers}
    row = row_of(pipl, "pipl.consent.quality")
    answer = answers.answers["pipl.consent.quality"]
    option = catalog.by_id["pipl.consent.quality"].option(str(answer.value))
    assert option is not None and pipl.cell(row, 4).value == option.label.zh


def test_existing_workbook_is_not_replaced_without_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "q.xlsx"
    out.write_bytes(b"mine")
    status, _, err = run("template", "--format", "xlsx", "-o", out)
    assert status == 2 and "exists; use --force to replace it" in err
    assert out.read_bytes() == b"mine"


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_round_trip_of_every_example(run: Run, tmp_path: Path, catalog: Catalog,
                                     example: Path) -> None:
    book = tmp_path / "q.xlsx"
    out = tmp_path / "back.yaml"
    lang = "zh" if "ciio" in example.stem else "en"
    assert run("template", "-o", book, "--from", example, "--lang", lang)[0] == 0
    status, _, err = run("import", book, "-o", out)
    assert status == 0, err
    original, back = load(example, catalog), load(out, catalog)
    assert same_answers(original, back) == {}
    # The registers (ownership, inventory) travel only in the workbook's register sheets.
    assert back.organisation == replace(original.organisation, ownership=None)
    assert back.assessment == original.assessment


def soffice() -> str | None:
    """Return LibreOffice's program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: "
                                              "apt-get install libreoffice-calc-nogui")
@pytest.mark.slow
def test_workbook_resaved_by_libreoffice_imports_the_same(run: Run, tmp_path: Path,
                                                          catalog: Catalog) -> None:
    example = EXAMPLES / "crossborder-ecommerce.yaml"
    book = tmp_path / "q.xlsx"
    assert run("template", "-o", book, "--from", example, "--respondent", "Wang Fang")[0] == 0
    profile = tmp_path / "profile"
    resaved = tmp_path / "out"
    proc = subprocess.run([str(soffice()), f"-env:UserInstallation={profile.as_uri()}",
                           "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                           "--outdir", str(resaved), str(book)],
                          capture_output=True, text=True, check=False, timeout=180,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert (resaved / "q.xlsx").read_bytes() != book.read_bytes()
    status, _, err = run("import", resaved / "q.xlsx", "-o", tmp_path / "back.yaml")
    assert status == 0, err
    back = load(tmp_path / "back.yaml", catalog)
    original = load(example, catalog)
    assert same_answers(original, back) == {}
    # every answer came pre-filled and unchanged: each keeps its author (issue 24), even
    # through LibreOffice, which must keep the hidden sheet that records them
    assert {q: (a.by, a.at) for q, a in back.answers.items()} == \
        {q: (a.by, a.at) for q, a in original.answers.items() if q in back.answers}


def test_workbook_of_the_gaps_only(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    from dataclasses import replace

    from assessor.record.answers import save
    from assessor.record.reading import unanswered

    full = load(EXAMPLES / "crossborder-ecommerce.yaml", catalog)
    gone = {"pipl.consent.quality", "csl.mlps.policies"}
    partial = replace(full, answers={q: a for q, a in full.answers.items() if q not in gone})
    source = tmp_path / "partial.yaml"
    save(source, partial, catalog)
    out = tmp_path / "gaps.xlsx"
    status, _, err = run("template", "-o", out, "--from", source, "--missing")
    assert status == 0, err
    book = load_workbook(out)
    asked = {sheet.cell(r, 1).value for sheet in book.worksheets[1:-2]
             for r in range(6, sheet.max_row + 1)} - {None}
    assert asked == {q.id for q in unanswered(catalog, partial.answers)} >= gone
    status, _, err = run("template", "--format", "xlsx", "-o", tmp_path / "x.xlsx", "--missing")
    assert status == 2 and "--missing needs --from ANSWERS" in err


def test_a_question_gone_from_the_banks_is_named(run: Run, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "q.xlsx"
    template_xlsx(run, path, "-q", "pipl")
    book = load_workbook(path)
    marker = book["assessor"]
    for row in marker.iter_rows():
        if row[0].value == "versions":
            row[1].value = re.sub(r"pipl=\S+", "pipl=2025.1", row[1].value)
        if row[0].value == "sheet" and row[1].value == "PIPL":
            row[3].value += " pipl.consent.retired"
    pipl = book["PIPL"]
    row = row_of(pipl, "pipl.consent.quality")
    pipl.cell(row, 1).value = "pipl.consent.retired"
    pipl.cell(row, 4).value = "Unknown"
    book["Instructions"]["C4"] = "Acme"
    book.save(path)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    version = load_catalog([]).questionnaire("pipl").version  # type: ignore[union-attr]
    assert err == (f"assessor: error: q.xlsx:PIPL!A{row}: 'pipl.consent.retired' is no longer "
                   "in the question banks (the workbook was made with pipl 2025.1; it is now "
                   f"{version}): its answer cannot be imported; send a new workbook for it\n"
                   "assessor: error: q.xlsx:PIPL: pipl.consent.quality: the question's row is "
                   "missing (deleted?): copy it back from the workbook sent, with its ID\n")
