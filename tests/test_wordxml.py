"""A DOCX table written as markup is the table lxml's element API builds, for any text.

The report's tables are written as one string and parsed once (assessor/report/wordxml.py);
the text in them comes from answers files and templates, so escaping, line breaks, tabs,
carriage returns and characters no document may hold must come out exactly as the element
builder they replaced wrote them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from assessor.files import printable
from assessor.report.wordxml import W_NS, P, StyleIds, parser, table_xml

from .conftest import sizes

FIXED = settings(deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow])
TRICKY = st.sampled_from(["&", "<", ">", '"', "'", "\n", "\t", "\r", "\r\n", "\x00", "\x0b",
                          "\x85", "\ud800", "\ufffe", "　", "控制", "]]>", "&amp;", " ", "  "])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=5).map("".join)
STYLES = {"Table Text": "TableText", "Table Header": "TableHeader", "Table Group": "TableGroup",
          "Label": "Label", "Finding": "Find&<\"ing", "Report Table": "ReportTable"}
RUNS = st.lists(st.one_of(TEXT, st.tuples(TEXT, st.sampled_from(["Label", "Finding"]))),
                max_size=3)
W = f"{{{W_NS}}}"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def element_run(p: Any, run: Any) -> None:
    """One run as the element builder wrote it."""
    text, style = (run, None) if isinstance(run, str) else run
    r = etree.SubElement(p, W + "r")
    if style:
        etree.SubElement(etree.SubElement(r, W + "rPr"), W + "rStyle").set(W + "val",
                                                                          STYLES[style])
    for piece in re.split(r"(\n|\t)", printable(text)):
        if piece in ("\n", "\t"):
            etree.SubElement(r, W + ("br" if piece == "\n" else "tab"))
        elif piece:
            t = etree.SubElement(r, W + "t")
            t.text = piece
            t.set(SPACE, "preserve")


def element_para(parent: Any, runs: Any, style: str, *, keep_next: bool = False) -> None:
    p = etree.SubElement(parent, W + "p")
    ppr = etree.SubElement(p, W + "pPr")
    etree.SubElement(ppr, W + "pStyle").set(W + "val", STYLES[style])
    if keep_next:
        etree.SubElement(ppr, W + "keepNext")
    for run in [runs] if isinstance(runs, str | tuple) else runs:
        element_run(p, run)


def element_table(twips: list[int], header: list[str], rows: list[Any]) -> bytes:
    """The table as the element builder made it (the look and grid as table_xml writes them)."""
    tbl = etree.fromstring(table_xml(twips, None, [], "Report Table", StyleIds(STYLES.__getitem__),
                                     5000), parser())
    tbl.find(f"{W}tblPr/{W}tblLook").set(W + "val", "04A0")
    tbl.find(f"{W}tblPr/{W}tblLook").set(W + "firstRow", "1")
    for cells, head in [([[[h]] for h in header], True), *((row, False) for row in rows)]:
        tr = etree.SubElement(tbl, W + "tr")
        trpr = etree.SubElement(tr, W + "trPr")
        etree.SubElement(trpr, W + "cantSplit")
        if isinstance(cells, str):
            tc = etree.SubElement(tr, W + "tc")
            tcpr = etree.SubElement(tc, W + "tcPr")
            tcw = etree.SubElement(tcpr, W + "tcW")
            tcw.set(W + "w", str(sum(twips)))
            tcw.set(W + "type", "dxa")
            etree.SubElement(tcpr, W + "gridSpan").set(W + "val", str(len(twips)))
            element_para(tc, [cells], "Table Group", keep_next=True)
            continue
        if head:
            etree.SubElement(trpr, W + "tblHeader")
        for width, paragraphs in zip(twips, cells, strict=True):
            tc = etree.SubElement(tr, W + "tc")
            tcw = etree.SubElement(etree.SubElement(tc, W + "tcPr"), W + "tcW")
            tcw.set(W + "w", str(width))
            tcw.set(W + "type", "dxa")
            for paragraph in paragraphs or [[""]]:
                if isinstance(paragraph, P):
                    element_para(tc, paragraph.runs, paragraph.style)
                else:
                    element_para(tc, paragraph, "Table Header" if head else "Table Text")
    return bytes(etree.tostring(tbl))


CELL = st.lists(st.one_of(RUNS, st.builds(P, RUNS, st.just("Finding"))), max_size=2)
ROWS = st.lists(st.one_of(TEXT, st.lists(CELL, min_size=2, max_size=2)), max_size=4)


@pytest.mark.parametrize("examples", sizes(40, 300))
def test_a_table_written_as_markup_is_the_one_built_element_by_element(examples: int) -> None:
    settings(FIXED, max_examples=examples)(given(st.lists(TEXT, min_size=2, max_size=2),
                                                 ROWS)(same_table))()


def same_table(header: list[str], rows: list[Any]) -> None:
    twips = [3000, 6000]
    markup = table_xml(twips, header, rows, "Report Table", StyleIds(STYLES.__getitem__), 5000)
    assert etree.tostring(etree.fromstring(markup, parser())) == \
        element_table(twips, header, rows)


def test_every_blank_document_is_python_docxs_template_untouched_by_the_last() -> None:
    import docx

    from assessor.report.wordkit import blank_document, document_bytes

    fresh = document_bytes(docx.Document())
    for _ in range(3):  # the first may be opened afresh, the others are copies of one kept
        document = blank_document()
        assert document_bytes(document) == fresh
        document.add_paragraph("written into this report only")
        document.styles.element.append(document.styles.element[-1].__copy__())
        assert document_bytes(document) != fresh
