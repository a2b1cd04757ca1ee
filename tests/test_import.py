"""Import: a filled client workbook into a new or an existing answers file, all problems at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load, save

from .conftest import EXAMPLES, ROOT, Run, template_xlsx
from .test_workbook import row_of, type_into

EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"



pytestmark = pytest.mark.usefixtures("in_tmp")


def test_blank_workbook_filled_in_becomes_a_new_file(run: Run, tmp_path: Path,
                                                    catalog: Catalog) -> None:
    path = tmp_path / "q.xlsx"
    template_xlsx(run, path, "-q", "pipl")
    book = load_workbook(path)
    first = book["Instructions"]
    first["C4"], first["C6"], first["C7"] = "Acme Ltd", "Li Lei, IT", "2026-12-03"
    profile, pipl = book["Profile"], book["PIPL"]
    profile.cell(row_of(profile, "profile.processes_pi"), 4).value = "Yes"
    profile.cell(row_of(profile, "profile.pi_individuals"), 4).value = 120000
    row = row_of(profile, "profile.xb_mechanism")
    profile.cell(row, 4).value = "CAC standard contract; 个人信息保护认证"
    row = row_of(pipl, "pipl.consent.quality")
    pipl.cell(row, 4).value = "partly implemented"
    pipl.cell(row, 5).value = "Marketing consent is pre-ticked."
    pipl.cell(row, 6).value = "E-12; consent-flow.pdf"
    row = row_of(pipl, "pipl.consent.records")
    pipl.cell(row, 4).value = "不适用"
    pipl.cell(row, 5).value = "No users under 14."
    book.save(path)
    out = tmp_path / "answers.yaml"
    status, _, err = run("import", path, "-o", out)
    assert status == 0, err
    assert err == "wrote answers.yaml (5 answers added, 0 changed, 0 kept)\n"
    answers = load(out, catalog, allow_incomplete=True)
    assert answers.organisation.name == "Acme Ltd"
    assert answers.assessment.scope == ("pipl",)
    got = {q: (a.value, a.note, a.evidence, a.by, a.at) for q, a in answers.answers.items()}
    assert got == {
        "profile.processes_pi": ("yes", None, (), "Li Lei, IT", "2026-12-03"),
        "profile.pi_individuals": (120000.0, None, (), "Li Lei, IT", "2026-12-03"),
        "profile.xb_mechanism": (("standard_contract", "certification"), None, (),
                                 "Li Lei, IT", "2026-12-03"),
        "pipl.consent.quality": ("partial", "Marketing consent is pre-ticked.",
                                 ("E-12", "consent-flow.pdf"), "Li Lei, IT", "2026-12-03"),
        "pipl.consent.records": ("na", "No users under 14.", (), "Li Lei, IT",
                                         "2026-12-03"),
    }
    status, _, err = run("import", path, "-o", out)
    assert status == 2 and "answers.yaml exists; use --force to replace it" in err


def test_ten_kinds_of_bad_cell_all_reported_nothing_written(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    template_xlsx(run, path)
    book = load_workbook(path)
    book["Instructions"]["C4"] = "Acme Ltd"
    profile, pipl, csl = book["Profile"], book["PIPL"], book["CSL"]
    bad = {
        (pipl, "pipl.consent.quality"): "Partially",                      # unknown label
        (profile, "profile.pi_individuals"): "many",                       # text in a number
        (profile, "profile.ciio"): "Yes; No",                              # two in a single
        (csl, "csl.mlps.log_retention"): dt.datetime(2026, 3, 1),          # a date for a number
        (csl, "csl.mlps.policies"): "=A1",                                 # a formula
        (pipl, "pipl.consent.changes"): "Not applicable",                  # na without a note
        (pipl, "pipl.consent.separate_mechanism"): "Alternative measure",  # not allowed here
        (csl, "csl.mlps.backup"): 3,                                       # a number for a choice
        (book["DSL"], "dsl.flow.lawful_sources"): True,                    # TRUE for a choice
    }
    places = {}
    for (sheet, qid), value in bad.items():
        row = row_of(sheet, qid)
        sheet.cell(row, 4).value = value
        places[qid] = f"{sheet.title}!D{row}"
    note_only = row_of(pipl, "pipl.consent.no_bundling")
    pipl.cell(note_only, 5).value = "Ask Legal"                            # a note, no answer
    changed = row_of(pipl, "pipl.consent.separate_mechanism") + 1
    old_id = pipl.cell(changed, 1).value
    pipl.cell(changed, 1).value = old_id + "x"                             # a changed ID
    deleted = row_of(csl, "csl.mlps.encryption")
    csl.delete_rows(deleted)                                               # a deleted row
    vuln = book["VULN"]
    vuln.delete_rows(6, vuln.max_row)                                      # an empty sheet
    book.save(path)
    out = tmp_path / "answers.yaml"
    status, _, err = run("import", path, "-o", out)
    assert status == 2
    assert not out.exists()
    lines = err.splitlines()
    expected = [
        f"assessor: error: q.xlsx:PIPL!A{changed}: '{old_id}x' is not a question of this "
        f"workbook: the ID column must not change (was it '{old_id}'?)",
        "assessor: error: q.xlsx:CSL: csl.mlps.encryption: the question's row is missing "
        "(deleted?): copy it back from the workbook sent, with its ID",
        "assessor: error: q.xlsx:VULN: the sheet is empty: its 25 questions are missing "
        "(restore them from the workbook sent)",
        f"assessor: error: q.xlsx:Profile!D{row_of(profile, 'profile.ciio')}: profile.ciio: "
        "choose one answer, not 2 ('Yes', 'No')",
        f"assessor: error: q.xlsx:{places['csl.mlps.policies']}: csl.mlps.policies: a formula "
        "is not an answer ('=A1'): type the answer itself",
        f"assessor: error: q.xlsx:{places['csl.mlps.log_retention']}: csl.mlps.log_retention: "
        "expected a number, not a date (2026-03-01): the cell is formatted as a date; format "
        "it as a number or text and type the answer again",
        f"assessor: error: q.xlsx:{places['csl.mlps.backup']}: csl.mlps.backup: expected one of "
        "'Implemented and operating', 'Partly implemented', 'Planned, not yet in place', "
        "'Not implemented', not a number (3)",
        f"assessor: error: q.xlsx:{places['dsl.flow.lawful_sources']}: dsl.flow.lawful_sources: "
        "expected one of 'Implemented and operating', 'Partly implemented', 'Planned, not yet "
        "in place', 'Not implemented', not TRUE",
        f"assessor: error: q.xlsx:{places['pipl.consent.quality']}: pipl.consent.quality: "
        "'Partially' is not an option (did you mean 'Partly implemented'?)",
        f"assessor: error: q.xlsx:PIPL!D{note_only}: pipl.consent.no_bundling: a note or "
        "evidence but no answer: choose one (Unknown if it is not known yet)",
        f"assessor: error: q.xlsx:{places['profile.pi_individuals']}: profile.pi_individuals: "
        "expected a number, not 'many'",
        f"assessor: error: q.xlsx:{places['pipl.consent.changes']}: "
        "pipl.consent.changes: 'na' needs a note giving a reason",
        f"assessor: error: q.xlsx:{places['pipl.consent.separate_mechanism']}: "
        "pipl.consent.separate_mechanism: "
        "'alternate' is not allowed here: the law sets no other means",
    ]
    assert sorted(lines) == sorted(expected)


def test_not_a_client_workbook(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "report.xlsx"
    assert run("run", EXAMPLE, "-o", other)[0] == 0
    status, _, err = run("import", other, "-o", tmp_path / "a.yaml")
    assert status == 2  # the gap register is read with --into (tests/test_register.py)
    assert err == ("assessor: error: report.xlsx is a gap register: read it into the "
                   "assessment's answers file with --into ANSWERS\n")
    from openpyxl import Workbook

    foreign = Workbook()
    foreign.active.append(["Name", "Phone"])
    foreign.save(tmp_path / "contacts.xlsx")
    status, _, err = run("import", tmp_path / "contacts.xlsx", "-o", tmp_path / "a.yaml")
    assert status == 2
    assert err == ("assessor: error: contacts.xlsx: not a workbook this tool reads (import "
                   "takes the client workbook of `assessor template --format xlsx`, the gap "
                   "register of `assessor run --format xlsx` or the evidence request list of "
                   "`assessor evidence -o FILE.xlsx`)\n")
    text = tmp_path / "notes.xlsx"
    text.write_text("hello", encoding="utf-8")
    status, _, err = run("import", text, "-o", tmp_path / "a.yaml")
    assert status == 2 and "not an Excel workbook (.xlsx)" in err


def fill_from_example(run: Run, tmp_path: Path) -> Path:
    """Return a workbook made from the example, its answers filled in."""
    path = tmp_path / "q.xlsx"
    template_xlsx(run, path, "--from", EXAMPLE, "--respondent", "Legal")
    return path


def test_into_keeps_answers_and_lists_conflicts(run: Run, tmp_path: Path,
                                                catalog: Catalog) -> None:
    path = fill_from_example(run, tmp_path)
    into = tmp_path / "answers.yaml"
    into.write_bytes(EXAMPLE.read_bytes())
    book = load_workbook(path)
    pipl = book["PIPL"]
    row = row_of(pipl, "pipl.consent.quality")
    pipl.cell(row, 4).value = "Not implemented"
    book["Instructions"]["C7"] = "2026-12-05"
    book.save(path)
    before = into.read_bytes()
    status, _, err = run("import", path, "--into", into)
    assert status == 2
    original = load(EXAMPLE, catalog).answers["pipl.consent.quality"]
    option = catalog.by_id["pipl.consent.quality"].option(str(original.value))
    assert option is not None
    assert err == (f"assessor: error: q.xlsx:PIPL!D{row}: pipl.consent.quality: the workbook's "
                   f"answer is 'Not implemented', answers.yaml:{original.line} has "
                   f"'{option.label.en}' (settle it with --prefer workbook or --prefer file)\n")
    assert into.read_bytes() == before
    status, _, err = run("import", path, "--into", into, "--prefer", "workbook")
    assert status == 0, err
    assert "0 answers added, 1 changed, 211 kept, 1 conflicts settled" in err
    after = load(into, catalog)
    answer = after.answers["pipl.consent.quality"]
    assert (answer.value, answer.by, answer.at) == ("not_implemented", "Legal", "2026-12-05")
    unchanged = after.answers["profile.ciio"]
    assert (unchanged.by, unchanged.at) == (None, None)
    assert len(after.answers) == len(load(EXAMPLE, catalog).answers)


def test_into_prefer_file_keeps_the_file(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    path = fill_from_example(run, tmp_path)
    into = tmp_path / "answers.yaml"
    into.write_bytes(EXAMPLE.read_bytes())
    book = load_workbook(path)
    pipl = book["PIPL"]
    pipl.cell(row_of(pipl, "pipl.consent.quality"), 4).value = "Not implemented"
    book.save(path)
    status, _, err = run("import", path, "--into", into, "--prefer", "file")
    assert status == 0, err
    assert load(into, catalog).answers["pipl.consent.quality"].value == \
        load(EXAMPLE, catalog).answers["pipl.consent.quality"].value


def test_into_another_organisation_is_refused(run: Run, tmp_path: Path) -> None:
    path = fill_from_example(run, tmp_path)
    book = load_workbook(path)
    book["Instructions"]["C4"] = "Other Co"
    book.save(path)
    into = tmp_path / "answers.yaml"
    into.write_bytes(EXAMPLE.read_bytes())
    status, _, err = run("import", path, "--into", into)
    assert status == 2
    assert err == ("assessor: error: q.xlsx:Instructions!C4: the workbook is for 'Other Co', "
                   "answers.yaml for 'Silk Harbour Commerce Co., Ltd.': import it into that "
                   "organisation's file\n")


INTERVIEW = textwrap.dedent("""
    import sys
    from pathlib import Path
    from assessor.banks.catalog import load_catalog
    from assessor.interview.start import open_session
    catalog = load_catalog([])
    session = open_session(catalog, [], None, Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.readline()
    session.answer(catalog.by_id["pipl.consent.records"], "partial")
    print("saved", flush=True)
""")


@pytest.mark.slow
def test_an_interview_and_an_import_on_one_file_lose_no_answer(run: Run, tmp_path: Path,
                                                               catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    gone = ("pipl.consent.quality", "pipl.consent.records")
    start = dataclasses.replace(full, answers={q: a for q, a in full.answers.items()
                                               if q not in gone})
    path = tmp_path / "answers.yaml"
    save(path, start, catalog)
    book_path = tmp_path / "q.xlsx"
    assert run("template", "-o", book_path, "--from", path)[0] == 0
    book = load_workbook(book_path)
    pipl = book["PIPL"]
    pipl.cell(row_of(pipl, "pipl.consent.quality"), 4).value = "Not implemented"
    book.save(book_path)
    interview = subprocess.Popen([sys.executable, "-c", INTERVIEW, str(path)], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert interview.stdout is not None and interview.stdin is not None
    try:
        assert interview.stdout.readline() == "ready\n"  # it has read the file
        imported = subprocess.run([sys.executable, "-m", "assessor", "import", str(book_path),
                                   "--into", str(path)], cwd=ROOT, capture_output=True,
                                  text=True, check=False,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert imported.returncode == 0, imported.stderr
        interview.stdin.write("\n")
        interview.stdin.flush()
        assert interview.stdout.readline() == "saved\n"
    finally:
        interview.communicate(timeout=60)
    saved = load(path, catalog, allow_incomplete=True)
    assert saved.answers["pipl.consent.quality"].value == "not_implemented"
    assert saved.answers["pipl.consent.records"].value == "partial"
    assert set(saved.answers) == set(full.answers)


def test_a_device_is_never_written(run: Run, tmp_path: Path) -> None:
    path = fill_from_example(run, tmp_path)
    for argv in (("import", path, "-o", "/dev/null", "--force"),
                 ("merge", EXAMPLE, "-o", "/dev/null", "--force"),
                 ("template", "--format", "xlsx", "-o", "/dev/null", "--force")):
        status, _, err = run(*argv)
        assert (status, err) == (2, "assessor: error: cannot write /dev/null: it is a device, "
                                    "not a regular file\n")


def test_an_equal_answer_gains_the_workbooks_evidence_split_as_a_client_types_it(
        run: Run, tmp_path: Path, catalog: Catalog) -> None:
    path = fill_from_example(run, tmp_path)
    into = tmp_path / "answers.yaml"
    into.write_bytes(EXAMPLE.read_bytes())
    before = load(EXAMPLE, catalog).answers["pipl.consent.quality"]
    book = load_workbook(path)
    pipl = book["PIPL"]
    cell = pipl.cell(row_of(pipl, "pipl.consent.quality"), 6)
    cell.value = "；".join(before.evidence) + "；board-minutes.pdf\nconsent screens.pdf"
    book.save(path)
    status, _, err = run("import", path, "--into", into)
    assert status == 0, err
    after = load(into, catalog).answers["pipl.consent.quality"]
    assert after.value == before.value
    assert after.evidence == (*before.evidence, "board-minutes.pdf", "consent screens.pdf")


def test_prefer_workbook_takes_the_workbooks_answer_and_note(run: Run, tmp_path: Path,
                                                             catalog: Catalog) -> None:
    path = fill_from_example(run, tmp_path)
    into = tmp_path / "answers.yaml"
    into.write_bytes(EXAMPLE.read_bytes())
    type_into(path, "Not implemented", "The consent screen was withdrawn in November.")
    status, _, err = run("import", path, "--into", into, "--prefer", "workbook")
    assert status == 0, err
    after = load(into, catalog).answers["pipl.consent.quality"]
    assert (after.value, after.note) == ("not_implemented",
                                         "The consent screen was withdrawn in November.")
