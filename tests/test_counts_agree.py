"""One definition of applicable and gaps: every view of a file gives the same counts.

Applicable counts controls (a fact two laws ask counts in each law's score); gaps count facts
(a same_as pair is one gap). Each example is run through every view that states a count.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from assessor.banks.catalog import load_catalog
from assessor.banks.scope import engaged
from assessor.interview.screens import review_stats
from assessor.interview.session import Session
from assessor.record import answers as record
from assessor.scoring import score
from tests.conftest import EXAMPLES, Run

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_view_gives_the_same_applicable_and_gap_counts(run: Run, tmp_path: Path,
                                                            path: Path) -> None:
    status, out, _ = run("run", path, "--format", "json", "-o", "-", "--lang", "en")
    assert status == 0
    report = json.loads(out)
    applicable, answered = report["overall"]["applicable"], report["overall"]["answered"]
    gaps = report["counts"]["gaps"]
    assert len(report["gaps"]) == gaps
    assert sum(len(w["ranks"]) for w in report["roadmap"]) == gaps
    assert sum(i["applicable_controls"] for i in report["instruments"]) == applicable
    assert sorted(g["rank"] for g in report["gaps"]) == list(range(1, gaps + 1))

    status, out, _ = run("score", path)           # the terminal summary
    assert f"({answered}/{applicable})" in out and f"\n{gaps} gaps; top" in out

    book = tmp_path / "r.xlsx"                     # the register workbook
    assert run("run", path, "-o", book, "--lang", "en")[0] == 0
    sheets = load_workbook(book).worksheets
    assert sheets[0].max_row - 1 == gaps
    summary = {row[0]: row[1] for row in sheets[1].iter_rows(values_only=True)}
    assert summary["Gaps"] == gaps and summary["Coverage"] == f"{answered} of {applicable} answered"

    document = tmp_path / "r.docx"                 # the DOCX: the register's lead and its rows
    assert run("run", path, "-o", document, "--lang", "en")[0] == 0
    text = "\n".join(p.text for p in Document(str(document)).paragraphs)
    assert f"\n{gaps} findings. They are ordered by priority" in text

    html = tmp_path / "r.html"                     # the HTML: the register's rows
    assert run("run", path, "-o", html, "--lang", "en")[0] == 0
    page = html.read_text(encoding="utf-8")
    register = page[page.index('<section id="register"'):page.index('<section id="roadmap"')]
    assert len(re.findall(r'<td class="num">\d+</td>', register)) == gaps


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_the_interview_review_counts_the_gaps_of_each_instrument(path: Path) -> None:
    catalog = load_catalog([], builtin=True)
    answers = record.load(path, catalog)
    scoped = engaged(catalog, answers.assessment.scope)
    result = score(scoped, answers.answers)
    session = Session(scoped, path, organisation=answers.organisation,
                      assessment=answers.assessment, answers=dict(answers.answers))
    for questionnaire in scoped.questionnaires:
        if questionnaire.kind != "bank" or questionnaire.id not in result.by_questionnaire:
            continue
        touching = sum(1 for g in result.gaps
                       if questionnaire.id in {q.questionnaire for q in g.questions})
        line = review_stats(session, questionnaire, result, "en")
        assert f" · {touching} gaps · " in line, line
