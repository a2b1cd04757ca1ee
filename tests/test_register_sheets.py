"""The filings' registers travel in the client workbook: written, filled in, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.record.inventory_data import inventory_data
from tests.conftest import EXAMPLES, Run, template_xlsx

CROSSBORDER = EXAMPLES / "crossborder-ecommerce.yaml"
pytestmark = pytest.mark.usefixtures("in_tmp")
SHEETS = ["Data items", "Recipients", "Systems", "Transfer links"]


def test_the_register_sheets_round_trip(run: Run, catalog: Catalog) -> None:
    template_xlsx(run, "q.xlsx", "--registers", "--from", CROSSBORDER)
    book = load_workbook("q.xlsx")
    assert [s for s in book.sheetnames if s in SHEETS] == SHEETS
    assert book["Transfer links"]["C4"].value == "D-1; D-2; D-3; D-4"
    assert run("import", "q.xlsx", "-o", "back.yaml")[0] == 0
    original = load(CROSSBORDER, catalog).inventory
    back = load(Path("back.yaml"), catalog).inventory
    assert original is not None and back is not None
    want, got = inventory_data(original), inventory_data(back)
    for key in ("data_items", "recipients", "systems"):  # English sheets: the en texts
        assert [e["id"] for e in got[key]] == [e["id"] for e in want[key]]
    assert [(t["items"], t["from"], t["to"], t["route"]) for t in got["transfers"]] == [
        (t["items"], t["from"], t["to"], t["route"]) for t in want["transfers"]]
    assert got["data_items"][4]["name"] == "ID card number of the buyer of record"


def test_a_register_mistake_in_the_workbook_is_named_by_its_cell(run: Run) -> None:
    template_xlsx(run, "q.xlsx", "--registers", "--from", CROSSBORDER)
    book = load_workbook("q.xlsx")
    book["Transfer links"]["E5"] = "R-9"
    book["Data items"]["D4"] = "secret"
    book.save("q.xlsx")
    status, _, err = run("import", "q.xlsx", "-o", "back.yaml")
    assert status == 2
    assert "q.xlsx:Transfer links!E5: T-2: 'to' names unknown recipient 'R-9'" in err
    assert ("q.xlsx:Data items!D4: D-1: category 'secret' is not one of personal, sensitive, "
            "important, other") in err
    assert not Path("back.yaml").exists()


def test_a_workbook_without_the_option_has_no_register_sheets(run: Run) -> None:
    assert run("template", "--format", "xlsx", "--from", CROSSBORDER, "-o", "q.xlsx")[0] == 0
    assert not set(SHEETS) & set(load_workbook("q.xlsx").sheetnames)


def test_the_screen_after_the_profile_offers_the_registers(catalog: Catalog,
                                                           tmp_path: Path) -> None:
    from assessor.interview import screens
    from assessor.interview.start import open_session

    held = open_session(catalog, [], None, CROSSBORDER)
    lines = [text for _, text in screens.scope_lines(held, "en", 100)]
    assert "Filing registers: 7 data items, 3 transfer links (assessor filing)" in lines
    source = CROSSBORDER.read_text(encoding="utf-8")
    bare = tmp_path / "bare.yaml"
    bare.write_text(source[:source.index("\n# ------------------------------------------------"
                                         "---------------- Registers")] + "\n",
                    encoding="utf-8")
    offered = open_session(catalog, [], None, bare)
    said = " ".join(text for _, text in screens.scope_lines(offered, "en", 100))
    assert "the filing documents (assessor filing) need registers" in said
    assert "--registers --from" in said and "bare.yaml" in said
    zh = " ".join(text for _, text in screens.scope_lines(offered, "zh", 100))
    assert "申报材料（assessor filing）需要登记数据项" in zh


def test_the_filing_facts_sheet_round_trips_and_into_keeps_the_translations(
        run: Run, catalog: Catalog) -> None:
    template_xlsx(run, "q.xlsx", "--registers", "--from", CROSSBORDER)
    Path("copy.yaml").write_text(CROSSBORDER.read_text(encoding="utf-8"), encoding="utf-8")
    status, _, err = run("import", "q.xlsx", "--into", "copy.yaml")
    assert status == 0, err
    original = load(CROSSBORDER, catalog).inventory
    back = load(Path("copy.yaml"), catalog).inventory
    assert original is not None and back is not None
    assert inventory_data(back) == inventory_data(original)  # zh texts kept from the file


def test_a_filing_fact_in_the_workbook_is_named_by_its_cell(run: Run) -> None:
    template_xlsx(run, "q.xlsx", "--registers", "--from", CROSSBORDER)
    book = load_workbook("q.xlsx")
    facts = book["Filing facts"]
    row = next(r for r in range(1, 40) if facts.cell(r, 1).value == "counts.individuals")
    facts.cell(row, 3).value = "many"
    book.save("q.xlsx")
    status, _, err = run("import", "q.xlsx", "-o", "back.yaml")
    assert status == 2
    assert f"q.xlsx:Filing facts!C{row}: counts: 'individuals' must be a whole number" in err
