"""Reading an answers file's data: every block checked against the catalog, every problem kept.

The data comes parsed (:func:`assessor.files.parse_yaml`, with each key's line); this module
turns it into :class:`~assessor.model.record.Answers`, naming the file, line and question of each
mistake, and saying when a bank's new version is the likely cause. :mod:`assessor.record.answers`
loads a file through it, and refuses to write what it would refuse.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from assessor.banks.reader import Reader, kind_of
from assessor.banks.scope import engaged, scope_of
from assessor.bilingual import LANGS
from assessor.errors import Problem
from assessor.loader import LineDict
from assessor.model.catalog import Catalog, Question, QuestionType
from assessor.model.record import ANSWERS_FORMAT, NA, Answer, Answers, Assessment, Organisation
from assessor.record.blocks import (
    ASSESSMENT_KEYS,
    iso_date,
    read_actions,
    read_assessment_extras,
    read_evidence_refs,
    read_evidence_register,
    read_milestones,
    read_said,
    read_severity,
)
from assessor.record.conflicts import read_conflicts
from assessor.record.inventory import read_inventory, read_ownership
from assessor.record.shared import derive, followers
from assessor.record.typed import iso
from assessor.record.values import needs_note, parse_value

TOP_KEYS = frozenset({"format", "organisation", "assessment", "versions", "answers", "evidence",
                      "actions", "inventory", "milestones"})
ANSWER_KEYS = frozenset({"answer", "note", "evidence", "out_of_scope", "finding", "severity",
                         "flag", "by", "at", "internal", "conflict", "carried"})
MAX_SUGGESTIONS = 50  # "did you mean" only while a file has fewer problems than this


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

    A fact asked once is given to every control that shares it (see :func:`second_answers`).

    Returns:
        The answers, the ids of those reported as wrong, and the second answers not used
        (with their lines).
    """
    second = second_answers(catalog, block)
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


def second_answers(catalog: Catalog, block: LineDict) -> dict[str, tuple[Any, int | None]]:
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


def unanswered(catalog: Catalog, answers: Mapping[str, Answer]) -> list[Question]:
    """Return the applicable questions still without an answer, in order: what check requires.

    A question in scope only because a profile fact is unknown may wait for that fact.
    """
    applies, unsettled = scope_of(catalog, answers)
    return [q for q in catalog.questions
            if applies[q.id] and q.id not in answers and q.id not in unsettled]
