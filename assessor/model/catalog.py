"""What the banks hold: questions and their types, questionnaires, instruments, the catalog.

Read from the YAML banks by :mod:`assessor.banks.catalog`; everything else only reads these
values. A question's type is matched exhaustively wherever code branches on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NewType, assert_never

from assessor import citation
from assessor.bilingual import Lang, Text

QuestionId = NewType("QuestionId", str)


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
        return RANKS[self]


RANKS = {severity: rank for rank, severity in enumerate(Severity)}  # gaps sort by it, often


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
        """Return the option with ``option_id``, or None (a loop: called for every answer shown)."""
        for option in self.options:
            if option.id == option_id:
                return option
        return None


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
    listed: dict[str, Article] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        listed: dict[str, Article] = {}
        for item in self.articles:  # the first of a number, as a search in order finds it
            listed.setdefault(item.article, item)
        object.__setattr__(self, "listed", listed)  # every citation printed looks one up

    def article(self, number: str) -> Article | None:
        """Return the listed article for a cited number ("23(3)" finds "23", "6" finds "5-9").

        A paragraph listed on its own ("30 ¶1", where its penalty differs) is found first.
        """
        base = article_base(number)
        exact = self.listed.get(" ".join(number.split())) or self.listed.get(base)
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

    @cached_property
    def limits(self) -> dict[tuple[str, str], tuple[tuple[str, Text | None], ...]]:
        """Return the conditions a bank and its section put on their questions, with scope words.

        Keyed by (questionnaire id, section id), the first of each as :meth:`questionnaire`
        finds it. Scope reads them for every question each time it is computed, so they are
        gathered once per catalog.
        """
        out: dict[tuple[str, str], tuple[tuple[str, Text | None], ...]] = {}
        seen: set[str] = set()
        for questionnaire in self.questionnaires:
            if questionnaire.id in seen:
                continue
            seen.add(questionnaire.id)
            bank = questionnaire.applies_if
            for section in questionnaire.sections:
                found: tuple[tuple[str, Text | None], ...] = \
                    ((bank, questionnaire.scope),) if bank else ()
                if section.applies_if:
                    found += ((section.applies_if, section.scope),)
                out.setdefault((questionnaire.id, section.id), found)
        return out
