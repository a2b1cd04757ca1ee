"""A report table's WordprocessingML written as one string and parsed once.

A large report's tables hold thousands of cells; building each paragraph, run and property as
an lxml element costs a dozen calls apiece, while libxml2 parses the same markup in one call.
The markup is exactly what the element-by-element builder made (same elements, attributes in
the same order, no whitespace between elements), so the saved document is byte for byte the
same. Text is cleaned first (:func:`assessor.files.printable`), so it always parses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from assessor.files import printable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAB_OR_BREAK = re.compile(r"(\n|\t)")
ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})
PIECES = {"\n": "<w:br/>", "\t": "<w:tab/>"}

Run = str | tuple[str, str]  # plain text, or (text, character style name)


@dataclass(frozen=True)
class P:
    """A paragraph in a table cell with a paragraph style other than "Table Text"."""

    runs: Sequence[Run]
    style: str


Cell = Sequence["Sequence[Run] | P"]  # a cell: its paragraphs


def clean(text: Any) -> str:
    """Return ``text`` as a string a document may hold (others shown as U+FFFD)."""
    return printable("" if text is None else str(text))


def escaped(text: str) -> str:
    """Return ``text`` escaped for an element's content (a carriage return kept as one)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("\r", "&#13;")


def parser() -> Any:
    """Return an XML parser making python-docx's element classes, keeping every text node."""
    from docx.oxml.parser import element_class_lookup

    made = etree.XMLParser(resolve_entities=False)
    made.set_element_class_lookup(element_class_lookup)
    return made


def attr(value: str) -> str:
    """Return ``value`` escaped for a double-quoted attribute."""
    return value.translate(ATTR_ESCAPES)


class StyleIds:
    """Style ids by name, each escaped once: a report names a few dozen styles thousands of times.

    The markup builders below take such a function: it returns an id ready for an attribute.
    """

    def __init__(self, lookup: Callable[[str], str]) -> None:
        self.lookup = lookup
        self.found: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        """Return the escaped id of the style ``name`` (as ``lookup`` finds it)."""
        found = self.found.get(name)
        if found is None:
            found = self.found[name] = attr(self.lookup(name))
        return found


def run_xml(run: Run, style_id: Callable[[str], str]) -> str:
    """Return one run: text, line breaks and tabs, in its character style if it has one."""
    text, style = (run, None) if isinstance(run, str) else run
    out = [f'<w:r><w:rPr><w:rStyle w:val="{style_id(style)}"/></w:rPr>' if style
           else "<w:r>"]
    text = clean(text)
    for piece in TAB_OR_BREAK.split(text) if "\n" in text or "\t" in text else (text,):
        if piece in PIECES:
            out.append(PIECES[piece])
        elif piece:
            out.append(f'<w:t xml:space="preserve">{escaped(piece)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


def para_xml(runs: Run | Sequence[Run], style: str, style_id: Callable[[str], str], *,
             keep_next: bool = False, page_break: bool = False) -> str:
    """Return a paragraph of ``runs`` in paragraph style ``style``."""
    head = (f'<w:p><w:pPr><w:pStyle w:val="{style_id(style)}"/>'
            f'{"<w:keepNext/>" if keep_next else ""}'
            f'{"<w:pageBreakBefore/>" if page_break else ""}</w:pPr>')
    body = "".join(run_xml(run, style_id)
                   for run in ([runs] if isinstance(runs, str | tuple) else runs))
    return f"{head}{body}</w:p>"


def row_xml(twips: Sequence[int], cells: Sequence[Cell], style_id: Callable[[str], str], *,
            header: bool = False) -> str:
    """Return one row that cannot split across pages; a header row repeats on every page."""
    out = ["<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header
           else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    plain = "Table Header" if header else "Table Text"
    for width, paragraphs in zip(twips, cells, strict=True):
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
        for paragraph in paragraphs or [[""]]:
            if isinstance(paragraph, P):
                out.append(para_xml(paragraph.runs, paragraph.style, style_id))
            else:
                out.append(para_xml(paragraph, plain, style_id))
        out.append("</w:tc>")
    out.append("</w:tr>")
    return "".join(out)


def group_xml(twips: Sequence[int], text: str, style_id: Callable[[str], str]) -> str:
    """Return a group heading row spanning the table (the "Table Group" style shades it)."""
    return (f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>'
            f'<w:tcW w:w="{sum(twips)}" w:type="dxa"/><w:gridSpan w:val="{len(twips)}"/>'
            f"</w:tcPr>{para_xml([text], 'Table Group', style_id, keep_next=True)}</w:tc></w:tr>")


def table_xml(twips: Sequence[int], header: Sequence[str] | None,
              rows: Iterable[Sequence[Cell] | str], style: str,
              style_id: Callable[[str], str], full_width: int) -> str:
    """Return a fixed-layout table ``full_width`` fiftieths of a percent wide, and its rows."""
    look = ('w:val="04A0" w:firstRow="1"' if header is not None
            else 'w:val="0480" w:firstRow="0"')
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="{style_id(style)}"/>'
           f'<w:tblW w:w="{full_width}" w:type="pct"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblLook {look} w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" '
           'w:noVBand="1"/></w:tblPr><w:tblGrid>',
           *(f'<w:gridCol w:w="{column}"/>' for column in twips), "</w:tblGrid>"]
    if header is not None:
        out.append(row_xml(twips, [[[h]] for h in header], style_id, header=True))
    out.extend(group_xml(twips, row, style_id) if isinstance(row, str)
               else row_xml(twips, row, style_id) for row in rows)
    out.append("</w:tbl>")
    return "".join(out)
