"""CISO Assistant audit workbooks: the data wizard's columns, and results that match ours.

Uploaded by hand to a real instance's data wizard (docs/exports.md): every row loaded and every
control's result equalled the one here. These tests keep what made that so.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from assessor.banks.scope import engaged
from assessor.exports import ciso, ciso_audit
from assessor.model.catalog import Catalog
from assessor.record import answers as answers_file
from assessor.scoring import score
from tests.conftest import EXAMPLES, read_yaml, yaml_text


def audit_rows(catalog: Catalog, path: Path, bank: str) -> list[dict[str, object]]:
    """Return the rows of one bank's audit workbook as the wizard reads them (first sheet)."""
    answers = answers_file.load(path, catalog, allow_incomplete=True)
    scoped = engaged(catalog, answers.assessment.scope)
    data = ciso_audit.audits(scoped, answers, score(scoped, answers.answers))[bank]
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ciso_audit.COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def edited(tmp_path: Path, **answers: object) -> Path:
    """Return the crossborder example with some answers replaced."""
    data = read_yaml((EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8"))
    data["answers"].update(answers)
    path = tmp_path / "a.yaml"
    path.write_text(yaml_text(data, allow_unicode=True), encoding="utf-8")
    return path


def test_rows_match_the_library_and_the_wizards_values(catalog: Catalog) -> None:
    rows = audit_rows(catalog, EXAMPLES / "crossborder-ecommerce.yaml", "pipl")
    bank = catalog.questionnaire("pipl")
    assert bank is not None
    library = ciso.library(catalog, bank, "2026-12-06")
    nodes = {n["ref_id"]: n for n in library["objects"]["framework"]["requirement_nodes"]}
    for row in rows:
        node = nodes[str(row["ref_id"])]
        assert row["urn"] == node["urn"] and row["assessable"] is True
        assert row["compliance_result"] in ciso_audit.RESULTS
        assert row["requirement_progress"] in ciso_audit.PROGRESS
        score_cell = row["score"]
        assert score_cell is None or (isinstance(score_cell, int) and 0 <= score_cell <= 100)
        for line in str(row["answers"] or "").splitlines():
            text, _, value = line.partition(" >> ")
            question = next(q for q in node["questions"].values() if q["text"] == text)
            assert value in {c["value"] for c in question["choices"]}, (row["ref_id"], value)


def test_results_follow_the_answers(catalog: Catalog, tmp_path: Path) -> None:
    path = edited(tmp_path, **{"pipl.basis.inventory": "unknown",
                               "pipl.basis.legal_basis": {"answer": "na", "note": "none held"}})
    rows = {r["ref_id"]: r for r in audit_rows(catalog, path, "pipl")}
    assert rows["pipl.basis.inventory"]["compliance_result"] == "non_compliant"
    assert rows["pipl.basis.inventory"]["score"] == 0, "unknown is a gap, as in our report"
    assert rows["pipl.basis.legal_basis"]["compliance_result"] == "not_applicable"
    assert "none held" in str(rows["pipl.basis.legal_basis"]["observations"])


def test_a_formula_typed_by_a_client_stays_text(catalog: Catalog, tmp_path: Path) -> None:
    path = edited(tmp_path, **{"pipl.basis.inventory": {
        "answer": "documented_operating", "note": '=HYPERLINK("http://x.invalid","y")'}})
    answers = answers_file.load(path, catalog, allow_incomplete=True)
    scoped = engaged(catalog, answers.assessment.scope)
    data = ciso_audit.audits(scoped, answers, score(scoped, answers.answers))["pipl"]
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
             and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml"), "no formula in the sheet"


def test_same_record_same_bytes(catalog: Catalog) -> None:
    answers = answers_file.load(EXAMPLES / "power-utility-ciio.yaml", catalog)
    scoped = engaged(catalog, answers.assessment.scope)
    result = score(scoped, answers.answers)
    assert ciso_audit.audits(scoped, answers, result) == ciso_audit.audits(scoped, answers, result)


def test_internal_notes_never_leave_the_record(catalog: Catalog, tmp_path: Path) -> None:
    from assessor.exports import oscal

    internal = "HR unsure, ask the DPO before we write this up"
    path = edited(tmp_path, **{"pipl.basis.legal_basis": {
        "answer": "partly_mapped", "note": "client note", "internal": internal}})
    answers = answers_file.load(path, catalog, allow_incomplete=True)
    scoped = engaged(catalog, answers.assessment.scope)
    result = score(scoped, answers.answers)
    for data in ciso_audit.audits(scoped, answers, result).values():
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        texts = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        assert internal not in texts
    documents = oscal.documents(scoped, answers, result)
    assert "client note" in documents["assessment-results.json"].decode()
    assert all(internal not in d.decode() for d in documents.values())
