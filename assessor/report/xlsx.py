"""XLSX: the gap register as a workbook a consultant filters, assigns and tracks.

One row per gap, ranked as in the report, with empty Owner, Due date and Status columns for the
remediation project; a header that stays put and a filter on every column. openpyxl is imported
only when a workbook is asked for. Text from answers files is written as text, never as a formula
(a note starting with ``=`` must not run in the client's spreadsheet), and the file's dates come
from the assessment, so the same input gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from typing import Any

from assessor.files import printable
from assessor.record.register import STATUS_LABELS
from assessor.record.sheets import FONT, no_formulas, page_setup, row_height
from assessor.report import view
from assessor.report.brand import Brand
from assessor.report.rows import ActionView, EvidenceControl, EvidenceItemView
from assessor.report.words import (
    kept_line,
    long_date,
    marking,
    needs_verifying,
    rating_capped,
    seal_line,
    severity_moved,
    status_line,
    strings,
)
from assessor.report.zipfixed import FIXED_TIME, fixed_package

MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
DRAFT_RED = "B42318"

WRAP_WIDTH = 60  # characters: longer text columns wrap at this width
MAX_ROW_HEIGHT = 409  # points: Excel's largest row
HEADER_CHARS = 90  # of the client's name in a page header (Excel allows 255 in all)
MUTED = "5C6773"


def cell_text(value: Any) -> Any:
    """Return a value safe for a cell: text without control characters; numbers kept."""
    if value is None or isinstance(value, int | float):
        return value
    return printable(str(value))


def register_rows(context: view.Report, t: dict[str, str]) -> list[list[Any]]:
    """Return one row per gap, in rank order."""
    rows = []
    for gap in context["gaps"]:
        basis = "\n".join(f"{r['cite']}: {r['title']}" if r["title"] else r["cite"]
                          for r in gap["references"])
        penalty = "\n".join(dict.fromkeys(
            f"{r['penalty_cite']}: {r['penalty']}"
            for r in gap["references"] if r["penalty"]))
        answer = gap["answer"]
        said = (f"{t['unconfirmed']}: " if gap["unconfirmed"] else "") + gap["statement"]
        rows.append([
            gap["rank"], t["priority_" + gap["priority"]], t["severity_" + gap["severity"]],
            said, gap["workstream"]["title"] if gap["workstream"] else t["workstream_none"],
            gap["id"], ", ".join(a["id"] for a in gap["also"]) or None,
            gap["instrument"], gap["section"], gap["text"], answer["display"],
            answer["note"], "; ".join(answer["evidence"]), basis,
            t["basis_to_verify"] if needs_verifying(gap) else t["xlsx_yes"], penalty,
            gap["remediation"], *tracked(gap.get("action"), t),
            severity_moved(gap, context["lang"]),
        ])
    return rows


def tracked(action: ActionView | None, t: dict[str, str]) -> list[Any]:
    """Return Owner, Due date, Status and Comments as tracked so far (empty when not yet)."""
    if action is None:
        return [None, None, None, None]
    return [action["owner"], action["due"], t[STATUS_LABELS[action["status"]]],
            action["comment"]]


def header(t: dict[str, str]) -> list[tuple[str, int]]:
    """Return the register's column titles with their widths (characters)."""
    return [(t["rank"], 6), (t["priority"], 14), (t["severity"], 10),
            (t["finding_head"], WRAP_WIDTH), (t["workstream"], 20), (t["control_id"], 30),
            (t["xlsx_also"], 24), (t["instrument"], 10), (t["xlsx_section"], 24),
            (t["asked"], WRAP_WIDTH), (t["current_answer"], 22), (t["note"], 40),
            (t["evidence"], 24), (t["legal_basis"], 40), (t["xlsx_verified"], 12),
            (t["penalty"], 40), (t["remediation"], WRAP_WIDTH), (t["xlsx_owner"], 18),
            (t["xlsx_due"], 12), (t["status"], 14), (t["xlsx_comments"], 30),
            (t["xlsx_severity_change"], 40)]


def render_xlsx(context: view.Report, brand: Brand | None = None) -> bytes:
    """Return the workbook: the gap register, then the summary, evidence requests and evidence."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    t = strings(context["lang"])
    chosen = brand or Brand()
    accent = chosen.accent.lstrip("#").upper()
    book = Workbook()
    sheet = book.active
    sheet.title = t["gap_register"][:31]
    columns = header(t)
    write_table(sheet, [c for c, _ in columns], register_rows(context, t), accent,
                Font, PatternFill, Alignment)
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "E2"
    last = sheet.cell(max(sheet.max_row, 1), len(columns)).coordinate
    sheet.auto_filter.ref = f"A1:{last}"
    statuses = [t[key] for key in STATUS_LABELS.values()]  # import reads them back
    titles = [c for c, _ in columns]
    status_at, due_at = titles.index(t["status"]) + 1, titles.index(t["xlsx_due"]) + 1
    status_col = sheet.cell(1, status_at).column_letter
    due_col = sheet.cell(1, due_at).column_letter
    status = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"',
                            allow_blank=True)
    due = DataValidation(type="date", operator="greaterThan", formula1="1",
                         allow_blank=True, error=t["xlsx_due_error"], showErrorMessage=True)
    rows = max(len(context["gaps"]), 1) + 1
    status.add(f"{status_col}2:{status_col}{rows}")
    due.add(f"{due_col}2:{due_col}{rows}")
    sheet.add_data_validation(status)
    sheet.add_data_validation(due)
    for row in range(2, rows + 1):
        sheet.cell(row, due_at).number_format = "yyyy-mm-dd"

    if context.get("internal"):
        write_internal(book.create_sheet(t["internal_appendix"][:31]), context, t, accent)

    summary = book.create_sheet(t["summary"][:31])
    write_table(summary, [t["xlsx_item"], t["xlsx_value"]],
                summary_rows(context, t, hide_score=chosen.hide_score), accent,
                Font, PatternFill, Alignment)
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 70

    requests = book.create_sheet(t["evidence_requests"][:31])
    write_table(requests, [t["control_id"], t["control"], t["status"], t["what_to_provide"]],
                [[e["id"], e["text"], t["status_" + e["status"]],
                  e["evidence_hint"] or t["evidence_default"]]
                 for e in context["evidence_requests"]], accent, Font, PatternFill, Alignment)
    for letter, width in zip("ABCD", (30, WRAP_WIDTH, 14, 50), strict=True):
        requests.column_dimensions[letter].width = width
    requests.freeze_panes = "A2"

    soa_sheet(book.create_sheet(t["soa"][:31]), context, t, accent,
              hide_score=chosen.hide_score)
    evidence_sheet(book.create_sheet(t["evidence_sheet"][:31]), context, t, accent)
    for each in book.worksheets:
        fit_rows(each)
        print_setup(each, t["gap_register"], context)
    mark(book, marking(context, long=True))
    return saved(book, context, t["gap_register"])


def fit_rows(sheet: Any) -> None:
    """Give every row the height its wrapped text needs.

    Neither Excel nor LibreOffice fits a row to wrapped text written by openpyxl: without a
    height each row keeps one line and LibreOffice prints the lines of a cell over the next rows.
    """
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    for row in sheet.iter_rows():
        texts = [(str(cell.value), int(widths.get(cell.column_letter) or 10)) for cell in row
                 if cell.value is not None]
        if texts:
            sheet.row_dimensions[row[0].row].height = min(row_height(texts), MAX_ROW_HEIGHT)


def print_setup(sheet: Any, title: str, context: view.Report) -> None:
    """Print landscape, one page wide, the header row on every page; title, client and date on top.

    The centre of the page header is left for DRAFT and INTERNAL (:func:`mark`).
    """
    page_setup(sheet)
    sheet.oddFooter.center.text = None  # the page number goes left: DRAFT takes the centre
    for part in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        part.left.text = "&P / &N"
        part.right.text = "&A"
    sheet.print_title_rows = "1:1"
    client = context["organisation"]["name"]
    if len(client) > HEADER_CHARS:
        client = client[:HEADER_CHARS - 1] + "…"
    date = long_date(context["assessment"]["date"], context["lang"])
    for part in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        part.left.text = header_text(title)
        part.right.text = header_text(" · ".join(x for x in (client, date) if x))
        for side in (part.left, part.right):
            side.size = 8
            side.color = MUTED


def header_text(text: str) -> str:
    """Return text for a page header: '&' starts a code there (&P is the page), so it is doubled."""
    return printable(text).replace("&", "&&")


def mark(book: Any, words: str) -> None:
    """Print the marking (DRAFT, INTERNAL) in the header and footer of every page, in red."""
    if not words:
        return
    for sheet in book.worksheets:
        for part in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader, sheet.oddFooter,
                     sheet.evenFooter, sheet.firstFooter):
            part.center.text = header_text(words)
            part.center.color = DRAFT_RED


def saved(book: Any, context: view.Report, title: str) -> bytes:
    """Return the workbook's bytes, dated from the assessment, never the clock."""
    from assessor.record.bookwriter import workbook_bytes

    stamp = dt.datetime.combine(dt.date.fromisoformat(context["assessment"]["date"]),
                                dt.time()) if context["assessment"]["date"] else \
        dt.datetime(*FIXED_TIME)
    book.properties.creator = "assessor"
    book.properties.title = printable(f"{title} — {context['organisation']['name']}")
    book.properties.created = stamp
    book.properties.modified = stamp
    no_formulas(book)
    return fixed_zip(workbook_bytes(book, compressed=False), stamp)


def evidence_rows(context: view.Report, t: dict[str, str]) -> list[list[Any]]:
    """Return one row per piece of evidence a control cites, then the items no control cites."""
    def row(control: EvidenceControl | None, item: EvidenceItemView) -> list[Any]:
        return [control["id"] if control else None, control["text"] if control else None,
                item["id"], item["title"], t["ev_status_" + item["status"]], item["requested"],
                item["received"], item["file"], item["note"]]

    rows = [row(c, i) for c in context["evidence"]["controls"] for i in c["items"]]
    return rows + [row(None, i) for i in context["evidence"]["unlinked"]]


def evidence_sheet(sheet: Any, context: view.Report, t: dict[str, str], accent: str) -> None:
    """Write the Evidence sheet: what each control cites, with status and dates."""
    from openpyxl.styles import Alignment, Font, PatternFill

    write_table(sheet, [t["control_id"], t["control"], t["evidence_id"], t["evidence_title"],
                        t["status"], t["evidence_requested_on"], t["evidence_received_on"],
                        t["evidence_file"], t["note"]],
                evidence_rows(context, t), accent, Font, PatternFill, Alignment)
    for letter, width in zip("ABCDEFGHI", (30, WRAP_WIDTH, 12, 36, 16, 12, 12, 30, 40),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:I{max(sheet.max_row, 1)}"


def soa_sheet(sheet: Any, context: view.Report, t: dict[str, str], accent: str, *,
              hide_score: bool = False) -> None:
    """Write the Statement of Applicability: every control, applies or not, why, and status.

    A brand's ``hide_score`` leaves the score column out, as on every page of the report.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    score = [] if hide_score else [t["score"]]
    rows = [[block["title"], c["id"], c["text"], t["xlsx_yes"] if c["applies"] else t["xlsx_no"],
             (c["reason"] or t["applies_to_all"])
             + (f" ({t['scope_to_confirm']})" if c["to_confirm"] else ""), t["soa_" + c["status"]],
             *([] if hide_score else [None if c["score"] is None else round(100 * c["score"])]),
             c["note"]]
            for block in context["soa"] for c in block["rows"]]
    write_table(sheet, [t["instrument"], t["control_id"], t["control"], t["applies"], t["reason"],
                        t["status"], *score, t["note"]], rows, accent, Font, PatternFill,
                Alignment)
    widths = (24, 30, WRAP_WIDTH, 10, 50, 16, *([] if hide_score else [8]), 40)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "C2"
    last = sheet.cell(1, len(widths)).column_letter
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"


def summary_rows(context: view.Report, t: dict[str, str], *,
                 hide_score: bool = False) -> list[list[Any]]:
    """Return the summary sheet: who, when, overall score, then each instrument and principle.

    A brand's ``hide_score`` keeps the rating, coverage and gaps and leaves every score out.
    """
    overall = context["overall"]
    said = context["consultant_summary"]
    rows: list[list[Any]] = [[t["consultant_summary"], "\n\n".join(said["paragraphs"])]] \
        if said else []  # the consultant's words first, then where the report stands
    rows.append([t["report_status"], status_line(context)])
    rows += [
        [t["client"], context["organisation"]["name"]],
        [t["scope"], context["subtitle"]],
        [t["prepared_by"], context["assessment"]["consultant"]],
        [t["assessment_date"], context["assessment"]["date"]],
        *([] if hide_score else [[t["overall_score"], rounded(overall["score"])]]),
        [t["rating"], t["rating_" + overall["rating"]]],
        *([[t["rating_caps_title"], rating_capped(context)]] if overall["cap"] else []),
        [t["coverage"], t["answered_of"].format(answered=overall["answered"],
                                                applicable=overall["applicable"])],
        [t["gaps"], context["counts"]["gaps"]],
    ]
    if not hide_score:
        rows += [[f"{t['score']}: {i['title']}", rounded(i["score"])]
                 for i in context["instruments"] if i["applies"]]
        rows += [[f"{t['principle']} {p['id']}: {p['short']}", rounded(p["score"])]
                 for p in context["principles"]]
    sealed, sign = seal_line(context), context["review"]["signed_off"]
    if sealed is not None:
        rows.append([t["sign_off_seal"], sealed])
        rows.append([t["seal_digest"], sign["digest"] if sign else None])
    rows.append([t["answers_digest"], context["source"]["sha256"]])
    return rows


def rounded(score: float | None) -> int | None:
    """Return a 0-100 score as the PDF prints it: a whole number (47.9 is 48 on every page)."""
    return None if score is None else round(score)


def write_internal(sheet: Any, context: view.Report, t: dict[str, str], accent: str) -> None:
    """Write the firm's sheet (``run --internal`` only): quality counts, then internal notes."""
    from openpyxl.styles import Alignment, Font, PatternFill

    internal = context["internal"]
    if internal is None:
        return
    rows: list[list[Any]] = [[t["internal_marking"], None, None]]
    rows += [[t.get("quality_" + c["id"], c["id"]), c["count"], None]
             for c in internal["quality"]["checks"] if c["count"]]
    rows += [[n["id"], n["text"], n["internal"]] for n in internal["notes"]]
    if internal["conflicts"]:  # the answers not taken, under a heading row of their own
        rows.append([t["conflicts_title"], t["answer_taken"], t["answers_not_taken"]])
        rows += [[c["id"], f"{c['text']}\n{c['display']}",
                  "\n".join(kept_line(k, context["lang"]) for k in c["kept"])]
                 for c in internal["conflicts"]]
    write_table(sheet, [t["method_quality"], t["control"], t["internal_note"]], rows, accent,
                Font, PatternFill, Alignment)
    for letter, width in zip("ABC", (40, WRAP_WIDTH, WRAP_WIDTH), strict=True):
        sheet.column_dimensions[letter].width = width


def write_table(sheet: Any, titles: list[str], rows: list[list[Any]], accent: str,
                font: Any, fill: Any, alignment: Any) -> None:
    """Write a header row in the brand's colour, then the rows as text or numbers.

    ``sheet`` is new: the header is row 1. Each row's cells are reached by number, as
    ``sheet[row]`` would give them, without measuring the whole sheet again for every row.
    """
    sheet.append(titles)
    bold = font(name=FONT, size=10, bold=True, color="FFFFFF")
    shade = fill("solid", fgColor=accent)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = shade
        cell.alignment = alignment(vertical="center", wrap_text=True)
    top = alignment(vertical="top", wrap_text=True)
    plain = font(name=FONT, size=10)  # the metrics fit_rows measures with, on every machine
    body = None  # the style of a body cell, set once and copied: openpyxl hashes every style
    width = len(titles)  # object it is given, most of the time of a large register
    for number, values in enumerate(rows, start=2):
        sheet.append([cell_text(v) for v in values])
        width = max(width, len(values))
        for cell in (sheet.cell(number, column) for column in range(1, width + 1)):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if body is None:
                cell.alignment = top
                cell.font = plain
                body = cell._style  # noqa: SLF001 - openpyxl's own way to share a style
            else:
                cell._style = copy.copy(body)  # noqa: SLF001


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the XLSX zip so its bytes do not depend on the clock.

    Member times become fixed, and the "modified" property, which openpyxl sets to the time of
    saving, becomes the assessment date.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    modified = f"{stamp.isoformat()}Z".encode("ascii")

    def content(name: str) -> bytes:
        found = source.read(name)
        if name == "docProps/core.xml":
            found = MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", found)
        return found

    return fixed_package((info.filename, content(info.filename), info.external_attr)
                         for info in source.infolist())
