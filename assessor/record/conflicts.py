"""Conflicts kept in the record: the answers someone gave that the record does not hold.

When two respondents answer one question differently, the record keeps one answer and lists
the others under ``conflict:`` with who gave them, when, and from which file. A settled conflict
keeps the losing answer (shown in ``diff`` and the internal appendix); an open one (``open:
true``) waits for the consultant, and ``check`` lists it until it is settled. Nothing a
respondent said is silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from assessor.banks.reader import Reader, kind_of
from assessor.loader import LineDict, LineList
from assessor.model.record import Answer, Conflict
from assessor.record.blocks import read_said, said_data

OPEN_FLAG = "answers differ: settle the conflict"  # the flag an open conflict sets
CONFLICT_KEYS = frozenset({"answer", "by", "at", "note", "from", "open"})
Parse = Callable[[Any], Any]


def value_key(value: object) -> object:
    """Return what makes two answer values the same answer (multi-choice in any order)."""
    return frozenset(value) if isinstance(value, tuple) else value


def read_conflicts(raw: LineDict, reader: Reader, qid: str, parse: Parse,
                   date: Callable[[LineDict, str], str | None]) -> tuple[Conflict, ...]:
    """Read an answer's ``conflict:`` list; each entry's answer gets the question's own check."""
    if "conflict" not in raw or raw["conflict"] is None:
        return ()
    entries = raw["conflict"]
    line = raw.line_of("conflict")
    if not isinstance(entries, LineList):
        reader.add(f"'conflict' must be a list of {{answer, by, at, note}}, not "
                   f"{kind_of(entries)}", line, qid)
        return ()
    found: list[Conflict] = []
    for entry, at_line in zip(entries, entries.item_lines, strict=True):
        item = reader.mapping(entry, "a conflict entry", at_line or line, qid)
        if item is None:
            continue
        reader.unknown_keys(item, CONFLICT_KEYS, "a conflict entry", qid)
        if item.get("answer") is None:
            reader.add("a conflict entry needs the 'answer' given", item.line, qid)
            continue
        try:
            value = parse(item["answer"])
        except ValueError as exc:
            reader.add(f"conflict: {exc}", item.line_of("answer"), qid)
            continue
        texts = {key: (text.strip() or None) if text is not None else None
                 for key in ("by", "from")
                 for text in [reader.string(item, key, qid, required=False)]}
        found.append(Conflict(value, texts["by"], date(item, "at"),
                              read_said(reader, item, "note", qid), texts["from"],
                              reader.flag(item, "open", qid)))
    return tuple(found)


def conflict_data(conflicts: Iterable[Conflict], plain: Callable[[Any], Any]) -> list[Any]:
    """Return the ``conflict:`` list as written (``plain`` writes a value as answers are)."""
    out = []
    for entry in conflicts:
        data: dict[str, Any] = {"answer": plain(entry.value)}
        data.update((key, value) for key, value in (
            ("by", entry.by), ("at", entry.at), ("note", said_data(entry.note)),
            ("from", entry.source)) if value)
        if entry.open:
            data["open"] = True
        out.append(data)
    return out


def as_conflict(answer: Answer, source: str | None, *, is_open: bool = False) -> Conflict:
    """Return an answer turned into a conflict entry (who gave it, when, from where)."""
    return Conflict(answer.value, answer.by, answer.at, answer.note, source or None, is_open)


def kept(winner: Answer, others: Sequence[Conflict]) -> Answer:
    """Return ``winner`` with the differing ``others`` kept under ``conflict`` (no repeats).

    An entry equal to the winner's own answer is dropped: it no longer differs.
    """
    entries = list(winner.conflict)
    for entry in others:
        if value_key(entry.value) == value_key(winner.value):
            continue
        same = next((i for i, e in enumerate(entries) if replace(e, open=False)
                     == replace(entry, open=False)), None)
        if same is None:
            entries.append(entry)
        elif entry.open and not entries[same].open:
            entries[same] = entry
    return replace(winner, conflict=tuple(entries))


def settled(answer: Answer, previous: Answer | None = None) -> Answer:
    """Return ``answer`` with its open conflicts settled: each one kept as a losing answer.

    ``previous`` is the answer the record held before (kept too when it differs): a conflict
    settled by answering again loses nothing either.
    """
    entries = [replace(c, open=False) for c in answer.conflict]
    if previous is not None and previous.open_conflicts:
        entries.append(as_conflict(previous, None))
    flag = None if answer.flag == OPEN_FLAG else answer.flag
    return kept(replace(answer, conflict=(), flag=flag), entries)


def describe(entry: Conflict, shown: Callable[[Any], str]) -> str:
    """Return one conflict entry for a message: ``'Not implemented' (IT, 2026-12-14, it.yaml)``."""
    who = ", ".join(p for p in (entry.by, entry.at, entry.source) if p)
    return f"{shown(entry.value)!r}" + (f" ({who})" if who else "")
