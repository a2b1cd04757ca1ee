"""Importer: a workbook read into an answers file, new (``-o``) or updated (``--into``).

``assessor import`` first asks which workbook it was given (:func:`workbook_kind`, from the
hidden marker sheet the tool writes, or the gap register's header row) and hands it to the
reader of that kind (:data:`READERS`): the client workbook, or the gap register
(:mod:`assessor.record.register`, whose tracking columns become ``actions:``). Every answer
read goes through :func:`assessor.record.reading.read_answer`, the check an answers file gets,
so a workbook and a file can never disagree on what is valid. Nothing is written while any
problem remains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assessor import clock
from assessor.banks.reader import Reader
from assessor.banks.scope import applicability, display_value
from assessor.errors import AssessorError, InvalidFile, Problem, display_path
from assessor.files import read_bytes
from assessor.loader import LineDict
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers, Assessment, Organisation
from assessor.record import answers as answers_file
from assessor.record import evidencebook, evidencecolumns, register
from assessor.record.conflicts import as_conflict, value_key
from assessor.record.conflicts import kept as keep
from assessor.record.filled import Filled, Intake
from assessor.record.intake import marker, open_book, read_client
from assessor.record.lock import locked
from assessor.record.reading import read_answer
from assessor.record.values import parse_value
from assessor.record.workbook import KIND
from assessor.targets import check_regular, refuse_existing


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked: the workbook, where the answers go, and how to settle conflicts."""

    workbook: Path
    output: Path | None = None
    into: Path | None = None
    prefer: str | None = None
    force: bool = False
    scope: tuple[str, ...] = ()
    today: dt.date | None = None
    keep_valid: bool = False  # record every valid cell; leave the bad ones unanswered, listed
    rejects: Path | None = None  # with keep_valid: the bad rows as a workbook for the client


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an import did: the file written and how many answers were added, changed or kept."""

    path: Path
    kind: str
    added: int = 0
    changed: int = 0
    kept: int = 0
    settled: int = 0
    skipped: tuple[Problem, ...] = ()  # cells left unanswered (--keep-valid)


def workbook_kind(book: Any) -> str | None:
    """Return the kind a workbook's marker sheet names (``client-workbook``), or None."""
    return marker(book).get("kind") or None


def import_workbook(request: Request, catalog: Catalog) -> Outcome:
    """Read the workbook, dispatch on its kind, and write the answers file.

    Raises:
        AssessorError: an unknown kind of workbook, or a file that would be overwritten.
        InvalidFile: any problem in the workbook, or conflicts left unsettled.
    """
    shown = display_path(request.workbook)
    for target in (request.output, request.into):
        if target is not None:
            check_regular(target)  # never a device or a pipe, even with --force
    if request.output is not None and request.output.exists() and \
            request.output.resolve() == request.workbook.resolve():
        raise AssessorError(f"{display_path(request.output)} is the workbook being imported: "
                            "write the answers to another file (even --force never replaces "
                            "the workbook read)")
    if request.output is not None:
        refuse_existing(request.output, force=request.force, hint=", or --into to update it")
    book = open_book(read_bytes(request.workbook), shown)
    kind = workbook_kind(book) or (register.KIND if register.is_register(book) else None)
    reader = READERS.get(kind or "")
    if reader is None:
        raise AssessorError(f"{shown}: not a workbook this tool reads (import takes the client "
                            "workbook of `assessor template --format xlsx`, the gap register "
                            "of `assessor run --format xlsx` or the evidence request list of "
                            "`assessor evidence -o FILE.xlsx`)")
    return reader(book, shown, catalog, request)


def import_client(book: Any, shown: str, catalog: Catalog, request: Request) -> Outcome:
    """Import a client workbook: validate every answer, then write a new file or update one."""
    intake = read_client(book, shown, catalog)
    imported = validate(intake, catalog, request.today or clock.today())
    skipped = set_aside(intake, imported) if request.keep_valid else []
    if request.into is not None:
        outcome = update(request, intake, imported, catalog)
        return finish(request, outcome, intake, skipped, catalog)
    problems = list(intake.problems)
    name = intake.details.get("organisation") or intake.meta.get("organisation")
    if not name:
        problems.append(Problem(f"{shown}:{intake.detail_at.get('organisation', '')}".rstrip(":"),
                                "the organisation's name is missing: fill it in"))
    if problems:
        raise InvalidFile(problems)
    meta = intake.meta
    assessment = Assessment(meta.get("consultant") or None,
                            meta.get("date") or intake.details.get("answered_on")
                            or (request.today or clock.today()).isoformat(),
                            meta.get("answers_lang") or intake.lang, meta.get("firm") or None,
                            request.scope or intake.scope)
    answers = Answers(Organisation(str(name), sector_id(catalog, intake.details.get("sector"))),
                      assessment, imported, inventory=intake.inventory)
    assert request.output is not None  # noqa: S101 - the command requires -o or --into
    save(request.output, answers, catalog)
    return finish(request, Outcome(request.output, KIND, added=len(imported)), intake, skipped,
                  catalog, answers)


def set_aside(intake: Intake, imported: dict[str, Answer]) -> list[Problem]:
    """Take the problems of single cells out of ``intake``, and their answers out of ``imported``.

    What stays in ``intake.problems`` still stops the import: a missing sheet, an organisation
    that is not the file's. Every cell set aside is returned, to be listed.
    """
    cell = [p for p in intake.problems if p.qid or "!" in p.path]
    intake.problems = [p for p in intake.problems if not (p.qid or "!" in p.path)]
    for problem in cell:
        if problem.qid:
            imported.pop(problem.qid, None)
    return cell


def finish(request: Request, outcome: Outcome, intake: Intake, skipped: list[Problem],
           catalog: Catalog, base: Answers | None = None) -> Outcome:
    """Record what was set aside, and write the rows to correct as a workbook when asked."""
    if request.rejects is not None and skipped:
        if base is None:
            base = answers_file.load(outcome.path, catalog, allow_incomplete=True)
        write_rejects(request.rejects, intake, skipped, catalog, base)
    return replace(outcome, skipped=tuple(skipped))


def write_rejects(path: Path, intake: Intake, skipped: list[Problem], catalog: Catalog,
                  base: Answers) -> None:
    """Write a workbook of just the rows to correct, each with what the client typed and why."""
    from assessor.record.workbook import Plan, Returned, write_workbook
    from assessor.targets import atomic_write

    problems: dict[str, list[str]] = {}
    for problem in skipped:
        if problem.qid in intake.cells:
            problems.setdefault(problem.qid, []).append(problem.message)
    returned = {qid: Returned(cells.typed, cells.note, "; ".join(cells.evidence) or None,
                              " ".join(problems[qid]))
                for qid, cells in intake.cells.items() if qid in problems}
    sheets = tuple((qn, questions) for qn in catalog.questionnaires
                   if (questions := tuple(q for q in qn.questions if q.id in returned)))
    chosen = Plan(intake.lang, sheets, intake.scope, base, intake.details.get("respondent"),
                  returned=returned)
    atomic_write(path, write_workbook(catalog, chosen))


def validate(intake: Intake, catalog: Catalog, today: dt.date) -> dict[str, Answer]:
    """Check every answer read with the answers file's own check; problems go to ``intake``.

    Each cell gets a pseudo line number so the reader's problems can be given back their cell.
    """
    reader = Reader(intake.shown)
    places: list[str] = [""]
    by = intake.details.get("respondent")
    at = intake.details.get("answered_on") or today.isoformat()
    found: dict[str, Answer] = {}
    for qid, cells in intake.cells.items():
        if cells.value is None:
            continue
        raw = LineDict({"answer": list(cells.value) if isinstance(cells.value, tuple)
                        else cells.value, "at": at})
        lines = {}
        for key, where in (("answer", cells.answer_at), ("note", cells.note_at),
                           ("evidence", cells.evidence_at)):
            places.append(where)
            lines[key] = len(places) - 1
        if cells.note:
            raw["note"] = cells.note
        if cells.evidence:
            raw["evidence"] = list(cells.evidence)
        if by:
            raw["by"] = by
        raw.line = lines["answer"]
        raw.key_lines = lines
        answer = read_answer(qid, raw, lines["answer"], reader, catalog)
        if answer is not None:
            found[qid] = authored(replace(answer, line=None), intake.filled.get(qid), catalog)
    for problem in reader.problems:
        where = places[problem.line] if problem.line else ""
        intake.add(where or None, problem.message, problem.qid)
    return found


def authored(answer: Answer, filled: Filled | None, catalog: Catalog) -> Answer:
    """Return ``answer`` attributed truly: a pre-filled answer left unchanged keeps its author.

    The respondent is named only on answers the workbook gave or changed; one sent pre-filled
    (the consultant's profile, last cycle's answer) keeps who gave it and when.
    """
    if filled is None:
        return answer
    try:
        before = parse_value(catalog.by_id[answer.qid], filled.value)
    except (ValueError, KeyError):
        return answer
    if value_key(before) != value_key(answer.value):
        return answer
    return replace(answer, by=filled.by, at=filled.at)


def update(request: Request, intake: Intake, imported: dict[str, Answer],
           catalog: Catalog) -> Outcome:
    """Add the workbook's answers to an answers file; a differing answer is a conflict."""
    assert request.into is not None  # noqa: S101 - only called for --into
    with locked(request.into, "assessor import"):  # an interview saving meanwhile loses nothing
        return update_locked(request, intake, imported, catalog, request.into)


def sector_id(catalog: Catalog, sector: str | None) -> str | None:
    """Return a sector written as an option's label (either language) as the option's id."""
    question = catalog.question("profile.sector")
    if not sector or question is None:
        return sector
    return next((o.id for o in question.options
                 if sector.strip().casefold() in (o.id, o.label.en.casefold(), o.label.zh)), sector)


def update_locked(request: Request, intake: Intake, imported: dict[str, Answer],
                  catalog: Catalog, into: Path) -> Outcome:
    """Read, combine and write the answers file; the caller holds its lock."""
    base = answers_file.load(into, catalog, allow_incomplete=True)
    problems = list(intake.problems)
    problems += wrong_organisation(intake, base)
    merged, conflicts, counts = combine(base, imported, request.prefer, intake, catalog)
    problems += conflicts
    if problems:
        raise InvalidFile(problems)
    scope = request.scope or (tuple(dict.fromkeys((*base.assessment.scope, *intake.scope)))
                              if base.assessment.scope else ())
    inventory = base.inventory
    if intake.inventory is not None:  # the sheets replace the registers, translations kept
        from assessor.record.registersheets import keep_translations

        inventory = keep_translations(intake.inventory, base.inventory, intake.lang)
        if base.inventory is not None:  # what the sheets do not hold stays as the file has it
            inventory = replace(inventory, penalties=base.inventory.penalties, **{
                key: getattr(base.inventory, key) for key in ("counts", "business",
                                                              "security_body", "self_assessment")
                if getattr(inventory, key) is None})
    result = replace(base, answers=merged, assessment=replace(base.assessment, scope=scope),
                     inventory=inventory)
    save(into, result, catalog)
    added, changed, kept, settled = counts
    return Outcome(into, KIND, added, changed, kept, settled)


def wrong_organisation(intake: Intake, base: Answers) -> list[Problem]:
    """Refuse a workbook that is not shown to be for ``base``'s organisation.

    The rule: a workbook read into a file must name that file's organisation, in its details
    cell (Instructions!C4) or in the hidden marker the tool wrote when it made the workbook
    from an answers file; one that names another, or none at all, is refused. Clearing the
    yellow cell no longer lets another organisation's answers in (review defect 7).
    """
    names = register.organisation_names(base.organisation.name)
    where = f"{intake.shown}:{intake.detail_at.get('organisation', '')}".rstrip(":")
    claimed = [n for n in (intake.details.get("organisation"), intake.meta.get("organisation"))
               if n]
    if not claimed:
        return [Problem(where, f"the workbook names no organisation: fill in the organisation's "
                               f"name, so it cannot be read into another organisation's file "
                               f"({base.path} is for {base.organisation.name!r})")]
    return [Problem(where, f"the workbook is for {named!r}, {base.path} for "
                           f"{base.organisation.name!r}: import it into that organisation's "
                           "file") for named in dict.fromkeys(claimed)
            if named.casefold() not in names][:1]


def combine(base: Answers, imported: dict[str, Answer], prefer: str | None, intake: Intake,
            catalog: Catalog) -> tuple[dict[str, Answer], list[Problem], tuple[int, ...]]:
    """Return the file's answers with the workbook's added, the conflicts, and the counts.

    An equal answer keeps the file's (adding the workbook's note where the file has none, and
    its evidence); a different one is a conflict unless ``prefer`` names the side that wins.
    """
    merged = dict(base.answers)
    conflicts: list[Problem] = []
    added = changed = kept = settled = 0
    for qid, new in imported.items():
        old = merged.get(qid)
        if old is None:
            merged[qid] = new
            added += 1
            continue
        clash = differs(old, new)
        if clash is None:
            merged[qid] = replace(old, note=old.note or new.note,
                                  evidence=tuple(dict.fromkeys((*old.evidence, *new.evidence))))
            kept += 1
        elif prefer == "workbook":  # the file's answer is kept as the losing one
            merged[qid] = keep(replace(
                old, value=new.value, note=new.note or old.note,
                evidence=tuple(dict.fromkeys((*old.evidence, *new.evidence))),
                by=new.by or old.by, at=new.at), [as_conflict(old, base.path)])
            changed += 1
            settled += 1
        elif prefer == "file":  # the file's answer stands; the client's evidence is added
            merged[qid] = keep(replace(old, evidence=tuple(dict.fromkeys((*old.evidence,
                                                                          *new.evidence)))),
                               [as_conflict(new, intake.shown)])
            kept += 1
            settled += 1
        else:
            conflicts.append(conflict(qid, old, new, clash, base, intake, catalog))
    return merged, conflicts, (added, changed, kept, settled)


def differs(old: Answer, new: Answer) -> str | None:
    """Return what differs between two answers to one question ("answer", "note"), or None."""
    if old.value != new.value:
        return "answer"
    if old.note and new.note and old.note.strip() != new.note.strip():
        return "note"
    return None


def conflict(qid: str, old: Answer, new: Answer, clash: str, base: Answers, intake: Intake,
             catalog: Catalog) -> Problem:
    """Describe one conflict with both values and both places."""
    question = catalog.by_id[qid]
    cells = intake.cells[qid]
    there = f"{base.path}:{old.line}" if old.line else base.path
    if clash == "answer":
        ours = display_value(question, new, intake.lang)
        theirs = display_value(question, old, intake.lang)
        where = cells.answer_at
    else:
        ours, theirs, where = short(new.note), short(old.note), cells.note_at
        if ours == theirs:  # alike as far as shown: say where and how they differ
            same = next((i for i, (a, b) in enumerate(zip(new.note or "", old.note or "",
                                                          strict=False)) if a != b),
                        min(len(new.note or ""), len(old.note or "")))
            ours += f" ({len(new.note or ''):,} characters)"
            theirs += f" ({len(old.note or ''):,} characters, differing from character "
            theirs += f"{same + 1:,})"
    return Problem(f"{intake.shown}:{where}", f"the workbook's {clash} is {ours!r}, {there} "
                   f"has {theirs!r} (settle it with --prefer workbook or --prefer file)", None,
                   qid)


def short(text: str | None, limit: int = 60) -> str:
    """Return ``text`` cut to ``limit`` characters for a message."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def save(path: Path, answers: Answers, catalog: Catalog) -> None:
    """Write the answers file; answers to questions that no longer apply are marked."""
    applies = applicability(catalog, answers.answers)
    hidden = [qid for qid in answers.answers if not applies.get(qid, True)]
    answers_file.save(path, answers, catalog, hidden)


def import_register(book: Any, shown: str, catalog: Catalog, request: Request) -> Outcome:
    """Import a gap register: its Owner, Due date, Status and Comments go into ``actions:``."""
    if request.into is None:
        raise AssessorError(f"{shown} is a gap register: read it into the assessment's answers "
                            "file with --into ANSWERS")
    added, changed, kept = register.import_register(book, shown, catalog, request.into)
    return Outcome(request.into, register.KIND, added, changed, kept)


def import_evidence_list(book: Any, shown: str, catalog: Catalog, request: Request) -> Outcome:
    """Import an evidence request list: the client's replies go onto the evidence register."""
    if request.into is None:
        raise AssessorError(f"{shown} is an evidence request list: read it into the "
                            "assessment's answers file with --into ANSWERS")
    added, changed, kept = evidencebook.import_list(book, shown, catalog, request.into)
    return Outcome(request.into, evidencecolumns.KIND, added, changed, kept)


Importer = Callable[[Any, str, Catalog, Request], Outcome]
READERS: dict[str, Importer] = {KIND: import_client, register.KIND: import_register,
                                evidencecolumns.KIND: import_evidence_list}
