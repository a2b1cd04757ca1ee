"""The client workbook is untrusted both ways (security review defects 6, 7, 13, 15, 16, 20-22,
25, 26): each test fails on the release reviewed."""

from __future__ import annotations

import re
import string
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record import intake
from assessor.record.answers import load

from .conftest import EXAMPLES, Run, read_yaml, template_xlsx, write, yaml_text
from .test_import import fill_from_example
from .test_register import ANSWERS as REGISTER_ANSWERS
from .test_register import OPTIONS as MINI_OPTIONS
from .test_register import register
from .test_workbook import row_of, type_into
from .test_write_paths import client_workbook, inflate

pytestmark = pytest.mark.usefixtures("in_tmp")
EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"
HYPERLINK = '=HYPERLINK("http://evil.example/","Click")'


def instructions_cells(path: Path) -> dict[str, Any]:
    sheet = load_workbook(path)["Instructions"]
    return {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}


def test_a04_a_consultant_named_as_a_formula_stays_text(run: Run, tmp_path: Path) -> None:
    data = read_yaml(EXAMPLE.read_text(encoding="utf-8"))
    data["assessment"]["consultant"] = HYPERLINK
    del data["assessment"]["firm"]
    write(tmp_path / "a.yaml", yaml_text(data, allow_unicode=True, sort_keys=False))
    assert run("template", "--format", "xlsx", "--from", "a.yaml", "-o", "w.xlsx")[0] == 0
    with zipfile.ZipFile(tmp_path / "w.xlsx") as book:
        xml = b"".join(book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml
    cells = [c for c in instructions_cells(tmp_path / "w.xlsx").values() if c.value == HYPERLINK]
    assert cells
    assert all(c.data_type == "s" for c in cells)


def test_a05_a_forged_marker_consultant_never_becomes_a_formula(run: Run, tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    marker = next(s for s in book.worksheets if s.sheet_state != "visible" and
                  s["A1"].value == "kind")
    marker.append(["consultant", HYPERLINK])
    book.save(path)
    assert run("import", path, "-o", "a.yaml")[0] == 0
    assert run("template", "--format", "xlsx", "--from", "a.yaml", "-o", "again.xlsx")[0] == 0
    with zipfile.ZipFile(tmp_path / "again.xlsx") as again:
        assert not any(b"<f>" in again.read(n) for n in again.namelist())


def test_a12_a_formula_in_the_organisation_cell_is_refused(run: Run, tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    for value in (HYPERLINK, "'=HYPERLINK(\"http://evil.example\",\"ACME\")"):
        book = load_workbook(path)
        book["Instructions"]["C4"] = value
        if value.startswith("'"):
            book["Instructions"]["C4"].value = value[1:]
            book["Instructions"]["C4"].data_type = "s"  # typed as text
        book.save(path)
        status, _, err = run("import", path, "-o", "a.yaml")
        assert status == 2
        assert "q.xlsx:Instructions!C4: " in err
        assert "formula" in err
        assert not (tmp_path / "a.yaml").exists()


def test_a11_clearing_the_organisation_cell_does_not_bypass_the_guard(run: Run,
                                                                      tmp_path: Path) -> None:
    path = fill_from_example(run, tmp_path)
    book = load_workbook(path)
    book["Instructions"]["C4"] = None
    book.save(path)
    other = EXAMPLE.read_text(encoding="utf-8").replace("Silk Harbour Commerce Co., Ltd.",
                                                        "Northwind GmbH")
    write(tmp_path / "other.yaml", other)
    status, _, err = run("import", path, "--into", "other.yaml", "--prefer", "workbook")
    assert status == 2
    assert "the workbook is for 'Silk Harbour Commerce Co., Ltd.', other.yaml for " \
           "'Northwind GmbH'" in err
    assert (tmp_path / "other.yaml").read_text(encoding="utf-8") == other


def test_a11_a_workbook_naming_no_organisation_is_refused(run: Run, tmp_path: Path) -> None:
    template_xlsx(run, "w.xlsx", "-q", "pipl")
    write(tmp_path / "a.yaml", EXAMPLE.read_text(encoding="utf-8"))
    status, _, err = run("import", "w.xlsx", "--into", "a.yaml")
    assert status == 2
    assert "w.xlsx:Instructions!C4: the workbook names no organisation" in err


def test_b03_a_register_without_its_title_is_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", REGISTER_ANSWERS)
    path = register(run, tmp_path, {"R2": "DPO"})
    book = load_workbook(path)
    book.properties.title = None
    book.save(path)
    status, _, err = run("import", path, "--into", "a.yaml", *MINI_OPTIONS)
    assert status == 2
    assert "the register names no organisation" in err


def test_b01_formulas_in_the_register_are_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", REGISTER_ANSWERS)
    path = register(run, tmp_path, {"R2": HYPERLINK, "U3": "=1+1"})
    status, _, err = run("import", path, "--into", "a.yaml", *MINI_OPTIONS)
    assert status == 2
    assert "Gap register!R2: bank.big.officer: a formula is not the owner" in err
    assert "Gap register!U3: bank.ops.logs: a formula is not the comment" in err


def test_b02_one_control_on_two_register_rows_is_an_error(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", REGISTER_ANSWERS)
    path = register(run, tmp_path, {"R2": "Alice", "T2": "Done", "F3": "bank.big.officer",
                                     "R3": "Mallory", "T3": "Open"})
    status, _, err = run("import", path, "--into", "a.yaml", *MINI_OPTIONS)
    assert status == 2
    assert ("Gap register!F3: bank.big.officer: the control appears twice (first at Gap "
            "register!F2): keep one row") in err


def test_a43_prefer_file_keeps_the_clients_evidence(run: Run, tmp_path: Path,
                                                    catalog: Catalog) -> None:
    path = fill_from_example(run, tmp_path)
    type_into(path, "Not implemented", evidence="E-99; consent-audit.pdf")
    write(tmp_path / "a.yaml", EXAMPLE.read_text(encoding="utf-8"))
    assert run("import", path, "--into", "a.yaml", "--prefer", "file")[0] == 0
    evidence = load(tmp_path / "a.yaml", catalog).answers["pipl.consent.quality"].evidence
    assert {"E-99", "consent-audit.pdf"} <= set(evidence)


def test_a35_an_invalid_answer_gets_one_message(run: Run, tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    type_into(path, "Partially", "a note")
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    lines = [line for line in err.splitlines() if "pipl.consent.quality" in line]
    assert len(lines) == 1
    assert "'Partially' is not an option" in lines[0]


def test_a35_a_renamed_answer_header_is_named_once(run: Run, tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    pipl = book["PIPL"]
    header = next(r for r in range(1, 16) if pipl.cell(r, 1).value == "ID")
    pipl.cell(header, 4).value = "Response"
    book.save(path)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert "the sheet is empty" not in err
    assert err.count("PIPL") == 1 and "the Answer column is missing" in err


def test_a35_a_column_inserted_before_id_still_imports(run: Run, tmp_path: Path,
                                                       catalog: Catalog) -> None:
    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    pipl = book["PIPL"]
    row = row_of(pipl, "pipl.consent.quality")
    pipl.cell(row, 4).value = "Not implemented"
    pipl.insert_cols(1)
    book.save(path)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 0, err
    assert load(tmp_path / "a.yaml", catalog, allow_incomplete=True).answers[
        "pipl.consent.quality"].value == "not_implemented"


def test_a47_excel_escapes_are_decoded(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    path = client_workbook(run, tmp_path)
    type_into(path, "Not implemented", "first line_x000D_second line, a_x005F_x000D_ kept")
    assert run("import", path, "-o", "a.yaml")[0] == 0
    note = load(tmp_path / "a.yaml", catalog, allow_incomplete=True).answers[
        "pipl.consent.quality"].note
    assert note == "first line\rsecond line, a_x000D_ kept"


def test_a42_a_note_beyond_a_cell_is_refused_on_the_way_out(run: Run, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    answers = load_raw_note(text, "x" * 40_000)
    write(tmp_path / "a.yaml", answers)
    status, _, err = run("template", "--format", "xlsx", "--from", "a.yaml", "-o", "w.xlsx")
    assert status == 2
    assert "an Excel cell takes" in err and "pipl.consent.quality" in err
    assert not (tmp_path / "w.xlsx").exists()


def load_raw_note(text: str, note: str) -> str:
    data = read_yaml(text)
    entry = data["answers"]["pipl.consent.quality"]
    if not isinstance(entry, dict):
        entry = {"answer": entry}
    entry["note"] = note
    data["answers"]["pipl.consent.quality"] = entry
    return str(yaml_text(data, allow_unicode=True, sort_keys=False))


def test_a42_a_cell_beyond_excel_s_limit_is_refused_on_the_way_in(run: Run,
                                                                  tmp_path: Path) -> None:
    path = client_workbook(run, tmp_path)
    row = type_into(path, "Not implemented", "PLACEHOLDER")
    inflate(path, "PLACEHOLDER", "y" * 40_000)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert f"q.xlsx:PIPL!E{row}: pipl.consent.quality: 40,000 characters, more than an Excel " \
           "cell holds (32,767)" in err


def test_a28_suggestions_are_linear(run: Run, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    pipl = book["PIPL"]
    for number in range(300):
        pipl.append([f"pipl.changed.{number}", "x"])
    book.save(path)
    calls = []
    import difflib

    real = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert err.count("is not a question of this workbook") == 300
    assert len(calls) <= intake.MAX_SUGGESTIONS


def damaged(tmp_path: Path, path: Path, case: str) -> Path:
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    if case == "truncated sheet":
        parts[sheet] = parts[sheet][: len(parts[sheet]) // 2]
    elif case == "broken workbook.xml":
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"][:-40]
    elif case == "no styles.xml":
        del parts["xl/styles.xml"]
    elif case == "billion laughs in workbook.xml":
        body = parts["xl/workbook.xml"].split(b"?>", 1)[-1]
        parts["xl/workbook.xml"] = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
            re.sub(rb"(<sheets>)", rb"\1&b;", body, count=1))
    elif case == "billion laughs":
        body = parts[sheet].split(b"?>", 1)[-1]
        parts[sheet] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
                        re.sub(rb"(<sheetData[^>]*>)", rb"\1&b;", body, count=1))
    elif case == "shared string out of range":
        parts[sheet] = re.sub(rb't="inlineStr"><is><t>[^<]*</t></is>', b't="s"><v>99999</v>',
                              parts[sheet], count=1)
        assert b"99999" in parts[sheet]
    out = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(out, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return out


@pytest.mark.parametrize("case", ["truncated sheet", "broken workbook.xml", "no styles.xml",
                                  "billion laughs", "billion laughs in workbook.xml",
                                  "shared string out of range"])
def test_a17_a25_a_malformed_workbook_exits_2(run: Run, tmp_path: Path, case: str) -> None:
    path = damaged(tmp_path, client_workbook(run, tmp_path), case)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2, err
    assert err.startswith("assessor: error: bad.xlsx")
    assert not (tmp_path / "a.yaml").exists()


def test_a36_a_duration_in_a_choice_answer_exits_2(run: Run, tmp_path: Path) -> None:
    import datetime as dt

    path = client_workbook(run, tmp_path)
    book = load_workbook(path)
    pipl = book["PIPL"]
    row = row_of(pipl, "pipl.consent.quality")
    pipl.cell(row, 4).value = dt.timedelta(hours=30)
    pipl.cell(row, 4).number_format = "[h]:mm"
    book.save(path)
    status, _, err = run("import", path, "-o", "a.yaml")
    assert status == 2
    assert f"PIPL!D{row}: pipl.consent.quality: expected one of" in err


TEXT = st.text(alphabet=st.sampled_from(string.printable.replace("\x0b", "").replace("\x0c", "")
                                        + "=+-@_x000D_\u202e\x85中"), max_size=60)


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, answer=TEXT, note=TEXT, evidence=TEXT)
def test_property_any_cell_text_imports_or_exits_2(run: Run, tmp_path: Path, catalog: Catalog,
                                                   name: str, answer: str, note: str,
                                                   evidence: str) -> None:
    """Whatever a client types in the details and a row: a loadable file, or exit 2."""
    base = tmp_path / "base.xlsx"
    if not base.exists():
        client_workbook(run, tmp_path).rename(base)
    book = load_workbook(base)
    book["Instructions"]["C4"] = name or None
    pipl = book["PIPL"]
    row = row_of(pipl, "pipl.consent.quality")
    for column, value in ((4, answer), (5, note), (6, evidence)):
        pipl.cell(row, column).value = value or None
    book.save(tmp_path / "p.xlsx")
    out = tmp_path / "p.yaml"
    out.unlink(missing_ok=True)
    status, _, err = run("import", tmp_path / "p.xlsx", "-o", out)
    assert status in (0, 2), err
    if status == 0:
        assert load(out, catalog, allow_incomplete=True)
    else:
        assert not out.exists()
