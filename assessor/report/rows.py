"""The report's typed building blocks: score, citation, control, answer, gap row, evidence.

Every part of :class:`assessor.report.view.Report` is made of these; the report's builders
(``controls``, ``gaps``) make them and every format reads them. TypedDicts, as in
``view``: the JSON report is this data, key for key.
"""

from __future__ import annotations

from typing import TypedDict

Value = str | float | list[str] | None  # an answer as stored: text, a number, choices


class ScoreView(TypedDict):
    """A weighted score (0-100, None when nothing was scored) with what it covers."""

    score: float | None
    coverage: float
    applicable: int
    answered: int
    unknown: int
    na: int


class ReferenceView(TypedDict):
    """A citation with its article's title and the penalty the law sets for a breach."""

    law: str
    article: str
    former: str | None
    cite: str
    instrument: str
    title: str | None
    verified: bool
    penalty_article: str | None
    penalty: str | None
    penalty_cite: str | None


class Control(TypedDict):
    """What every listing of a control shows."""

    id: str
    text: str
    questionnaire: str
    instrument: str | None
    section: str
    severity: str
    weight: float
    verified: bool
    references: list[ReferenceView]
    principles: list[int]
    remediation: str | None


class SeverityOverride(TypedDict):
    """The assessor's severity for one answer, with the reason."""

    level: str
    justification: str


class AnswerView(TypedDict):
    """An answer as stored and as a person reads it, with the assessor's words on it."""

    value: Value
    display: str
    special: str | None
    note: str | None
    evidence: list[str]
    finding: str | None
    flag: str | None
    severity_override: SeverityOverride | None


class ActionView(TypedDict):
    """The remediation tracked for one gap."""

    owner: str | None
    due: str | None
    status: str
    comment: str | None
    overdue: bool


class AlsoAsked(TypedDict):
    """A control of another instrument asking the same fact, answered under the gap's control."""

    id: str
    text: str
    questionnaire: str


class WorkstreamRef(TypedDict):
    """The workstream a gap's remediation belongs to (scales.yaml)."""

    id: str
    title: str


class GapView(Control):
    """One row of the gap register (one fact), at the severity that ranked it.

    ``statement`` leads the row: the consultant's finding, else the bank's statement, else the
    question (``statement_from`` says which).
    """

    rank: int
    statement: str
    statement_from: str
    unconfirmed: bool
    also: list[AlsoAsked]
    workstream: WorkstreamRef | None
    bank_severity: str
    severity_change: str | None  # raised, lowered, kept, or None when the assessor said nothing
    score: float
    priority: str
    answer: AnswerView
    action: ActionView | None
    scope_to_confirm: bool


class Excluded(Control):
    """A control that does not apply, with the first condition that failed."""

    reason: str


class Fact(TypedDict):
    """A profile question whose answer would settle a control's scope."""

    id: str
    text: str


class ToConfirm(Control):
    """A control in scope only because a profile fact is unknown."""

    settled_by: list[Fact]


class EvidenceRequest(Control):
    """An applicable control left unanswered or answered unknown: what to ask the client for."""

    status: str
    evidence_hint: str | None


class Alternate(Control):
    """A control met by an alternative measure, with its justification."""

    justification: str | None


class EvidenceItemView(TypedDict):
    """One piece of evidence: a register item, or a plain document name."""

    id: str | None
    title: str
    status: str
    file: str | None
    requested: str | None
    received: str | None
    note: str | None


class EvidenceControl(Control):
    """The evidence one control cites: requested against received, and the pieces."""

    requested: int
    received: int
    outstanding: int
    registered: int
    items: list[EvidenceItemView]


class EvidenceRegister(TypedDict):
    """The evidence register: totals by status, per control, and items no control cites."""

    totals: dict[str, int]
    controls: list[EvidenceControl]
    unlinked: list[EvidenceItemView]
