"""Word building blocks: styles a firm can restyle, paragraphs, fast tables, fields, fixed bytes.

python-docx opens the document (ours or a firm's template) and writes the package; the body is
built here as WordprocessingML elements directly, since python-docx's table API re-reads the
whole table for every cell it touches and the appendix of a large report has a thousand cells.
Every look comes from a named style (paragraph, character or table style), so a firm restyles
the report in Word, or by giving its own template, whose styles of the same names win. python-docx
is imported only on the DOCX path (``assessor.report.docx`` imports this module lazily).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from assessor.report.wordxml import (
    Cell,
    P,
    Run,
    StyleIds,
    clean,
    para_xml,
    parser,
    run_xml,
    table_xml,
)
from assessor.report.zipfixed import OWNER_READ_WRITE, fixed_package

__all__ = ["Cell", "P", "Run", "clean"]  # the cell types the parts build tables of

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EAST_ASIAN_FONT = "Microsoft YaHei"  # Word's Chinese UI font; LibreOffice substitutes its own
LATIN_FONT = "Arial"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SEVERITY_COLOURS = {"critical": "A4161A", "high": "C2410C", "medium": "9A6700", "low": "2B7A3B"}
MUTED = "5C6773"
FULL_WIDTH = 5000  # a table's width in fiftieths of a percent
SETTINGS_AFTER = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                  "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                  "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                  "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                  "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")

BLANK: list[Any] = []  # python-docx's own template, kept unchanged to be copied
OPENED = [0]  # how many times this process asked for it


def blank_document() -> Any:
    """Return a new document on python-docx's own template.

    Parsing the template's parts is most of opening it (~12 ms); copying one kept unchanged
    costs a third of that. A process writing one document (a single run) opens it as before;
    one writing several (a batch, the test suite) keeps one from the second on and copies it.
    """
    import docx

    if not BLANK:
        OPENED[0] += 1
        if OPENED[0] == 1:
            return docx.Document()
        BLANK.append(docx.Document())
    return copy.deepcopy(BLANK[0])


def open_document(template: bytes | None) -> Any:
    """Open a firm's template (.docx or .dotx) or python-docx's own, with an empty body."""
    import docx

    if template is None:
        document = blank_document()
    else:
        document = docx.Document(io.BytesIO(as_document(template)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]  # the template's preview picture is not this report's
    return document


def as_document(template: bytes) -> bytes:
    """Return a .dotx template's bytes relabelled as a document (python-docx opens only those)."""
    source = zipfile.ZipFile(io.BytesIO(template))
    types = source.read("[Content_Types].xml")
    if TEMPLATE_TYPE not in types:
        return template
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
            target.writestr(info, data)
    return out.getvalue()


class Styles:
    """The document's styles by name; the report's own are added only where a name is missing."""

    def __init__(self, document: Any, accent: str, *, own: bool) -> None:
        self.root = document.styles.element
        self.accent = accent.lstrip("#").upper()
        self.own = own  # True: our default template, so the built-in styles take the brand too
        self.ids: dict[str, str] = {}
        for style in self.root.iterfind(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                self.ids[name.get(qn("w:val")).lower()] = style.get(qn("w:styleId"))

    def id(self, name: str) -> str:
        """Return the style id of ``name`` (Word's names: "heading 1", "caption", "toc 1")."""
        return self.ids[name.lower()]

    def ensure(self, kind: str, name: str, xml: str, based: str | None = "Normal") -> None:
        """Add a style unless the document has one of that name; ``xml``: its pPr/rPr/tblPr."""
        if name.lower() in self.ids:
            return
        style_id = re.sub(r"[^A-Za-z0-9]", "", name.title()) or "Style"
        base = f'<w:basedOn w:val="{self.ids[based.lower()]}"/>' \
            if based and based.lower() in self.ids else ""
        element = parse_xml(
            f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:customStyle="1" '
            f'w:styleId="{style_id}"><w:name w:val="{name}"/>{base}<w:qFormat/>{xml}</w:style>')
        self.root.append(element)
        self.ids[name.lower()] = style_id

    def restyle(self, name: str, rpr: str, ppr: str = "") -> None:
        """Give a built-in style of our default template the brand (never a firm's template)."""
        if not self.own or name.lower() not in self.ids:
            return
        style = self.root.find(f"{qn('w:style')}[@{qn('w:styleId')}='{self.id(name)}']")
        if style is None:
            return
        for tag, xml in (("w:pPr", ppr), ("w:rPr", rpr)):
            old = style.find(qn(tag))
            if xml and old is not None:
                style.remove(old)
            if xml:
                style.append(parse_xml(f'<{tag} xmlns:w="{W_NS}">{xml}</{tag}>'))


def east_asian_fonts(document: Any, lang: str, *, own: bool) -> None:
    """Name an East Asian font everywhere a theme font would decide it, and the language.

    The default theme's East Asian font is Japanese, and Word picks fonts for Chinese text by
    ``w:eastAsia``; without an explicit font Chinese may show in the wrong face or as boxes.
    A firm's template keeps its Latin fonts; ours names Arial, which LibreOffice maps to a
    metric twin where Calibri (the theme's) is missing.
    """
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None and rpr.find(qn("w:rFonts")) is None:
        rpr.insert(0, etree.SubElement(rpr, qn("w:rFonts")))
    themes = ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme") if own else ("w:eastAsiaTheme",)
    for fonts in root.iter(qn("w:rFonts")):
        for theme in themes:
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        if own:
            fonts.set(qn("w:ascii"), LATIN_FONT)
            fonts.set(qn("w:hAnsi"), LATIN_FONT)
    if rpr is not None:
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = etree.SubElement(rpr, qn("w:lang"))
        lang_el.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-GB")
        lang_el.set(qn("w:eastAsia"), "zh-CN")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def house_fonts(document: Any, latin: str | None, east_asian: str | None) -> None:
    """Name the brand's families in every font choice of the styles (a firm's template too).

    Latin text takes ``latin`` (w:ascii, w:hAnsi, w:cs) and Chinese text ``east_asian``
    (w:eastAsia), as the PDF's font list does; the families were checked installed.
    """
    root = document.styles.element
    for fonts in root.iter(qn("w:rFonts")):
        for name, family in (("ascii", latin), ("hAnsi", latin), ("cs", latin),
                             ("eastAsia", east_asian)):
            if family:
                fonts.attrib.pop(qn(f"w:{name}Theme"), None)
                fonts.set(qn(f"w:{name}"), family)


def update_fields_on_open(document: Any) -> None:
    """Ask Word to update fields (the contents, page numbers) when the file is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    follower = next((child for child in settings if etree.QName(child).localname in
                     SETTINGS_AFTER), None)
    if follower is not None:
        follower.addprevious(element)
    else:
        settings.append(element)


class Body:
    """Appends paragraphs and tables to a document's body, before its section properties."""

    def __init__(self, document: Any, styles: Styles) -> None:
        self.document = document
        self.styles = styles
        body = document.element.body
        self.end = body.find(qn("w:sectPr"))
        self.body = body
        self.parser = parser()
        self.ids = StyleIds(styles.id)
        self.widths: dict[bytes, int] = {}

    def text_width(self) -> int:
        """Return the width between the margins, in twips (a firm's template sets its own).

        Kept per page set-up (the section's properties as written), since python-docx reads
        each measure with an XPath query and a report has dozens of tables.
        """
        key = etree.tostring(self.end) if self.end is not None else b""
        if key not in self.widths:
            section = self.document.sections[0]
            width = section.page_width - section.left_margin - section.right_margin
            self.widths[key] = max(int(width) // 635, 2000)  # EMU to twips
        return self.widths[key]

    def place(self, element: Any) -> Any:
        """Put ``element`` at the end of the body."""
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)
        return element

    def parse(self, markup: str) -> Any:
        """Return the element ``markup`` (WordprocessingML, its prefix unbound) makes."""
        return etree.fromstring(f'<w:x xmlns:w="{W_NS}">{markup}</w:x>', self.parser)[0]

    def para(self, runs: Run | Sequence[Run], style: str = "Normal", *, page_break: bool = False,
             keep_next: bool = False) -> Any:
        """Add a paragraph of ``runs`` in paragraph style ``style``; return its element."""
        return self.place(self.parse(para_xml(runs, style, self.ids, keep_next=keep_next,
                                              page_break=page_break)))

    def run(self, p: Any, run: Run) -> None:
        """Add one run (text, or text with a character style) to paragraph ``p``.

        Newlines become line breaks and tabs tab elements, as Word writes them (a tab character
        inside ``w:t`` is shown as a space by some versions of Word).
        """
        p.append(self.parse(run_xml(run, self.ids)))

    def table(self, widths: Sequence[int], header: Sequence[str] | None,
              rows: Iterable[Sequence[Cell] | str], style: str = "Report Table") -> Any:
        """Add a table: ``widths`` in percent, a repeated header row, and rows.

        A row is a sequence of cells, each a list of paragraphs (a paragraph: runs, or a
        ``(runs, paragraph style)`` pair); a row given as a plain string is a group heading
        spanning every column. The table is written as markup and parsed once
        (:mod:`assessor.report.wordxml`): a thousand cells made element by element cost ten
        times as much.
        """
        twips = [round(self.text_width() * w / 100) for w in widths]
        markup = table_xml(twips, header, rows, style, self.ids, FULL_WIDTH)
        return self.place(etree.fromstring(markup, self.parser))

    def field(self, p: Any, instruction: str, shown: str) -> None:
        """Add a simple field (PAGE, NUMPAGES) with the value shown until Word updates it."""
        for kind in ("begin", "instr", "separate", "text", "end"):
            r = etree.SubElement(p, qn("w:r"))
            if kind == "instr":
                t = etree.SubElement(r, qn("w:instrText"))
                t.text = f" {instruction} "
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            elif kind == "text":
                etree.SubElement(r, qn("w:t")).text = shown
            else:
                etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)

    def contents(self, entries: Sequence[tuple[int, str]]) -> None:
        """Add a contents field (TOC of heading levels 1-2) Word fills in with page numbers.

        Until it is updated the field shows the headings without page numbers, so the contents
        read right in any viewer. The field is marked dirty, so Word updates it on opening; the
        document also sets ``updateFields``, which asks Word to update every field, and that is
        safe only because the report's fields are its only ones: PAGE and NUMPAGES (updated at
        every layout anyway) and this one; a firm's template is stripped of its own fields
        first (:mod:`assessor.report.wordclean`). Without ``updateFields`` Word leaves a
        contents field unrefreshed in some versions, so the report must ask.
        """
        for index, (level, text) in enumerate(entries):
            p = self.para([], f"toc {level}")
            if index == 0:
                for kind in ("begin", "instr", "separate"):
                    r = etree.SubElement(p, qn("w:r"))
                    if kind == "instr":
                        t = etree.SubElement(r, qn("w:instrText"))
                        t.text = ' TOC \\o "1-2" \\h \\z \\u '
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    else:
                        char = etree.SubElement(r, qn("w:fldChar"))
                        char.set(qn("w:fldCharType"), kind)
                        if kind == "begin":
                            char.set(qn("w:dirty"), "true")
            self.run(p, text)
            if index == len(entries) - 1:
                etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:fldChar")).set(
                    qn("w:fldCharType"), "end")

    def picture(self, data: bytes, width_mm: float, style: str = "Figure") -> None:
        """Add a picture (PNG or JPEG bytes) in its own paragraph, ``width_mm`` wide."""
        from docx.shared import Mm
        from docx.text.paragraph import Paragraph

        p = self.para([], style)
        Paragraph(p, self.document._body).add_run().add_picture(io.BytesIO(data),
                                                                width=Mm(width_mm))


class Members:
    """The package's members as python-docx writes them: the one method of its zip writer."""

    def __init__(self) -> None:
        self.written: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        """Keep one member."""
        self.written.append((pack_uri.membername, blob))


def document_bytes(document: Any) -> bytes:
    """Return the document's package with fixed member times: the same report, the same bytes.

    python-docx's package writer is handed a collector for its zip file, so each member is
    compressed once, here, with a fixed time (saving through python-docx and rewriting its zip
    compressed every member twice).
    """
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    members: Any = Members()  # as PackageWriter.write does, with the collector for the zip
    writer: Any = PackageWriter
    writer._write_content_types_stream(members, parts)  # noqa: SLF001
    writer._write_pkg_rels(members, package.rels)  # noqa: SLF001
    writer._write_parts(members, parts)  # noqa: SLF001
    return zipped(members.written)


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    """Return a zip of ``members``, the content types first, then by name, at a fixed time."""
    ordered = sorted(members, key=lambda m: (m[0] != "[Content_Types].xml", m[0]))
    return fixed_package((name, data, OWNER_READ_WRITE) for name, data in ordered)
