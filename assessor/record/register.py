"""Register: the gap register workbook (``run --format xlsx``) read back into ``actions:``.

After delivery the client fills in Owner, Due date, Status and Comments of the gap register;
``assessor import register.xlsx --into answers.yaml`` reads them into the answers file's
``actions:`` section, keyed by control id. The register is recognised by its header row (in
English or Chinese), so registers written before it carried any marker are read too. Every bad
cell is reported with its place (``register.xlsx:Gap register!P7``) and nothing is written while
any remains. A row whose four columns are empty leaves the file's action as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from assessor.errors import InvalidFile, Problem
from assessor.files import load_data
from assessor.model.catalog import Catalog
from assessor.model.record import Action
from assessor.record import answers as answers_file
from assessor.record.cells import refusal, unescape
from assessor.record.typed import iso
from assessor.resources import templates_dir

KIND = "gap-register"
# action status -> the fixed text of its label in the register's Status drop-down
STATUS_LABELS = {"open": "xlsx_status_open", "in_progress": "xlsx_status_progress",
                 "done": "xlsx_status_done", "deferred": "xlsx_status_deferred",
                 "accepted": "xlsx_status_accepted"}
COLUMNS = {"qid": "control_id", "owner": "xlsx_owner", "due": "xlsx_due", "status": "status",
           "comment": "xlsx_comments"}
TRACKED = ("owner", "due", "status", "comment")


@lru_cache(maxsize=1)
def labels() -> dict[str, tuple[str, ...]]:
    """Return the register's column titles and status labels in every language, by text key."""
    raw = load_data(templates_dir() / "strings.yaml")
    keys = {*COLUMNS.values(), *STATUS_LABELS.values()}
    return {key: tuple(str(v) for v in raw[key].values() if v) for key in keys}


def statuses() -> dict[str, str]:
    """Return every accepted spelling of a status (label or id, any case) -> the status."""
    found = {}
    for status, key in STATUS_LABELS.items():
        for spelling in (*labels()[key], status, status.replace("_", " ")):
            found[spelling.casefold()] = status
    return found


def find_register(book: Any) -> tuple[Any, dict[str, int]] | None:
    """Return the gap register sheet and its columns (field -> index), or None."""
    for sheet in book.worksheets:
        header = [str(v).strip() if v is not None else ""
                  for v in next(sheet.iter_rows(max_row=1, values_only=True), ())]
        columns: dict[str, int] = {}
        for field, key in COLUMNS.items():
            index = next((i for i, title in enumerate(header) if title in labels()[key]), None)
            if index is None:
                break
            columns[field] = index
        else:
            return sheet, columns
    return None


def is_register(book: Any) -> bool:
    """Return whether ``book`` is a gap register written by ``assessor run --format xlsx``."""
    return find_register(book) is not None


def text(value: Any) -> str | None:
    """Return a cell's value as stripped text, or None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = unescape(str(value)).strip()
    return cleaned or None


EARLIEST_DUE = 2000  # a due date before this is a number Excel showed as a date


def due_date(value: Any) -> str:
    """Return a Due date cell as YYYY-MM-DD.

    Raises:
        ValueError: the cell holds something other than a date.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year < EARLIEST_DUE:  # 3 typed in a date cell is 1900-01-03: then Overdue
            raise ValueError(value)
        return value.isoformat()
    if isinstance(value, str):
        return iso(value)
    raise ValueError(value)


def read_row(row: tuple[Any, ...], columns: dict[str, int], where: Callable[[Any], str],
             problems: list[Problem], qid: str) -> Action | None:
    """Read one row's action, or None when its four columns are empty; problems are added."""
    cells = {field: row[index] if index < len(row) else None
             for field, index in columns.items()}
    for field in ("owner", "comment"):  # free text: a date or status is checked as such
        refused = refusal(cells[field], f"the {field}")
        if refused:
            problems.append(Problem(where(cells[field]), refused, None, qid))
            return None
    values = {field: getattr(cells[field], "value", None) for field in TRACKED}
    if all(text(values[f]) is None for f in TRACKED):
        return None
    due = None
    if text(values["due"]) is not None:
        try:
            due = due_date(values["due"])
        except ValueError:
            problems.append(Problem(where(cells["due"]), f"due date '{text(values['due'])}' "
                                    "must be a date such as 2027-03-31", None, qid))
    status = "open"
    if text(values["status"]) is not None:
        spelled = str(text(values["status"]))
        found = statuses().get(spelled.casefold())
        if found is None:
            choices = ", ".join(labels()[STATUS_LABELS[s]][0] for s in STATUS_LABELS)
            problems.append(Problem(where(cells["status"]), f"status '{spelled}' is not one of "
                                    f"{choices}", None, qid))
        else:
            status = found
    return Action(qid, text(values["owner"]), due, status, text(values["comment"]))


def read_register(book: Any, shown: str, catalog: Catalog) -> dict[str, Action]:
    """Read every row's action from the register; every bad cell is reported at once.

    Raises:
        InvalidFile: a bad date, status or control id, with the cell of each.
    """
    found = find_register(book)
    if found is None:
        raise InvalidFile([Problem(shown, "no gap register sheet (with Control id, Owner, Due "
                                          "date, Status and Comments columns)")])
    sheet, columns = found

    def where(cell: Any) -> str:
        return f"{shown}:{sheet.title}!{cell.coordinate}"

    problems: list[Problem] = []
    actions: dict[str, Action] = {}
    first_at: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=2):
        id_cell = row[columns["qid"]] if columns["qid"] < len(row) else None
        qid = text(id_cell.value) if id_cell is not None else None
        if qid is None:
            continue
        if catalog.question(qid) is None:
            problems.append(Problem(where(id_cell), "unknown control id", None, qid))
            continue
        if qid in first_at:  # the last row winning would drop the first silently
            problems.append(Problem(where(id_cell), f"the control appears twice (first at "
                                                    f"{first_at[qid]}): keep one row", None, qid))
            continue
        first_at[qid] = f"{sheet.title}!{getattr(id_cell, 'coordinate', '?')}"
        action = read_row(row, columns, where, problems, qid)
        if action is not None:
            actions[qid] = action
    if problems:
        raise InvalidFile(problems)
    return actions


def organisation_names(name: Any) -> set[str]:
    """Return the ways a record names its organisation (one text, or English and Chinese)."""
    return {str(n).casefold() for n in (getattr(name, "en", None), getattr(name, "zh", None))
            if n} or {str(name).casefold()}


def organisation_of(book: Any) -> str | None:
    """Return the organisation the register was written for (its title: ``Gap register — X``)."""
    title = book.properties.title or ""
    return title.split(" — ", 1)[1].strip() if " — " in title else None


def import_register(book: Any, shown: str, catalog: Catalog, into: Path) -> tuple[int, int, int]:
    """Read the register's actions into the answers file ``into``, under its lock.

    Returns:
        How many actions were added, changed and left as they were.

    Raises:
        InvalidFile: a bad cell, or a register written for another organisation; nothing is
            written.
    """
    from assessor.record.lock import locked, out_of_scope  # filelock: on the import path only

    with locked(into, "assessor import"):
        base = answers_file.load(into, catalog, allow_incomplete=True)
        read = read_register(book, shown, catalog)
        named = organisation_of(book)
        if not named:  # the rule of import --into: a register must name its organisation
            raise InvalidFile([Problem(shown, f"the register names no organisation (its title "
                                              f"property was removed), so it cannot be shown "
                                              f"to be {base.organisation.name!r}'s: write it "
                                              "again with `assessor run --format xlsx`")])
        if named.casefold() not in organisation_names(base.organisation.name):
            raise InvalidFile([Problem(shown, f"the register is for {named!r}, {base.path} for "
                                              f"{base.organisation.name!r}: import it into that "
                                              "organisation's file")])
        merged = dict(base.actions)
        added = changed = 0
        for qid, action in read.items():
            old = merged.get(qid)
            if old is None:
                added += 1
            elif replace(old, line=None) != action:
                changed += 1
            else:
                continue
            merged[qid] = action
        if added or changed:
            result = replace(base, actions=merged)
            answers_file.save(into, result, catalog, out_of_scope(catalog, result.answers))
    return added, changed, len(read) - added - changed
