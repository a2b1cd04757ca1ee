"""Re-assessment diff: score deltas, gaps closed and opened, answers changed; terminal and files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINI, Run, pdf_reader, write

MINI_ARGS = ("--questionnaires", MINI, "--no-builtin")

OLD = """\
format: assessor-answers/1
organisation: {name: Mini Co, sector: testing}
assessment: {consultant: A. Consultant, date: 2025-11-20, lang: en}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: 3
  bank.ops.plan: implemented
  bank.big.officer: no
  bank.big.elements: [a]
"""

# A year on: logs and the officer fixed (two gaps closed), the plan slipped (a gap opened), the
# elements unchanged (still open), and a note added to an answer that did not change.
NEW = """\
format: assessor-answers/1
organisation: {name: Mini Co, sector: testing}
assessment: {consultant: B. Consultant, date: 2026-11-20, lang: en}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: 12
  bank.ops.plan:
    answer: partial
    note: "Only the data centre is covered. <b>bold</b>"
  bank.big.officer: yes
  bank.big.elements:
    answer: [a]
    note: B is planned for next year.
"""


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Write the two assessments in the working folder."""
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "old.yaml", OLD), write(tmp_path / "new.yaml", NEW)


def diff_json(run: Run, old: Path, new: Path, *extra: str) -> dict[str, Any]:
    """Run the diff with JSON on standard output and return it."""
    status, out, err = run("diff", *MINI_ARGS, old, new, "--format", "json", *extra)
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_terminal_shows_deltas_closed_opened_and_changed(run: Run,
                                                         pair: tuple[Path, Path]) -> None:
    status, out, err = run("diff", *MINI_ARGS, *pair)
    assert status == 0, err
    assert "Mini Co: 2025-11-20 (old.yaml) → 2026-11-20 (new.yaml)" in out
    assert "Overall 30 → 80 (+50), Weak → Adequate; gaps 3 → 2" in out
    assert "Test bank                                          30     80     +50" in out
    assert "3. Personal information                            50     67     +17" in out
    closed = out.split("Gaps closed: 2\n")[1].split("Gaps opened")[0]
    assert "[critical] bank.big.officer  now met (No → Yes)" in closed
    assert "[high] bank.ops.logs  now met (3 months → 12 months)" in closed
    assert "Gaps opened: 1\n  [medium] bank.ops.plan  was met (Implemented → Partly)" in out
    assert "Gaps still open: 1 (0 better, 0 worse)" in out
    assert "Answers changed: 4" in out
    assert "bank.big.elements: note or evidence changed" in out
    assert err == ""


def test_json_lists_every_change(run: Run, pair: tuple[Path, Path]) -> None:
    data = diff_json(run, *pair)
    assert data["schema"] == "assessor-diff/1"
    assert data["overall"]["delta"] == 50.0
    assert (data["overall"]["old_rating"], data["overall"]["new_rating"]) == ("weak", "adequate")
    assert [(g["id"], g["why"]) for g in data["gaps_closed"]] == [
        ("bank.big.officer", "met"), ("bank.ops.logs", "met")]
    assert [(g["id"], g["why"]) for g in data["gaps_opened"]] == [("bank.ops.plan", "worse")]
    assert [(g["id"], g["trend"]) for g in data["gaps_still_open"]] == [
        ("bank.big.elements", "same")]
    assert [(a["id"], a["kind"]) for a in data["answers_changed"]] == [
        ("bank.ops.logs", "changed"), ("bank.ops.plan", "changed"),
        ("bank.big.officer", "changed"), ("bank.big.elements", "details")]
    opened = data["gaps_opened"][0]
    assert opened["old"] == {"state": "met", "score": 1.0, "rank": None, "answer": "Implemented",
                             "note": None}
    assert opened["new"]["note"] == "Only the data centre is covered. <b>bold</b>"
    assert opened["references"][0]["cite"] == "LAW (article to be confirmed)"  # unverified
    assert {p["id"]: p["delta"] for p in data["principles"]} == {1: 50.0, 3: 16.7}


def test_scope_and_na_changes_close_and_open_gaps(run: Run, tmp_path: Path) -> None:
    small = write(tmp_path / "small.yaml", OLD.replace("profile.people: 5000",
                                                        "profile.people: 50"))
    grown = write(tmp_path / "grown.yaml", OLD.replace(
        "bank.ops.logs: 3", "bank.ops.logs: {answer: na, note: No logs are kept anywhere.}"))
    data = diff_json(run, small, grown)
    assert [(g["id"], g["why"]) for g in data["gaps_opened"]] == [
        ("bank.big.officer", "new_scope"), ("bank.big.elements", "new_scope")]
    assert [(g["id"], g["why"]) for g in data["gaps_closed"]] == [("bank.ops.logs", "na")]
    status, out, _ = run("diff", *MINI_ARGS, small, grown)
    assert status == 0
    assert ("[critical] bank.big.officer  newly applies because profile.people changed from "
            "50 people to 5,000 people (out of scope → No)") in out
    assert "[high] bank.ops.logs  now not applicable (na) (3 months → Not applicable)" in out
    back = diff_json(run, grown, small)
    assert [(g["id"], g["why"]) for g in back["gaps_closed"]] == [
        ("bank.big.officer", "out_of_scope"), ("bank.big.elements", "out_of_scope")]
    assert [(g["id"], g["why"]) for g in back["gaps_opened"]] == [("bank.ops.logs", "was_na")]


def test_identical_assessments_show_no_change(run: Run, pair: tuple[Path, Path]) -> None:
    data = diff_json(run, pair[0], pair[0])
    assert data["counts"] | {"old_gaps": 0, "new_gaps": 0} == {
        "closed": 0, "opened": 0, "still_open": 3, "better": 0, "worse": 0,
        "answers_changed": 0, "old_gaps": 0, "new_gaps": 0, "actions_completed": 0,
        "actions_opened": 0, "actions_overdue": 0, "actions_on_closed_gaps": 0}
    assert all(i["delta"] == 0 for i in data["instruments"])


def test_html_report_is_escaped_and_complete(run: Run, pair: tuple[Path, Path]) -> None:
    out = pair[0].parent / "reports"
    out.mkdir()
    status, _, err = run("diff", *MINI_ARGS, *pair, "-o", out, "--format", "html")
    assert status == 0
    assert "wrote reports/new.diff.html" in err
    html = (out / "new.diff.html").read_text(encoding="utf-8")
    assert "Only the data centre is covered. &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html
    for text in ("Gaps closed (2)", "Gaps opened (1)", "Gaps still open (1)",
                 "Answers changed (4)", "bank.big.officer", "Was met before", "+50"):
        assert text in html


def test_chinese_html_uses_chinese_text(run: Run, pair: tuple[Path, Path]) -> None:
    status, _, _ = run("diff", *MINI_ARGS, *pair, "-o", "d.html", "--lang", "zh")
    assert status == 0
    html = Path("d.html").read_text(encoding="utf-8")
    assert "已消除的差距 (2)" in html
    assert "有负责人吗？" in html


@pytest.mark.pdf
def test_pdf_report_reads_back(run: Run, pair: tuple[Path, Path]) -> None:
    status, _, _ = run("diff", *MINI_ARGS, *pair, "-o", "changes.pdf")
    assert status == 0
    pages = pdf_reader("changes.pdf").pages
    text = " ".join((page.extract_text() or "").replace("\n", " ") for page in pages)
    for expected in ("What changed since the last assessment", "Gaps closed (2)",
                     "bank.big.officer", "bank.ops.plan", "Now met", "B. Consultant"):
        assert expected in text


def test_default_report_goes_beside_the_new_file(run: Run, pair: tuple[Path, Path]) -> None:
    status, out, err = run("diff", *MINI_ARGS, *pair, "--format", "html")
    assert status == 0
    assert "Gaps closed: 2" in out
    assert "wrote new.diff.html" in err


def test_problems_of_both_files_are_reported(run: Run, tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", OLD.replace("bank.big.officer: no",
                                                   "bank.big.officer: maybe"))
    new = write(tmp_path / "new.yaml", NEW.replace("bank.ops.logs: 12", "bank.ops.logs: lots"))
    status, out, err = run("diff", *MINI_ARGS, old, new)
    assert status == 2
    assert out == ""
    assert "old.yaml:9: bank.big.officer: 'maybe' is not an option" in err
    assert "new.yaml:7: bank.ops.logs: expected a number, not 'lots'" in err


def test_unknown_report_suffix_is_refused(run: Run, pair: tuple[Path, Path]) -> None:
    status, _, err = run("diff", *MINI_ARGS, *pair, "-o", "changes.xlsx")
    assert status == 2
    assert "a comparison is written as pdf, html, json" in err
    assert not Path("changes.xlsx").exists()


def test_refuses_to_overwrite_an_answers_file(run: Run, pair: tuple[Path, Path]) -> None:
    status, _, err = run("diff", *MINI_ARGS, *pair, "-o", pair[1], "--format", "json")
    assert status == 2
    assert "refusing to overwrite the answers file new.yaml" in err
    assert pair[1].read_text(encoding="utf-8") == NEW


def test_a_renamed_organisation_is_named(run: Run, pair: tuple[Path, Path]) -> None:
    write(pair[0], OLD.replace("Mini Co", "Mini Company (old name)"))
    status, out, _ = run("diff", *MINI_ARGS, *pair)
    assert status == 0
    assert "(the earlier file names the organisation 'Mini Company (old name)')" in out
