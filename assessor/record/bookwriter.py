"""Saving an openpyxl workbook to bytes with each sheet written in memory.

openpyxl's own save writes every sheet to a temporary file, copies it into the zip and deletes
it: a file created and removed per sheet, each removal a few milliseconds of waiting on a busy
disk. Here each sheet's XML goes to memory and into the zip as the same member (same name,
time, mode and compression), so the bytes are those openpyxl writes. A caller that rewrites the
zip anyway (the reports' fixed times) asks for stored members, so nothing is deflated twice.
"""

from __future__ import annotations

import datetime as dt
import io
import stat
import time
import zipfile
from typing import Any

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

TEMPORARY_FILE = (stat.S_IFREG | 0o600) << 16  # the mode openpyxl's temporary sheet files have


class MemoryWriter(ExcelWriter):  # type: ignore[misc]
    """openpyxl's package writer, writing each sheet's XML to memory."""

    def write_worksheet(self, ws: Any) -> None:
        """Write one sheet into the archive as openpyxl does, without a temporary file."""
        if self.workbook.write_only:  # its sheets stream to their own files as they are made
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()  # noqa: SLF001 - as ExcelWriter.write_worksheet
        ws._drawing.charts = ws._charts  # noqa: SLF001
        ws._drawing.images = ws._images  # noqa: SLF001
        out = io.BytesIO()
        writer = WorksheetWriter(ws, out)
        writer.write()
        ws._rels = writer._rels  # noqa: SLF001
        member = zipfile.ZipInfo(ws.path[1:], time.localtime()[:6])
        member.external_attr = TEMPORARY_FILE
        member.compress_type = self._archive.compression
        self._archive.writestr(member, out.getvalue())
        self.manifest.append(ws)


def workbook_bytes(book: Any, *, compressed: bool = True) -> bytes:
    """Return the .xlsx bytes of ``book`` (members stored, not deflated, if not ``compressed``)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method, allowZip64=True) as archive:
        book.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
        MemoryWriter(book, archive).save()
    return buffer.getvalue()
