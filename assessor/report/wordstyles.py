"""The DOCX report's styles: every look a firm can change in Word, by name.

A style is added only where the document lacks one of that name, so a firm's template wins; in
our own template the built-in headings, title, caption, header and footer take the brand's
accent. Severities and SoA statuses are character styles, so their colours are restylable too.
"""

from __future__ import annotations

from assessor.report.brand import Brand, tint
from assessor.report.wordkit import MUTED, SEVERITY_COLOURS, Styles


def define_styles(styles: Styles, brand: Brand) -> None:
    """Add the report's own styles where the document lacks them; brand ours."""
    accent = brand.accent.lstrip("#").upper()
    soft = tint(brand.accent, 0.9).lstrip("#").upper()
    tight = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    styles.restyle("Normal", '<w:sz w:val="20"/><w:szCs w:val="20"/>',
                   '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>')
    for level, size, before in ((1, 32, 0), (2, 24, 240), (3, 21, 200)):
        styles.ensure("paragraph", f"heading {level}",
                      f'<w:pPr><w:keepNext/><w:spacing w:before="{before}" w:after="120"/>'
                      f'<w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr><w:b/>'
                      f'<w:sz w:val="{size}"/></w:rPr>')
        styles.restyle(f"heading {level}",
                       f'<w:b/><w:color w:val="{accent if level < 3 else "1D2733"}"/>'
                       f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
                       f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" '
                       f'w:after="120"/><w:outlineLvl w:val="{level - 1}"/>')
    styles.ensure("paragraph", "Title", '<w:rPr><w:sz w:val="48"/></w:rPr>')
    styles.restyle("Title", f'<w:b/><w:color w:val="{accent}"/><w:sz w:val="48"/>',
                   '<w:spacing w:before="600" w:after="200"/>')
    styles.ensure("paragraph", "Subtitle", f'<w:rPr><w:color w:val="{MUTED}"/></w:rPr>')
    styles.restyle("Subtitle", f'<w:color w:val="{MUTED}"/><w:sz w:val="22"/>')
    # No italics in our styles: a Chinese face has none, so Word and LibreOffice slant it
    # (synthetic oblique), and any text of either report may be Chinese. Colour marks instead.
    styles.ensure("paragraph", "caption", f'<w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="18"/>'
                  '</w:rPr>')
    styles.restyle("caption", f'<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="{MUTED}"/>'
                   '<w:sz w:val="17"/>',
                   '<w:spacing w:before="60" w:after="200"/>')
    styles.ensure("paragraph", "header", '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4819"/>'
                  '<w:tab w:val="right" w:pos="9638"/></w:tabs></w:pPr>')
    styles.restyle("header", f'<w:color w:val="{MUTED}"/><w:sz w:val="16"/>',
                   '<w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" '
                   'w:pos="9638"/></w:tabs>' + tight)
    styles.ensure("paragraph", "footer", '<w:pPr><w:jc w:val="right"/></w:pPr>')
    styles.restyle("footer", f'<w:color w:val="{MUTED}"/><w:sz w:val="16"/>',
                   tight + '<w:jc w:val="right"/>')
    styles.ensure("paragraph", "TOC Heading", '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>')
    for level in (1, 2):
        styles.ensure("paragraph", f"toc {level}",
                      f'<w:pPr><w:spacing w:before="{60 if level == 1 else 0}" w:after="40"/>'
                      f'<w:ind w:left="{(level - 1) * 440}"/></w:pPr>')
    styles.ensure("paragraph", "List Bullet", '<w:pPr><w:ind w:left="360" w:hanging="360"/>'
                  '</w:pPr>')
    paragraph_styles(styles, accent, soft, tight)
    character_styles(styles, accent)
    table_styles(styles, accent, soft)


def paragraph_styles(styles: Styles, accent: str, soft: str, tight: str) -> None:
    """The report's own paragraph styles (cover, tables, notes, the assessor's words)."""
    for name, xml in (
        ("Table Text", f"<w:pPr>{tight}</w:pPr><w:rPr><w:sz w:val=\"17\"/></w:rPr>"),
        ("Table Header", f"<w:pPr><w:keepNext/>{tight}</w:pPr><w:rPr><w:b/>"
                         "<w:sz w:val=\"17\"/></w:rPr>"),
        ("Table Group", f"<w:pPr><w:keepNext/>{tight}</w:pPr><w:rPr><w:b/>"
                        f"<w:color w:val=\"{accent}\"/><w:sz w:val=\"17\"/></w:rPr>"),
        ("Figure Value", f"<w:pPr>{tight}</w:pPr><w:rPr><w:b/><w:color w:val=\"{accent}\"/>"
                         "<w:sz w:val=\"36\"/></w:rPr>"),
        ("Figure", "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"0\"/>"
                   "<w:jc w:val=\"center\"/></w:pPr>"),
        ("Cover Firm", f"<w:pPr><w:spacing w:after=\"400\"/></w:pPr><w:rPr><w:b/>"
                       f"<w:color w:val=\"{accent}\"/><w:sz w:val=\"28\"/></w:rPr>"),
        ("Cover Label", f"<w:pPr><w:spacing w:before=\"400\" w:after=\"0\"/></w:pPr>"
                        f"<w:rPr><w:caps/><w:color w:val=\"{MUTED}\"/><w:sz w:val=\"18\"/>"
                        "</w:rPr>"),
        ("Cover Client", "<w:pPr><w:spacing w:after=\"400\"/></w:pPr><w:rPr><w:b/>"
                         "<w:sz w:val=\"36\"/></w:rPr>"),
        ("Marking", f"<w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"4\" "
                    f"w:color=\"{accent}\"/></w:pBdr><w:spacing w:before=\"600\"/></w:pPr>"
                    "<w:rPr><w:sz w:val=\"17\"/></w:rPr>"),
        ("Draft Marking", "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/>"
                          "<w:color w:val=\"A4161A\"/><w:sz w:val=\"24\"/></w:rPr>"),
        ("Assessor Summary", f"<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"18\" "
                             f"w:space=\"8\" w:color=\"{accent}\"/></w:pBdr><w:shd w:val=\"clear\""
                             f" w:color=\"auto\" w:fill=\"{soft}\"/><w:ind w:left=\"200\"/>"
                             "</w:pPr>"),
        ("Assessor Signature", f"<w:pPr><w:jc w:val=\"right\"/></w:pPr><w:rPr>"
                               f"<w:color w:val=\"{MUTED}\"/></w:rPr>"),
        ("Rating Cap", "<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" "
                       "w:color=\"A4161A\"/></w:pBdr><w:ind w:left=\"200\"/></w:pPr>"),
        ("Small Print", f"<w:rPr><w:color w:val=\"{MUTED}\"/><w:sz w:val=\"17\"/></w:rPr>"),
        ("Finding", f"<w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"4\" "
                    f"w:color=\"{accent}\"/></w:pBdr>{tight}</w:pPr>"
                    "<w:rPr><w:sz w:val=\"16\"/></w:rPr>"),
        ("Severity Change", f"<w:pPr>{tight}</w:pPr><w:rPr><w:color w:val=\"{MUTED}\"/>"
                            "<w:sz w:val=\"15\"/></w:rPr>"),
    ):
        based = "Table Text" if name in ("Table Header", "Table Group", "Finding",
                                         "Severity Change") else "Normal"
        styles.ensure("paragraph", name, xml, based)


def character_styles(styles: Styles, accent: str) -> None:
    """Character styles: labels, ids, notes, severities and SoA statuses, each restylable."""
    own = (
        ("Strong", "<w:rPr><w:b/></w:rPr>"),
        ("Label", f"<w:rPr><w:color w:val=\"{MUTED}\"/></w:rPr>"),
        ("Control Id", f"<w:rPr><w:color w:val=\"{MUTED}\"/><w:sz w:val=\"15\"/></w:rPr>"),
        ("Note Text", f"<w:rPr><w:color w:val=\"{MUTED}\"/><w:sz w:val=\"16\"/></w:rPr>"),
    )
    colours = {**{f"Severity {k.title()}": v for k, v in SEVERITY_COLOURS.items()},
               "Status met": "2B8A3E", "Status partial": "C2410C", "Status not_met": "A4161A",
               "Status unknown": "A4161A", "Status unanswered": "A4161A", "Status na": MUTED,
               "Status alternate": accent, "Status excluded": MUTED}
    for name, xml in own + tuple((k, f"<w:rPr><w:b/><w:color w:val=\"{v}\"/></w:rPr>")
                                 for k, v in colours.items()):
        styles.ensure("character", name, xml, None)


def table_styles(styles: Styles, accent: str, soft: str) -> None:
    """The "Report Table" style (header row in the accent colour) and the "Facts Table" style."""
    del soft
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="C9D1D9"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
               '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>')
    styles.ensure("table", "Report Table",
                  f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{margins}</w:tblPr>"
                  f"<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/>"
                  f"</w:rPr><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{accent}\"/>"
                  f"</w:tcPr></w:tblStylePr>", None)
    styles.ensure("table", "Facts Table", f"<w:tblPr>{margins}</w:tblPr>", None)
