"""A comparison of two assessments (``assessor diff``) rendered as JSON, HTML or PDF.

The comparison is one plain dict built by :mod:`assessor.diff.compare`; these are its renderers,
named by the formats table (:mod:`assessor.report.formats`). HTML and PDF carry the firm's brand
as the report does (accent, logo, firm, confidentiality line); JSON is data and carries none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessor.jsontext import dumps

if TYPE_CHECKING:
    from assessor.report.brand import Brand

TEMPLATE = "diff.html"


def render_json(ctx: dict[str, Any], brand: Brand | None = None) -> bytes:
    """Return the comparison as JSON (the brand is for pages, not data)."""
    del brand
    return (dumps(ctx) + "\n").encode("utf-8")


def page(ctx: dict[str, Any], brand: Brand | None = None) -> str:
    """Return the comparison as one self-contained HTML page."""
    from assessor.files import printable
    from assessor.report.brand import Brand
    from assessor.report.html import WORDS, environment, stylesheet
    from assessor.report.words import strings

    chosen = (brand or Brand()).in_lang(ctx["lang"])
    html = environment().get_template(TEMPLATE).render(d=ctx, t=strings(ctx["lang"]),
                                                       css=stylesheet(), b=chosen, w=WORDS)
    return printable(html)


def render_html(ctx: dict[str, Any], brand: Brand | None = None) -> bytes:
    """Return the comparison as HTML bytes."""
    return page(ctx, brand).encode("utf-8")


def render_pdf(ctx: dict[str, Any], brand: Brand | None = None) -> bytes:
    """Return the comparison as PDF: its HTML page laid out by WeasyPrint."""
    from assessor.report.pdf import render_pdf as pdf

    return pdf(page(ctx, brand), ctx["lang"])
