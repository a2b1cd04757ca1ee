"""Sheet basics every workbook the tool writes shares: font, styles, row heights, printing.

openpyxl does not fit a row to its wrapped text, turns text starting with ``=`` into a formula
and prints a sheet as it lies: the client workbook and the report's XLSX both need the same
answers, so they live here once. openpyxl is imported only inside the functions that use it.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from typing import Any

from assessor.files import printable
from assessor.text import width as columns

ACCENT = "1F3864"
SECTION_FILL = "D9E1F2"
ANSWER_FILL = "FFF2CC"
NOTE_FILL = "FFFAEB"
LINE_HEIGHT = 12.75  # points per wrapped line at 10 pt
CHARS_PER_UNIT = 1.25  # a column width unit holds a little more than one 10 pt character
FONT = "Arial"  # Liberation Sans in LibreOffice: the same metrics everywhere


def text_width(text: str) -> int:
    """Return how many columns ``text`` takes: a Chinese character takes two."""
    return columns(text)


def row_height(texts: Iterable[tuple[str, int]]) -> float:
    """Return a row height that shows every wrapped text in full (Excel does not fit rows)."""
    lines = 1
    for text, width in texts:
        per_line = max(width * CHARS_PER_UNIT - 3, 1)
        count = sum(max(1, math.ceil(text_width(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return round(LINE_HEIGHT * lines + 3, 1)


def clean(value: Any) -> Any:
    """Return a value safe for a cell: text without control characters; numbers kept."""
    if value is None or isinstance(value, int | float):
        return value
    return printable(str(value))



def no_formulas(book: Any) -> None:
    """Make every cell that would be a formula plain text: none of ours is one.

    Text from a file or a name (a consultant, a firm, a note, a bank title) that starts with
    ``=`` is a formula to openpyxl; each writer sets text cells as text, and this sweep keeps
    the promise for any cell a later change forgets (review defect 6).
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


class Styles:
    """The few styles the workbook uses, made once (openpyxl shares them between cells)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        line = Side(style="thin", color="BFBFBF")
        self.border = Border(left=line, right=line, top=line, bottom=line)
        self.header_font = Font(name=FONT, bold=True, color="FFFFFF", size=10)
        self.header_fill = PatternFill("solid", fgColor=ACCENT)
        self.section_font = Font(name=FONT, bold=True, color=ACCENT, size=10)
        self.section_fill = PatternFill("solid", fgColor=SECTION_FILL)
        self.title_font = Font(name=FONT, bold=True, color=ACCENT, size=16)
        # not italic: the Chinese workbook's subtitle would be slanted (synthetic oblique)
        self.subtitle_font = Font(name=FONT, color="595959", size=10)
        self.heading_font = Font(name=FONT, bold=True, color=ACCENT, size=12)
        self.body_font = Font(name=FONT, size=10)
        self.bold_font = Font(name=FONT, bold=True, size=10)
        self.id_font = Font(name=FONT, size=9, color="595959")
        self.small_font = Font(name=FONT, size=9, color="404040")
        self.answer_fill = PatternFill("solid", fgColor=ANSWER_FILL)
        self.note_fill = PatternFill("solid", fgColor=NOTE_FILL)
        self.wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.center = Alignment(vertical="center", wrap_text=True)
        self.unlocked = Protection(locked=False)
        self.made: dict[int, Any] = {}  # column -> the style of a question cell, once set
        self.stamps: dict[str, Any] = {}  # name -> the style indexes stamp() set first

    def stamp(self, cell: Any, name: str, **style: Any) -> None:
        """Give a fresh ``cell`` the style ``name``: set by attribute once, then copied.

        openpyxl hashes every style object a cell is given (thousands in a workbook's header
        and section rows); a fresh cell given the same objects gets the same indexes, so the
        first cell's are copied.
        """
        made = self.stamps.get(name)
        if made is None:
            for key, value in style.items():
                setattr(cell, key, value)
            self.stamps[name] = copy.copy(cell._style)  # noqa: SLF001 - openpyxl's style indexes
        else:
            cell._style = copy.copy(made)  # noqa: SLF001



def page_setup(sheet: Any) -> None:
    """Print landscape on A4, one page wide, the header row on every page, numbered pages."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.right.text = "&A"


def protect(sheet: Any) -> None:
    """Lock every cell but the client's; columns and rows may still be resized, no password."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.formatCells = False
