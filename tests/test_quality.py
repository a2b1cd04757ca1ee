"""Quality checks: each warning, where it points, how check prints it, how the report counts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.record.quality import CHECKS, run_checks, warnings
from assessor.report.context import build_context
from assessor.scoring import score

from .conftest import MINI, Run, write

CLEAN = """\
format: assessor-answers/1
organisation: {name: Mini Co}
assessment: {date: 2026-11-20}
evidence:
  E-1: {title: Log policy, status: accepted}
  E-2: {title: Officer appointment, status: received}
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: {answer: 12, evidence: [E-1]}
  bank.ops.plan: {answer: partial, note: Only the data centre.}
  bank.big.officer: {answer: yes, evidence: [E-2]}
  bank.big.elements: {answer: [a, b], evidence: [E-1]}
"""
OPTIONS = ("--questionnaires", MINI, "--no-builtin")


def messages(catalog: Catalog, path: Path) -> list[str]:
    """Return every warning of the file at ``path`` as ``check`` prints it (without prefix)."""
    return [str(w) for w in warnings(catalog, load(path, catalog))]


def test_a_clean_file_has_no_warnings(mini: Catalog, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert messages(mini, write(tmp_path / "a.yaml", CLEAN)) == []


@pytest.mark.parametrize(("old", "new", "message"), [
    ("bank.ops.logs: {answer: 12, evidence: [E-1]}", "bank.ops.logs: 12",
     "a.yaml:10: bank.ops.logs: implemented but no evidence: name a document or an evidence id"),
    ("{answer: partial, note: Only the data centre.}", "partial",
     "a.yaml:11: bank.ops.plan: not met without a note: say what is missing"),
    ("{answer: partial, note: Only the data centre.}",
     "{answer: partial, note: Only the data centre., flag: Ask the DPO}",
     "a.yaml:11: bank.ops.plan: flagged for follow-up: Ask the DPO"),
    ("bank.big.officer: {answer: yes, evidence: [E-2]}", "bank.big.officer: unknown",
     "a.yaml:12: bank.big.officer: unknown: scores 0 until the client confirms"),
    ("status: received}", "status: rejected, note: unsigned}",
     "a.yaml:12: bank.big.officer: evidence rejected: E-2 (Officer appointment): unsigned"),
    ("evidence: [E-2]", "evidence: [E-3]",
     "a.yaml:12: bank.big.officer: evidence E-3 names no item of the evidence register"),
])
def test_each_check_warns_at_the_answer(mini: Catalog, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, old: str, new: str,
                                        message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert old in CLEAN
    assert messages(mini, write(tmp_path / "a.yaml", CLEAN.replace(old, new))) == [message]


def test_a_document_name_is_not_taken_for_a_missing_id(mini: Catalog, tmp_path: Path) -> None:
    text = CLEAN.replace("evidence: [E-2]", "evidence: [officer-letter-2026.pdf, Board minutes]")
    assert messages(mini, write(tmp_path / "a.yaml", text)) == []


def test_one_item_serves_two_answers_and_its_rejection_warns_at_both(
        mini: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = CLEAN.replace("status: accepted}", "status: rejected}")
    assert messages(mini, write(tmp_path / "a.yaml", text)) == [
        "a.yaml:10: bank.ops.logs: evidence rejected: E-1 (Log policy)",
        "a.yaml:13: bank.big.elements: evidence rejected: E-1 (Log policy)",
    ]


def test_answers_that_do_not_apply_are_not_checked_for_evidence(mini: Catalog,
                                                                tmp_path: Path) -> None:
    text = CLEAN.replace("profile.people: 5000", "profile.people: 10").replace(
        "  bank.big.officer: {answer: yes, evidence: [E-2]}\n", "  bank.big.officer: yes\n")
    kept = "answered, but the question does not apply: the answer is kept and not scored"
    assert [m.split(": ", 1)[1] for m in messages(mini, write(tmp_path / "a.yaml", text))] == [
        f"bank.big.officer: {kept}", f"bank.big.elements: {kept}"]  # said once, no evidence noise


def test_check_warns_of_an_answer_to_a_question_that_does_not_apply(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", CLEAN.replace("profile.people: 5000", "profile.people: 10"))
    status, out, err = run("check", "--questionnaires", MINI, "--no-builtin", "a.yaml")
    assert status == 0, err
    assert ("assessor: warning: a.yaml:12: bank.big.officer: answered, but the question does "
            "not apply: the answer is kept and not scored") in err.splitlines()


def test_check_prints_warnings_after_errors_and_strict_fails(run: Run, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "warn.yaml", CLEAN.replace("{answer: partial, note: Only the data centre.}",
                                                "partial"))
    write(tmp_path / "bad.yaml", CLEAN.replace("bank.big.elements: {answer: [a, b],",
                                               "bank.big.elements: {answer: [z],"))
    status, out, err = run("check", "warn.yaml", *OPTIONS)
    assert (status, out) == (0, "warn.yaml: ok (6 answers)\n")
    assert err == ("assessor: warning: warn.yaml:11: bank.ops.plan: not met without a note: "
                   "say what is missing\n")
    status, _, err = run("check", "warn.yaml", "--strict", *OPTIONS)
    assert status == 2
    assert err.splitlines()[-1] == ("assessor: error: 1 warning, which --strict treats as "
                                    "errors")
    status, out, err = run("check", "bad.yaml", "warn.yaml", *OPTIONS)
    lines = err.splitlines()
    assert status == 2
    assert lines[0].startswith("assessor: error: bad.yaml:13: bank.big.elements: ")
    assert lines[-1] == ("assessor: warning: warn.yaml:11: bank.ops.plan: not met without a "
                         "note: say what is missing")


def test_the_report_counts_the_warnings_check_by_check(mini: Catalog, tmp_path: Path) -> None:
    text = CLEAN.replace("bank.ops.logs: {answer: 12, evidence: [E-1]}", "bank.ops.logs: 12") \
        .replace("bank.big.officer: {answer: yes, evidence: [E-2]}", "bank.big.officer: unknown")
    answers = load(write(tmp_path / "a.yaml", text), mini)
    result = score(mini, answers.answers)
    assert build_context(mini, answers, result, "en")["internal"] is None  # the client's report
    context = build_context(mini, answers, result, "en", internal=True)
    internal = context["internal"]
    assert internal is not None
    quality = internal["quality"]
    assert quality == {"warnings": 2, "checks": [
        {"id": name, "count": int(name in ("no_evidence", "unknown"))} for name in CHECKS]}
    assert {k: len(v) for k, v in run_checks(mini, answers, result).items()} == {
        c["id"]: c["count"] for c in quality["checks"]}
    from assessor.report.html import render_html

    html = render_html(context)
    assert "Answered as implemented, with no evidence named</td><td class=\"num\">1<" in html
    assert "Answered as implemented" not in render_html(build_context(mini, answers, result,
                                                                      "en"))


def test_check_shows_three_warnings_of_a_kind_then_counts_the_rest(
        run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import EXAMPLES, ROOT

    monkeypatch.chdir(ROOT)
    example = (EXAMPLES / "crossborder-ecommerce.yaml").relative_to(ROOT)
    status, _, err = run("check", example)
    every_status, _, every = run("check", "--warnings", example)
    assert status == every_status == 0
    kind = "implemented but no evidence"
    listed = [line for line in every.splitlines() if f": {kind}: " in line]
    assert len(listed) > 3
    assert [line for line in err.splitlines() if f": {kind}: " in line] == listed[:3]
    assert (f"assessor: warning: {example}: {len(listed) - 3} more: {kind} (check --warnings "
            "lists every one)") in err.splitlines()
    assert len(err.splitlines()) < len(every.splitlines())
