"""OSCAL: the catalog, plan and results validate with compliance-trestle; same input, same bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from assessor.banks.scope import engaged
from assessor.exports import oscal
from assessor.model.catalog import Catalog
from assessor.record import answers as answers_file
from assessor.scoring import score
from tests.conftest import EXAMPLES

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def export(catalog: Catalog, name: str) -> dict[str, bytes]:
    """Return the three documents of a shipped example."""
    answers = answers_file.load(EXAMPLES / f"{name}.yaml", catalog)
    scoped = engaged(catalog, answers.assessment.scope)
    return dict(oscal.documents(scoped, answers, score(scoped, answers.answers)))


def uuids(node: Any) -> list[str]:
    """Return every ``uuid`` value in a document."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == "uuid"]
        return found + [u for v in node.values() for u in uuids(v)]
    if isinstance(node, list):
        return [u for v in node for u in uuids(v)]
    return []


@pytest.mark.parametrize("name", ["crossborder-ecommerce", "power-utility-ciio"])
def test_documents_validate_with_trestle(catalog: Catalog, name: str, tmp_path: Path) -> None:
    pytest.importorskip("trestle")
    from trestle.oscal.assessment_plan import AssessmentPlan
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.catalog import Catalog as OscalCatalog

    docs = export(catalog, name)
    for file, model in (("catalog.json", OscalCatalog), ("assessment-plan.json", AssessmentPlan),
                        ("assessment-results.json", AssessmentResults)):
        path = tmp_path / file
        path.write_bytes(docs[file])
        parsed = model.oscal_read(path)
        assert parsed is not None
        data = json.loads(docs[file])
        assert next(iter(data.values()))["metadata"]["oscal-version"] == "1.1.2"
        found = uuids(data)
        assert found and all(UUID.match(u) for u in found)
        assert len(found) == len(set(found)), f"{file}: a UUID used twice"


def test_same_input_same_bytes(catalog: Catalog) -> None:
    assert export(catalog, "crossborder-ecommerce") == export(catalog, "crossborder-ecommerce")


def test_results_hold_findings_per_applicable_control(catalog: Catalog) -> None:
    answers = answers_file.load(EXAMPLES / "crossborder-ecommerce.yaml", catalog)
    scoped = engaged(catalog, answers.assessment.scope)
    result = score(scoped, answers.answers)
    data = json.loads(oscal.documents(scoped, answers, result)["assessment-results.json"])
    (body,) = data["assessment-results"]["results"]
    findings = {f["target"]["target-id"]: f for f in body["findings"]}
    applicable = [q.id for q in scoped.questions if q.scored and result.applicable[q.id]]
    assert sorted(findings) == sorted(applicable)
    gaps = {g.question.id for g in result.gaps}
    for qid, finding in findings.items():
        state = finding["target"]["status"]["state"]
        answer = answers.answers.get(qid)
        if qid in gaps and not (answer is not None and answer.special == "na"):
            assert state == "not-satisfied", qid
    subject = body["local-definitions"]["inventory-items"][0]
    facts = {p["name"]: p["value"] for p in subject["props"]}
    assert facts["organisation"] == answers.organisation.name
    assert "profile.transfers_abroad" in facts
