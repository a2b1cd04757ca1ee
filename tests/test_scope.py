"""Engagement scope: banks outside assessment.scope are neither missing nor "0% covered"."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from assessor.interview.start import open_session
from assessor.model.catalog import Catalog
from assessor.record.answers import load, save

from .conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "crossborder-ecommerce.yaml"



pytestmark = pytest.mark.usefixtures("in_tmp")


def pipl_only(catalog: Catalog, scope: tuple[str, ...] = ("pipl",)) -> Path:
    """Write the example's profile and PIPL answers, with ``scope`` as the engagement."""
    full = load(EXAMPLE, catalog)
    kept = {q: a for q, a in full.answers.items() if q.split(".")[0] in ("profile", "pipl")}
    path = Path("pipl.yaml")
    save(path, dataclasses.replace(full, answers=kept, assessment=dataclasses.replace(
        full.assessment, scope=scope)), catalog)
    return path


def test_check_and_score_honour_the_scope(run: Run, catalog: Catalog) -> None:
    path = pipl_only(catalog)
    status, out, err = run("check", path)
    assert status == 0, err
    assert out.startswith("pipl.yaml: ok (")
    status, out, _ = run("score", path, "--json")
    assert status == 0
    report = json.loads(out)
    assert [i["id"] for i in report["instruments"]] == ["pipl"]
    assert report["engagement"]["scope"] == ["pipl"]
    assert [b["id"] for b in report["engagement"]["outside"]] == ["csl", "dsl", "vuln", "gdsi"]
    pipl = report["instruments"][0]
    assert report["overall"]["applicable"] == pipl["applicable_controls"] > 0
    unscoped = pipl_only(catalog, ())
    status, _, err = run("check", unscoped)
    assert status == 2 and "CSL: 48 applicable questions unanswered" in err


def test_run_scope_overrides_the_file(run: Run, catalog: Catalog) -> None:
    path = pipl_only(catalog)
    status, _, err = run("run", path, "-o", "all.json", "--scope", "all")
    assert status == 2 and "applicable questions unanswered" in err
    assert not Path("all.json").exists()
    status, _, err = run("run", path, "-o", "all.json", "--scope", "all", "--allow-incomplete")
    assert status == 0, err
    every = json.loads(Path("all.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in every["instruments"]] == ["csl", "dsl", "pipl", "vuln", "gdsi"]
    assert every["engagement"] == {"scope": [], "assessed": [], "outside": []}
    status, _, err = run("run", path, "-o", "two.json", "--scope", "pipl,dsl",
                         "--allow-incomplete")
    assert status == 0, err
    two = json.loads(Path("two.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in two["instruments"]] == ["dsl", "pipl"]
    status, _, err = run("run", path, "-o", "x.json", "--scope", "nope")
    assert status == 2 and "unknown questionnaire nope" in err


def test_the_report_states_the_scope(run: Run, catalog: Catalog) -> None:
    path = pipl_only(catalog)
    status, _, err = run("run", path, "-o", "report.html")
    assert status == 0, err
    html = Path("report.html").read_text(encoding="utf-8")
    assert ("This engagement assesses Personal Information Protection Law. Not assessed, and "
            "left out of every score and coverage figure: Cybersecurity Law, Data Security Law, "
            "Provisions on the Management of Security Vulnerabilities of Network Products, "
            "Global Data Security Initiative: alignment.") in html


def test_batch_and_diff_honour_the_scope(run: Run, catalog: Catalog) -> None:
    path = pipl_only(catalog)
    Path("out").mkdir()
    status, _, err = run("run", path, EXAMPLE, "-o", "out/", "--format", "json")
    assert status == 0, err
    scoped = json.loads(Path("out/pipl.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in scoped["instruments"]] == ["pipl"]
    status, _, err = run("diff", path, path, "-o", "diff.json")
    assert status == 0, err
    diff = json.loads(Path("diff.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in diff["instruments"]] == ["pipl"]


def test_minus_q_writes_the_scope(run: Run, catalog: Catalog) -> None:
    status, out, _ = run("template", "-q", "pipl", "-q", "gdsi")
    assert status == 0 and "  lang: en\n  scope: [pipl, gdsi]\nanswers:" in out
    session = open_session(catalog, ["pipl"], Path("interview.yaml"), None,
                           respondent="Wang Fang")
    session.set_details("Acme", None, None, "2026-12-01", "en")
    session.answer(catalog.by_id["profile.processes_pi"], "yes")
    saved = load(Path("interview.yaml"), catalog, allow_incomplete=True)
    assert saved.assessment.scope == ("pipl",)
    answer = saved.answers["profile.processes_pi"]
    assert answer.by == "Wang Fang" and answer.at is not None
    resumed = open_session(catalog, [], None, Path("interview.yaml"))
    assert [q.id for q in resumed.questionnaires] == ["profile", "pipl"]


def test_the_appendix_shows_who_answered(run: Run, catalog: Catalog) -> None:
    full = load(EXAMPLE, catalog)
    qid = "pipl.consent.quality"
    answers = {**full.answers, qid: dataclasses.replace(full.answers[qid], by="Legal (Wang Fang)",
                                                        at="2026-12-01")}
    save(Path("a.yaml"), dataclasses.replace(full, answers=answers), catalog)
    status, _, err = run("run", "a.yaml", "-o", "a.json")
    assert status == 0, err
    report = json.loads(Path("a.json").read_text(encoding="utf-8"))
    row = next(r for b in report["appendix"] for r in b["rows"] if r["id"] == qid)
    assert (row["by"], row["at"]) == ("Legal (Wang Fang)", "2026-12-01")
    assert run("run", "a.yaml", "-o", "a.html")[0] == 0
    assert "Answered by: Legal (Wang Fang), 2026-12-01" in Path("a.html").read_text(
        encoding="utf-8")
