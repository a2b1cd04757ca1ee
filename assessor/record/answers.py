"""Answers files: load and validate against the catalog; one value check for file and prompt."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import json
import math
import re
import shutil
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, assert_never

import yaml

from assessor.banks.reader import Reader, kind_of
from assessor.banks.scope import engaged, scope_of
from assessor.errors import InvalidFile, Problem, display_path
from assessor.files import (
    MAX_FILE_BYTES,
    LineDict,
    atomic_write,
    decode,
    parse_yaml,
    read_bytes,
)
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
    Seal,
    SignOff,
    Status,
)
from assessor.record import seal
from assessor.record.blocks import (
    ASSESSMENT_KEYS,
    assessment_data,
    block_data,
    iso_date,
    read_actions,
    read_assessment_extras,
    read_evidence_refs,
    read_evidence_register,
    read_milestones,
    read_said,
    read_severity,
    said_data,
)
from assessor.record.conflicts import conflict_data, read_conflicts
from assessor.record.inventory import (
    inventory_data,
    ownership_data,
    read_inventory,
    read_ownership,
)
from assessor.record.shared import derive, followers
from assessor.record.template import template
from assessor.record.typed import chinese_number, iso, period, split_choices

TOP_KEYS = frozenset({"format", "organisation", "assessment", "versions", "answers", "evidence",
                      "actions", "inventory", "milestones"})
ANSWER_KEYS = frozenset({"answer", "note", "evidence", "out_of_scope", "finding", "severity",
                         "flag", "by", "at", "internal", "conflict", "carried"})
MAX_NOTE = 10_000
# libyaml's emitter writes the same text as PyYAML's, 30 times faster: the interview saves the
# whole file after every answer, so this is most of the time between two questions.
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_SUGGESTIONS = 50  # "did you mean" only while a file has fewer problems than this


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
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
            return option_id(question, raw)
        case QuestionType.MULTI:
            return option_ids(question, raw)
        case QuestionType.NUMBER:
            return number(question, raw)
        case QuestionType.TEXT:
            return text_value(raw)
        case _:
            assert_never(question.type)


def option_ids(question: Question, raw: Any) -> tuple[str, ...]:
    """Return the option ids of a multiple-choice answer (one id alone is accepted)."""
    if isinstance(raw, str):  # "a, b", "查阅、复制": the choices as a client types them
        raw = split_choices(raw) or [raw]
    items = raw if isinstance(raw, list | tuple) else [raw]
    chosen = tuple(option_id(question, item) for item in items)
    if len(set(chosen)) != len(chosen):
        raise ValueError("an option is chosen twice")
    return chosen


def text_value(raw: Any) -> str:
    """Return a free-text answer, within the length limit."""
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
    match question.type:
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.MULTI | QuestionType.SCALE:
            return "one of " + ", ".join(o.id for o in question.options)
        case QuestionType.NUMBER:
            return "a number"
        case QuestionType.TEXT:
            return "text"
        case _:
            assert_never(question.type)


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
        text = raw.strip()
        raw = period(text, question.unit)  # "6 months", "3年", "三年": the unit checked
        if raw is None:
            raw = chinese_number(text)
        if raw is None:
            raw = number_with_unit(text, question)
        if not math.isfinite(raw):
            raise ValueError(f"expected a finite number, not '{text}'")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("numbers must be finite")
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"expected a number, not {kind_of(raw)}")
    value = float(raw)
    if question.minimum is not None and value < question.minimum:
        raise ValueError(f"must be at least {question.minimum:g}")
    if question.maximum is not None and value > question.maximum:
        raise ValueError(f"must be at most {question.maximum:g}")
    return value


MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "千": 1e3, "万": 1e4, "萬": 1e4, "十万": 1e5,
               "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "百万": 1e6,
               "千万": 1e7, "亿": 1e8, "億": 1e8, "b": 1e9, "bn": 1e9, "billion": 1e9,
               "%": 1.0}
SPOKEN = re.compile(r"(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?P<unit>[^\d\s]*)",
                    re.IGNORECASE)
RANGE = re.compile(r"\d\s*[^\d\s.]*\s*(?:-|–|—|~|～|to|至|到|或)\s*\d", re.IGNORECASE)


def spoken_number(text: str) -> float:
    """Return a number written as people say it: "8 million", "8m", "8,000,000", "800万", "1.2亿".

    Raises:
        ValueError: not a number, or a range (the question wants one estimate).
    """
    shown = text.strip()
    plain = unicodedata.normalize("NFKC", shown).replace(",", "").replace("_", "")
    plain = re.sub(r"(?<=\d)[\s'’](?=\d{3}\b)", "", plain).strip()
    if RANGE.search(plain):
        raise ValueError(f"'{shown}' is a range: give one estimate (the middle, or the figure "
                         "the client is surest of)")
    found = SPOKEN.fullmatch(plain)
    unit = found.group("unit").lower() if found else ""
    if found is None or unit not in MULTIPLIERS and unit:
        raise ValueError(f"expected a number, not '{shown}'")
    return float(found.group("number")) * MULTIPLIERS.get(unit, 1.0)


def number_with_unit(text: str, question: Question) -> float:
    """Return a number written as spoken, perhaps with the question's own unit ("300万人").

    Raises:
        ValueError: not a number (the message quotes the text as typed).
    """
    try:
        return spoken_number(text)
    except ValueError:
        for name in (question.unit.en, question.unit.zh) if question.unit else ():
            if name and text.lower().endswith(name.lower()) and len(text) > len(name):
                with contextlib.suppress(ValueError):
                    return spoken_number(text[: -len(name)])
        raise


def needs_note(value: Any) -> bool:
    """Return whether a value must come with a note: a reason (na) or a justification."""
    return value in (NA, ALTERNATE)


def load(path: Path, catalog: Catalog, *, allow_incomplete: bool = False,
         scope: Sequence[str] | None = None) -> Answers:
    """Load and validate an answers file, reporting every problem in one go.

    ``scope`` replaces the file's ``assessment.scope`` (``run --scope``; empty: every bank).

    Raises:
        InvalidFile: the file is unreadable or any answer is wrong or missing.
    """
    shown = display_path(path)
    data = read_bytes(path)
    raw = parse_yaml(decode(data, shown), shown, question_at)
    reader = Reader(shown)
    answers = read_answers(raw, reader, catalog, allow_incomplete=allow_incomplete, scope=scope)
    if reader.problems or answers is None:
        raise InvalidFile(reader.problems)
    return settle(replace(answers, path=shown, sha256=hashlib.sha256(data).hexdigest()),
                  catalog, scope)


def settle(answers: Answers, catalog: Catalog, scope: Sequence[str] | None) -> Answers:
    """Apply ``run --scope`` and decide whether the file reads as final.

    A file is final only when its sign-off holds (:func:`seal_of`) for the record as read and
    for the report about to be rendered from it; anything else reads as a draft.
    """
    verdict = seal_of(answers, catalog, scope)
    assessment = answers.assessment
    if scope is not None:
        assessment = replace(assessment, scope=tuple(scope))
    if assessment.status is Status.FINAL and not (verdict and verdict.holds):
        assessment = replace(assessment, status=Status.DRAFT)
    return replace(answers, assessment=assessment, seal=verdict)


def seal_of(answers: Answers, catalog: Catalog, scope: Sequence[str] | None = None
            ) -> Seal | None:
    """Say whether the file's sign-off holds, and if not why; None for a file never signed.

    It holds when the digest matches the record as read (so nothing the report prints changed),
    a key signature, if any, matches it, and the report would be rendered as signed: for the
    banks the sign-off covers (``run --scope`` or a bank added to the catalog give a draft),
    their versions, and every applicable question answered.
    """
    sign = answers.assessment.signed_off
    if sign is None:
        return None
    who = f"{sign.by}{f' ({sign.role})' if sign.role else ''} on {sign.on}"
    if not sign.digest:
        return Seal(False, f"the sign-off by {who} has no digest: it was not recorded by "
                           "`assessor sign-off`, or its digest was removed", "no_digest")
    if seal.LEGACY.fullmatch(sign.digest):
        return Seal(False, f"the sign-off by {who} was recorded by an earlier release, whose "
                           "digest covered the answers alone: sign off again", "legacy")
    if sign.digest != record_digest(answers):
        return Seal(False, f"the record changed after the sign-off by {who}", "changed")
    if sign.signature and shutil.which("ssh-keygen") and \
            not seal.check_signature(sign.digest, sign.signature).good:
        return Seal(False, f"the key signature of the sign-off by {who} does not match "
                           "the record", "signature")
    return rendered_as_signed(answers, catalog, scope, sign)


def rendered_as_signed(answers: Answers, catalog: Catalog, scope: Sequence[str] | None,
                       sign: SignOff) -> Seal:
    """Say whether a report rendered now covers what was signed: banks, versions, completeness."""
    banks = engaged(catalog, answers.assessment.scope if scope is None else scope)
    covered = [q.id for q in banks.questionnaires]
    if sorted(covered) != sorted(sign.covers):
        return Seal(False, f"the report would cover {', '.join(covered) or 'no questionnaire'}; "
                           f"the sign-off covers {', '.join(sign.covers) or 'none'}", "scope")
    for bank in banks.questionnaires:
        if answers.versions.get(bank.id) != bank.version:
            return Seal(False, f"the {bank.id} questionnaire is now version {bank.version}; the "
                               f"sign-off is for {answers.versions.get(bank.id) or 'no version'}"
                               " (migrate the file and sign off again)", "version")
    missing = unanswered(banks, answers.answers)
    if missing:
        many = len(missing) != 1
        return Seal(False, f"{len(missing)} applicable question{'s are' if many else ' is'} "
                           f"unanswered (first: {missing[0].id})", "incomplete")
    role = f" ({sign.role})" if sign.role else ""
    return Seal(True, f"signed off by {sign.by}{role} on {sign.on}, covering "
                      f"{', '.join(covered)}")


def question_at(data: Any, line: int) -> str | None:
    """Return the id of the answer (or action) written on ``line``, or None elsewhere.

    A value the reader refuses (``.nan``, a number of 5,000 digits) is found by its line; this
    names the question it answers, as every message about an answer does.
    """
    if not isinstance(data, LineDict):
        return None
    starts = sorted(data.key_lines.values())
    for key in ("answers", "actions"):
        block = data.get(key)
        first = data.key_lines.get(key)
        if not isinstance(block, LineDict) or first is None or line < first:
            continue
        end = next((start for start in starts if start > first), None)
        if end is not None and line >= end:
            continue
        before = [(start, qid) for qid, start in block.key_lines.items() if start <= line]
        return max(before)[1] if before else None
    return None


def read_answers(raw: Any, reader: Reader, catalog: Catalog, *,
                 allow_incomplete: bool, scope: Sequence[str] | None = None) -> Answers | None:
    """Validate parsed answers data; every problem goes to ``reader``.

    ``scope`` (``run --scope``) decides which questions must be answered; the answers returned
    keep the file's own scope, which :func:`settle` replaces once the sign-off is checked.
    """
    top = reader.mapping(raw, "an answers file")
    if top is None:
        return None
    if "sections" in top and "answers" not in top:
        reader.add("this is a questionnaire file, not an answers file (check it with "
                   "`assessor lint`)", top.line)
        return None
    reader.unknown_keys(top, TOP_KEYS, "the answers file")
    fmt = reader.string(top, "format", required=False)
    if fmt is not None and fmt != ANSWERS_FORMAT:
        reader.add(f"format '{fmt}' is not supported (expected {ANSWERS_FORMAT})",
                   top.line_of("format"))
    organisation = read_organisation(top, reader)
    assessment = read_assessment(top, reader,
                                 frozenset(q.id for q in catalog.questionnaires))
    versions = read_versions(top, reader)
    evidence = read_evidence_register(top, reader)
    if "answers" not in top:
        reader.add("'answers' is missing", top.line)
    block = reader.mapping(top.get("answers", LineDict()), "'answers'", top.line_of("answers"))
    answers, given, unused = read_block(block or LineDict(), reader, catalog, versions)
    if not allow_incomplete and block:
        report_missing(engaged(catalog, assessment.scope if scope is None else scope), answers,
                       given, versions, reader, top.line_of("answers"))
    actions = read_actions(top, reader, frozenset(catalog.by_id))
    milestones = read_milestones(top, reader)
    return Answers(organisation, assessment, answers, versions, evidence=evidence,
                   actions=actions, superseded=unused, inventory=read_inventory(top, reader),
                   milestones=milestones)


def read_block(block: LineDict, reader: Reader, catalog: Catalog, versions: Mapping[str, str],
               ) -> tuple[dict[str, Answer], set[str], dict[str, int | None]]:
    """Read the ``answers`` block.

    A fact asked once is given to every control that shares it (see :func:`seconds`).

    Returns:
        The answers, the ids of those reported as wrong, and the second answers not used
        (with their lines).
    """
    second = seconds(catalog, block)
    answers: dict[str, Answer] = {}
    reported = len(reader.problems)
    given: set[str] = set()
    for qid, value in block.items():
        if qid in second:
            continue
        answer = read_answer(qid, value, block.line_of(qid), reader, catalog, versions,
                             typed=block.typed(qid))
        if answer is not None:
            answers[qid] = answer
        elif len(reader.problems) > reported:
            given.add(renamed_to(catalog, qid) or qid)  # reported as wrong: not "missing" too
        reported = len(reader.problems)
    answers = derive(catalog, answers)
    for qid in [q for q in second if q not in answers]:  # its fact's control does not apply
        found = read_answer(qid, second[qid][0], second[qid][1], reader, catalog, versions)
        if found is not None:
            answers[qid] = found
    unused = {q: line for q, (_, line) in second.items()
              if (answer := answers.get(q)) is not None and answer.via is not None}
    return answers, given, unused


def seconds(catalog: Catalog, block: LineDict) -> dict[str, tuple[Any, int | None]]:
    """Return the answers a file gives to controls whose fact it also answers elsewhere.

    Files written before a bank declared two controls one fact hold both answers; the one
    under the control the fact is asked under counts (see :mod:`assessor.record.shared`), so
    the other is read only if that control turns out not to apply.
    """
    out: dict[str, tuple[Any, int | None]] = {}
    for question in followers(catalog):
        if question.id in block and question.same_as in block:
            out[question.id] = (block[question.id], block.line_of(question.id))
    return out


def report_missing(catalog: Catalog, answers: Mapping[str, Answer], given: set[str],
                   versions: Mapping[str, str], reader: Reader, line: int | None) -> None:
    """Report each applicable question without an answer (or with one already reported)."""
    for question in unanswered(catalog, answers):
        if question.id not in given:
            change = bank_change(question.id, versions, catalog)
            new = (f"; it may be new since {change[0]} {change[1]}, the bank is now {change[2]}"
                   if change else "")
            reader.problems.append(Problem(
                reader.path, f"no answer, but the question applies (answer it, or run with "
                f"--allow-incomplete{new})", line, question.id,
                unanswered=gap_label(catalog, question, change)))


def gap_label(catalog: Catalog, question: Question,
              change: tuple[str, str, str] | None) -> str:
    """Name what an unanswered question is counted under: its instrument (or bank's title)."""
    bank = catalog.questionnaire(question.questionnaire)
    label = (bank.instrument or bank.title.en) if bank else question.questionnaire
    if change:
        label += f" (changed since {change[0]} {change[1]}, now {change[2]}: some may be new)"
    return label


def read_versions(top: LineDict, reader: Reader) -> dict[str, str]:
    """Read ``versions: {questionnaire id: version}``, the banks the answers were given against."""
    if "versions" not in top:
        return {}
    block = reader.mapping(top["versions"], "'versions'", top.line_of("versions"))
    versions: dict[str, str] = {}
    for qn_id, version in (block or {}).items():
        if isinstance(version, bool) or not isinstance(version, str | int | float):
            reader.add(f"the version of '{qn_id}' must be text such as \"2026.1\", not "
                       f"{kind_of(version)}", block.line_of(qn_id) if block else None)
        else:
            versions[qn_id] = str(version)
    return versions


def bank_change(qid: str, versions: Mapping[str, str],
                catalog: Catalog) -> tuple[str, str, str] | None:
    """Return (bank, version answered against, version now) if ``qid``'s bank changed since.

    The file's ``versions`` name the bank each answer was given against; when the loaded bank
    has another version, an answer that no longer fits is most likely the bank's doing.
    """
    bank_id = qid.split(".", 1)[0]
    answered = versions.get(bank_id)
    bank = catalog.questionnaire(bank_id)
    if answered is None or bank is None or answered == bank.version:
        return None
    return bank_id, answered, bank.version


def stale_note(qid: str, versions: Mapping[str, str], catalog: Catalog) -> str | None:
    """Say that ``qid``'s bank changed since the file was answered, or None if it did not."""
    change = bank_change(qid, versions, catalog)
    if change is None:
        return None
    return (f"answered against {change[0]} {change[1]}; the bank is now {change[2]}: "
            "run `assessor migrate`")


def renamed_to(catalog: Catalog, qid: str) -> str | None:
    """Return the current id of a question its bank lists under ``renamed``, or None."""
    bank = catalog.questionnaire(qid.split(".", 1)[0])
    return next((new for old, new in bank.renamed if old == qid), None) if bank else None


def unknown_question(qid: str, versions: Mapping[str, str], catalog: Catalog, *,
                     suggest: bool = True) -> str:
    """Explain an answer to a question the catalog does not have: renamed, removed or a typo.

    ``suggest`` looks for a close id, which costs about a millisecond: the caller stops asking
    once a file holds many problems, so a file of a million wrong ids cannot take an hour.
    """
    stale = stale_note(qid, versions, catalog)
    bank_id = qid.split(".", 1)[0]
    new = renamed_to(catalog, qid)
    if new is not None:
        return f"renamed to '{new}' " + (f"({stale})" if stale else
                                         "(run `assessor migrate` to carry the answer over)")
    if stale:
        return f"no longer in {bank_id} ({stale})"
    if bank_id in versions and catalog.questionnaire(bank_id) is None:
        return (f"unknown question: questionnaire '{bank_id}' (answered against version "
                f"{versions[bank_id]}) is not loaded; add its folder with --questionnaires DIR")
    if not suggest:
        return "unknown question"
    close = difflib.get_close_matches(qid, list(catalog.by_id), n=1)
    return "unknown question" + (f" (did you mean '{close[0]}'?)" if close else "")


def read_organisation(top: LineDict, reader: Reader) -> Organisation:
    """Read the ``organisation`` block; a name is required."""
    if "organisation" not in top:
        reader.add("'organisation' is missing (give at least its name)", top.line)
        return Organisation("?")
    block = reader.mapping(top.get("organisation"), "'organisation'", top.line_of("organisation"))
    if block is None:
        return Organisation("?")
    reader.unknown_keys(block, frozenset({"name", "sector", "ownership"}), "'organisation'")
    if "name" not in block:
        reader.add("'name' is missing", block.line)
    name = read_said(reader, block, "name")
    if "name" in block and not name:
        reader.add("the organisation's name is empty: give the name the report is for",
                   block.line_of("name"))
    return Organisation(name or "?", read_said(reader, block, "sector"),
                        read_ownership(block, reader))


def read_assessment(top: LineDict, reader: Reader,
                    known_banks: frozenset[str] = frozenset()) -> Assessment:
    """Read the ``assessment`` block: consultant, firm, date, language and engagement state."""
    if "assessment" not in top:
        return Assessment()
    block = reader.mapping(top["assessment"], "'assessment'", top.line_of("assessment"))
    if block is None:
        return Assessment()
    reader.unknown_keys(block, ASSESSMENT_KEYS, "'assessment'")
    date = reader.string(block, "date", required=False)
    if date is not None:
        try:
            date = iso(date)
        except ValueError:
            reader.add(f"date '{date}' must be written YYYY-MM-DD", block.line_of("date"))
            date = None
    lang = reader.string(block, "lang", required=False, default="en") or "en"
    if lang not in LANGS:
        reader.add(f"lang must be en or zh, not '{lang}'", block.line_of("lang"))
        lang = "en"
    return read_assessment_extras(block, reader, known_banks, Assessment(
        reader.string(block, "consultant", required=False), date, lang,
        read_said(reader, block, "firm")))


def read_answer(qid: str, raw: Any, line: int | None, reader: Reader, catalog: Catalog,
                versions: Mapping[str, str] | None = None,
                typed: str | None = None) -> Answer | None:
    """Read one answer (a bare value, or a mapping with answer, note and evidence).

    ``versions`` (questionnaire id -> version answered against) lets a message say when an
    answer stopped fitting because its bank changed.
    """
    versions = versions or {}
    question = catalog.question(qid)
    if question is None:
        reader.add(unknown_question(qid, versions, catalog,
                                    suggest=len(reader.problems) < MAX_SUGGESTIONS), line, qid)
        return None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    extras: dict[str, Any] = {}
    value = raw
    if isinstance(raw, LineDict):
        reader.unknown_keys(raw, ANSWER_KEYS, "an answer", qid)
        value = raw.get("answer")
        typed = raw.typed("answer")
        note = read_said(reader, raw, "note", qid)
        evidence = read_evidence_refs(raw, reader, qid)
        extras = read_answer_extras(raw, reader, qid)
        conflict = read_conflicts(raw, reader, qid, lambda v: parse_value(question, v),
                                  lambda item, key: iso_date(reader, item, key, qid))
        if conflict:
            extras["conflict"] = conflict
        reader.flag(raw, "out_of_scope", qid)  # written by the tool: true, or left out
    if question.type is QuestionType.TEXT and typed is not None:
        value = typed  # a text answer keeps what was typed: 007, 1.10, 12:30:00
    if value is None:
        return None
    try:
        parsed = parse_value(question, value)
    except ValueError as exc:
        stale = stale_note(qid, versions, catalog)
        reader.add(f"{exc} ({stale})" if stale else str(exc), line, qid)
        return None
    if needs_note(parsed) and not note:
        what = "a reason" if parsed == NA else "the justification of the alternative measure"
        reader.add(f"'{parsed}' needs a note giving {what}", line, qid)
    return Answer(qid, parsed, note, evidence, line, **extras)


def read_answer_extras(raw: LineDict, reader: Reader, qid: str) -> dict[str, Any]:
    """Read an answer's optional keys: finding, severity override, flag, respondent and date."""
    extras: dict[str, Any] = {}
    for key in ("flag", "by"):
        text = reader.string(raw, key, qid, required=False)
        if text is not None and text.strip():
            extras[key] = text.strip()
    for key in ("finding", "internal"):
        if (words := read_said(reader, raw, key, qid)) is not None:
            extras[key] = words
    if "flag" in raw and raw["flag"] is True:  # `flag: yes` with no reason yet
        extras["flag"] = "to be confirmed"
    for key in ("at", "carried"):
        day = iso_date(reader, raw, key, qid)
        if day:
            extras[key] = day
    severity = read_severity(raw, reader, qid)
    if severity:
        extras["severity"] = severity
    return extras


def record_data(answers: Answers, catalog: Catalog | None = None,
                out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None
                ) -> dict[str, Any]:
    """Return the plain data of an answers file, in catalog order when a catalog is given.

    With a catalog the file records its bank versions: those the answers were given against are
    kept (``answers.versions``, and ``kept`` for a continued interview) and a bank answered for
    the first time gets its current version. Only ``migrate`` moves a file to newer versions.
    """
    order = catalog.order if catalog else {}
    hidden = set(out_of_scope)
    body: dict[str, Any] = {}
    for qid in sorted(answers.answers, key=lambda q: (order.get(q, len(order)), q)):
        if answers.answers[qid].via in answers.answers:  # answered under another: once
            continue
        body[qid] = answer_data(answers.answers[qid], qid in hidden)
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "organisation": {
        k: said_data(v) for k, v in (("name", answers.organisation.name),
                                     ("sector", answers.organisation.sector)) if v}}
    if answers.organisation.ownership:
        data["organisation"]["ownership"] = ownership_data(answers.organisation.ownership)
    data["assessment"] = assessment_data(answers.assessment)
    if answers.versions or catalog:
        data["versions"] = written_versions(answers, catalog, kept)
    blocks = block_data(answers)
    if "evidence" in blocks:
        data["evidence"] = blocks["evidence"]
    data["answers"] = body
    if "actions" in blocks:
        data["actions"] = blocks["actions"]
    if answers.inventory:
        data["inventory"] = inventory_data(answers.inventory)
    if "milestones" in blocks:
        data["milestones"] = blocks["milestones"]
    return data


def written_versions(answers: Answers, catalog: Catalog | None,
                     kept: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the bank versions a file records: those it was answered against, else current."""
    versions = {q.id: q.version for q in catalog.questionnaires} if catalog else {}
    versions.update(answers.versions)
    versions.update(kept or {})
    return versions


def to_data(answers: Answers, catalog: Catalog | None = None,
            out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None
            ) -> dict[str, Any]:
    """Return the plain data to write (see :func:`record_data`), final only if still sealed.

    A final file whose record, as about to be written, no longer matches its sign-off's digest
    is written as a draft: every writer keeps the promise that nothing unsigned reads final.
    """
    data = record_data(answers, catalog, out_of_scope, kept)
    sign = answers.assessment.signed_off
    if answers.assessment.status is Status.FINAL and (  # out_of_scope marks are derived
            sign is None or sign.digest != seal.digest_of(record_data(answers, catalog, (),
                                                                      kept))):
        data["assessment"]["status"] = str(Status.DRAFT)
    return data


def record_digest(answers: Answers) -> str:
    """Return the seal's digest of the record as the file holds it (:mod:`assessor.record.seal`)."""
    return seal.digest_of(record_data(answers))


def changed_since_sign_off(answers: Answers) -> bool:
    """Return whether a signed-off file's sign-off no longer holds (False without one)."""
    return answers.seal is not None and not answers.seal.holds


def plain_value(value: Any) -> Any:
    """Return an answer value as written: a list for several options, 12 rather than 12.0."""
    value = list(value) if isinstance(value, tuple) else value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def answer_data(answer: Answer, hidden: bool = False) -> Any:
    """Return one answer as written: the bare value, or a mapping when it carries more."""
    entry: dict[str, Any] = {"answer": plain_value(answer.value)}
    for key in ("note", "finding", "flag"):
        if getattr(answer, key):
            entry[key] = said_data(getattr(answer, key))
    if answer.severity:
        entry["severity"] = {"level": str(answer.severity.level),
                             "justification": said_data(answer.severity.justification)}
    if answer.evidence:
        entry["evidence"] = list(answer.evidence)
    for key in ("by", "at", "carried"):
        if getattr(answer, key):
            entry[key] = getattr(answer, key)
    if answer.internal:
        entry["internal"] = said_data(answer.internal)
    if answer.conflict:
        entry["conflict"] = conflict_data(answer.conflict, plain_value)
    if hidden:
        entry["out_of_scope"] = True
    return entry if len(entry) > 1 else entry["answer"]


def dump(answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None, *,
         as_json: bool = False) -> str:
    """Return the YAML (or JSON) text of an answers file (``kept``: see :func:`to_data`)."""
    data = to_data(answers, catalog, out_of_scope, kept)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)


def writes_json(path: Path) -> bool:
    """Return whether an answers file at ``path`` is written as JSON: named .json, or JSON now.

    An integrator's JSON file stays JSON when the tool rewrites it (sign-off, import --into,
    the interview), so ``json.load`` keeps reading it.
    """
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    except OSError:
        return False


def save(path: Path, answers: Answers, catalog: Catalog | None = None,
         out_of_scope: Iterable[str] = ()) -> None:
    """Write an answers file atomically, as JSON if it is one (:func:`writes_json`).

    Raises:
        InvalidFile: the file would be refused when read (:func:`checked_text`): not written.
    """
    atomic_write(path, checked_text(path, answers, catalog, out_of_scope))


def checked_text(path: Path, answers: Answers, catalog: Catalog | None = None,
                 out_of_scope: Iterable[str] = (), kept: Mapping[str, str] | None = None) -> str:
    """Return the text of the answers file to write at ``path``, read back first.

    Every writer (import, merge, sign-off, the interview, set-commands) goes through here, so
    no command writes a file that every command then refuses: the text is read with the
    reader's own limits (file size, text length, nesting) and checks before it is written.

    Raises:
        InvalidFile: what the reader would refuse, each problem with its question.
    """
    text = dump(answers, catalog, out_of_scope, kept, as_json=writes_json(path))
    refuse_unreadable(text, path, catalog)
    return text


def refuse_unreadable(text: str, path: Path, catalog: Catalog | None) -> None:
    """Refuse to write ``text`` to ``path`` if the reader would refuse it (see checked_text).

    Raises:
        InvalidFile: each problem the reader would find, with its question.
    """
    shown = display_path(path)
    size = len(text.encode("utf-8"))
    refused: list[Problem] = []
    if size > MAX_FILE_BYTES:
        refused.append(Problem(shown, f"the file would be {size:,} bytes; the limit is "
                                      f"{MAX_FILE_BYTES:,}"))
    else:
        try:
            raw = parse_yaml(text, shown, question_at)
        except InvalidFile as exc:
            refused += exc.problems
        else:
            reader = Reader(shown)
            if catalog is not None:
                read_answers(raw, reader, catalog, allow_incomplete=True)
            refused += reader.problems
    if refused:
        raise InvalidFile([Problem(shown, f"not written, since every command would then refuse "
                                          f"the file: {p.message}", None, p.qid)
                           for p in refused])


def unanswered(catalog: Catalog, answers: Mapping[str, Answer]) -> list[Question]:
    """Return the applicable questions still without an answer, in order: what check requires.

    A question in scope only because a profile fact is unknown may wait for that fact.
    """
    applies, unsettled = scope_of(catalog, answers)
    return [q for q in catalog.questions
            if applies[q.id] and q.id not in answers and q.id not in unsettled]


__all__ = ["UNKNOWN", "check_value", "dump", "load", "parse_value", "save", "template",
           "unanswered"]
