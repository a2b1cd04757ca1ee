"""The report's view model, typed: one TypedDict per part, as ``--format json`` writes it.

TypedDicts rather than dataclasses because the JSON report *is* this model: a TypedDict is the
dict ``json.dumps`` writes, key for key in the order it was built, and Jinja reads it as it
reads any mapping, so typing the model changed no byte of a report. mypy checks every format's
reads against it, and ``tests/test_view.py`` checks it names the same keys as
``assessor/schemas/report.schema.json``. A new part is one class here, one key of ``Report``,
its builder in ``context`` and its entry in the schema. The blocks the parts are made of (a
score, a citation, a control, its answer, a gap row, evidence) are in ``rows``.

Severities, ratings, statuses and priorities are the keys of ``strings.yaml`` (``severity_high``,
``rating_weak``...), kept as ``str`` here.
"""

from __future__ import annotations

from typing import TypedDict

from assessor.report.rows import (
    Alternate,
    AnswerView,
    EvidenceRegister,
    EvidenceRequest,
    Excluded,
    GapView,
    ScoreView,
    ToConfirm,
)


class SectionScore(ScoreView):
    """One section of an instrument with its score."""

    id: str
    title: str


class InstrumentView(ScoreView):
    """One assessed instrument: scope, reason, score, coverage and sections."""

    id: str
    code: str
    title: str
    short: str
    name: str
    effective: str | None
    amended: str | None
    binding: bool
    version: str
    intro: str | None
    applies: bool
    reason: str
    controls: int
    applicable_controls: int
    gaps: int
    sections: list[SectionScore]


class SourceInstrument(TypedDict):
    """An instrument the report relies on, with its dates and whether it binds."""

    code: str
    name: str
    kind: str
    effective: str | None
    announced: str | None  # an initiative's date of proposal: it never came into force
    amended: str | None
    binding: bool


class PrincipleView(ScoreView):
    """One GDSI principle with its score."""

    id: int
    short: str
    text: str


class StrongSection(TypedDict):
    """A section in the strong rating band."""

    instrument: str
    title: str
    score: float
    applicable: int


class Strengths(TypedDict):
    """What is strong: the sections at or above ``threshold`` and the controls fully met."""

    threshold: float
    sections: list[StrongSection]
    controls_met: int


class Cap(TypedDict):
    """What capped the rating: the severity and the gaps (ids and ranks) holding it down."""

    severity: str
    gaps: list[str]
    ranks: list[int]


class Overall(ScoreView):
    """The overall score, its rating, the band of the score alone and the cap."""

    rating: str
    band: str
    cap: Cap | None


class RatingCap(TypedDict):
    """The best rating an open gap of one severity allows."""

    severity: str
    rating: str


class ConsultantSummary(TypedDict):
    """The consultant's executive summary, as paragraphs, and the language it is written in."""

    lang: str
    paragraphs: list[str]


class Counts(TypedDict):
    """The figures the summary quotes."""

    gaps: int
    by_severity: dict[str, int]
    by_priority: dict[str, int]
    unknown: int
    unanswered: int
    alternates: int


class Exposure(TypedDict):
    """A penalty provision behind open gaps: its range, the articles breached and the gaps."""

    law: str
    instrument: str
    article: str | None
    cite: str
    penalty: str
    severity: str
    breached: list[str]
    gaps: list[str]
    ranks: list[int]


class SoaRow(TypedDict):
    """One control of the Statement of Applicability."""

    id: str
    text: str
    applies: bool
    reason: str
    status: str
    to_confirm: bool
    score: float | None
    note: str | None


class SoaBlock(TypedDict):
    """One instrument's controls in the Statement of Applicability."""

    id: str
    title: str
    rows: list[SoaRow]


class AppendixRow(AnswerView):
    """One answer of the appendix."""

    id: str
    text: str
    applies: bool
    score: float | None
    by: str | None
    at: str | None


class AppendixBlock(TypedDict):
    """One questionnaire's answers in the appendix."""

    id: str
    title: str
    rows: list[AppendixRow]


class QualityCheck(TypedDict):
    """One quality check and how many warnings it gave."""

    id: str
    count: int


class Quality(TypedDict):
    """The quality checks' warnings (firm-internal: never printed in a client's report)."""

    warnings: int
    checks: list[QualityCheck]


class InternalNote(TypedDict):
    """The consultant's internal note on one answer."""

    id: str
    text: str
    internal: str | None
    by: str | None
    display: str


class KeptAnswer(TypedDict):
    """An answer the record did not take (a conflict's losing side, or one still open)."""

    display: str
    by: str | None
    at: str | None
    source: str | None  # the file it came from (a merge or an import)
    note: str | None
    open: bool


class ConflictRow(TypedDict):
    """One question whose answers differed: the answer taken and those kept beside it."""

    id: str
    text: str
    display: str
    kept: list[KeptAnswer]


class Internal(TypedDict):
    """The firm's appendix (``run --internal`` only): quality checks, notes, other answers."""

    quality: Quality
    notes: list[InternalNote]
    conflicts: list[ConflictRow]


class RoadmapStream(TypedDict):
    """One workstream of the roadmap: its gaps' ranks in order, counted by priority."""

    id: str | None
    title: str | None
    ranks: list[int]
    by_priority: dict[str, int]
    tracked: int


class Signer(TypedDict):
    """Who signed the assessment off, in which role, on which ISO date, and what it covers."""

    by: str
    role: str | None
    date: str
    covers: list[str]
    digest: str | None
    key_signed: bool


class SealView(TypedDict):
    """Whether the sign-off holds for the record as read, and if not, why."""

    holds: bool
    code: str
    reason: str


class Review(TypedDict):
    """Where the assessment stands: draft until a sign-off that holds makes it final."""

    status: str
    draft: bool
    signed_off: Signer | None
    changed_since_sign_off: bool
    seal: SealView | None


class StatutoryDate(TypedDict):
    """A date the law sets from this record (``assessor calendar``), with its article."""

    date: str
    duty: str
    detail: str
    cite: str


class UndatedDuty(TypedDict):
    """A dated duty that applies, whose starting date is not on record."""

    duty: str
    cite: str


class Dates(TypedDict):
    """The statutory dates of the roadmap, and the duties that apply but cannot be dated."""

    dated: list[StatutoryDate]
    undated: list[UndatedDuty]


class Tracking(TypedDict):
    """The tracked actions by status, and those overdue on the assessment date."""

    actions: int
    by_status: dict[str, int]
    as_of: str | None
    overdue: list[str]


class Tool(TypedDict):
    """The program that wrote the report."""

    name: str
    version: str


class Organisation(TypedDict):
    """The organisation assessed."""

    name: str
    sector: str | None


class Assessment(TypedDict):
    """Who assessed, for which firm, on which ISO date."""

    consultant: str | None
    firm: str | None
    date: str | None


# The fieldwork period (ISO dates); "from" is a keyword, so the functional form names the keys.
Period = TypedDict("Period", {"from": str, "to": str})


class Revision(TypedDict):
    """One line of the report's change history."""

    version: str
    date: str | None
    by: str | None
    change: str | None


class Document(TypedDict):
    """Document control: the report's version, fieldwork, distribution and history."""

    version: str | None
    fieldwork: Period | None
    distribution: list[str]
    history: list[Revision]


class Outside(TypedDict):
    """A bank left out of the engagement."""

    id: str
    title: str


class Engagement(TypedDict):
    """The engagement's scope: the banks assessed and those left out (all lists empty: all)."""

    scope: list[str]
    assessed: list[str]
    outside: list[Outside]


class Source(TypedDict):
    """The answers file the report comes from, its digest and the banks' versions."""

    answers_file: str | None
    sha256: str
    questionnaires: dict[str, str]


class Report(TypedDict):
    """The whole report, in the order ``--format json`` writes it."""

    schema: str
    tool: Tool
    lang: str
    organisation: Organisation
    assessment: Assessment
    document: Document
    engagement: Engagement
    subtitle: str
    source: Source
    overall: Overall
    rating_caps: list[RatingCap]
    consultant_summary: ConsultantSummary | None
    counts: Counts
    instruments: list[InstrumentView]
    sources: list[SourceInstrument]
    principles: list[PrincipleView]
    strengths: Strengths
    gaps: list[GapView]
    roadmap: list[RoadmapStream]
    exposure: list[Exposure]
    excluded: list[Excluded]
    scope_to_confirm: list[ToConfirm]
    evidence_requests: list[EvidenceRequest]
    evidence: EvidenceRegister
    alternates: list[Alternate]
    appendix: list[AppendixBlock]
    soa: list[SoaBlock]
    internal: Internal | None
    review: Review
    tracking: Tracking
    dates: Dates
