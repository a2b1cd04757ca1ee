"""DOCX: the evidence request list as an editable Word document, landscape A4.

Built with the report's Word kit (:mod:`assessor.report.wordkit`): named styles a firm can
restyle, the table's header row repeated on every page, a group heading row per group, DRAFT in
the header while the assessment is not final, page numbers in the footer. Text from files is
only ever the text of a run: the footer's PAGE and NUMPAGES are the document's only fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.oxml.ns import qn

from assessor.report.brand import Brand
from assessor.report.evidencelist import RequestList, Row, dated
from assessor.report.wordkit import (
    Body,
    Cell,
    Run,
    Styles,
    clean,
    document_bytes,
    east_asian_fonts,
    open_document,
)
from assessor.report.words import colon, strings
from assessor.report.wordstyles import define_styles

WIDTHS = (5, 16, 24, 12, 8, 7, 10, 7, 11)  # percent of the text width, as the PDF's columns


def render_evidence_list_docx(doc: RequestList) -> bytes:
    """Return the list as a DOCX's bytes (the same list, the same bytes)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    t = strings(doc.lang)
    document = open_document(None)
    styles = Styles(document, doc.accent, own=True)
    define_styles(styles, Brand(accent="#" + doc.accent.lower()))
    east_asian_fonts(document, doc.lang, own=True)
    body = Body(document, styles)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(14))
    section.header_distance = section.footer_distance = Mm(7)
    margins(section, body, styles, doc, t)
    if doc.draft:
        body.para(t["draft_marking"], "Draft Marking")
    if doc.firm:
        body.para(doc.firm, "Cover Firm")
    body.para(doc.title, "Title")
    c = colon(doc.lang)
    facts = [(t["evl_prepared_for"], doc.organisation)]
    facts += [(t["evl_prepared_by"], doc.firm)] if doc.firm else []
    facts += [(t["evl_issued"], dated(doc.issued, doc.lang))]
    facts += [(t["evl_due"], dated(doc.due, doc.lang))] if doc.due else []
    body.table([18, 82], None, [[[[(k + c.strip(), "Label")]], [[v]]] for k, v in facts],
               style="Facts Table")
    body.para("")  # the facts stand apart from what the client is asked
    body.para(t["evl_how_print"] if doc.owed else t["evl_none"])
    if doc.groups:
        rows: list[list[Cell] | str] = []
        for group in doc.groups:
            count = f"（{len(group.rows)}）" if doc.lang == "zh" else f" ({len(group.rows)})"
            rows.append(group.title + count)
            rows += [cells(row, doc, t) for row in group.rows]
        body.table(list(WIDTHS), [t[k] for k in ("evl_ref", "evl_document", "evl_why",
                                                 "evl_status", "evl_received", "evl_provided",
                                                 "evl_file", "evl_sent", "evl_comment")], rows)
    stamp = dt.datetime.combine(dt.date.fromisoformat(doc.issued), dt.time())
    props = document.core_properties
    props.title = clean(doc.title)
    props.author = clean(doc.firm or "")
    props.last_modified_by = props.author
    props.keywords = t["draft_word"] if doc.draft else ""
    props.comments = "assessor"
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
    return document_bytes(document)


def cells(row: Row, doc: RequestList, t: dict[str, str]) -> list[Cell]:
    """Return one document's cells: ours, then the client's (its earlier reply, if any)."""
    reply = row.reply
    provided = ""
    if reply is not None and reply.provided is not None:
        provided = t["evl_yes"] if reply.provided else t["evl_no"]
    ref: list[Run] = [(row.ref or "—", "Strong")]
    return [[ref], [[row.title]], [[line] for line in row.why], [[row.status]],
            [[dated(row.received, doc.lang)]], [[provided]],
            [[reply.file or "" if reply else ""]],
            [[dated(reply.sent, doc.lang) if reply else ""]],
            [[reply.comment or "" if reply else ""]]]


def margins(section: Any, body: Body, styles: Styles, doc: RequestList,
            t: dict[str, str]) -> None:
    """Write the header (title, DRAFT, client and firm) and footer (page N of M, marking)."""
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]._p
    style(p, styles, "header")
    who = " · ".join(x for x in (doc.organisation, doc.firm) if x)
    body.run(p, f"{t['evl_title']} — {who}" if doc.lang == "en" else f"{t['evl_title']}——{who}")
    if doc.draft:
        body.run(p, "    ")
        body.run(p, (t["draft_word"], "Severity Critical"))  # bold and red
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    style(p, styles, "footer")
    zh = doc.lang == "zh"
    if doc.confidential:
        body.run(p, doc.confidential + "    ")
    body.run(p, t["page_before"] + ("" if zh else " "))
    body.field(p, "PAGE", "1")
    body.run(p, t["page_middle"] if zh else f" {t['page_middle']} ")
    body.field(p, "NUMPAGES", "1")
    body.run(p, t["page_after"])


def style(p: Any, styles: Styles, name: str) -> None:
    """Give a header or footer paragraph a paragraph style."""
    from lxml import etree  # type: ignore[import-untyped]

    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("w:pPr"))
        p.insert(0, ppr)
    etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), styles.id(name))
