"""Reading an .xlsx with openpyxl, safely whatever is installed, and without its slow paths.

Safety: a workbook's XML never declares a DTD or entities (Excel and LibreOffice write none), so
every part that does is refused before openpyxl reads anything. openpyxl only defuses entities
when ``defusedxml`` happens to be installed (here it comes with a test tool, not with assessor);
this check holds either way.

Speed: openpyxl reads cells through its general XML-to-object mapping, most of the time an
import took. Two shortcuts give the same values: a cell's or a shared string's plain text (one
``<t>``, nothing else, the form Excel and openpyxl write) is taken straight from the XML, and,
the DTDs refused, sheets and strings are parsed by the standard library's C parser instead of
defusedxml's pure-Python one. Anything else (rich text, phonetic runs, attributes) takes
openpyxl's own path, so it reads as before.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import IO, Any
from xml.etree.ElementTree import iterparse
from xml.parsers import expat

from openpyxl.cell.text import Text
from openpyxl.worksheet import _reader as sheet_reader
from openpyxl.xml.constants import SHEET_MAIN_NS

PLAIN = f"{{{SHEET_MAIN_NS}}}t"
STRING = f"{{{SHEET_MAIN_NS}}}si"


class Declared(ValueError):
    """A part of the workbook declares a DTD or entities."""


def declarations(archive: zipfile.ZipFile) -> str | None:
    """Return the name of the first part that declares a DTD or an entity, or None.

    Each part is read by expat alone (no tree built: a few milliseconds a workbook); a part
    that is not XML (an image), is broken or cannot be unpacked stops the scan of that part
    only: openpyxl then refuses it as it always has if it needs it, and ignores it if not.
    """
    for info in archive.infolist():
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        try:
            parser.Parse(archive.read(info.filename), True)
        except Declared:
            return info.filename
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, RuntimeError,
                NotImplementedError, EOFError):
            continue
    return None


def refuse(*_: object) -> None:
    """Stop expat at a DTD or an entity declaration."""
    raise Declared


def plain_text(node: Any) -> str | None:
    """Return the text of an ``<is>`` or ``<si>`` holding one plain ``<t>``, else None."""
    if node.attrib or len(node) != 1:
        return None
    child = node[0]
    if child.tag != PLAIN:
        return None
    return child.text or ""


class SheetParser(sheet_reader.WorkSheetParser):  # type: ignore[misc]
    """openpyxl's sheet parser, taking a plain inline string straight from its ``<t>``."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        """Parse one ``<c>``: as openpyxl does, but plain inline text without its mapping."""
        if element.get("t") != "inlineStr" or self.rich_text:
            return super().parse_cell(element)  # type: ignore[no-any-return]
        coordinate = element.get("r")
        style_id = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if coordinate:
            row, column = sheet_reader.coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        data_type, value = "inlineStr", None
        if not self.data_only and element.find(sheet_reader.FORMULA_TAG) is not None:
            data_type, value = "f", self.parse_formula(element)
        else:
            child = element.find(sheet_reader.INLINE_STRING)
            if child is not None:
                data_type = "s"
                value = plain_text(child)
                if value is None:
                    value = Text.from_tree(child).content
        return {"row": row, "column": column, "value": value, "data_type": data_type,
                "style_id": style_id}


def read_strings(source: IO[bytes]) -> list[str]:
    """Read the shared strings table as openpyxl does, plain strings without its mapping."""
    strings = []
    for _, node in iterparse(source):  # noqa: S314 - load() refused DTDs and entities first
        if node.tag == STRING:
            text = plain_text(node)
            if text is None:
                text = Text.from_tree(node).content
            strings.append(text.replace("x005F_", ""))
            node.clear()
    return strings


@contextmanager
def shortcuts() -> Iterator[None]:
    """Have openpyxl use the parser and string reader above while a workbook is loaded."""
    from openpyxl.reader import excel

    swaps = ((sheet_reader, "WorkSheetParser", SheetParser), (sheet_reader, "iterparse", iterparse),
             (excel, "read_string_table", read_strings))
    with ExitStack() as stack:
        for module, name, value in swaps:
            stack.callback(setattr, module, name, getattr(module, name))
            setattr(module, name, value)
        yield


def load(data: bytes) -> Any:
    """Return the workbook in ``data`` (formulas kept as formulas, to be refused by the reader).

    Raises:
        Declared: a part declares a DTD or entities (its name is the message).
        Exception: whatever openpyxl raises on a file it cannot read.
    """
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = declarations(archive)
    if declared is not None:
        raise Declared(declared)
    with shortcuts():
        return load_workbook(io.BytesIO(data), data_only=False)
