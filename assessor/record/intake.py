"""Intake: a filled client workbook read back as raw answers, each with the cell it came from.

This module opens the workbook, reads its hidden marker and details and walks its question
sheets; each cell becomes a value in :mod:`assessor.record.answer_cells` (labels to option ids,
in either language, or the ids themselves), and what is read lands in
:mod:`assessor.record.filled`. Everything else about a value (numbers, ranges, notes that na and
alternate need) is checked afterwards by the same code as an answers file
(:func:`assessor.record.reading.read_answer`). Problems are collected, never raised one by one,
and each names its cell: ``q.xlsx:PIPL!D14``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from assessor.errors import InvalidFile, Problem
from assessor.model.catalog import Catalog, Question
from assessor.record.answer_cells import blank, read_answer_cell, read_text_cell
from assessor.record.cells import looks_like_formula, refusal, unescape
from assessor.record.filled import Cells, Filled, Intake
from assessor.record.typed import iso
from assessor.record.workbook import COLUMNS, DETAIL_ROW, DETAILS, LISTS, MARKER
from assessor.record.workbook_words import all_strings

MAX_UNPACKED = 50 * 1024 * 1024  # a workbook of every question is about 1 MB unpacked
HEADER_SEARCH = 15  # rows searched for the header (a client may add a line above it)
HEADER_BROKEN = -1  # a sheet whose header was reported: its rows are not "missing" as well
MAX_SUGGESTIONS = 50  # "was it ...?" for this many changed ids: the search stays linear
SPLIT = re.compile(r"\s*[;；\n]\s*")


def open_book(data: bytes, shown: str) -> Any:
    """Open a workbook's bytes with openpyxl, refusing what is not an .xlsx or unpacks too large.

    Raises:
        InvalidFile: not an Excel workbook, or too large once unpacked.
    """
    from assessor.record.bookreader import Declared, load

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise InvalidFile([Problem(shown, "not an Excel workbook (.xlsx): save it as Excel "
                                          "Workbook (.xlsx) and import it again")]) from None
    if unpacked > MAX_UNPACKED:
        raise InvalidFile([Problem(shown, f"unpacks to {unpacked:,} bytes; the limit is "
                                          f"{MAX_UNPACKED:,}")])
    try:
        return load(data)
    except Declared as exc:
        raise InvalidFile([Problem(shown, f"not a readable Excel workbook ({exc} declares a DTD "
                                          "or entities): save it again from Excel and import it "
                                          "again")]) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure on an untrusted file is its fault
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InvalidFile([Problem(shown, f"not a readable Excel workbook ({reason}): save it "
                                          "again from Excel and import it again")]) from None


def marker(book: Any) -> dict[str, str]:
    """Return the hidden marker sheet's key/value rows (empty when there is none)."""
    if MARKER not in book.sheetnames:
        return {}
    found: dict[str, str] = {}
    for row in book[MARKER].iter_rows(values_only=True, max_col=2):
        if row and isinstance(row[0], str) and row[0] != "sheet":
            found[row[0]] = "" if row[1] is None else str(row[1])
    return found


def prefilled(book: Any) -> dict[str, Filled]:
    """Return the marker's pre-filled answers by question (a value it cannot read is skipped)."""
    found: dict[str, Filled] = {}
    for row in book[MARKER].iter_rows(values_only=True, max_col=5):
        if not row or row[0] != "filled" or not isinstance(row[1], str):
            continue
        try:
            value = json.loads(str(row[2]))
        except ValueError:
            continue
        found[row[1]] = Filled(value, str(row[3] or "") or None, str(row[4] or "") or None)
    return found


def expected_sheets(book: Any) -> list[tuple[str, list[str]]]:
    """Return the marker's list of sheets, each with the ids of the questions it asks."""
    return [(str(row[1]), str(row[3] or "").split())
            for row in book[MARKER].iter_rows(values_only=True, max_col=4)
            if row and row[0] == "sheet"]


def read_client(book: Any, shown: str, catalog: Catalog) -> Intake:
    """Read a client workbook: details, then every question sheet; collect every problem."""
    intake = Intake(shown, marker(book))
    if MARKER in book.sheetnames:
        intake.filled = prefilled(book)
    read_details(book, intake)
    expected = expected_sheets(book)
    wanted = {qid for _, ids in expected for qid in ids}
    registers = register_titles(intake)
    skip = {MARKER, LISTS, intake.meta.get("instructions"), *registers}
    changed: list[tuple[str, str]] = []  # (where, id) of ids that are not the workbook's
    found_in: dict[str, int] = {}
    for sheet in book.worksheets:
        if sheet.title in skip:
            continue
        found_in[sheet.title] = read_sheet(sheet, intake, catalog, wanted, changed)
    report_missing(intake, expected, found_in, changed)
    if registers:
        from assessor.record.registersheets import read_register_sheets

        intake.inventory, found = read_register_sheets(book, shown, registers)
        intake.problems.extend(found)
    return intake


def register_titles(intake: Intake) -> list[str]:
    """Return the titles of the register sheets the marker names (none in older workbooks)."""
    try:
        titles = json.loads(intake.meta.get("registers") or "[]")
    except ValueError:
        return []
    return [t for t in titles if isinstance(t, str)] if isinstance(titles, list) else []


def read_details(book: Any, intake: Intake) -> None:
    """Read the fill-in details of the instructions sheet: organisation, respondent, date."""
    title = intake.meta.get("instructions")
    if not title or title not in book.sheetnames:
        return
    sheet = book[title]
    for offset, key in enumerate(DETAILS):
        where = f"{title}!C{DETAIL_ROW + offset}"
        intake.detail_at[key] = where
        cell = sheet.cell(DETAIL_ROW + offset, 3)
        refused = refusal(cell, "a name or a date")
        if refused:
            intake.add(where, refused)
            intake.details[key] = None
            continue
        value = cell.value
        if isinstance(value, dt.datetime | dt.date):
            value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        text = unescape(str(value)).strip() if value is not None else ""
        if key in ("organisation", "respondent", "sector") and looks_like_formula(text):
            intake.add(where, f"{text[:40]!r} is a formula typed as text, not a name: type the "
                              "name itself")
            text = ""
        intake.details[key] = text or None
    day = intake.details.get("answered_on")
    if day:
        try:
            intake.details["answered_on"] = iso(day)
        except ValueError:
            intake.add(intake.detail_at["answered_on"],
                       f"the date answered '{day}' must be written YYYY-MM-DD")
            intake.details["answered_on"] = None


def header_map(sheet: Any) -> tuple[int, dict[str, int]] | None:
    """Find the header row by its ID title and map each known column title to its role."""
    titles: dict[str, str] = {}
    for role in COLUMNS:
        for text in all_strings()["col_" + role].values():
            titles[text.casefold()] = role
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH):
        if not any(isinstance(c.value, str) and titles.get(c.value.strip().casefold()) == "id"
                   for c in row):  # a column inserted before ID moves it right
            continue
        roles: dict[str, int] = {}
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().casefold() in titles:
                roles.setdefault(titles[cell.value.strip().casefold()], cell.column)
        return row[0].row, roles
    return None


def read_sheet(sheet: Any, intake: Intake, catalog: Catalog, wanted: set[str],
               changed: list[tuple[str, str]]) -> int:
    """Read one question sheet; return how many question rows it holds."""
    located = header_map(sheet)
    if located is None:
        return 0
    header, roles = located
    if "answer" not in roles:
        intake.add(sheet.title, "the Answer column is missing (restore the header row from the "
                                "workbook sent)")
        return HEADER_BROKEN
    order = [role for role in COLUMNS if role in roles]
    if sorted(order, key=roles.__getitem__) != order:  # titles swapped: Note read as Evidence
        moved = next(r for r, s in zip(order, sorted(order, key=roles.__getitem__), strict=True)
                     if r != s)
        cell = sheet.cell(header, roles[moved]).coordinate
        intake.add(f"{sheet.title}!{cell}", "the column titles are not in the order of the "
                                            "workbook sent (two swapped?): restore the header row "
                                            "from the workbook sent, so no answer is read as "
                                            "another column")
        return HEADER_BROKEN
    count = 0
    for row in sheet.iter_rows(min_row=header + 1):
        id_cell = row[roles["id"] - 1] if len(row) >= roles["id"] else None
        if id_cell is None or id_cell.value is None or str(id_cell.value).strip() == "":
            continue
        count += 1
        qid = str(id_cell.value).strip()
        where = f"{sheet.title}!{id_cell.coordinate}"
        question = catalog.question(qid)
        if qid in wanted and question is None:
            intake.retired.add(qid)
            change = bank_change(qid, intake.meta, catalog)
            intake.add(where, f"{qid!r} is no longer in the question banks ({change}): its "
                              "answer cannot be imported; send a new workbook for it")
            continue
        if qid not in wanted or question is None:
            changed.append((where, qid))
            continue
        if qid in intake.cells:
            first = intake.cells[qid].answer_at
            intake.add(where, f"the question appears twice (first at {first}); keep one row",
                       qid)
            continue
        intake.cells[qid] = read_row(sheet, row, roles, question, intake)
    return count


def bank_change(qid: str, meta: dict[str, str], catalog: Catalog) -> str:
    """Say which bank version the workbook was made with, and which is loaded now."""
    bank = qid.split(".", 1)[0]
    made = dict(item.partition("=")[::2] for item in meta.get("versions", "").split())
    now = catalog.questionnaire(bank)
    return (f"the workbook was made with {bank} {made.get(bank, '?')}; it is now "
            f"{now.version if now else 'not loaded'}")


def cell_at(sheet: Any, row: tuple[Any, ...], roles: dict[str, int], role: str) -> Any:
    """Return the cell of ``role`` in ``row`` (a fresh empty one when the row is short)."""
    column = roles.get(role)
    if column is None:
        return None
    return row[column - 1] if len(row) >= column else sheet.cell(row[0].row, column)


def read_row(sheet: Any, row: tuple[Any, ...], roles: dict[str, int], question: Question,
             intake: Intake) -> Cells:
    """Read one question's Answer, Note and Evidence cells."""
    answer = cell_at(sheet, row, roles, "answer")
    note = cell_at(sheet, row, roles, "note")
    evidence = cell_at(sheet, row, roles, "evidence")
    where = {key: f"{sheet.title}!{cell.coordinate}" if cell is not None else
             f"{sheet.title}!{answer.coordinate}"
             for key, cell in (("answer", answer), ("note", note), ("evidence", evidence))}
    value = read_answer_cell(answer, question, intake, where["answer"])
    note_text = read_text_cell(note, question, intake, where["note"])
    evidence_text = read_text_cell(evidence, question, intake, where["evidence"])
    items = tuple(item for item in SPLIT.split(evidence_text or "") if item)
    if blank(answer) and (note_text or items):  # a refused answer is said once
        intake.add(where["answer"], "a note or evidence but no answer: choose one (Unknown if "
                                    "it is not known yet)", question.id)
    typed = None if blank(answer) else str(answer.value).strip()
    return Cells(question.id, value, note_text, items, where["answer"], where["note"],
                 where["evidence"], typed)


def report_missing(intake: Intake, expected: Iterable[tuple[str, list[str]]],
                   found_in: dict[str, int], changed: list[tuple[str, str]]) -> None:
    """Report changed ids, then the questions whose rows are gone: a sheet, or a row."""
    found = set(intake.cells) | intake.retired
    missing = [qid for _, ids in expected for qid in ids if qid not in found]
    claimed: set[str] = set()
    for index, (where, qid) in enumerate(changed):
        close = difflib.get_close_matches(qid, [m for m in missing if m not in claimed], n=1) \
            if index < MAX_SUGGESTIONS else []
        hint = f" (was it {close[0]!r}?)" if close else ""
        claimed.update(close)
        intake.add(where, f"{qid!r} is not a question of this workbook: the ID column must not "
                          f"change{hint}")
    for title, ids in expected:
        lost = [qid for qid in ids if qid not in found and qid not in claimed]
        if not lost:
            continue
        if title not in found_in and len(lost) == len(ids):
            intake.add(None, f"sheet {title!r} is missing ({len(ids)} questions): restore it "
                             "from the workbook sent")
        elif found_in.get(title) == HEADER_BROKEN:
            continue  # its header is reported; its rows are not missing as well
        elif found_in.get(title) == 0 and len(lost) == len(ids):
            intake.add(title, f"the sheet is empty: its {len(ids)} questions are missing "
                              "(restore them from the workbook sent)")
        else:
            for qid in lost:
                intake.add(title, "the question's row is missing (deleted?): copy it back from "
                                  "the workbook sent, with its ID", qid)
