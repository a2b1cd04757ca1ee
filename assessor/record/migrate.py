"""Migration: carry an answers file to the current questionnaire versions, keeping the old file.

What still fits is carried over (under its new id where a bank lists the question under
``renamed``); what no longer fits is dropped, listed with the reason, and kept as comments at
the end of the new file, so nothing the consultant wrote is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from assessor.banks.reader import Reader
from assessor.banks.scope import engaged
from assessor.errors import AssessorError, InvalidFile, display_path
from assessor.files import load_data, plain
from assessor.loader import LineDict
from assessor.model.catalog import Catalog
from assessor.model.record import Answer, Answers
from assessor.record import answers as answers_file
from assessor.record.blocks import read_actions, read_evidence_register, read_milestones
from assessor.record.inventory import read_inventory
from assessor.record.reading import (
    TOP_KEYS,
    read_answer,
    read_assessment,
    read_organisation,
    read_versions,
    renamed_to,
    unanswered,
)
from assessor.record.writing import to_data
from assessor.targets import atomic_write, check_target


@dataclass(frozen=True, slots=True)
class Dropped:
    """An answer that could not be carried over, with what it was and why."""

    qid: str
    line: int | None
    value: Any
    reason: str


@dataclass(frozen=True, slots=True)
class Migration:
    """The outcome of carrying one answers file to the current banks."""

    answers: Answers
    renamed: tuple[tuple[str, str], ...]
    dropped: tuple[Dropped, ...]
    out_of_scope: tuple[str, ...]
    versions: tuple[tuple[str, str | None, str], ...]  # (bank, answered against, now), changed only

    @property
    def changes(self) -> bool:
        """Return whether the new file would differ from the old in anything but layout."""
        return bool(self.renamed or self.dropped or self.versions)


def migrate(raw: Any, shown: str, catalog: Catalog) -> Migration:
    """Carry parsed answers data to ``catalog``'s versions.

    Raises:
        InvalidFile: the file is broken in a way no bank change explains (its organisation,
            assessment or shape): fix that first, then migrate.
    """
    reader = Reader(shown)
    top = reader.mapping(raw, "an answers file")
    if top is None:
        raise InvalidFile(reader.problems)
    reader.unknown_keys(top, TOP_KEYS, "the answers file")
    organisation = read_organisation(top, reader)
    assessment = read_assessment(top, reader,
                                              frozenset(q.id for q in catalog.questionnaires))
    versions = read_versions(top, reader)
    evidence = read_evidence_register(top, reader)
    actions = read_actions(top, reader, frozenset())
    inventory = read_inventory(top, reader)
    milestones = read_milestones(top, reader)
    block = reader.mapping(top.get("answers"), "'answers'", top.line_of("answers"))
    if block is None or reader.problems:
        raise InvalidFile(reader.problems)
    carried: dict[str, Answer] = {}
    renamed: list[tuple[str, str]] = []
    dropped: list[Dropped] = []
    hidden: list[str] = []
    for qid, value in block.items():
        line = block.line_of(qid)
        target = qid if catalog.question(qid) else renamed_to(catalog, qid)
        if target is None:
            dropped.append(Dropped(qid, line, value, gone(qid, versions, catalog)))
            continue
        if target in carried or (target != qid and target in block):
            dropped.append(Dropped(qid, line, value, f"renamed to '{target}', which already "
                                                     "has an answer"))
            continue
        check = Reader(shown)
        answer = read_answer(target, value, line, check, catalog)
        if check.problems:
            dropped.append(Dropped(qid, line, value, "; ".join(p.message for p in
                                                               check.problems)))
        elif answer is not None:
            carried[target] = answer
            if target != qid:
                renamed.append((qid, target))
            if isinstance(value, LineDict) and value.get("out_of_scope") is True:
                hidden.append(target)
    now = {q.id: q.version for q in catalog.questionnaires}
    changed = tuple((qn_id, versions.get(qn_id), version) for qn_id, version in now.items()
                    if versions.get(qn_id) != version)
    actions = {(renamed_to(catalog, qid) or qid): replace(
        action, qid=renamed_to(catalog, qid) or qid)
        for qid, action in actions.items() if catalog.question(qid) or
        renamed_to(catalog, qid)}
    return Migration(Answers(organisation, assessment, carried, now, evidence=evidence,
                             actions=actions, inventory=inventory, milestones=milestones),
                     tuple(renamed),
                     tuple(dropped), tuple(hidden), changed)


def gone(qid: str, versions: dict[str, str], catalog: Catalog) -> str:
    """Say why a question is not in the catalog any more."""
    bank_id = qid.split(".", 1)[0]
    bank = catalog.questionnaire(bank_id)
    if bank is None:
        return f"no questionnaire '{bank_id}' is loaded (use --questionnaires DIR)"
    answered = versions.get(bank_id)
    since = f" (answered against {answered})" if answered and answered != bank.version else ""
    return f"not a question of {bank_id} {bank.version}{since}"


def render(migration: Migration, catalog: Catalog, source: str, fmt: str) -> str:
    """Return the new file's text: YAML with dropped answers kept as comments, or JSON."""
    data = to_data(migration.answers, catalog, migration.out_of_scope)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if migration.dropped:
        lines = ["", f"# Answers `assessor migrate` could not carry over from {source}",
                 "# (kept here so nothing is lost; re-answer the questions above):"]
        for item in migration.dropped:
            lines.append(f"# {item.qid}: {item.reason}")
            dumped = yaml.safe_dump({item.qid: plain(item.value)}, sort_keys=False,
                                    allow_unicode=True, width=96)
            lines += [f"#   {row}" for row in dumped.rstrip("\n").split("\n")]
        text += "\n".join(lines) + "\n"
    return text


def summary(migration: Migration, shown: str, target: str) -> list[str]:
    """Return the lines telling the consultant what was carried, renamed and dropped."""
    lines = [f"{shown} -> {target} (the old file is kept)"]
    for qn_id, old, new in migration.versions:
        lines.append(f"  {qn_id}: {old or 'no version'} -> {new}")
    lines.append(f"  carried {len(migration.answers.answers)} answers")
    for old_id, new_id in migration.renamed:
        lines.append(f"  renamed {old_id} -> {new_id}")
    for item in migration.dropped:
        where = f"line {item.line}" if item.line else "?"
        lines.append(f"  dropped {item.qid} ({where}): {item.reason}")
    return lines


@dataclass(frozen=True, slots=True)
class Request:
    """A migration as ``assessor migrate`` asks for it."""

    answers: Path
    output: Path | None = None  # None: ``<name>.migrated.<ext>`` beside it
    force: bool = False


def default_target(source: Path) -> Path:
    """Return ``answers.migrated.yaml`` beside ``answers.yaml``."""
    return source.with_name(f"{source.stem}.migrated{source.suffix or '.yaml'}")


def run_migrate(request: Request, catalog: Catalog) -> list[str]:
    """Run ``assessor migrate ANSWERS [-o FILE]``: write the carried answers to a new file.

    Returns the lines that tell what was carried, dropped and left to answer.

    Without ``-o`` the new file is ``<name>.migrated.<ext>`` and an existing one is never
    replaced (it may hold edits); the answers file itself is never overwritten.
    """
    source: Path = request.answers
    shown = display_path(source)
    migration = migrate(load_data(source), shown, catalog)
    if not migration.changes:
        return [f"{shown}: already fits the current questionnaires; nothing to migrate"]
    if not (migration.versions or migration.renamed):
        raise AssessorError(f"{shown} was answered against the current questionnaires, so "
                            "what does not fit is a mistake to fix, not a change to carry: "
                            f"`assessor check {shown}` lists it")
    target: Path = request.output or default_target(source)
    if target.exists() and target.resolve() == source.resolve():
        raise AssessorError(f"refusing to overwrite {shown}: migrate writes a new file "
                            "(give another -o FILE)")
    if request.output is None and target.exists():
        raise AssessorError(f"{display_path(target)} already exists; remove it or choose "
                            "another name with -o FILE")
    check_target(target, "answers", force=request.force)
    fmt = "json" if target.suffix.lower() == ".json" else "yaml"
    text = render(migration, catalog, shown, fmt)
    answers_file.refuse_unreadable(text, target, catalog)  # never a file the reader refuses
    atomic_write(target, text)
    lines = summary(migration, shown, display_path(target))
    missing = unanswered(engaged(catalog, migration.answers.assessment.scope),
                                      migration.answers.answers)
    if missing:
        lines.append(f"{len(missing)} applicable question{'s' if len(missing) != 1 else ''} "
                     f"without an answer: `assessor check --missing {display_path(target)}` "
                     "lists them")
    return lines
