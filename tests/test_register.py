"""Remediation tracking: the gap register read back into actions, overdue actions, their diff."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.model.record import Status
from assessor.record.answers import load

from .conftest import MINI, Run, write

ANSWERS = """\
format: assessor-answers/1
organisation: {name: Mini Co}
assessment: {consultant: A. Consultant, date: 2026-11-20}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {answer: 3, note: Three months.}
  bank.ops.plan: {answer: partial, note: Only the data centre.}
  bank.big.officer: {answer: no, note: Nobody named yet.}
  bank.big.elements: {answer: [a], note: B is missing.}
"""
OPTIONS = ("--questionnaires", MINI, "--no-builtin")
# register columns: F control id, R owner, S due date, T status, U comments; rows in rank order
ROWS = {"bank.big.officer": 2, "bank.ops.logs": 3, "bank.ops.plan": 4, "bank.big.elements": 5}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", ANSWERS)
    return tmp_path


def register(run: Run, folder: Path, cells: dict[str, object], name: str = "reg.xlsx") -> Path:
    """Write the gap register of a.yaml, fill ``cells`` as a client would, and save it."""
    assert run("run", "a.yaml", "-o", "report.xlsx", *OPTIONS)[0] == 0
    book = load_workbook(folder / "report.xlsx")
    sheet = book["Gap register"]
    assert {sheet[f"F{row}"].value: row for row in range(2, 6)} == ROWS
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(folder / name)
    return folder / name


def actions(folder: Path) -> dict[str, dict[str, str]]:
    data = yaml.safe_load((folder / "a.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    found = data.get("actions", {})
    assert isinstance(found, dict)
    return found


def test_the_register_comes_back_into_actions_and_goes_out_again(run: Run,
                                                                 folder: Path) -> None:
    register(run, folder, {"R2": "DPO", "S2": dt.datetime(2027, 3, 31), "T2": "In progress",
                           "U2": "Drafting the appointment", "T3": "Done",
                           "R4": "IT", "S4": "2026-10-01", "T4": "进行中"})
    status, out, err = run("import", "reg.xlsx", "--into", "a.yaml", *OPTIONS)
    assert (status, out, err) == (0, "", "wrote a.yaml (3 actions added, 0 changed, 0 kept)\n")
    assert actions(folder) == {
        "bank.big.officer": {"owner": "DPO", "due": "2027-03-31", "status": "in_progress",
                             "comment": "Drafting the appointment"},
        "bank.ops.logs": {"status": "done"},
        "bank.ops.plan": {"owner": "IT", "due": "2026-10-01", "status": "in_progress"},
    }
    # the next register carries what was tracked, and reading it again changes nothing
    assert run("run", "a.yaml", "-o", "again.xlsx", *OPTIONS)[0] == 0
    sheet = load_workbook(folder / "again.xlsx")["Gap register"]
    assert [sheet[f"{c}2"].value for c in "RSTU"] == ["DPO", "2027-03-31", "In progress",
                                                      "Drafting the appointment"]
    before = (folder / "a.yaml").read_bytes()
    assert run("import", "again.xlsx", "--into", "a.yaml", *OPTIONS)[2] == (
        "unchanged: a.yaml (0 actions added, 0 changed, 3 kept)\n")
    assert (folder / "a.yaml").read_bytes() == before


def test_bad_cells_are_located_and_nothing_is_written(run: Run, folder: Path) -> None:
    register(run, folder, {"S2": "31/03/2027", "T3": "Started", "F4": "bank.ops.nope",
                           "R5": "DPO", "S5": "=TODAY()"})
    before = (folder / "a.yaml").read_bytes()
    status, _, err = run("import", "reg.xlsx", "--into", "a.yaml", *OPTIONS)
    assert status == 2
    assert err.splitlines() == [
        "assessor: error: reg.xlsx:Gap register!S2: bank.big.officer: due date '31/03/2027' "
        "must be a date such as 2027-03-31",
        "assessor: error: reg.xlsx:Gap register!T3: bank.ops.logs: status 'Started' is not "
        "one of Open, In progress, Done, Deferred, Risk accepted",
        "assessor: error: reg.xlsx:Gap register!F4: bank.ops.nope: unknown control id",
        "assessor: error: reg.xlsx:Gap register!S5: bank.big.elements: due date '=TODAY()' "
        "must be a date such as 2027-03-31",
    ]
    assert (folder / "a.yaml").read_bytes() == before


def test_a_register_is_read_into_an_existing_file_only(run: Run, folder: Path) -> None:
    register(run, folder, {"T2": "Done"})
    status, _, err = run("import", "reg.xlsx", "-o", "new.yaml", *OPTIONS)
    assert (status, err) == (2, "assessor: error: reg.xlsx is a gap register: read it into the "
                                "assessment's answers file with --into ANSWERS\n")
    assert not (folder / "new.yaml").exists()
    write(folder / "b.yaml", ANSWERS.replace("Mini Co", "Other Ltd"))
    status, _, err = run("import", "reg.xlsx", "--into", "b.yaml", *OPTIONS)
    assert (status, err) == (2, "assessor: error: reg.xlsx: the register is for 'Mini Co', "
                                "b.yaml for 'Other Ltd': import it into that organisation's "
                                "file\n")


def test_tracking_after_sign_off_is_signed_off_again(run: Run, folder: Path,
                                                     mini: Catalog) -> None:
    # The report prints the actions, so the sign-off covers them (issue 21): tracking read
    # back makes the file a draft until the partner signs the tracked state off.
    sign = ("sign-off", "a.yaml", "--by", "P. Partner", "--date", "2026-12-10",
            "--accept-warnings", *OPTIONS)
    assert run(*sign)[0] == 0
    register(run, folder, {"T2": "Done"})
    assert run("import", "reg.xlsx", "--into", "a.yaml", *OPTIONS)[0] == 0
    answers = load(folder / "a.yaml", mini)
    assert answers.assessment.status is Status.DRAFT
    assert run(*sign)[0] == 0
    answers = load(folder / "a.yaml", mini)
    assert answers.assessment.status is Status.FINAL
    assert answers.actions["bank.big.officer"].status == "done"


def test_actions_past_due_on_the_assessment_date_are_overdue(run: Run, folder: Path) -> None:
    write(folder / "a.yaml", ANSWERS + """\
actions:
  bank.big.officer: {owner: DPO, due: 2026-11-19, status: in_progress}
  bank.ops.logs: {owner: IT, due: 2026-11-20, status: open}
  bank.ops.plan: {due: 2026-01-01, status: done}
  bank.big.elements: {due: 2026-01-01, status: open}
""")
    assert run("run", "a.yaml", "-o", "r.json", *OPTIONS)[0] == 0
    data = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert {g["id"]: g["action"]["overdue"] for g in data["gaps"]} == {
        "bank.big.officer": True, "bank.ops.logs": False, "bank.ops.plan": False,
        "bank.big.elements": True}
    assert data["tracking"]["overdue"] == ["bank.big.elements", "bank.big.officer"]
    assert run("run", "a.yaml", "-o", "r.html", *OPTIONS)[0] == 0
    html = (folder / "r.html").read_text(encoding="utf-8")
    roadmap = html[html.index('<section id="roadmap">'):html.index('<section id="exposure">')]
    assert roadmap.count('<span class="overdue">Overdue</span>') == 2
    assert ("<span class=\"label\">Owner:</span> DPO; <span class=\"label\">Due date:</span> "
            "19 November 2026; <span class=\"label\">Status:</span> In progress "
            "<span class=\"overdue\">Overdue</span>") in roadmap
    assert "4 gaps (owner, due date and status from the client&#39;s gap register): 1 done, " \
           "2 overdue on 20 November 2026, the assessment date." in roadmap


def test_diff_shows_actions_completed_opened_and_overdue(run: Run, folder: Path) -> None:
    write(folder / "old.yaml", ANSWERS + """\
actions:
  bank.big.officer: {owner: DPO, due: 2027-01-31, status: in_progress}
  bank.ops.logs: {owner: IT, due: 2027-06-30, status: open}
""")
    write(folder / "new.yaml", ANSWERS.replace("date: 2026-11-20", "date: 2027-02-15") + """\
actions:
  bank.big.officer: {owner: DPO, due: 2027-01-31, status: done}
  bank.ops.logs: {owner: IT, due: 2027-01-15, status: in_progress}
  bank.ops.plan: {owner: IT, due: 2027-09-30, status: open}
""")
    status, out, _ = run("diff", "old.yaml", "new.yaml", *OPTIONS)
    assert status == 0
    tail = out.splitlines()[out.splitlines().index("Actions completed: 1"):]
    assert tail[:6] == [
        "Actions completed: 1",
        "  bank.big.officer  done, DPO, due 2027-01-31",
        "Actions opened: 1",
        "  bank.ops.plan  open, IT, due 2027-09-30",
        "Actions overdue on 2027-02-15: 1",
        "  bank.ops.logs  in_progress, IT, due 2027-01-15",
    ]
    status, out, _ = run("diff", "old.yaml", "new.yaml", "--format", "json", *OPTIONS)
    data = json.loads(out)
    assert [e["id"] for e in data["actions_completed"]] == ["bank.big.officer"]
    assert data["actions_completed"][0]["old"]["status"] == "in_progress"
    assert (data["counts"]["actions_opened"], data["counts"]["actions_overdue"]) == (1, 1)
    assert run("diff", "old.yaml", "new.yaml", "-o", "d.html", *OPTIONS)[0] == 0
    html = (folder / "d.html").read_text(encoding="utf-8")
    assert "Remediation actions" in html
    assert "Overdue on the assessment date" in html


def test_the_json_report_with_actions_validates(run: Run, folder: Path) -> None:
    from .test_report_formats import validator

    write(folder / "a.yaml", ANSWERS + "actions:\n  bank.ops.plan: {owner: IT, status: open}\n")
    assert run("run", "a.yaml", "-o", "r.json", *OPTIONS)[0] == 0
    data = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert not list(validator().iter_errors(data))
    assert data["tracking"] == {"actions": 1, "as_of": "2026-11-20", "overdue": [], "by_status": {
        "open": 1, "in_progress": 0, "done": 0, "deferred": 0, "accepted": 0}}
