"""Workbooks are saved with no temporary file, member for member as openpyxl saves them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet import _writer

from assessor.model.catalog import Catalog
from assessor.record.answers import load
from assessor.record.bookwriter import workbook_bytes
from assessor.record.workbook import plan, write_workbook

from .conftest import EXAMPLES

MODIFIED = re.compile(rb"<dcterms:(modified|created)[^>]*>[^<]*</dcterms:\w+>")


def two_books() -> tuple[Workbook, Workbook]:
    """Return two equal workbooks of several sheets: text, numbers, styles and a merged cell."""
    books = []
    for _ in range(2):
        book = Workbook()
        book.active.title = "First"
        for name in ("Second", "中文"):
            sheet = book.create_sheet(name)
            sheet.append(["text", 12, 3.5, "中文"])
            sheet["A1"].font = Font(bold=True)
            sheet.merge_cells("A3:C3")
        books.append(book)
    return books[0], books[1]


def members(data: bytes) -> list[tuple[object, ...]]:
    """Return each member's name, mode, method, size and content (save times left out)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, info.external_attr, info.compress_type, info.file_size,
             info.flag_bits, MODIFIED.sub(b"", archive.read(info.filename)))
            for info in archive.infolist()]


def test_the_members_are_those_openpyxl_writes() -> None:
    ours, theirs = two_books()
    saved = io.BytesIO()
    theirs.save(saved)
    assert members(workbook_bytes(ours)) == members(saved.getvalue())
    stored = zipfile.ZipFile(io.BytesIO(workbook_bytes(two_books()[0], compressed=False)))
    assert {info.compress_type for info in stored.infolist()} == {zipfile.ZIP_STORED}
    assert [info.filename for info in stored.infolist()] == [m[0] for m in members(
        saved.getvalue())]


def test_no_temporary_file_is_made(monkeypatch: pytest.MonkeyPatch,
                                   catalog: Catalog) -> None:
    def refused() -> str:
        raise AssertionError("a temporary file was made")

    monkeypatch.setattr(_writer, "create_temporary_file", refused)
    base = load(EXAMPLES / "crossborder-ecommerce.yaml", catalog)
    data = write_workbook(catalog, plan(catalog, "en", (), base))
    book = load_workbook(io.BytesIO(data))
    assert book["PIPL"]["A5"].value == "ID"
    assert len(book.sheetnames) > 3


def test_a_saved_workbook_is_a_file_openpyxl_reads(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook_bytes(two_books()[0]))
    book = load_workbook(path)
    assert book.sheetnames == ["First", "Second", "中文"]
    assert [c.value for c in book["中文"][1]] == ["text", 12, 3.5, "中文"]
    assert book["Second"]["A1"].font.b is True
    assert str(book["Second"].merged_cells) == "A3:C3"
