"""What an answers file holds: answers, the organisation, the assessment and its sign-off.

Built by :mod:`assessor.record.reading` (which knows each value's line) and written back by
:mod:`assessor.record.writing`; the special answers (na, unknown, alternate) are named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from assessor.bilingual import Lang
from assessor.model.catalog import Severity

if TYPE_CHECKING:
    from assessor.registers import Inventory, Ownership


NA = "na"
UNKNOWN = "unknown"
ALTERNATE = "alternate"
SPECIAL_VALUES = (NA, UNKNOWN, ALTERNATE)
ANSWERS_FORMAT = "assessor-answers/1"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: a value (option id, ids, number, text or a special value), note, evidence.

    ``note`` is the client's words; ``finding`` the assessor's observation (it replaces the
    control's statement in reports); ``internal`` the consultant's note for the firm, which no
    client output prints; ``severity`` the assessor's override of the control's severity, with its
    reason (these texts may be :class:`Said`, one per language); ``flag`` marks a tentative
    answer to be confirmed (the reason); ``by`` and ``at`` say who answered and when. ``evidence``
    holds ids of the file's evidence register or plain document names.
    """

    qid: str
    value: str | float | tuple[str, ...]
    note: str | None = None
    evidence: tuple[str, ...] = ()
    line: int | None = None
    finding: str | None = None
    severity: SeverityOverride | None = None
    flag: str | None = None
    by: str | None = None
    at: str | None = None
    via: str | None = None  # the control this fact was answered under (never written)
    internal: str | None = None
    conflict: tuple[Conflict, ...] = ()  # answers given differently: losing, or still open
    carried: str | None = None  # the date of the last cycle this answer's texts came from

    @property
    def open_conflicts(self) -> tuple[Conflict, ...]:
        """Return the differing answers not settled yet (the question is flagged meanwhile)."""
        return tuple(c for c in self.conflict if c.open)

    @property
    def special(self) -> str | None:
        """Return ``na``, ``unknown`` or ``alternate`` when the answer is one of those."""
        return self.value if isinstance(self.value, str) and self.value in SPECIAL_VALUES else None


@dataclass(frozen=True, slots=True)
class Conflict:
    """An answer someone gave that differs from the one the record holds, kept with its source.

    A settled conflict keeps the losing answer here (never silently dropped); an ``open`` one is
    waiting for the consultant to choose, and ``check`` lists it until then. ``source`` is the
    file it came from (a merge or an import).
    """

    value: str | float | tuple[str, ...]
    by: str | None = None
    at: str | None = None
    note: str | None = None
    source: str | None = None
    open: bool = False


@dataclass(frozen=True, slots=True)
class SeverityOverride:
    """The assessor's severity for one gap, raised or lowered, and why."""

    level: Severity
    justification: str


class Status(StrEnum):
    """Where an assessment stands in review: only a final one is delivered without DRAFT."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    FINAL = "final"


# claimed: the client says it sent the document (its reply to the request list); not received
# until the consultant has checked it and marks it so
EVIDENCE_STATUSES = ("requested", "claimed", "received", "accepted", "rejected")


ACTION_STATUSES = ("open", "in_progress", "done", "deferred", "accepted")  # accepted: the risk


@dataclass(frozen=True, slots=True)
class SignOff:
    """Who signed the assessment off, in which role, on which date (ISO), and what it covers.

    ``digest`` is the SHA-256 of the whole record as signed (:mod:`assessor.record.seal`);
    ``covers`` the banks the sign-off is for (the scope), ``signature`` an optional SSH
    signature of the digest by the signer's key. When the record no longer matches the
    digest, the file is a draft again.
    """

    by: str
    on: str
    role: str | None = None
    digest: str | None = None
    covers: tuple[str, ...] = ()
    signature: str | None = None
    accepted: tuple[str, ...] = ()  # the warnings the reviewer accepted: kinds, question ids


@dataclass(frozen=True, slots=True)
class Seal:
    """Whether a sign-off holds for the record as read, and if not, why.

    ``code`` names the case for reports (``holds``, ``no_digest``, ``legacy``, ``changed``,
    ``signature``, ``scope``, ``version``, ``incomplete``); ``reason`` says it in one sentence.
    """

    holds: bool
    reason: str
    code: str = "holds"


@dataclass(frozen=True, slots=True)
class Reply:
    """The client's reply to an item of the evidence request list: its words, not yet checked.

    ``provided`` is its Yes or No, ``file`` the file it says it sent, ``sent`` when (ISO).
    """

    provided: bool | None = None
    file: str | None = None
    sent: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One item of the evidence register; answers refer to it by ``id``.

    ``file`` is a path or a link; dates are ISO (YYYY-MM-DD), taken from the file, never the clock.
    """

    id: str
    title: str
    status: str = "requested"
    file: str | None = None
    requested: str | None = None
    received: str | None = None
    note: str | None = None
    line: int | None = None
    reply: Reply | None = None  # what the client said of it on the request list


@dataclass(frozen=True, slots=True)
class Action:
    """Remediation of one gap, as tracked after delivery: owner, due date, status, comment."""

    qid: str
    owner: str | None = None
    due: str | None = None
    status: str = "open"
    comment: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    """Who is assessed: the name (a :class:`Said`: the Chinese legal name on a Chinese report).

    ``sector`` is an option id of ``profile.sector`` (the report shows its label in the report's
    language), or the consultant's own words for a sector the options do not list.
    """

    name: str
    sector: str | None = None
    ownership: Ownership | None = None  # shareholding and controller, for the filings


@dataclass(frozen=True, slots=True)
class Assessment:
    """Who assessed, when, in which language, and the engagement's state.

    ``scope`` lists the banks of this engagement (empty: all); ``status`` is None in files that
    predate review; ``summary`` is the consultant's executive summary by language (en, zh);
    ``position`` is the question where the interview stopped; ``version``, ``fieldwork``,
    ``distribution`` and ``history`` are the document control the record page prints.
    """

    consultant: str | None = None
    date: str | None = None
    lang: Lang = "en"
    firm: str | None = None
    scope: tuple[str, ...] = ()
    status: Status | None = None
    signed_off: SignOff | None = None
    summary: dict[str, str] = field(default_factory=dict)
    position: str | None = None
    version: str | None = None  # document control: the report's version ("0.9", "1.0")
    fieldwork: tuple[str, str] | None = None  # the fieldwork period, from and to (ISO dates)
    distribution: tuple[str, ...] = ()  # who receives the report
    history: tuple[Revision, ...] = ()  # the report's versions so far
    carried: str | None = None  # reassess: the last cycle's date; its summary awaits review


@dataclass(frozen=True, slots=True)
class Revision:
    """One line of the report's change history: which version, when, by whom, what changed."""

    version: str
    date: str | None = None
    by: str | None = None
    change: str | None = None


@dataclass(frozen=True, slots=True)
class Answers:
    """One assessment's answers file, validated against the catalog."""

    organisation: Organisation
    assessment: Assessment
    answers: dict[str, Answer]
    versions: dict[str, str] = field(default_factory=dict)
    path: str = ""
    sha256: str = ""
    evidence: dict[str, EvidenceItem] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    superseded: dict[str, int | None] = field(default_factory=dict)  # second answers, by line
    inventory: Inventory | None = None  # the filings' registers (``inventory:``)
    seal: Seal | None = None  # set by the loader when the file carries a sign-off
    milestones: dict[str, str] = field(default_factory=dict)  # kind -> ISO date (the calendar)
