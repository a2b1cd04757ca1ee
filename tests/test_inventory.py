"""The filings' registers in the answers file: read, validated at their line, kept on save."""

from __future__ import annotations

from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from assessor.errors import InvalidFile
from assessor.files import load_data, plain
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.record import answers as answers_file
from assessor.record.inventory_data import inventory_data
from assessor.record.merge import merge
from assessor.schemas import schema_text
from tests.conftest import EXAMPLES, Run, read_yaml, write

CROSSBORDER = EXAMPLES / "crossborder-ecommerce.yaml"
pytestmark = pytest.mark.usefixtures("in_tmp")  # messages name a.yaml as typed

REGISTERS = """\
format: assessor-answers/1
organisation:
  name: Test Co.
  ownership:
    shareholders: [{name: Parent GmbH, share: "100%", country: DE}]
    controller: {en: Parent GmbH, zh: 母公司}
answers: {}
inventory:
  data_items:
    - {id: D-1, scenario: hr, name: Employee name, category: personal}
    - {id: D-2, scenario: hr, name: Salary, category: other}
  recipients:
    - {id: R-1, name: Parent GmbH, country: DE}
  systems:
    - {id: S-1, name: HR system, location: CN}
  transfers:
    - {id: T-1, scenario: hr, items: [D-1, D-2], from: S-1, to: R-1, route: standard_contract}
  counts: {year: 2026, individuals: 800, sensitive: 0, forecast: [900, 950, 1000]}
"""


def load_text(tmp_path: Path, text: str, catalog: Catalog) -> Answers:
    """Load ``text`` as an answers file (incomplete answers allowed)."""
    assert Path.cwd() == tmp_path
    return answers_file.load(write(Path("a.yaml"), text), catalog, allow_incomplete=True)


def problems(tmp_path: Path, text: str, catalog: Catalog) -> list[str]:
    """Return the problems loading ``text`` reports, as printed."""
    with pytest.raises(InvalidFile) as caught:
        load_text(tmp_path, text, catalog)
    return [str(p) for p in caught.value.problems]


def test_the_crossborder_example_holds_full_registers(catalog: Catalog) -> None:
    record = answers_file.load(CROSSBORDER, catalog)
    inventory = record.inventory
    assert inventory is not None
    assert [i.id for i in inventory.data_items] == [f"D-{n}" for n in range(1, 8)]
    assert {t.route for t in inventory.transfers} == {"security_assessment"}
    assert inventory.counts is not None and inventory.counts.forecast == (2900000, 3300000,
                                                                        3600000)
    assert inventory.self_assessment is not None and inventory.self_assessment.third_party
    assert record.organisation.ownership is not None
    assert record.organisation.ownership.shareholders[0].share == "72%"
    assert inventory.item("D-5") is not None and inventory.item("D-5").category == "sensitive"  # type: ignore[union-attr]


def test_registers_survive_a_save_and_a_reload(tmp_path: Path, catalog: Catalog) -> None:
    record = answers_file.load(CROSSBORDER, catalog)
    saved = tmp_path / "saved.yaml"
    answers_file.save(saved, record, catalog)
    again = answers_file.load(saved, catalog)
    assert again.inventory is not None and record.inventory is not None
    assert inventory_data(again.inventory) == inventory_data(record.inventory)
    assert again.organisation.ownership == record.organisation.ownership
    text = read_yaml(saved.read_text(encoding="utf-8"))
    assert text["inventory"]["transfers"][1]["items"] == ["D-5", "D-6"]
    assert text["organisation"]["ownership"]["controller"]["zh"].startswith("周明")


def test_an_unknown_recipient_item_or_system_is_refused_at_its_line(tmp_path: Path,
                                                                     catalog: Catalog) -> None:
    text = REGISTERS.replace("to: R-1", "to: R-9").replace("[D-1, D-2]", "[D-1, D-3]")
    text = text.replace("from: S-1", "from: S-2")
    found = problems(tmp_path, text, catalog)
    line = 1 + REGISTERS.splitlines().index(
        "    - {id: T-1, scenario: hr, items: [D-1, D-2], from: S-1, to: R-1, route: "
        "standard_contract}")
    assert found == [f"a.yaml:{line}: T-1: names unknown data item 'D-3'",
                     f"a.yaml:{line}: T-1: 'from' names unknown system 'S-2'",
                     f"a.yaml:{line}: T-1: 'to' names unknown recipient 'R-9'"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("name: Salary", "name: Employee name", "scenario 'hr' lists 'Employee name' twice"),
    ("category: other", "category: secret", "category 'secret' is not one of personal, "
                                            "sensitive, important, other"),
    ("route: standard_contract", "route: exempt", "route 'exempt' needs 'exemption'"),
    ("forecast: [900, 950, 1000]", "forecast: [900]", "'forecast' must list 3 whole numbers"),
    ("sensitive: 0", "sensitive: 5000", "'sensitive' (5000) is more than 'individuals' (800)"),
    ("{id: D-2,", "{id: D-1,", "id 'D-1' is used twice in 'data_items'"),
    ("location: CN}", "location: abroad}", "'from' names 'S-1', which is not in China"),
    ("controller:", "boss:", "unknown key 'boss' in 'ownership'"),
])
def test_a_register_mistake_is_named_with_its_entry(tmp_path: Path, catalog: Catalog, old: str,
                                                    new: str, expected: str) -> None:
    assert old in REGISTERS
    found = problems(tmp_path, REGISTERS.replace(old, new), catalog)
    assert any(expected in p for p in found), found
    assert all(p.startswith("a.yaml:") for p in found)


def test_the_self_assessment_dates_are_checked(tmp_path: Path, catalog: Catalog) -> None:
    text = REGISTERS + "  self_assessment: {from: 2026-11-01, to: 2026-10-01}\n"
    assert any("'to' (2026-10-01) is before 'from' (2026-11-01)" in p
               for p in problems(tmp_path, text, catalog))


def test_the_schema_takes_the_registers_and_refuses_a_wrong_route() -> None:
    check = jsonschema.Draft202012Validator(
        read_yaml(schema_text("answers")), format_checker=jsonschema.FormatChecker())
    data = plain(load_data(CROSSBORDER))
    assert list(check.iter_errors(data)) == []
    data["inventory"]["transfers"][0]["route"] = "adequacy"
    assert [e.message for e in check.iter_errors(data)] == [
        "'adequacy' is not one of ['security_assessment', 'standard_contract', "
        "'certification', 'exempt']"]


def test_merge_keeps_the_one_inventory_and_refuses_two_that_differ(tmp_path: Path,
                                                                    catalog: Catalog) -> None:
    with_registers = load_text(tmp_path, REGISTERS, catalog)
    bare = answers_file.load(write(tmp_path / "b.yaml", "organisation: {name: Test Co.}\n"
                                                         "answers: {}\n"), catalog,
                             allow_incomplete=True)
    assert merge([bare, with_registers], catalog).answers.inventory == with_registers.inventory
    other = answers_file.load(write(tmp_path / "c.yaml", REGISTERS.replace("800", "801")),
                              catalog, allow_incomplete=True)
    with pytest.raises(InvalidFile, match="1 problem"):
        merge([with_registers, other], catalog)


def test_check_reports_a_register_mistake_with_exit_2(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", CROSSBORDER.read_text(encoding="utf-8").replace(
        "to: R-2, stored_in: S-4", "to: R-7, stored_in: S-4"))
    status, _, err = run("check", path)
    assert status == 2
    assert "T-2: 'to' names unknown recipient 'R-7'" in err
