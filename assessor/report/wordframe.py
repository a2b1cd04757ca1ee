"""The DOCX's frame: page set-up, running header and footer, the cover and the contents.

Every kind of header (default, even, first page) carries the client, the marking (DRAFT,
INTERNAL) and the confidentiality line, so a firm's duplex template marks every page.
"""

from __future__ import annotations

import base64
from typing import Any

from assessor.record.sheets import text_width
from assessor.report.brand import labelled
from assessor.report.words import PARTS, fill, long_date, marking, percent, status_line
from assessor.report.wordwriter import Writer


class FrameParts(Writer):
    """The pages around the parts: set-up, headers and footers, cover, contents."""

    def page_setup(self) -> None:
        """A4 with 20 mm margins (ours), header and footer with the marking and page numbers."""
        from docx.shared import Mm

        section = self.document.sections[0]
        if self.styles.own:
            section.page_width, section.page_height = Mm(210), Mm(297)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Mm(20))
            section.header_distance = section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True
        confidential = self.brand.confidential or self.t["confidential"]
        if self.firm:
            confidential += f" · {self.firm}"
        marked = marking(self.r)  # DRAFT, INTERNAL (the firm's edition), both or nothing
        # Every kind of header carries the marking: a firm's duplex template prints even
        # pages with its even header, which must say DRAFT too (review defect 4).
        # A marking longer than the room right of the centre would run into the client's name
        # and the DRAFT word: it takes a line of its own under them instead.
        own_line = text_width(self.r["organisation"]["name"]) + text_width(confidential) > \
            HEADER_LINE
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            self.header_lines(free_line(header), [self.r["organisation"]["name"], marked,
                                                  "" if own_line else confidential])
            if own_line:
                line = header.add_paragraph()._p
                self.set_style(line, "header")
                self.body.run(line, confidential)
        first = section.first_page_header
        first.is_linked_to_previous = False
        self.header_lines(free_line(first), ["", marked, ""])
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            self.page_numbers(free_line(footer))

    def page_numbers(self, p: Any) -> None:
        """Fill a footer paragraph with "Page N of M"."""
        self.body.run(p, self.t["page_before"] + (" " if not self.zh else ""))
        self.body.field(p, "PAGE", "1")
        self.body.run(p, (" " if not self.zh else "") + self.t["page_middle"]
                      + (" " if not self.zh else ""))
        self.body.field(p, "NUMPAGES", "1")
        self.body.run(p, self.t["page_after"])
        self.set_style(p, "footer")

    def header_lines(self, p: Any, parts: list[str]) -> None:
        """Fill a header paragraph: left, centre (the DRAFT marking) and right, by tab stops."""
        self.set_style(p, "header")
        self.body.run(p, parts[0])
        self.body.run(p, "\t")
        if parts[1]:
            self.body.run(p, (parts[1], "Draft Marking"))
        self.body.run(p, "\t")
        self.body.run(p, parts[2])

    def set_style(self, p: Any, name: str) -> None:
        """Give an existing paragraph element a paragraph style."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        style = ppr.find(qn("w:pStyle"))
        if style is None:
            style = OxmlElement("w:pStyle")
            ppr.insert(0, style)
        style.set(qn("w:val"), self.styles.id(name))

    def cover(self) -> None:
        """The cover: logo, firm, title, client, facts, status and the confidentiality marking."""
        r, t = self.r, self.t
        if self.r["review"]["draft"]:
            self.text(t["draft_marking"], "Draft Marking")
        if self.r["internal"] is not None:
            self.text(t["internal_marking"], "Draft Marking")
        logo = logo_bytes(self.brand.logo)
        if logo is not None:
            self.body.picture(logo, 45, "Cover Firm")
        if self.firm:
            self.text(self.firm, "Cover Firm")
        self.text(t["report_kind"], "Subtitle")
        self.text(t["report_title"], "Title")
        self.text(r["subtitle"], "Subtitle")
        self.text(t["prepared_for"], "Cover Label")
        self.text(r["organisation"]["name"], "Cover Client")
        if r["organisation"]["sector"]:
            self.text(r["organisation"]["sector"], "Cover Label")
        facts: list[tuple[str, str]] = []
        if r["assessment"]["consultant"]:
            facts.append((t["prepared_by"], r["assessment"]["consultant"]))
        if self.firm:
            facts.append((t["firm"], self.firm))
        if r["assessment"]["date"]:
            facts.append((t["assessment_date"], long_date(r["assessment"]["date"], r["lang"])))
        facts.append((t["report_status"], status_line(r)))
        facts.append((t["rating"], self.rating(r["overall"]["rating"])) if self.brand.hide_score
                     else (t["overall_score"], f"{percent(r['overall']['score'])} / 100 · "
                                          f"{self.rating(r['overall']['rating'])}"))
        self.body.table([30, 70], None, [[[[(k, "Label")]], [[v]]] for k, v in facts],
                        style="Facts Table")
        words = self.brand.confidential or fill(t["confidential_default"],
                                                org=r["organisation"]["name"])
        label = [] if labelled(words) else [(t["confidential_label"] + self.colon(), "Strong")]
        self.text([*label, words], "Marking")

    def contents(self) -> None:
        """The contents: a TOC field Word updates on opening, pre-filled with the parts."""
        t = self.t
        self.body.para(t["contents"], "TOC Heading", page_break=True)
        entries: list[tuple[int, str]] = []
        for part in PARTS:
            if part.anchor == "record" and self.r["internal"]:
                entries.append((1, t["internal_appendix"]))
            entries.append((1, t[part.title]))
            if part.anchor == "appendix":
                entries += [(2, block["title"]) for block in self.r["appendix"]]
        self.body.contents(entries)


HEADER_LINE = 80  # columns of client name and marking one 8 pt header line holds beside DRAFT


def free_line(part: Any) -> Any:
    """Return an empty paragraph of a header or footer: its first, or a new one after a firm's.

    A firm's template may bring a header of its own (a logo, an address); the report's line
    is added below it rather than written over it.
    """
    first = part.paragraphs[0]
    if not first.runs and not first._p.xpath(".//w:drawing"):
        return first._p
    return part.add_paragraph()._p


def logo_bytes(uri: str | None) -> bytes | None:
    """Return a PNG or JPEG logo's bytes from its ``data:`` URI; None for none or an SVG.

    Word and python-docx take raster pictures; an SVG logo is left off the DOCX cover (the firm
    name is printed) rather than rasterised with a library we do not ship.
    """
    if not uri or not uri.startswith(("data:image/png;", "data:image/jpeg;")):
        return None
    return base64.b64decode(uri.split(",", 1)[1])
