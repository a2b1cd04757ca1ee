"""Merge: several respondents' answers files of one organisation made into one record.

The union of the answers: a question answered alike in several files keeps one answer with the
notes and evidence of all; answered differently, it is a conflict. :class:`Prefer` settles it,
per question (``QID=FILE``) before the rule for all (``newest``: the answer with the latest
date; or a file's name: that file wins), or leaves it open: the lead file's answer stands,
flagged, with the others kept under ``conflict`` until the consultant settles it. A settled
conflict keeps the losing answers in the record too: nothing a respondent said is dropped.
Without a rule for it, every conflict is reported in one run and nothing is written.

Before comparing, an answer a file gives under a control that shares its fact with another
(``same_as``) is carried to that control when the merged scope holds it (see
:func:`assessor.record.shared.carry`): HR's PIPL-only answer is the CSL fact's answer too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assessor import clock
from assessor.banks.scope import display_value
from assessor.errors import InvalidFile, Problem, display_path
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers
from assessor.record.conflicts import OPEN_FLAG, as_conflict, kept, value_key
from assessor.record.inventory_data import inventory_data
from assessor.record.shared import carry, derive
from assessor.registers import Inventory

NEWEST = "newest"


@dataclass(frozen=True, slots=True)
class Prefer:
    """How conflicts are settled: a rule for all (``newest`` or a file), choices per question.

    ``questions`` maps a question id to the file whose answer wins there; ``leave_open`` keeps
    what no rule settles as an open conflict instead of refusing.
    """

    rule: str | None = None
    questions: Mapping[str, str] = field(default_factory=dict)
    leave_open: bool = False


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged record and what happened: answers combined, conflicts settled or left open."""

    answers: Answers
    combined: int = 0
    settled: int = 0
    left_open: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()


def merge(files: Sequence[Answers], catalog: Catalog,
          prefer: Prefer | str | None = None) -> Merged:
    """Return the union of ``files`` (at least one), the first file's details leading.

    Raises:
        InvalidFile: the files are of different organisations, or answers conflict and
            ``prefer`` neither settles them nor leaves them open.
    """
    prefer = prefer if isinstance(prefer, Prefer) else Prefer(prefer)
    first = files[0]
    problems = [Problem(f.path, f"organisation {f.organisation.name!r} differs from "
                                f"{first.path}'s {first.organisation.name!r}: merge the files "
                                "of one organisation only")
                for f in files[1:]
                if f.organisation.name.strip().casefold()
                != first.organisation.name.strip().casefold()]
    if problems:
        raise InvalidFile(problems)
    scopes = [f.assessment.scope for f in files]
    scope = () if not all(scopes) else tuple(dict.fromkeys(b for s in scopes for b in s))
    given: dict[str, list[tuple[Answers, Answer]]] = {}
    moved: list[str] = []
    for record in files:
        own, carried = carry(catalog, record.answers, scope)
        moved += carried
        for qid, answer in own.items():
            if answer.via is None:
                given.setdefault(qid, []).append((record, answer))
    problems += ahead_of_today(given, prefer)  # refused before a date to come wins
    answers: dict[str, Answer] = {}
    combined = settled = 0
    left_open: list[str] = []
    rule = chosen_files(files, prefer.rule)
    for qid in sorted(given, key=lambda q: (catalog.order.get(q, len(catalog.order)), q)):
        entries = given[qid]
        values = {value_key(a.value) for _, a in entries}
        if len(values) == 1:
            one, found = alike(qid, entries, pick(qid, entries, prefer, files, rule))
            answers.update({qid: one} if one is not None else {})
            problems += found
            combined += len(entries) > 1
            continue
        winner = pick(qid, entries, prefer, files, rule)
        if winner is not None:
            answers[qid] = losing_kept(winner, entries)
            settled += 1
        elif prefer.leave_open:
            answers[qid] = left(entries)
            left_open.append(qid)
        else:
            problems += conflicts(qid, entries, catalog)
    evidence = register(files, "evidence", "evidence item", prefer.rule, rule, problems)
    actions = register(files, "actions", "action", prefer.rule, rule, problems)
    inventory = registers(files, rule, problems)
    milestones = dates(files, rule, problems)
    if problems:
        raise InvalidFile(problems)
    record = replace(first, answers=derive(catalog, answers), evidence=evidence, actions=actions,
                     inventory=inventory, milestones=milestones, versions=answered_against(files),
                     assessment=replace(first.assessment, scope=scope), path="", sha256="")
    return Merged(record, combined, settled, tuple(left_open), tuple(dict.fromkeys(moved)))


def alike(qid: str, entries: Sequence[tuple[Answers, Answer]], winner: Answer | None,
          ) -> tuple[Answer | None, list[Problem]]:
    """Return one answer from answers alike in value, or the conflict of their severities.

    The assessors may rate the same answer's gap differently: the override sets the rating
    cap and the roadmap, so differing ones are settled like answers (``winner``, the answer the
    rule picks), never dropped (review defect 9).
    """
    one = combine([a for _, a in entries])
    if len({a.severity for _, a in entries if a.severity}) <= 1:
        return one, []
    if winner is None:
        return None, severity_conflicts(qid, entries)
    return replace(one, severity=winner.severity), []


def ahead_of_today(given: Mapping[str, Sequence[tuple[Answers, Answer]]],
                   prefer: Prefer) -> list[Problem]:
    """Return a problem for each differing answer dated after today that ``newest`` would order.

    A client's "Date answered" typed a year ahead would otherwise win every ``--prefer
    newest`` (security review, observations); the file's own assessment date may lie ahead
    (a cycle planned), so only the answer's ``at`` is checked.
    """
    today = clock.today().isoformat()
    return [Problem(f.path, f"answered {a.at}, after today ({today}): --prefer newest cannot "
                            f"order by a date to come (correct the date, or settle it with "
                            f"--prefer {qid}=FILE)", a.line, qid)
            for qid, entries in given.items()
            if (prefer.questions.get(qid) or prefer.rule) == NEWEST
            and len({value_key(a.value) for _, a in entries}) > 1
            for f, a in entries if a.at and a.at > today]


def pick(qid: str, entries: Sequence[tuple[Answers, Answer]], prefer: Prefer,
         files: Sequence[Answers], rule: set[str]) -> Answer | None:
    """Return the answer the rule for ``qid`` (its own, else the rule for all) picks, or None."""
    wanted = prefer.questions.get(qid)
    if wanted is None:
        return settle(entries, prefer.rule, rule)
    return settle(entries, wanted, set() if wanted == NEWEST else chosen_files(files, wanted))


def answered_against(files: Sequence[Answers]) -> dict[str, str]:
    """Return the bank versions the files were answered against (the first file's lead).

    The merged file keeps them rather than the banks' current versions: only ``migrate``
    moves a record to new versions (review defect 23).
    """
    versions: dict[str, str] = {}
    for record in files:
        for bank, version in record.versions.items():
            versions.setdefault(bank, version)
    return versions


def chosen_files(files: Sequence[Answers], wanted: str | None) -> set[str]:
    """Return the shown path of the file ``wanted`` names (none for ``newest`` or no rule)."""
    if wanted in (None, NEWEST):
        return set()
    return {f.path for f in files if same_file(f.path, str(wanted))}


def losing_kept(winner: Answer, entries: Sequence[tuple[Answers, Answer]]) -> Answer:
    """Return the winning answer with every other answer given kept as a settled conflict."""
    same = [a for _, a in entries if value_key(a.value) == value_key(winner.value)]
    base = combine(same) if len(same) > 1 else winner
    others = [as_conflict(a, f.path) for f, a in entries
              if value_key(a.value) != value_key(winner.value)]
    previous = [c for _, a in entries for c in a.conflict]
    return kept(replace(base, conflict=()), [*previous, *others])


def left(entries: Sequence[tuple[Answers, Answer]]) -> Answer:
    """Return the lead file's answer, flagged, with the differing answers kept as open conflicts."""
    lead = entries[0][1]
    same = [a for _, a in entries if value_key(a.value) == value_key(lead.value)]
    base = combine(same)
    others = [as_conflict(a, f.path, is_open=True) for f, a in entries
              if value_key(a.value) != value_key(lead.value)]
    previous = [c for _, a in entries for c in a.conflict]
    return kept(replace(base, conflict=(), flag=base.flag or OPEN_FLAG), [*previous, *others])


def dates(files: Sequence[Answers], chosen: set[str], problems: list[Problem],
          ) -> dict[str, str]:
    """Return the union of the files' ``milestones``; one date given two ways is a conflict.

    ``--prefer FILE`` settles it, as for an answer; nothing is dropped without a word.
    """
    merged: dict[str, str] = {}
    for kind in dict.fromkeys(k for f in files for k in f.milestones):
        held = {f.milestones[kind]: f for f in files if kind in f.milestones}
        preferred = [f for f in files if f.path in chosen and kind in f.milestones]
        if len(held) == 1:
            merged[kind] = next(iter(held))
        elif preferred:
            merged[kind] = preferred[0].milestones[kind]
        else:
            names = ", ".join(f"{f.path} ({date})" for date, f in held.items())
            problems.append(Problem(files[0].path, f"milestones.{kind} differs between "
                                                   f"{names}: keep one with --prefer FILE"))
    return merged


def registers(files: Sequence[Answers], chosen: set[str], problems: list[Problem],
              ) -> Inventory | None:
    """Return the one ``inventory:`` the files hold; two that differ are a conflict.

    The registers are kept whole rather than merged entry by entry: a transfer names items and
    recipients, so half of one file's registers beside half of another's would not hold.
    """
    held = [f for f in files if f.inventory is not None]
    texts = {json.dumps(inventory_data(f.inventory), sort_keys=True, ensure_ascii=False): f
             for f in held if f.inventory is not None}
    if len(texts) <= 1:
        return held[0].inventory if held else None
    preferred = [f for f in held if f.path in chosen]
    if preferred:
        return preferred[0].inventory
    names = ", ".join(f.path for f in texts.values())
    problems.append(Problem(held[0].path, f"the inventory registers differ between {names}: "
                                          "keep one with --prefer FILE"))
    return None


def register(files: Sequence[Answers], block: str, what: str, prefer: str | None,
             chosen: set[str], problems: list[Problem]) -> dict[str, Any]:
    """Return the union of one keyed block (the evidence register, the actions) of ``files``.

    An item given differently in two files is a conflict, like an answer; ``--prefer FILE``
    takes that file's, ``--prefer newest`` the later file's on the command line.
    """
    found: dict[str, tuple[Answers, Any]] = {}
    for record in files:
        for key, item in getattr(record, block).items():
            if key not in found:
                found[key] = (record, item)
                continue
            first_file, first = found[key]
            if replace(first, line=None) == replace(item, line=None):
                continue
            if record.path in chosen:
                found[key] = (record, item)
            elif prefer == NEWEST and first_file.path not in chosen:
                ours, theirs = item_date(record, item), item_date(first_file, first)
                if ours and theirs and ours != theirs:  # dates on the items, else the files'
                    found[key] = (record, item) if ours > theirs else (first_file, first)
                    continue
                where = f"{first_file.path}:{first.line}" if first.line else first_file.path
                problems.append(Problem(record.path, f"{what} {key!r} differs from {where}'s "
                                                     "and neither is dated later (settle it "
                                                     "with --prefer FILE)", item.line))
            elif first_file.path not in chosen:
                where = f"{first_file.path}:{first.line}" if first.line else first_file.path
                problems.append(Problem(record.path, f"{what} {key!r} differs from {where}'s "
                                                     "(settle it with --prefer newest or "
                                                     "--prefer FILE)", item.line))
    return {key: item for key, (_, item) in found.items()}


def item_date(record: Answers, item: Any) -> str | None:
    """Return when a register item or action was last known: its own date, else its file's.

    An evidence item carries the dates it was requested and received; an action carries none
    of its own, so the file's assessment date stands for it. ``--prefer newest`` compares these,
    never the order the files were named in (review defect 10).
    """
    own = [d for d in (getattr(item, "received", None), getattr(item, "requested", None)) if d]
    return max(own) if own else record.assessment.date


def severity_conflicts(qid: str, entries: Sequence[tuple[Answers, Answer]]) -> list[Problem]:
    """Describe differing severity overrides of one answer, with files and lines."""
    first_file, first = entries[0]
    where = f"{first_file.path}:{first.line}" if first.line else first_file.path

    def shown(answer: Answer) -> str:
        return str(answer.severity.level) if answer.severity else "none"

    return [Problem(record.path, f"severity override {shown(answer)!r} differs from {where}'s "
                                 f"{shown(first)!r} (settle it with --prefer {qid}=FILE, --prefer "
                                 "newest or --prefer FILE)", answer.line, qid)
            for record, answer in entries[1:] if answer.severity != first.severity]


def joined(parts: Sequence[str | None], separator: str) -> str | None:
    """Return the distinct non-empty ``parts`` joined, in order, or None."""
    distinct = list(dict.fromkeys(p.strip() for p in parts if p and p.strip()))
    return separator.join(distinct) if distinct else None


def combine(answers: Sequence[Answer]) -> Answer:
    """Return one answer from equal answers: notes joined, evidence and respondents united."""
    first = answers[0]
    if len(answers) == 1:
        return replace(first, line=None)
    dates = [a.at for a in answers if a.at]
    one = replace(
        first, line=None,
        note=joined([a.note for a in answers], "\n\n"),
        evidence=tuple(dict.fromkeys(e for a in answers for e in a.evidence)),
        finding=joined([a.finding for a in answers], "\n\n"),
        flag=joined([a.flag for a in answers], "; "),
        severity=next((a.severity for a in answers if a.severity), None),
        by=joined([a.by for a in answers], "; "),
        at=max(dates) if dates else None, conflict=())
    return kept(one, [c for a in answers for c in a.conflict])


def settle(entries: Sequence[tuple[Answers, Answer]], prefer: str | None,
           chosen: set[str]) -> Answer | None:
    """Return the answer ``prefer`` picks among differing ones, or None when it cannot.

    ``chosen`` holds the path of the file ``prefer`` names (resolved once, not per answer).
    """
    if prefer is None:
        return None
    if prefer == NEWEST:
        dated = [(a.at or f.assessment.date or "", a) for f, a in entries]
        latest = max(d for d, _ in dated)
        newest = [a for d, a in dated if d == latest]
        if not latest or len({value_key(a.value) for a in newest}) > 1:
            return None
        return combine(newest)
    picked = [a for f, a in entries if f.path in chosen]
    return replace(picked[0], line=None) if picked else None


def same_file(shown: str, wanted: str) -> bool:
    """Return whether a loaded file's shown path names the file ``wanted``."""
    try:
        return Path(shown).resolve() == Path(wanted).resolve()
    except OSError:
        return shown == wanted


def conflicts(qid: str, entries: Sequence[tuple[Answers, Answer]],
              catalog: Catalog) -> list[Problem]:
    """Describe a conflict: each differing answer against the first, with files and lines."""
    question = catalog.by_id.get(qid)
    first_file, first = entries[0]
    lang = first_file.assessment.lang

    def shown(answer: Answer) -> str:
        return display_value(question, answer, lang) if question else str(answer.value)

    where = f"{first_file.path}:{first.line}" if first.line else first_file.path
    out = []
    for record, answer in entries[1:]:
        if value_key(answer.value) == value_key(first.value):
            continue
        out.append(Problem(record.path, f"{shown(answer)!r} differs from {where}'s "
                                        f"{shown(first)!r} (settle it with --prefer {qid}=FILE, "
                                        "--prefer newest or --prefer FILE, or keep both with "
                                        "--leave-open)", answer.line, qid))
    return out


@dataclass(frozen=True, slots=True)
class Request:
    """A merge as ``assessor merge`` asks for it: the files, in order, into one new file."""

    files: tuple[Path, ...]
    output: Path
    prefer: Prefer = field(default_factory=Prefer)
    force: bool = False


def merge_files(request: Request, catalog: Catalog) -> Merged:
    """Merge the answers files of ``request`` and save the result, holding the output's lock.

    Every file is read before anything is written, and the problems of all of them are
    reported at once.

    Raises:
        AssessorError: the output exists (unless forced) or is not a regular file.
        InvalidFile: a file is invalid or given twice, or answers differ that no rule settles.
    """
    from assessor.record.answers import load
    from assessor.record.importer import save
    from assessor.record.lock import locked
    from assessor.targets import refuse_existing

    refuse_existing(request.output, force=request.force)
    with locked(request.output, "assessor merge"):
        files: list[Answers] = []
        problems: list[Problem] = []
        for path in request.files:
            try:
                files.append(load(path, catalog, allow_incomplete=True))
            except InvalidFile as exc:
                problems += exc.problems
        if problems:
            raise InvalidFile(problems)
        if len({p.resolve() for p in request.files}) != len(request.files):
            raise InvalidFile([Problem(display_path(request.files[0]), "a file is given twice")])
        merged = merge(files, catalog, request.prefer)
        save(request.output, merged.answers, catalog)
    return merged
