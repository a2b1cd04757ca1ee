"""HTML and PDF: the evidence request list as a printed document, through the report's engine.

The list is rendered with the report's Jinja2 environment (autoescaped, templates only from
report_templates/) and laid out by WeasyPrint (:mod:`assessor.report.pdf`, the only importer),
landscape A4: the title, who it is for and from, the dates, DRAFT while the assessment is not
final, then each group's table, whose header row repeats on every page, and page numbers.
"""

from __future__ import annotations

from assessor.files import printable
from assessor.report.evidencelist import RequestList, dated
from assessor.report.html import environment
from assessor.report.words import colon, strings

TEMPLATE = "evidencelist.html"


def render_evidence_list_html(doc: RequestList) -> str:
    """Return the list as one self-contained HTML page (every text from files escaped)."""
    t = strings(doc.lang)
    return printable(environment().get_template(TEMPLATE).render(
        d=doc, t=t, colon=colon(doc.lang), issued=dated(doc.issued, doc.lang),
        due=dated(doc.due, doc.lang), dated=dated, accent="#" + doc.accent.lower()))


def render_evidence_list_pdf(doc: RequestList) -> bytes:
    """Return the list as a PDF (the same list, the same bytes)."""
    from assessor.report.pdf import render_pdf

    return render_pdf(render_evidence_list_html(doc), doc.lang)
