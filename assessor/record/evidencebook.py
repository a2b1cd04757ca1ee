"""Evidence list workbook: what the client returns on the evidence request list, read back.

``assessor evidence ANSWERS -o request.xlsx`` writes the list
(:mod:`assessor.report.evidencexlsx`); the client answers each row (Provided?, File name, Date
sent, Your comment) and ``assessor import request.xlsx --into ANSWERS`` records the replies on
the evidence register, through the answers file's own check and under its lock. The workbook is
recognised by its hidden marker sheet (kind ``evidence-list``), which also lists the rows sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assessor.errors import InvalidFile, Problem
from assessor.model.catalog import Catalog
from assessor.model.record import EvidenceItem, Reply
from assessor.record import answers as answers_file
from assessor.record.cells import refusal
from assessor.record.edit import adopt
from assessor.record.evidencecolumns import (
    CLIENT,
    COLUMNS,
    HEADER_SEARCH,
    answers_yes_no,
    labels,
)
from assessor.record.intake import marker
from assessor.record.lock import locked, out_of_scope
from assessor.record.register import due_date, organisation_names, text
from assessor.record.workbook import MARKER


@dataclass(frozen=True, slots=True)
class Sheet:
    """Where the list's table is: the sheet, its header row and each field's column."""

    sheet: Any
    header: int
    columns: dict[str, int]


def find_table(book: Any) -> Sheet | None:
    """Return the sheet whose header row holds the list's columns (in either language)."""
    for sheet in book.worksheets:
        if sheet.title == MARKER:
            continue
        for number, row in enumerate(sheet.iter_rows(max_row=HEADER_SEARCH, values_only=True),
                                     start=1):
            titles = [str(v).strip() if v is not None else "" for v in row]
            columns = {field: titles.index(found) for field, key in COLUMNS.items()
                       for found in labels()[key] if found in titles}
            if all(field in columns for field in ("ref", "document", *CLIENT)):
                return Sheet(sheet, number, columns)
    return None


def sent_rows(book: Any) -> list[str]:
    """Return the keys of the rows the list was sent with (its hidden sheet's ``item`` rows)."""
    return [str(row[1]) for row in book[MARKER].iter_rows(values_only=True, max_col=2)
            if row and row[0] == "item" and row[1] is not None]


def read_list(book: Any, shown: str) -> dict[str, tuple[Reply, str]]:
    """Return the client's reply on each row it answered, by item key, with the row's place.

    Raises:
        InvalidFile: the table is missing, or a cell is bad (each with file, sheet, cell and
            item); nothing is returned then.
    """
    table = find_table(book)
    if table is None:
        raise InvalidFile([Problem(shown, "no evidence request table (with Ref., Document "
                                          "requested, Provided?, File name, Date sent and Your "
                                          "comment columns)")])
    keys = sent_rows(book)
    problems: list[Problem] = []
    found: dict[str, tuple[Reply, str]] = {}
    for row in table.sheet.iter_rows(min_row=table.header + 1):
        cells: dict[str, Any] = {field: row[index] if index < len(row) else None
                                 for field, index in table.columns.items()}

        def where(cell: Any) -> str:
            return f"{shown}:{table.sheet.title}!{cell.coordinate}"

        key = row_key(cells, keys)
        answered = [cells[f] for f in CLIENT if cells[f] is not None and text(cells[f].value)]
        if key is None:
            if answered:
                problems.append(Problem(where(answered[0]), "not a row of the list sent: the "
                                        "Ref. and Document requested cells must not change"))
            continue
        if key in found:
            problems.append(Problem(where(cells["ref"]), f"the item appears twice (first at "
                                    f"{found[key][1]}): keep one row", None, key))
            continue
        reply = read_reply(cells, where, problems, key)
        if reply is not None:
            found[key] = (reply, f"{table.sheet.title}!{cells['ref'].coordinate}")
    if problems:
        raise InvalidFile(problems)
    return found


def row_key(cells: dict[str, Any], keys: list[str]) -> str | None:
    """Return the item a row is for: its Ref. (a register id), or a named document's title."""
    ref = text(getattr(cells["ref"], "value", None))
    if ref in keys:
        return ref
    title = text(getattr(cells["document"], "value", None))
    if ref in (None, "—", "-") and title in keys:
        return title
    return None


def read_reply(cells: dict[str, Any], where: Callable[[Any], str], problems: list[Problem],
               key: str) -> Reply | None:
    """Read one row's four client cells; None when all are empty. Problems are added."""
    for field, what in (("provided", "Yes or No"), ("file", "a file name"),
                        ("sent", "a date"), ("comment", "a comment")):
        refused = refusal(cells[field], what)
        if refused:
            problems.append(Problem(where(cells[field]), refused, None, key))
            return None
    values = {f: getattr(cells[f], "value", None) for f in CLIENT}
    if all(text(values[f]) is None for f in CLIENT):
        return None
    provided = None
    if text(values["provided"]) is not None:
        spelled = str(text(values["provided"]))
        provided = answers_yes_no().get(spelled.casefold())
        if isinstance(values["provided"], bool):
            provided = values["provided"]
        if provided is None:
            yes, no = labels()["evl_yes"], labels()["evl_no"]
            problems.append(Problem(where(cells["provided"]), f"Provided? '{spelled}' is not "
                                    f"{' or '.join(dict.fromkeys((*yes, *no)))}", None, key))
    sent = None
    if text(values["sent"]) is not None:
        try:
            sent = due_date(values["sent"])
        except ValueError:
            problems.append(Problem(where(cells["sent"]), f"date sent '{text(values['sent'])}' "
                                    "must be a date such as 2026-12-18", None, key))
    return Reply(provided, text(values["file"]), sent, text(values["comment"]))


def with_reply(item: EvidenceItem, reply: Reply) -> EvidenceItem:
    """Return ``item`` with the client's reply; "provided" makes it claimed, never received.

    A document the client says it provided is ``claimed`` until the consultant has checked it
    (``assessor evidence set ... --status received``); one it says it has not is requested again
    (an earlier claim withdrawn); a received or accepted item keeps its status.
    """
    status = item.status
    if status not in ("received", "accepted"):
        if reply.provided:
            status = "claimed"
        elif reply.provided is False and status == "claimed":
            status = "requested"
    return replace(item, status=status, reply=reply, line=None)


def made_from(name: str, register: dict[str, EvidenceItem]) -> EvidenceItem | None:
    """Return the item a named document already became (a reply read twice, or `evidence set`)."""
    return next((item for item in register.values() if item.title == name), None)


def import_list(book: Any, shown: str, catalog: Catalog, into: Path) -> tuple[int, int, int]:
    """Record the client's replies on the evidence register of ``into``, under its lock.

    A document the answers only named becomes a register item (``E-n``) when the client
    replies on it, every answer naming it citing the item (or the item it already became).

    Returns:
        How many items gained a reply, had it changed, and were left as they were.

    Raises:
        InvalidFile: a bad cell, a list for another organisation, or a row whose item the
            file no longer holds; nothing is written.
    """
    with locked(into, "assessor import"):
        base = answers_file.load(into, catalog, allow_incomplete=True)
        replies = read_list(book, shown)
        named = marker(book).get("organisation")
        if not named or named.casefold() not in organisation_names(base.organisation.name):
            raise InvalidFile([Problem(shown, f"the list is for {named!r}, {base.path} for "
                                              f"{base.organisation.name!r}: import it into "
                                              "that organisation's file")])
        answers = dict(base.answers)
        register = dict(base.evidence)
        problems: list[Problem] = []
        added = changed = 0
        for key, (reply, place) in replies.items():
            item = register.get(key) or made_from(key, register) or adopt(key, answers, register)
            if item is None:
                problems.append(Problem(f"{shown}:{place}", "neither an item of the evidence "
                                        f"register of {base.path} nor a document its answers "
                                        "name any more", None, key))
                continue
            if item.reply == reply:
                continue
            added, changed = (added + 1, changed) if item.reply is None else (added, changed + 1)
            register[item.id] = with_reply(item, reply)
        if problems:
            raise InvalidFile(problems)
        if added or changed:
            result = replace(base, answers=answers, evidence=register)
            answers_file.save(into, result, catalog, out_of_scope(catalog, result.answers))
    return added, changed, len(replies) - added - changed
