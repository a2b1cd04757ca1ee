"""The vocabulary: questionnaires, questions, instruments, answers and results, as plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NewType, assert_never

from assessor import citation
from assessor.bilingual import LANGS as LANGS
from assessor.bilingual import Lang as Lang
from assessor.bilingual import Text as Text

if TYPE_CHECKING:
    from assessor.registers import Inventory, Ownership

QuestionId = NewType("QuestionId", str)

NA = "na"
UNKNOWN = "unknown"
ALTERNATE = "alternate"
SPECIAL_VALUES = (NA, UNKNOWN, ALTERNATE)

ANSWERS_FORMAT = "assessor-answers/1"


class QuestionType(StrEnum):
    """How a question is answered.

    Every branch on a type is a ``match`` ending in ``assert_never``, so a new type fails mypy
    at each place that must decide what it means, instead of being read as free text.
    """

    YESNO = "yesno"
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    NUMBER = "number"
    TEXT = "text"

    @property
    def is_choice(self) -> bool:
        """Return whether the answer is chosen among options (such a control is scored)."""
        match self:
            case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | \
                    QuestionType.SCALE:
                return True
            case QuestionType.NUMBER | QuestionType.TEXT:
                return False
            case _:
                assert_never(self)

    @property
    def free_text(self) -> bool:
        """Return whether letters typed are the answer itself, not keys (x for na, say)."""
        match self:
            case QuestionType.TEXT:
                return True
            case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | \
                    QuestionType.SCALE | QuestionType.NUMBER:
                return False
            case _:
                assert_never(self)


class Severity(StrEnum):
    """How much a gap matters; ``rank`` orders them, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Return 0 for critical up to 3 for low."""
        return list(Severity).index(self)


class Said(str):
    """A consultant's own words: one text, or one text per language (``{en, zh}`` in a file).

    It *is* the text as first written (the English where given, else the Chinese), so code that
    stores, compares or shows a note as a string needs no change; a report in another language
    picks its version with :meth:`get`. A text given in one language only is printed as written
    in a report of the other: ``check`` warns before that happens (see :func:`untranslated`).
    """

    en: str | None
    zh: str | None

    def __new__(cls, en: str | None = None, zh: str | None = None) -> Said:
        """Return the text ``en`` (or ``zh`` when there is no English) carrying both versions."""
        said = super().__new__(cls, en or zh or "")
        said.en, said.zh = en or None, zh or None
        return said

    def get(self, lang: Lang) -> str:
        """Return the version in ``lang``, else the text as written."""
        return (self.zh if lang == "zh" else self.en) or str(self)

    def __getnewargs__(self) -> tuple[str | None, str | None]:  # type: ignore[override]
        """Keep both versions through copy and pickle."""
        return self.en, self.zh

    def __eq__(self, other: object) -> bool:
        """Compare both versions with another bilingual text, the text alone with a string."""
        if isinstance(other, Said):
            return (self.en, self.zh) == (other.en, other.zh)
        return str.__eq__(self, other)

    __hash__ = str.__hash__


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def said(text: str | None) -> Said | None:
    """Return ``text`` as a consultant's text: a plain string in Chinese is the Chinese version."""
    if text is None or isinstance(text, Said):
        return text
    text = text.strip()
    if not text:
        return None
    return Said(zh=text) if CJK.search(text) else Said(text)


def in_lang(text: str | None, lang: Lang) -> str | None:
    """Return a consultant's text in ``lang`` where it is given, else as written (None: none)."""
    return text.get(lang) if isinstance(text, Said) else text


def untranslated(text: str | None) -> bool:
    """Return whether a consultant's text has no Chinese version (a Chinese report prints it)."""
    if not text:
        return False
    if isinstance(text, Said):
        return not text.zh
    return not CJK.search(text)


@dataclass(frozen=True, slots=True)
class Statement:
    """The finding a gap states, as an assessor writes it in a report (not the question).

    ``partial`` is the variant for an answer that scores above nothing but below full marks,
    where a partly met duty means something different from an unmet one.
    """

    text: Text
    partial: Text | None = None

    def get(self, lang: Lang, *, partial: bool = False) -> str:
        """Return the statement in ``lang``; the partial variant when asked for and given."""
        return (self.partial if partial and self.partial else self.text).get(lang)


@dataclass(frozen=True, slots=True)
class Workstream:
    """A programme of remediation work the roadmap groups controls into (scales.yaml)."""

    id: str
    title: Text


class Rating(StrEnum):
    """The overall rating: the band a score falls in (best first), or not rated.

    The one home of the bands: their floors (:data:`FLOORS`, read by scoring and the charts)
    and their names as the terminal and the interview say them. The report's own words for
    them are in ``report_templates/strings.yaml``.
    """

    STRONG = "strong"
    ADEQUATE = "adequate"
    NEEDS_IMPROVEMENT = "needs_improvement"
    WEAK = "weak"
    NOT_RATED = "not_rated"

    @property
    def words(self) -> Text:
        """Return the rating's name in English and Chinese."""
        match self:
            case Rating.STRONG:
                return Text("Strong", "良好")
            case Rating.ADEQUATE:
                return Text("Adequate", "基本达标")
            case Rating.NEEDS_IMPROVEMENT:
                return Text("Needs improvement", "有待改进")
            case Rating.WEAK:
                return Text("Weak", "薄弱")
            case Rating.NOT_RATED:
                return Text("Not rated", "未评级")
            case _:
                assert_never(self)


# The lowest overall score of each band, best first; below the last floor nothing is rated.
FLOORS: dict[Rating, float] = {Rating.STRONG: 85.0, Rating.ADEQUATE: 70.0,
                               Rating.NEEDS_IMPROVEMENT: 50.0, Rating.WEAK: 0.0}


def rating_words(name: str, lang: Lang = "en") -> str:
    """Return the words for a rating given by its id (``needs_improvement``), or the id."""
    try:
        return Rating(name).words.get(lang)
    except ValueError:
        return name


@dataclass(frozen=True, slots=True)
class Option:
    """One answer a question offers; ``score`` is None where nothing is scored (the profile)."""

    id: str
    label: Text
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation: instrument code, article as cited, and the 2017 number where the CSL moved.

    ``name_zh`` is the instrument's Chinese name (Chinese citations use it); ``verified`` is False
    when the article's number is unconfirmed, which prints the citation without it; ``point`` marks
    an instrument of numbered points (the GDSI) rather than articles.
    """

    law: str
    article: str
    former: str | None = None
    name_zh: str | None = None
    verified: bool = True
    point: bool = False
    fined: bool = True  # False: the control's limb of the article carries no penalty of its own

    @property
    def base(self) -> str:
        """Return the article number without paragraph or item, as listed in instruments.yaml."""
        return article_base(self.article)

    def cite(self, lang: Lang = "en") -> str:
        """Return e.g. ``CSL Art. 23(3) (formerly Art. 21(3))``, or the Chinese form in zh."""
        return citation.cite(self.law, self.article, lang=lang, former=self.former,
                             name_zh=self.name_zh, verified=self.verified, point=self.point)


def article_base(article: str) -> str:
    """Return the leading article number or range of ``article`` ("24 ¶2" -> "24")."""
    match = re.match(r"\s*([0-9]+(?:-[0-9]+)?|[A-Za-z]+)", article)
    return match.group(1) if match else article.strip()


def article_span(base: str) -> tuple[int, int] | None:
    """Return the first and last article of "7" or "5-9", or None for a non-number."""
    first, _, last = base.partition("-")
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    return int(first), int(last or first)


@dataclass(frozen=True, slots=True)
class Limit:
    """A statutory limit on a number: ``max`` (at most) or ``min`` (at least)."""

    kind: str
    value: float

    def met(self, number: float) -> bool:
        """Return whether ``number`` is within the limit."""
        return number <= self.value if self.kind == "max" else number >= self.value


@dataclass(frozen=True, slots=True)
class Question:
    """One question; a *control* when it is scored."""

    id: QuestionId
    type: QuestionType
    text: Text
    questionnaire: str
    section: str
    help: Text | None = None
    options: tuple[Option, ...] = ()
    severity: Severity = Severity.MEDIUM
    weight: float = 1.0
    references: tuple[Reference, ...] = ()
    principles: tuple[int, ...] = ()
    applies_if: str | None = None
    scope: Text | None = None
    alternate: bool = False
    verified: bool = True
    remediation: Text | None = None
    evidence: Text | None = None
    unit: Text | None = None
    minimum: float | None = None
    maximum: float | None = None
    limit: Limit | None = None
    scored: bool = False
    line: int | None = None
    same_as: str | None = None  # asks the same fact as this control: answered there, once
    statement: Statement | None = None  # the finding a gap states
    workstream: str | None = None  # a Workstream id of the catalog

    def option(self, option_id: str) -> Option | None:
        """Return the option with ``option_id``, or None."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, slots=True)
class Section:
    """A group of questions within a questionnaire."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    applies_if: str | None = None
    scope: Text | None = None


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """One file: the profile, or the bank of controls for one instrument."""

    id: str
    kind: str
    title: Text
    version: str
    order: int
    sections: tuple[Section, ...]
    instrument: str | None = None
    intro: Text | None = None
    applies_if: str | None = None
    scope: Text | None = None
    path: str = ""
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, current id), for `assessor migrate`

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every question, in order."""
        return tuple(q for s in self.sections for q in s.questions)


@dataclass(frozen=True, slots=True)
class Article:
    """An article of an instrument, with its title and penalty where the law sets one."""

    article: str
    title: Text
    former: str | None = None
    verified: bool = True
    penalty_article: str | None = None
    penalty: Text | None = None


@dataclass(frozen=True, slots=True)
class Instrument:
    """A law, regulation, standard or initiative the banks cite."""

    code: str
    name: Text
    short: Text
    issuer: Text
    kind: str
    effective: str
    articles: tuple[Article, ...]
    amended: str | None = None
    binding: bool = True
    verified: bool = True
    note: Text | None = None

    def article(self, number: str) -> Article | None:
        """Return the listed article for a cited number ("23(3)" finds "23", "6" finds "5-9").

        A paragraph listed on its own ("30 ¶1", where its penalty differs) is found first.
        """
        base = article_base(number)
        whole = " ".join(number.split())
        exact = next((a for a in self.articles if a.article == whole), None) or \
            next((a for a in self.articles if a.article == base), None)
        if exact is not None:
            return exact
        wanted = article_span(base)
        if wanted is None:
            return None
        for candidate in self.articles:
            span = article_span(candidate.article)
            if span is not None and span[0] <= wanted[0] and wanted[1] <= span[1]:
                return candidate
        return None

    def reference(self, article: str) -> Reference:
        """Return a citation of ``article`` carrying the 2017 number, Chinese name and status."""
        article = article.strip()
        listed = self.article(article)
        former = None
        if listed is not None and listed.former:
            former = listed.former + article[len(listed.article):]
        return Reference(self.code, article, former, self.name.zh or None,
                         listed is None or listed.verified, self.kind == "initiative")


@dataclass(frozen=True, slots=True)
class Principle:
    """One of the eight GDSI points, numbered for the toolkit."""

    id: int
    short: Text
    text: Text


@dataclass(frozen=True)
class Catalog:
    """Every questionnaire, instrument and principle the tool knows, with lookups."""

    questionnaires: tuple[Questionnaire, ...]
    instruments: dict[str, Instrument]
    principles: tuple[Principle, ...]
    caps: dict[Severity, str] = field(default_factory=dict)  # scales.yaml's rating_caps
    outside: tuple[Questionnaire, ...] = ()  # banks left out of an engagement's scope
    workstreams: tuple[Workstream, ...] = ()  # scales.yaml's workstreams, in roadmap order
    by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {q.id: q for qn in self.questionnaires for q in qn.questions}
        object.__setattr__(self, "by_id", by_id)
        object.__setattr__(self, "order", {qid: i for i, qid in enumerate(by_id)})

    def questionnaire(self, qn_id: str) -> Questionnaire | None:
        """Return the questionnaire with ``qn_id``, or None."""
        return next((q for q in self.questionnaires if q.id == qn_id), None)

    def question(self, qid: str) -> Question | None:
        """Return the question with ``qid``, or None."""
        return self.by_id.get(qid)

    def workstream(self, ws_id: str | None) -> Workstream | None:
        """Return the workstream with ``ws_id``, or None."""
        return next((w for w in self.workstreams if w.id == ws_id), None)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every question of every questionnaire, profile first."""
        return tuple(self.by_id.values())


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


@dataclass(frozen=True, slots=True)
class Score:
    """A weighted score (0-100, None when nothing is scored) with its coverage."""

    score: float | None
    applicable: int
    answered: int
    unknown: int = 0
    na: int = 0

    @property
    def coverage(self) -> float:
        """Return the share (0-100) of applicable controls with a definite answer."""
        return 100.0 if not self.applicable else 100.0 * self.answered / self.applicable


@dataclass(frozen=True, slots=True)
class Gap:
    """An applicable control scoring below 1, ranked by severity then weighted shortfall.

    One gap is one fact: ``also`` holds the controls of other instruments that ask the same
    fact (``same_as``) and were answered under this one; they are counted, listed and cited
    with it, never as gaps of their own.
    """

    question: Question
    answer: Answer | None
    score: float
    rank: int = 0
    also: tuple[Question, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every control this gap stands for: its own, then those sharing the fact."""
        return (self.question, *self.also)

    @property
    def shortfall(self) -> float:
        """Return weight x (1 - score), the tie-breaker within a severity."""
        return max(q.weight for q in self.questions) * (1.0 - self.score)

    @property
    def severity(self) -> Severity:
        """Return the severity that ranks this gap: the assessor's override, else the bank's.

        A fact several instruments ask takes the most severe of their controls' severities.
        """
        override = self.answer.severity if self.answer is not None else None
        if override is not None:
            return override.level
        return min((q.severity for q in self.questions), key=lambda s: s.rank)

    @property
    def bank_severity(self) -> Severity:
        """Return the severity the banks give the fact (the most severe of its controls)."""
        return min((q.severity for q in self.questions), key=lambda s: s.rank)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything scoring decides: scores at each level, applicability, and ranked gaps."""

    overall: Score
    by_questionnaire: dict[str, Score]
    by_section: dict[str, Score]
    by_principle: dict[int, Score]
    applicable: dict[str, bool]
    question_scores: dict[str, float]
    gaps: tuple[Gap, ...]
    rating: str
    band: str = ""  # the band of the score alone, before any cap
    capped_by: Severity | None = None  # the severity of the open gaps that capped the rating
    capping: tuple[Gap, ...] = ()  # those gaps (ranked), which hold the rating down
    # questions applying only because a fact is unknown -> the facts that would settle them
    unsettled: dict[str, tuple[str, ...]] = field(default_factory=dict)
