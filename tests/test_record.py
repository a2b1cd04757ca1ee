"""The record's new keys (design section 10): read, validated with lines, and written back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.errors import InvalidFile
from assessor.model.catalog import Catalog, Severity
from assessor.model.record import Status
from assessor.record.answers import load
from assessor.record.writing import dump

from .conftest import write

FULL = """\
format: assessor-answers/1
organisation: {name: Mini Co, sector: testing}
assessment:
  consultant: A. Consultant
  date: 2026-11-20
  lang: en
  scope: [bank]
  status: in_review
  signed_off: {by: P. Partner, role: Partner, date: 2026-12-10}
  summary: {en: "Good progress.", zh: "进展良好。"}
  position: bank.ops.plan
versions: {profile: "1", bank: "1"}
evidence:
  E-1: {title: Plan v2, status: received, file: evidence/plan-v2.pdf,
        requested: 2026-11-20, received: 2026-11-25}
  E-2: Log retention policy
answers:
  profile.big: yes
  profile.people: 5000
  bank.ops.logs: 3
  bank.ops.plan:
    answer: partial
    note: Plan exists for the data centre only.
    finding: The plan names no owner.
    flag: Client to confirm with the DPO
    severity: {level: critical, justification: Outages last year.}
    evidence: [E-1, a plain string still works]
    by: IT (Li Wei)
    at: 2026-12-01
  bank.big.officer: no
  bank.big.elements: [a]
actions:
  bank.ops.plan: {owner: DPO, due: 2027-03-31, status: in_progress, comment: Drafting}
"""


def test_every_new_key_is_read(mini: Catalog, tmp_path: Path) -> None:
    answers = load(write(tmp_path / "a.yaml", FULL), mini)
    assessment = answers.assessment
    assert assessment.scope == ("bank",)
    assert assessment.status is Status.IN_REVIEW
    assert assessment.signed_off is not None
    assert (assessment.signed_off.by, assessment.signed_off.role,
            assessment.signed_off.on) == ("P. Partner", "Partner", "2026-12-10")
    assert assessment.summary == {"en": "Good progress.", "zh": "进展良好。"}
    assert assessment.position == "bank.ops.plan"
    assert answers.evidence["E-1"].status == "received"
    assert answers.evidence["E-2"].title == "Log retention policy"
    plan = answers.answers["bank.ops.plan"]
    assert plan.finding == "The plan names no owner."
    assert plan.flag == "Client to confirm with the DPO"
    assert plan.severity is not None and plan.severity.level is Severity.CRITICAL
    assert plan.evidence == ("E-1", "a plain string still works")
    assert (plan.by, plan.at) == ("IT (Li Wei)", "2026-12-01")
    assert answers.actions["bank.ops.plan"].due == "2027-03-31"


def test_the_record_survives_a_write_and_a_read(mini: Catalog, tmp_path: Path) -> None:
    first = load(write(tmp_path / "a.yaml", FULL), mini)
    again = load(write(tmp_path / "b.yaml", dump(first, mini)), mini)
    assert dump(again, mini) == dump(first, mini)
    assert again.answers["bank.ops.plan"].severity == first.answers["bank.ops.plan"].severity
    assert again.evidence == {k: v.__class__(**{**{f: getattr(v, f) for f in v.__slots__},
                                                "line": again.evidence[k].line})
                              for k, v in first.evidence.items()}


@pytest.mark.parametrize(("old", "new", "message"), [
    ("status: in_review", "status: done", "a.yaml:8: status 'done' is not one of draft, "
                                          "in_review, final"),
    ("scope: [bank]", "scope: [bank, nope]", "a.yaml:7: scope names unknown questionnaire "
                                             "'nope' (known: bank, profile)"),
    ("date: 2026-12-10}", "date: 10/12/2026}", "a.yaml:9: date '10/12/2026' must be a date "
                                               "written YYYY-MM-DD"),
    ("status: received,", "status: maybe,", "a.yaml:14: status 'maybe' is not one of requested, "
                                            "claimed, received, accepted, rejected"),
    ("justification: Outages last year.", "justification: ''",
     "a.yaml:26: bank.ops.plan: a severity set by the assessor needs a justification"),
    ("level: critical", "level: huge",
     "a.yaml:26: bank.ops.plan: level 'huge' is not one of critical, high, medium, low"),
    ("at: 2026-12-01", "at: yesterday",
     "a.yaml:29: bank.ops.plan: at 'yesterday' must be a date written YYYY-MM-DD"),
    ("status: in_progress", "status: started",
     "a.yaml:33: bank.ops.plan: status 'started' is not one of open, in_progress, done, "
     "deferred, accepted"),
    ("  bank.ops.plan: {owner", "  bank.ops.nope: {owner",
     "a.yaml:33: bank.ops.nope: an action for an unknown question"),
])
def test_mistakes_in_the_new_keys_are_located(mini: Catalog, tmp_path: Path, old: str,
                                              new: str, message: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert old in FULL
    with pytest.raises(InvalidFile) as info:
        load(write(tmp_path / "a.yaml", FULL.replace(old, new)), mini)
    assert info.value.lines() == [message]
