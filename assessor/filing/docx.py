"""Write a filing document as DOCX, in the typography the forms mandate.

Note (4) of both forms: body 四号 (14 pt) 仿宋; level-1 headings 黑体, level-2 楷体 bold, level-3
仿宋 bold; digits and Latin letters 四号 Times New Roman; line spacing fixed at 26 pt; first-line
indent of 2 characters; A4 with margins of 2.54 cm top and bottom and 3.18 cm left and right.
Every look is a named style (the built-in headings are restyled, so Word's navigation pane and
outline still work). python-docx is imported only here, on the DOCX path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from assessor.filing.document import Cover, Document, Heading, Para, Table
from assessor.report.wordkit import blank_document, clean, document_bytes

FANGSONG, HEITI, KAITI = "仿宋", "黑体", "楷体"
LATIN = "Times New Roman"
BODY_PT = 14  # 四号
LINE_PT = 26
A4 = (11906, 16838)  # twips
MARGINS = (1440, 1803)  # 2.54 cm and 3.18 cm, in twips (1 cm = 566.93 twips)
HEADINGS = {1: (HEITI, False), 2: (KAITI, True), 3: (FANGSONG, True), 4: (FANGSONG, True)}
COLUMN_TWIPS = (620, 1300, 1650, 1850, 1430, 1450)  # sum 8300 = the text width (A4 less margins)
TITLE_PT = 22  # 二号, for the cover title (the forms set no size for it)


def fonts(element: Any, east_asian: str) -> None:
    """Name the East Asian face and Times New Roman for digits and Latin, dropping theme fonts."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asian)


def body_format(style: Any, *, indent: bool = True) -> None:
    """Exact 26 pt lines, no space around, and a first-line indent of 2 characters."""
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * BODY_PT)
        ind = style.element.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "200")  # 2 characters, as Word counts them
    else:
        fmt.first_line_indent = Pt(0)


def character(style: Any, east_asian: str, *, bold: bool, size: int = BODY_PT) -> None:
    """Set a style's faces, size, weight and colour."""
    fonts(style.element, east_asian)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def define_styles(document: Any) -> dict[str, str]:
    """Restyle Normal and the headings, add the cover and table styles; return their ids."""
    styles = document.styles
    normal = styles["Normal"]
    character(normal, FANGSONG, bold=False)
    body_format(normal)
    for level, (face, bold) in HEADINGS.items():
        style = styles[f"Heading {level}"]
        character(style, face, bold=bold)
        body_format(style)
        style.paragraph_format.keep_with_next = True
    for name, size, bold, face, align in (
            ("Filing Title", TITLE_PT, False, HEITI, WD_ALIGN_PARAGRAPH.CENTER),
            ("Filing Cover", BODY_PT, False, FANGSONG, WD_ALIGN_PARAGRAPH.LEFT),
            ("Filing Date", BODY_PT, False, FANGSONG, WD_ALIGN_PARAGRAPH.RIGHT),
            ("Filing Table", BODY_PT, False, FANGSONG, WD_ALIGN_PARAGRAPH.LEFT),
            ("Filing Banner", BODY_PT, True, FANGSONG, WD_ALIGN_PARAGRAPH.LEFT)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        character(style, face, bold=bold, size=size)
        body_format(style, indent=False)
        style.paragraph_format.alignment = align
    language(document)
    return {name: styles[name].style_id for name in (
        "Normal", "Filing Title", "Filing Cover", "Filing Date", "Filing Table", "Filing Banner",
        *(f"Heading {level}" for level in HEADINGS))}


def language(document: Any) -> None:
    """Mark the text as Chinese (mainland) for proofing and line breaking."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(
        f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def page(document: Any) -> None:
    """A4, with the forms' margins, and page numbers in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    section.top_margin = section.bottom_margin = Twips(MARGINS[0])
    section.left_margin = section.right_margin = Twips(MARGINS[1])
    section.different_first_page_header_footer = True  # no number on the cover
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Filing Table"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(footer, "PAGE")


def field(paragraph: Any, instruction: str) -> None:
    """Add a simple field (the page number) to ``paragraph``."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)  # noqa: SLF001 - python-docx has no API for fields


def add(document: Any, ids: dict[str, str], text: str, style: str) -> Any:
    """Add a paragraph in ``style`` (by id: python-docx's lookup by name scans every style)."""
    paragraph = document.add_paragraph(clean(text) if text else "")
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = ids[style]  # noqa: SLF001
    return paragraph


def write_cover(document: Any, ids: dict[str, str], cover: Cover, banner: str) -> None:
    """The form's cover: title, the processor's name with the seal, the date, then the notes."""
    if banner:
        add(document, ids, banner, "Filing Banner")
    for _ in range(4):
        add(document, ids, "", "Filing Cover")
    for line in cover.title:
        add(document, ids, line, "Filing Title")
    for _ in range(6):
        add(document, ids, "", "Filing Cover")
    add(document, ids, f"{cover.name_label}{cover.name}{cover.seal}", "Filing Cover")
    add(document, ids, cover.date, "Filing Date")
    for _ in range(2):
        add(document, ids, "", "Filing Cover")
    for note in cover.notes:
        add(document, ids, note, "Filing Cover")
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def write_table(document: Any, ids: dict[str, str], table: Table) -> None:
    """The data-item table: the form's six columns, a header row repeated on each page."""
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()  # noqa: SLF001 - repeat the header row on each page
    repeat = OxmlElement("w:tblHeader")
    trpr.append(repeat)
    widths = COLUMN_TWIPS if len(table.columns) == len(COLUMN_TWIPS) else None
    if widths:
        grid.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        grid._tbl.tblPr.append(layout)  # noqa: SLF001 - keep the form's column widths
    for row, values in zip(grid.rows, (table.columns, *table.rows), strict=True):
        for col, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            if widths:
                cell.width = Twips(widths[col])
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = ids[  # noqa: SLF001
                "Filing Table"]
            paragraph.add_run(clean(text)).bold = values is table.columns or None


def write_block(document: Any, ids: dict[str, str], block: Heading | Para | Table) -> None:
    """Write one block in its style."""
    if isinstance(block, Heading):
        add(document, ids, block.text, f"Heading {block.level}")
    elif isinstance(block, Para):
        paragraph = add(document, ids, "", "Normal")
        for text, bold in block.runs:
            if text:
                paragraph.add_run(clean(text)).bold = bold or None
    else:
        write_table(document, ids, block)


def render_docx(doc: Document, stamp: dt.date | None = None) -> bytes:
    """Return the DOCX bytes of a filing document (same document, same bytes)."""
    document = blank_document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ids = define_styles(document)
    page(document)
    if doc.header:
        header = document.sections[0].header.paragraphs[0]
        header.style = document.styles["Filing Table"]
        header.text = clean(doc.header)
    write_cover(document, ids, doc.cover, doc.banner)
    for block in doc.blocks:
        write_block(document, ids, block)
    when = dt.datetime.combine(stamp or dt.date(2026, 1, 1), dt.time())
    props = document.core_properties
    props.title = clean("".join(doc.cover.title))
    props.author = props.last_modified_by = ""
    props.created = props.modified = when
    props.revision = 1
    props.language = "zh-CN" if doc.lang == "zh" else "en-GB"
    return document_bytes(document)
