"""The shipped question banks: counts, citations, translations and statutory limits."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assessor.banks.catalog import load_catalog
from assessor.model.catalog import Catalog, QuestionType

from .conftest import Run

MINIMUMS = {"csl": 20, "dsl": 15, "pipl": 35, "vuln": 12, "gdsi": 24}


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(strict=True)


def test_lint_passes_on_shipped_banks(run: Run) -> None:
    status, out, err = run("lint")
    assert (status, err) == (0, "")


def test_list_json_shows_six_questionnaires_meeting_minimums(run: Run) -> None:
    status, out, _ = run("list", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert status == 0
    assert set(rows) == {"profile", *MINIMUMS}
    for bank, minimum in MINIMUMS.items():
        assert rows[bank]["controls"] >= minimum, bank


def test_every_control_carries_its_legal_apparatus_in_both_languages(shipped: Catalog) -> None:
    for question in shipped.questions:
        assert question.text.en and question.text.zh, question.id
        if not question.scored:
            continue
        assert question.references, question.id
        assert question.principles, question.id
        assert question.remediation and question.remediation.zh, question.id
        assert all(o.label.zh for o in question.options), question.id


def test_gdsi_has_three_controls_per_principle_and_cites_binding_hooks(shipped: Catalog) -> None:
    gdsi = shipped.questionnaire("gdsi")
    assert gdsi is not None
    per_point = Counter(p for q in gdsi.questions for p in q.principles)
    assert all(per_point[p] >= 3 for p in range(1, 9)), per_point
    for question in gdsi.questions:
        laws = {r.law for r in question.references}
        assert "GDSI" in laws and laws - {"GDSI"}, question.id
    assert shipped.instruments["GDSI"].binding is False


def test_csl_is_cited_by_current_number_with_the_2017_number(shipped: Catalog) -> None:
    logs = [r for q in shipped.questions for r in q.references
            if r.law == "CSL" and r.article.startswith("23(3)")]
    assert logs and logs[0].cite() == "CSL Art. 23(3) (formerly Art. 21(3))"
    localisation = shipped.instruments["CSL"].article("39")
    assert localisation is not None and localisation.former == "37"


@pytest.mark.parametrize(("law", "article", "kind", "value"), [
    ("CSL", "23(3)", "min", 6),      # network logs kept at least six months
    ("VULN", "7(2)", "max", 2),      # vulnerability reported to MIIT within two days
    ("IRM", "4", "max", 4),          # relatively large incident to the provincial CAC in 4 hours
    ("NDSMR", "10", "max", 24),      # national-security flaws reported within 24 hours
])
def test_time_bound_duties_are_numbers_scored_against_the_limit(
        shipped: Catalog, law: str, article: str, kind: str, value: float) -> None:
    found = [q for q in shipped.questions if q.type is QuestionType.NUMBER and q.limit
             and any(r.law == law and r.article == article for r in q.references)]
    assert any(q.limit and (q.limit.kind, q.limit.value) == (kind, value) for q in found), \
        [(q.id, q.limit) for q in found]
