"""XLSX: the evidence request list as a workbook the client fills in, prints and returns.

A title block (the list's title, who it is for and from, the dates, DRAFT while the assessment
is not final, how to answer), then the table: one heading row per group and one row per document,
with the client's four columns in yellow, the only cells it may change (the sheet is protected
without a password, as the client workbook). Printed landscape on A4, one page wide, the header
row on every page, page numbers in the footer. A hidden marker sheet names the kind of workbook
and the rows sent, for ``assessor import --into``. Text is written as text, never a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assessor.files import printable
from assessor.record.evidencecolumns import CLIENT, COLUMNS, FORMAT, KIND
from assessor.record.sheets import ANSWER_FILL, FONT, no_formulas, protect, row_height
from assessor.record.workbook import MARKER
from assessor.report.evidencelist import RequestList, Row, dated
from assessor.report.words import colon, strings
from assessor.report.xlsx import DRAFT_RED, MUTED, fixed_zip, header_text

WIDTHS = {"ref": 8, "document": 30, "why": 50, "status": 20, "received": 13, "provided": 11,
          "file": 26, "sent": 13, "comment": 32}
GROUP_FILL = "E7ECF2"
TITLE_ROWS = 6  # title, for, from, dates, DRAFT, how to answer; the header row follows
HEADER_ROW = TITLE_ROWS + 2


def render_evidence_list_xlsx(doc: RequestList) -> bytes:
    """Return the evidence request list as a workbook's bytes (the same list, the same bytes)."""
    from openpyxl import Workbook

    from assessor.record.bookwriter import workbook_bytes

    t = strings(doc.lang)
    book = Workbook()
    sheet = book.active
    sheet.title = t["evl_sheet"][:31]
    styles = Styles(doc.accent)
    title_block(sheet, doc, t, styles)
    rows = table(sheet, doc, t, styles)
    client_cells(sheet, doc, t, rows)
    print_setup(sheet, doc, t)
    write_marker(book.create_sheet(MARKER), doc, rows)
    book[MARKER].sheet_state = "hidden"
    book.active = 0
    stamp = dt.datetime.combine(dt.date.fromisoformat(doc.issued), dt.time())
    book.properties.creator = "assessor"
    book.properties.title = printable(doc.title)
    book.properties.subject = KIND
    book.properties.created = book.properties.modified = stamp
    no_formulas(book)
    return fixed_zip(workbook_bytes(book, compressed=False), stamp)


class Styles:
    """The list's few styles, made once."""

    def __init__(self, accent: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        line = Side(style="thin", color="BFBFBF")
        self.border = Border(left=line, right=line, top=line, bottom=line)
        self.title = Font(name=FONT, size=15, bold=True, color=accent)
        self.label = Font(name=FONT, size=10, bold=True, color=MUTED)
        self.plain = Font(name=FONT, size=10)
        self.draft = Font(name=FONT, size=11, bold=True, color=DRAFT_RED)
        self.head = Font(name=FONT, size=10, bold=True, color="FFFFFF")
        self.group = Font(name=FONT, size=10, bold=True, color=accent)
        self.head_fill = PatternFill("solid", fgColor=accent)
        self.group_fill = PatternFill("solid", fgColor=GROUP_FILL)
        self.client_fill = PatternFill("solid", fgColor=ANSWER_FILL)
        self.top = Alignment(vertical="top", wrap_text=True)
        self.centre = Alignment(vertical="center", wrap_text=True)


def text_cell(sheet: Any, row: int, column: int, value: Any, font: Any) -> Any:
    """Write one cell as plain text (never a formula, control characters removed)."""
    cell = sheet.cell(row, column)
    cell.value = value if value is None or isinstance(value, dt.date) else printable(str(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    cell.font = font
    return cell


def title_block(sheet: Any, doc: RequestList, t: dict[str, str], styles: Styles) -> None:
    """Write the title, who the list is for and from, its dates, DRAFT and how to answer."""
    last = len(COLUMNS)
    c = colon(doc.lang)
    lines: list[tuple[str, Any]] = [
        (doc.title, styles.title),
        (f"{t['evl_prepared_for']}{c}{doc.organisation}", styles.plain),
        (f"{t['evl_prepared_by']}{c}{doc.firm}" if doc.firm else "", styles.plain),
        ("    ".join(x for x in (f"{t['evl_issued']}{c}{dated(doc.issued, doc.lang)}",
                                 f"{t['evl_due']}{c}{dated(doc.due, doc.lang)}"
                                 if doc.due else "") if x), styles.label),
        (t["draft_marking"] if doc.draft else "", styles.draft),
        (t["evl_how"] if doc.owed else t["evl_none"], styles.plain),
    ]
    for row, (value, font) in enumerate(lines, start=1):
        if value:
            cell = text_cell(sheet, row, 1, value, font)
            cell.alignment = styles.top
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.row_dimensions[1].height = 24
    width = sum(WIDTHS.values())
    sheet.row_dimensions[TITLE_ROWS].height = row_height([(t["evl_how"], width)])


def table(sheet: Any, doc: RequestList, t: dict[str, str], styles: Styles) -> dict[int, Row]:
    """Write the header row, then each group's heading and rows; return the rows by number."""
    fields = list(COLUMNS)
    for index, field in enumerate(fields, start=1):
        cell = text_cell(sheet, HEADER_ROW, index, t[COLUMNS[field]], styles.head)
        cell.fill = styles.head_fill
        cell.alignment = styles.centre
        cell.border = styles.border
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[field]
    sheet.row_dimensions[HEADER_ROW].height = row_height(
        [(t[COLUMNS[f]], WIDTHS[f]) for f in fields])
    number = HEADER_ROW
    written: dict[int, Row] = {}
    for group in doc.groups:
        number += 1
        heading = text_cell(sheet, number, 1, f"{group.title} ({len(group.rows)})"
                            if doc.lang == "en" else f"{group.title}（{len(group.rows)}）",
                            styles.group)
        heading.fill = styles.group_fill
        sheet.merge_cells(start_row=number, start_column=1, end_row=number,
                          end_column=len(fields))
        sheet.row_dimensions[number].height = 18
        for row in group.rows:
            number += 1
            written[number] = row
            values = row_values(row, doc, t)
            for index, field in enumerate(fields, start=1):
                cell = text_cell(sheet, number, index, values[field], styles.plain)
                cell.alignment = styles.top
                cell.border = styles.border
            sheet.row_dimensions[number].height = row_height(
                [(str(values[f]), WIDTHS[f]) for f in fields if values[f]])
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    return written


def row_values(row: Row, doc: RequestList, t: dict[str, str]) -> dict[str, Any]:
    """Return one document's cells by field, the client's earlier reply pre-filled."""
    reply = row.reply
    provided = None
    if reply is not None and reply.provided is not None:
        provided = t["evl_yes"] if reply.provided else t["evl_no"]
    return {"ref": row.ref or "—", "document": row.title, "why": "\n".join(row.why),
            "status": row.status, "received": dated(row.received, doc.lang) or None,
            "provided": provided, "file": reply.file if reply else None,
            "sent": dt.date.fromisoformat(reply.sent) if reply and reply.sent else None,
            "comment": reply.comment if reply else None}


def client_cells(sheet: Any, doc: RequestList, t: dict[str, str], rows: dict[int, Row]) -> None:
    """Open the client's four columns on the document rows (yellow), with drop-down and dates."""
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    fields = list(COLUMNS)
    fill = Styles(doc.accent).client_fill
    provided = DataValidation(type="list", formula1=f'"{t["evl_yes"]},{t["evl_no"]}"',
                              allow_blank=True, showErrorMessage=True,
                              error=t["evl_provided_error"])
    sent = DataValidation(type="date", operator="greaterThan", formula1="36526",
                          allow_blank=True, showErrorMessage=True, error=t["evl_date_error"])
    for number in rows:
        for field in CLIENT:
            cell = sheet.cell(number, fields.index(field) + 1)
            cell.fill = fill
            cell.protection = Protection(locked=False)
            if field == "provided":
                provided.add(cell.coordinate)
            elif field == "sent":
                sent.add(cell.coordinate)
                cell.number_format = "yyyy-mm-dd"
    sheet.add_data_validation(provided)
    sheet.add_data_validation(sent)
    protect(sheet)


def print_setup(sheet: Any, doc: RequestList, t: dict[str, str]) -> None:
    """Print landscape on A4, one page wide, the header row repeated; DRAFT and pages in margins."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{sheet.cell(max(sheet.max_row, HEADER_ROW), len(COLUMNS)).coordinate}"
    who = " · ".join(x for x in (doc.organisation, doc.firm) if x)
    for part in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        part.left.text = header_text(t["evl_title"])
        part.right.text = header_text(who[:120])
        if doc.draft:
            part.center.text = header_text(t["draft_word"])
            part.center.color = DRAFT_RED
        for side in (part.left, part.right):
            side.size = 8
            side.color = MUTED
    for part in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        part.left.text = t["evl_page"]
        part.right.text = header_text(doc.confidential[:120]) if doc.confidential else None
        if doc.draft:
            part.center.text = header_text(t["draft_marking"])
            part.center.color = DRAFT_RED
        for side in (part.left, part.right):
            side.size = 8
            side.color = MUTED


def write_marker(sheet: Any, doc: RequestList, rows: dict[int, Row]) -> None:
    """Write the hidden sheet import reads: the kind, the organisation, and each row sent."""
    sheet.append(["kind", KIND])
    sheet.append(["format", FORMAT])
    sheet.append(["lang", doc.lang])
    sheet.append(["organisation", doc.organisation])
    sheet.append(["issued", doc.issued])
    sheet.append(["header_row", HEADER_ROW])
    for number, row in rows.items():
        sheet.append(["item", row.key, number])
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
