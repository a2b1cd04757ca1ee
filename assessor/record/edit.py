"""Edits without YAML by hand: one answer's texts, the summary, an action, an evidence item.

What the interview can set, a command can set too (``assessor set``, ``assessor evidence
set``), for colleagues who will not edit YAML. Every edit is a typed request applied to the
file under its lock and written through :func:`assessor.record.answers.save`, the one checked
write: a value the file would refuse is refused here, with nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from assessor import clock
from assessor.errors import AssessorError, display_path
from assessor.model.catalog import Catalog, Question, Severity
from assessor.model.record import (
    ACTION_STATUSES,
    EVIDENCE_STATUSES,
    Action,
    Answer,
    Answers,
    EvidenceItem,
    SeverityOverride,
)
from assessor.model.said import CJK, Said, said
from assessor.record import answers as answers_file
from assessor.record.answer_cells import label_table
from assessor.record.conflicts import settled
from assessor.record.evidence import CLAIMED, EVIDENCE_ID
from assessor.record.lock import locked, out_of_scope
from assessor.record.typed import iso, split_labels
from assessor.record.values import parse_value

CLEAR = ""  # a text option given empty clears the field


@dataclass(frozen=True, slots=True)
class AnswerEdit:
    """What ``assessor set FILE QID`` changes; None leaves a field as it is, "" clears it.

    ``lang`` puts a text in that language's version, keeping the other; ``confirm`` says the
    texts carried from the last cycle still hold.
    """

    path: Path
    qid: str
    answer: str | None = None
    note: str | None = None
    finding: str | None = None
    internal: str | None = None
    flag: str | None = None
    severity: str | None = None
    justification: str | None = None
    lang: str | None = None
    by: str | None = None
    confirm: bool = False
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RecordEdit:
    """What ``assessor set FILE`` changes on the record: the summary, or one action."""

    path: Path
    summary: str | None = None
    lang: str | None = None
    confirm_summary: bool = False
    action: str | None = None  # the question id the action tracks
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceEdit:
    """What ``assessor evidence set FILE REF`` changes: an item, or a named document made one."""

    path: Path
    ref: str
    status: str | None = None
    file: str | None = None
    date: str | None = None
    title: str | None = None
    note: str | None = None


def in_lang(old: str | None, new: str, lang: str | None) -> Said | None:
    """Return ``new`` as a consultant's text, in ``lang`` beside the other version of ``old``."""
    if new == CLEAR:
        return None
    if lang is None:
        return said(new)
    before = said(old) if old else None
    en = before.en if before is not None else None
    zh = before.zh if before is not None else None
    return Said(new.strip(), zh) if lang == "en" else Said(en, new.strip())


def edit_answer(edit: AnswerEdit, catalog: Catalog) -> Answer:
    """Apply ``edit`` to its answer and write the file; return the answer as written.

    Raises:
        AssessorError: an unknown question, no answer to annotate, or a value that does not fit.
        InvalidFile: the file as edited would be refused (nothing is written).
    """
    question = catalog.question(edit.qid)
    if question is None:
        raise AssessorError(f"{edit.qid}: not a question of the loaded banks")
    with locked(edit.path, "assessor set"):
        record = answers_file.load(edit.path, catalog, allow_incomplete=True)
        current = record.answers.get(edit.qid)
        if current is not None and current.via is not None:
            raise AssessorError(f"{edit.qid}: its fact is answered under {current.via}; "
                                f"set it there")
        if current is None and edit.answer is None:
            raise AssessorError(f"{display_path(edit.path)}: {edit.qid} has no answer yet: "
                                "give one with --answer")
        before = current or Answer(edit.qid, "unknown")
        changed = with_texts(with_value(before, current, edit, catalog), edit)
        if edit.confirm or any(text is not None for text in (edit.note, edit.finding,
                                                              edit.flag)) \
                or not (changed.note or changed.finding or changed.flag):
            changed = replace(changed, carried=None)  # confirmed or rewritten: no longer stale
        # a new value alone leaves the carried texts to confirm: they are older than it now
        answers = {**record.answers, edit.qid: changed}
        write(edit.path, replace(record, answers=answers), catalog)
    return changed


def with_value(answer: Answer, current: Answer | None, edit: AnswerEdit,
               catalog: Catalog) -> Answer:
    """Return ``answer`` with the value ``edit`` gives (dated; an open conflict settled).

    Raises:
        AssessorError: the value does not fit the question.
    """
    if edit.answer is None:
        return answer
    question = catalog.by_id[edit.qid]
    try:
        value = parse_value(question, by_label(question, edit.answer))
    except ValueError as exc:
        raise AssessorError(f"{edit.qid}: {exc}") from None
    day = (edit.today or clock.today()).isoformat()
    changed = replace(answer, value=value, at=day, by=edit.by or answer.by, line=None)
    if current is not None and current.open_conflicts:
        changed = settled(changed, current)
    return changed


def by_label(question: Question, text: str) -> str:
    """Return ``text`` with the option labels it names (either language) as their ids.

    A colleague types what the reports and workbooks show (``Partly implemented``, ``部分落实``,
    ``二级、三级``), as the workbook's reader takes it; anything else is left to the checks.
    """
    if not question.options:
        return text
    table = label_table(question)
    parts = split_labels(text, lambda part: part.strip().casefold() in table)
    if not any(p.strip().casefold() in table for p in parts):
        return text
    return ", ".join(table.get(p.strip().casefold(), p.strip()) for p in parts)


def with_texts(answer: Answer, edit: AnswerEdit) -> Answer:
    """Return ``answer`` with the note, finding, internal note, flag and severity ``edit`` sets."""
    note, finding, internal = (answer.note if edit.note is None
                               else in_lang(answer.note, edit.note, edit.lang),
                               answer.finding if edit.finding is None
                               else in_lang(answer.finding, edit.finding, edit.lang),
                               answer.internal if edit.internal is None
                               else in_lang(answer.internal, edit.internal, edit.lang))
    flag = answer.flag if edit.flag is None else edit.flag.strip() or None
    return with_severity(replace(answer, note=note, finding=finding, internal=internal,
                                 flag=flag), edit)


def with_severity(answer: Answer, edit: AnswerEdit) -> Answer:
    """Return ``answer`` with the severity override ``edit`` sets (or clears).

    Raises:
        AssessorError: an unknown level, or a level without its justification.
    """
    if edit.severity is None:
        if edit.justification is not None and answer.severity is not None:
            text = in_lang(answer.severity.justification, edit.justification, edit.lang)
            return replace(answer, severity=replace(answer.severity, justification=text or ""))
        return answer
    if edit.severity == CLEAR:
        return replace(answer, severity=None)
    if edit.severity not in tuple(Severity):
        raise AssessorError(f"--severity '{edit.severity}' is not one of "
                            f"{', '.join(Severity)}")
    reason = edit.justification or (answer.severity.justification if answer.severity else None)
    if not reason:
        raise AssessorError(f"{edit.qid}: a severity set by the assessor needs --justification")
    return replace(answer, severity=SeverityOverride(Severity(edit.severity),
                                                     in_lang(None, reason, edit.lang) or reason))


def edit_record(edit: RecordEdit, catalog: Catalog) -> Answers:
    """Apply ``edit`` (summary, action) to the file and write it; return the record written.

    Raises:
        AssessorError: an unknown status or question, or a date that is not one.
        InvalidFile: the file as edited would be refused (nothing is written).
    """
    with locked(edit.path, "assessor set"):
        record = answers_file.load(edit.path, catalog, allow_incomplete=True)
        assessment = record.assessment
        if edit.summary is not None:
            summary = dict(assessment.summary)
            text = edit.summary.strip()
            lang = edit.lang or ("zh" if CJK.search(text) else "en")
            if text:
                summary[lang] = text
            else:
                summary.pop(lang, None)
            assessment = replace(assessment, summary=summary, carried=None)
        if edit.confirm_summary:
            assessment = replace(assessment, carried=None)
        actions = dict(record.actions)
        if edit.action is not None:
            actions[edit.action] = action_of(edit, actions.get(edit.action), catalog)
        written = replace(record, assessment=assessment, actions=actions)
        write(edit.path, written, catalog)
    return written


def action_of(edit: RecordEdit, old: Action | None, catalog: Catalog) -> Action:
    """Return the action ``edit`` describes, over the one tracked before.

    Raises:
        AssessorError: an unknown question, status or date.
    """
    qid = edit.action or ""
    if catalog.question(qid) is None:
        raise AssessorError(f"--action {qid}: not a question of the loaded banks")
    if edit.status is not None and edit.status not in ACTION_STATUSES:
        raise AssessorError(f"--status '{edit.status}' is not one of "
                            f"{', '.join(ACTION_STATUSES)}")
    action = old or Action(qid)
    due = action.due
    if edit.due is not None:
        try:
            due = iso(edit.due) if edit.due else None
        except ValueError as exc:
            raise AssessorError(f"--due: {exc}") from None
    return replace(action, owner=action.owner if edit.owner is None else edit.owner or None,
                   due=due, status=edit.status or action.status,
                   comment=action.comment if edit.comment is None else edit.comment or None,
                   line=None)


NOT_HELD = ("requested", CLAIMED)  # statuses under which the firm holds no copy: no received date


def edit_evidence(edit: EvidenceEdit, catalog: Catalog) -> EvidenceItem:
    """Set an evidence item's status, file, date; a document named in answers becomes an item.

    A reference that is not a register id but a document the client named (``Backup policy``)
    becomes a new item (``E-n``) with that title, and every answer citing the name cites the
    item instead: from then on it is received only when marked so.

    Raises:
        AssessorError: an unknown status, a date that is not one, or a reference neither the
            register nor any answer holds.
        InvalidFile: the file as edited would be refused (nothing is written).
    """
    if edit.status is not None and edit.status not in EVIDENCE_STATUSES:
        raise AssessorError(f"--status '{edit.status}' is not one of "
                            f"{', '.join(EVIDENCE_STATUSES)}")
    try:
        day = iso(edit.date) if edit.date else None
    except ValueError as exc:
        raise AssessorError(f"--date: {exc}") from None
    with locked(edit.path, "assessor evidence set"):
        record = answers_file.load(edit.path, catalog, allow_incomplete=True)
        answers = dict(record.answers)
        item = record.evidence.get(edit.ref) or adopt(edit.ref, answers, record.evidence)
        if item is None:
            raise AssessorError(f"{display_path(edit.path)}: {edit.ref!r} is neither an "
                                "item of the evidence register nor a document an answer names")
        status = edit.status or item.status
        received = None if status in NOT_HELD else item.received
        if status in ("received", "accepted") and (day or not received):
            received = day or received or (record.assessment.date or clock.today().isoformat())
        item = replace(item, status=status, received=received,
                       requested=day if status == "requested" and day else item.requested,
                       file=item.file if edit.file is None else edit.file or None,
                       title=edit.title or item.title,
                       note=item.note if edit.note is None else edit.note or None, line=None)
        evidence = {**record.evidence, item.id: item}
        write(edit.path, replace(record, answers=answers, evidence=evidence), catalog)
    return item


def adopt(name: str, answers: dict[str, Answer],
          register: Mapping[str, EvidenceItem]) -> EvidenceItem | None:
    """Make a document the answers name a register item; re-point ``answers`` to its id.

    The item is ``claimed``, as the name was: the client named it, no one has received it yet.

    Returns None when no answer names ``name`` (or it is written like an id: not a document).
    """
    citing = [q for q, a in answers.items() if a.via is None and name in a.evidence]
    if not citing or EVIDENCE_ID.fullmatch(name):
        return None
    item = EvidenceItem(next_id(register), name, CLAIMED)
    for qid in citing:
        answers[qid] = replace(answers[qid], evidence=tuple(
            item.id if ref == name else ref for ref in answers[qid].evidence))
    return item


def next_id(register: Mapping[str, EvidenceItem]) -> str:
    """Return the next free register id (``E-1``, ``E-2`` ...)."""
    numbers = [int(key[2:]) for key in register if key.startswith("E-") and key[2:].isdigit()]
    return f"E-{max(numbers, default=0) + 1}"


def write(path: Path, record: Answers, catalog: Catalog) -> None:
    """Write the edited record through the one checked save (answers out of scope marked)."""
    answers_file.save(path, record, catalog, out_of_scope(catalog, record.answers))
