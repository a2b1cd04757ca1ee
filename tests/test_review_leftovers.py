"""The security review's three observations left open by issue 21, each closed with its case.

A lock file planted as a symbolic link is refused for the reason it is; a client's "Date
answered" typed in the future cannot win `merge --prefer newest`; a returned workbook whose
Note and Evidence titles were swapped is refused rather than filing notes as evidence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, example_file, template_xlsx
from .test_many_hands import EXAMPLE, QUALITY, XB, respondent
from .test_workbook import row_of

pytestmark = pytest.mark.usefixtures("in_tmp")


def test_a_lock_file_planted_as_a_link_is_refused_for_what_it_is(run: Run) -> None:
    example_file(run, "a.yaml")
    before = Path("a.yaml").read_bytes()
    target = Path("someone-elses.txt")
    target.write_text("keep me", encoding="utf-8")
    Path(".a.yaml.lock").symlink_to(target)
    status, _, err = run("set", "a.yaml", QUALITY, "--note", "Pre-ticked on the web")
    assert status == 2
    assert ("cannot lock a.yaml for writing: its lock file .a.yaml.lock is a symbolic link, "
            "which assessor never makes; if no one is changing a.yaml, remove the link") in err
    assert "loop" not in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert Path("a.yaml").read_bytes() == before
    Path(".a.yaml.lock").unlink()  # the way out the message gives
    assert run("set", "a.yaml", QUALITY, "--note", "Pre-ticked on the web")[0] == 0


def test_a_date_answered_in_the_future_cannot_win_prefer_newest(run: Run,
                                                                 catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown"})
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2099-01-01", catalog, **{XB: "none"})
    status, _, err = run("merge", hr, it, "-o", "m.yaml", "--prefer", "newest")
    assert status == 2 and not Path("m.yaml").exists()
    assert "it.yaml:" in err and f"{XB}: answered 2099-01-01, after today (" in err
    assert f"--prefer newest cannot order by a date to come (correct the date, or settle it " \
           f"with --prefer {XB}=FILE)" in err
    # settled per question, the rest by date: the merge goes through, nothing lost
    status, _, err = run("merge", hr, it, "-o", "m.yaml", "--prefer", "newest",
                         "--prefer", f"{XB}=hr.yaml")
    assert status == 0, err
    merged = load(Path("m.yaml"), catalog)
    assert merged.answers[XB].value == "unknown"
    assert [(c.value, c.source) for c in merged.answers[XB].conflict] == [("none", "it.yaml")]


def test_swapped_note_and_evidence_titles_are_refused_not_misfiled(run: Run) -> None:
    template_xlsx(run, "q.xlsx", "-q", "pipl")
    book = load_workbook("q.xlsx")
    book.worksheets[0]["C4"] = "Acme Ltd"
    sheet = book["PIPL"]
    row = row_of(sheet, QUALITY)
    sheet.cell(row, 4).value = "Not applicable"
    sheet.cell(row, 5).value = "We collect no PI on the basis of consent"   # the note
    sheet.cell(row, 6).value = "consent-review.pdf"                         # the evidence
    note, evidence = sheet.cell(5, 5), sheet.cell(5, 6)
    assert (note.value, evidence.value) == ("Note", "Evidence")  # the titles the tool wrote
    note.value, evidence.value = evidence.value, note.value
    book.save("q.xlsx")
    status, _, err = run("import", "q.xlsx", "-o", "a.yaml")
    assert status == 2 and not Path("a.yaml").exists()
    assert ("q.xlsx:PIPL!F5: the column titles are not in the order of the workbook sent (two "
            "swapped?): restore the header row from the workbook sent") in err
    # restored, the same row reads as the client meant it
    book = load_workbook("q.xlsx")
    book["PIPL"]["E5"], book["PIPL"]["F5"] = "Note", "Evidence"
    book.save("q.xlsx")
    status, _, err = run("import", "q.xlsx", "-o", "a.yaml")
    assert status == 0, err
    saved = Path("a.yaml").read_text(encoding="utf-8")
    assert "note: We collect no PI on the basis of consent" in saved
    assert "- consent-review.pdf" in saved
