"""Answers files: load and validate against the catalog, one value check for file and prompt, save."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from assessor.errors import InvalidFile, Problem, display_path
from assessor.files import LineDict, atomic_write, decode, parse_yaml, read_bytes
from assessor.model import (
    ALTERNATE,
    ANSWERS_FORMAT,
    LANGS,
    NA,
    SPECIAL_VALUES,
    UNKNOWN,
    Answer,
    Answers,
    Assessment,
    Catalog,
    Organisation,
    Question,
    QuestionType,
)
from assessor.reader import Reader, kind_of
from assessor.scope import applicability

TOP_KEYS = frozenset({"format", "organisation", "assessment", "versions", "answers"})
ANSWER_KEYS = frozenset({"answer", "note", "evidence", "out_of_scope"})
MAX_NOTE = 10_000


def parse_value(question: Question, raw: Any) -> str | float | tuple[str, ...]:
    """Turn a raw value (from a file or a prompt) into an answer value for ``question``.

    Raises:
        ValueError: the value does not fit the question; the message says what would.
    """
    if isinstance(raw, str) and raw.strip().lower() in SPECIAL_VALUES:
        special = raw.strip().lower()
        if special == ALTERNATE and not question.alternate:
            raise ValueError("'alternate' is not allowed here: the law sets no other means")
        return special
    if isinstance(raw, bool):
        if question.option("yes") and question.option("no"):
            return "yes" if raw else "no"
        raise ValueError(f"expected {expected(question)}, not {str(raw).lower()}")
    qtype = question.type
    if qtype in (QuestionType.YESNO, QuestionType.SINGLE, QuestionType.SCALE):
        return option_id(question, raw)
    if qtype is QuestionType.MULTI:
        items = raw if isinstance(raw, list | tuple) else [raw]
        chosen = tuple(option_id(question, item) for item in items)
        if len(set(chosen)) != len(chosen):
            raise ValueError("an option is chosen twice")
        return chosen
    if qtype is QuestionType.NUMBER:
        return number(question, raw)
    if isinstance(raw, list | dict):
        raise ValueError(f"expected text, not {kind_of(raw)}")
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    if len(text) > MAX_NOTE:
        raise ValueError(f"text longer than {MAX_NOTE} characters")
    return text


def check_value(question: Question, raw: Any) -> str | None:
    """Return why ``raw`` does not fit ``question``, or None: one check for files and prompts."""
    try:
        parse_value(question, raw)
    except ValueError as exc:
        return str(exc)
    return None


def expected(question: Question) -> str:
    """Describe the values a question takes."""
    if question.options:
        return "one of " + ", ".join(o.id for o in question.options)
    return "a number" if question.type is QuestionType.NUMBER else "text"


def option_id(question: Question, raw: Any) -> str:
    """Return ``raw`` if it names an option of ``question``."""
    if isinstance(raw, bool) and question.option("yes"):
        return "yes" if raw else "no"
    if not isinstance(raw, str):
        raise ValueError(f"expected {expected(question)}, not {kind_of(raw)}")
    value = raw.strip()
    if question.option(value) is None:
        close = difflib.get_close_matches(value, [o.id for o in question.options], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(f"'{value}' is not an option{hint}; choose {expected(question)}")
    return value


def number(question: Question, raw: Any) -> float:
    """Return ``raw`` as a finite number within the question's range."""
    if isinstance(raw, str):
        try:
            raw = float(raw.strip().replace(",", "").replace("_", ""))
        except ValueError:
            raise ValueError(f"expected a number, not '{raw.strip()}'") from None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise ValueError(f"expected a number, not {kind_of(raw)}")
    value = float(raw)
    if question.minimum is not None and value < question.minimum:
        raise ValueError(f"must be at least {question.minimum:g}")
    if question.maximum is not None and value > question.maximum:
        raise ValueError(f"must be at most {question.maximum:g}")
    return value


def needs_note(value: Any) -> bool:
    """Return whether a value must come with a note: a reason (na) or a justification."""
    return value in (NA, ALTERNATE)


def load(path: Path, catalog: Catalog, *, allow_incomplete: bool = False) -> Answers:
    """Load and validate an answers file, reporting every problem in one go.

    Raises:
        InvalidFile: the file is unreadable or any answer is wrong or missing.
    """
    shown = display_path(path)
    data = read_bytes(path)
    raw = parse_yaml(decode(data, shown), shown)
    reader = Reader(shown)
    answers = read_answers(raw, reader, catalog, allow_incomplete=allow_incomplete)
    if reader.problems or answers is None:
        raise InvalidFile(reader.problems)
    return Answers(answers.organisation, answers.assessment, answers.answers, answers.versions,
                   shown, hashlib.sha256(data).hexdigest())


def read_answers(raw: Any, reader: Reader, catalog: Catalog, *,
                 allow_incomplete: bool) -> Answers | None:
    """Validate parsed answers data; every problem goes to ``reader``."""
    top = reader.mapping(raw, "an answers file")
    if top is None:
        return None
    reader.unknown_keys(top, TOP_KEYS, "the answers file")
    fmt = reader.string(top, "format", required=False)
    if fmt is not None and fmt != ANSWERS_FORMAT:
        reader.add(f"format '{fmt}' is not supported (expected {ANSWERS_FORMAT})",
                   top.line_of("format"))
    organisation = read_organisation(top, reader)
    assessment = read_assessment(top, reader)
    versions = {str(k): str(v) for k, v in (reader.mapping(
        top["versions"], "'versions'", top.line_of("versions")) or {}).items()} \
        if "versions" in top else {}
    block = reader.mapping(top.get("answers", LineDict()), "'answers'", top.line_of("answers"))
    answers: dict[str, Answer] = {}
    reported = len(reader.problems)
    given: set[str] = set()
    for qid, value in (block or {}).items():
        answer = read_answer(qid, value, block.line_of(qid) if block else None, reader, catalog)
        if answer is not None:
            answers[qid] = answer
        elif len(reader.problems) > reported:
            given.add(qid)  # already reported as wrong: not "missing" as well
        reported = len(reader.problems)
    if not allow_incomplete:
        applies = applicability(catalog, answers)
        line = top.line_of("answers")
        for question in catalog.questions:
            if applies[question.id] and question.id not in answers and question.id not in given:
                reader.add("no answer, but the question applies (answer it, or run with "
                           "--allow-incomplete)", line, question.id)
    return Answers(organisation, assessment, answers, versions)


def read_organisation(top: LineDict, reader: Reader) -> Organisation:
    """Read the ``organisation`` block; a name is required."""
    block = reader.mapping(top.get("organisation"), "'organisation'", top.line_of("organisation"))
    if block is None:
        return Organisation("?")
    reader.unknown_keys(block, frozenset({"name", "sector"}), "'organisation'")
    return Organisation(reader.string(block, "name") or "?",
                        reader.string(block, "sector", required=False))


def read_assessment(top: LineDict, reader: Reader) -> Assessment:
    """Read the ``assessment`` block: consultant, firm, date (ISO) and report language."""
    if "assessment" not in top:
        return Assessment()
    block = reader.mapping(top["assessment"], "'assessment'", top.line_of("assessment"))
    if block is None:
        return Assessment()
    reader.unknown_keys(block, frozenset({"consultant", "firm", "date", "lang"}), "'assessment'")
    date = reader.string(block, "date", required=False)
    if date is not None:
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            reader.add(f"date '{date}' must be written YYYY-MM-DD", block.line_of("date"))
            date = None
    lang = reader.string(block, "lang", required=False, default="en") or "en"
    if lang not in LANGS:
        reader.add(f"lang must be en or zh, not '{lang}'", block.line_of("lang"))
        lang = "en"
    return Assessment(reader.string(block, "consultant", required=False), date, lang,
                      reader.string(block, "firm", required=False))


def read_answer(qid: str, raw: Any, line: int | None, reader: Reader,
                catalog: Catalog) -> Answer | None:
    """Read one answer (a bare value, or a mapping with answer, note and evidence)."""
    question = catalog.question(qid)
    if question is None:
        close = difflib.get_close_matches(qid, list(catalog.by_id), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        reader.add(f"unknown question{hint}", line, qid)
        return None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    value = raw
    if isinstance(raw, LineDict):
        reader.unknown_keys(raw, ANSWER_KEYS, "an answer", qid)
        value = raw.get("answer")
        note = reader.string(raw, "note", qid, required=False)
        evidence = read_evidence(raw, reader, qid)
    if value is None:
        return None
    try:
        parsed = parse_value(question, value)
    except ValueError as exc:
        reader.add(str(exc), line, qid)
        return None
    if needs_note(parsed) and not (note and note.strip()):
        what = "a reason" if parsed == NA else "the justification of the alternative measure"
        reader.add(f"'{parsed}' needs a note giving {what}", line, qid)
    return Answer(qid, parsed, note.strip() if note else None, evidence, line)


def read_evidence(raw: LineDict, reader: Reader, qid: str) -> tuple[str, ...]:
    """Read evidence references: a list of document names (one string is accepted)."""
    value = raw.get("evidence")
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v) for v in value)
    reader.add("evidence must be a list of document names", raw.line_of("evidence"), qid)
    return ()


def to_data(answers: Answers, catalog: Catalog | None = None,
            out_of_scope: Iterable[str] = ()) -> dict[str, Any]:
    """Return the plain data of an answers file, in catalog order when a catalog is given."""
    order = catalog.order if catalog else {}
    hidden = set(out_of_scope)
    body: dict[str, Any] = {}
    for qid in sorted(answers.answers, key=lambda q: (order.get(q, len(order)), q)):
        answer = answers.answers[qid]
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if answer.note or answer.evidence or qid in hidden:
            entry: dict[str, Any] = {"answer": value}
            if answer.note:
                entry["note"] = answer.note
            if answer.evidence:
                entry["evidence"] = list(answer.evidence)
            if qid in hidden:
                entry["out_of_scope"] = True
            body[qid] = entry
        else:
            body[qid] = value
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "organisation": {
        k: v for k, v in (("name", answers.organisation.name),
                          ("sector", answers.organisation.sector)) if v}}
    data["assessment"] = {k: v for k, v in (
        ("consultant", answers.assessment.consultant), ("firm", answers.assessment.firm),
        ("date", answers.assessment.date), ("lang", answers.assessment.lang)) if v}
    if answers.versions or catalog:
        data["versions"] = dict(answers.versions) if not catalog else {
            q.id: q.version for q in catalog.questionnaires}
    data["answers"] = body
    return data


def dump(answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = ()) -> str:
    """Return the YAML text of an answers file."""
    return yaml.safe_dump(to_data(answers, catalog, out_of_scope), sort_keys=False,
                          allow_unicode=True, width=100)


def save(path: Path, answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = ()) -> None:
    """Write an answers file atomically."""
    atomic_write(path, dump(answers, catalog, out_of_scope))


def template(catalog: Catalog, questionnaire_ids: Iterable[str] = ()) -> str:
    """Return an answers file to fill in: every question, its options and condition as comments."""
    wanted = set(questionnaire_ids)
    lines = [f"format: {ANSWERS_FORMAT}", "organisation:", "  name: ", "  sector: ",
             "assessment:", "  consultant: ", "  date: ", "  lang: en", "answers:"]
    for questionnaire in catalog.questionnaires:
        if wanted and questionnaire.id not in wanted and questionnaire.kind != "profile":
            continue
        lines.append(f"  # ---- {questionnaire.title.en} ({questionnaire.id} "
                     f"{questionnaire.version}) ----")
        for question in questionnaire.questions:
            lines.append(f"  # {question.text.en}")
            if question.options:
                choices = " | ".join(o.id for o in question.options)
                lines.append(f"  #   {question.type}: {choices}")
            elif question.type is QuestionType.NUMBER:
                unit = f" ({question.unit.en})" if question.unit else ""
                lines.append(f"  #   number{unit}")
            if question.applies_if:
                lines.append(f"  #   applies if: {question.applies_if}")
            extras = "na (with note), unknown" + (", alternate (with note)"
                                                    if question.alternate else "")
            lines.append(f"  #   also: {extras}")
            lines.append(f"  {question.id}: ")
    return "\n".join(lines) + "\n"


def unanswered(catalog: Catalog, answers: Mapping[str, Answer]) -> list[Question]:
    """Return the applicable questions still without an answer, in order."""
    applies = applicability(catalog, answers)
    return [q for q in catalog.questions if applies[q.id] and q.id not in answers]


__all__ = ["UNKNOWN", "check_value", "dump", "load", "parse_value", "save", "template",
           "unanswered"]
