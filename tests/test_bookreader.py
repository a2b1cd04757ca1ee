"""The workbook reader's shortcuts read every cell as openpyxl reads it, and refuse DTDs alone."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.reader import excel
from openpyxl.worksheet import _reader as sheet_reader

from assessor.record import bookreader

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
# Shared strings as Excel writes them: plain, rich runs, phonetic text, an escaped underscore.
STRINGS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ' + MAIN +
           b' count="4" uniqueCount="4"><si><t>plain \xe4\xb8\xad\xe6\x96\x87</t></si>'
           b'<si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> then not</t></r>'
           b'</si><si><t>\xe6\x9d\xb1\xe4\xba\xac</t><rPh sb="0" eb="2"><t>tokyo</t></rPh></si>'
           b'<si><t>a_x005F_x000D_b</t></si><si><t/></si></sst>')


def book_bytes() -> bytes:
    """Return a workbook of every kind of cell openpyxl writes, inline rich text included."""
    book = Workbook()
    sheet = book.active
    sheet.append(["one", "two", "three", "four", "five"])  # shared strings in one test
    sheet.append(["plain", "  spaced  ", "", "中文\nline two", 42, 4.5, True, None])
    sheet.append([dt.datetime(2026, 12, 3, 10, 30), dt.date(2026, 12, 3), "=SUM(E1:F1)",
                  CellRichText("before ", TextBlock(InlineFont(b=True), "bold"), " after")])
    sheet["A4"] = "=HYPERLINK(\"http://x.example\")"
    sheet["B4"] = "=not a formula"
    sheet["B4"].data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_parts(data: bytes, **changed: bytes) -> bytes:
    """Return ``data`` with some parts replaced (names with / written as __)."""
    parts = {name.replace("__", "/").replace("_xml", ".xml").replace("_bin", ".bin"): body
             for name, body in changed.items()}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, parts.pop(name, source.read(name)))
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def shared(data: bytes) -> bytes:
    """Return ``data`` whose first sheet's first cells are shared strings of STRINGS."""
    source = zipfile.ZipFile(io.BytesIO(data))
    sheet = source.read("xl/worksheets/sheet1.xml")
    for index in range(5):
        sheet = re.sub(rb'<c r="([A-Z]+1)"( s="\d+")? t="inlineStr"><is><t[^>]*>[^<]*</t></is>',
                       rb'<c r="\1"\2 t="s"><v>' + str(index).encode() + b"</v>", sheet, count=1)
    types = source.read("[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                     b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     b"</Types>")
    return with_parts(data, xl__worksheets__sheet1_xml=sheet, xl__sharedStrings_xml=STRINGS,
                      **{"[Content_Types]_xml": types})


def cells(book: Any) -> list[tuple[Any, ...]]:
    return [(sheet.title, cell.coordinate, cell.value, cell.data_type, cell.number_format,
             tuple(cell._style))  # noqa: SLF001 - the style indexes, compared whole
            for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("kind", ["inline strings", "shared strings"])
def test_every_cell_reads_as_openpyxl_reads_it(kind: str) -> None:
    data = book_bytes() if kind == "inline strings" else shared(book_bytes())
    ours = cells(bookreader.load(data))
    assert ours == cells(load_workbook(io.BytesIO(data)))
    values = [row[2] for row in ours]
    if kind == "shared strings":
        assert values[:5] == ["plain 中文", "bold then not", "東京", "a_x000D_b", ""]
    else:
        assert "中文\nline two" in values
        assert "before bold after" in values  # rich text: openpyxl's own path
    assert ("Sheet", "B4", "=not a formula", "s") in [row[:4] for row in ours]
    assert ("Sheet", "A4", '=HYPERLINK("http://x.example")', "f") in [row[:4] for row in ours]


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
          b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                  "xl/styles.xml"])
def test_a_part_declaring_entities_is_refused_by_its_name(part: str) -> None:
    data = shared(book_bytes())
    body = zipfile.ZipFile(io.BytesIO(data)).read(part).split(b"?>", 1)[-1]
    bad = with_parts(data, **{part.replace("/", "__").replace(".xml", "_xml"): LAUGHS + body})
    with pytest.raises(bookreader.Declared, match=re.escape(part)):
        bookreader.load(bad)


def test_a_dtd_in_utf16_is_refused_too() -> None:
    body = (b'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x SYSTEM "http://x.example/">'
            b"<x/>").decode("ascii").encode("utf-16")
    bad = with_parts(book_bytes(), xl__styles_xml=body)
    with pytest.raises(bookreader.Declared, match="xl/styles.xml"):
        bookreader.load(bad)


def test_openpyxl_is_left_as_it_was_after_a_read_and_a_failure() -> None:
    before = (sheet_reader.WorkSheetParser, sheet_reader.iterparse, excel.read_string_table)
    bookreader.load(book_bytes())
    broken = with_parts(book_bytes(), xl__worksheets__sheet1_xml=b"<worksheet><sheetData><row>")
    with pytest.raises(Exception, match="no element found"):
        bookreader.load(broken)
    assert (sheet_reader.WorkSheetParser, sheet_reader.iterparse,
            excel.read_string_table) == before


def test_a_damaged_part_openpyxl_never_reads_is_no_reason_to_refuse() -> None:
    data = with_parts(book_bytes(), xl__media__unused_bin=b"picture bytes " * 8)
    data = data.replace(b"picture bytes " * 8, b"damaged bytes " * 8)  # stored: its CRC fails
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(data)).read("xl/media/unused.bin")
    assert cells(bookreader.load(data)) == cells(load_workbook(io.BytesIO(data)))
