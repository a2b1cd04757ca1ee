"""A comparison of two assessments (``assessor diff``) rendered as JSON, HTML or PDF.

The comparison is one plain dict built by :mod:`assessor.diff`; these are its renderers, named
by the formats table (:mod:`assessor.report.formats`).
"""

from __future__ import annotations

import json
from typing import Any

TEMPLATE = "diff.html"


def render_json(ctx: dict[str, Any]) -> bytes:
    """Return the comparison as JSON."""
    return (json.dumps(ctx, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def page(ctx: dict[str, Any]) -> str:
    """Return the comparison as one self-contained HTML page."""
    from assessor.files import printable
    from assessor.report.html import environment, strings, stylesheet

    html = environment().get_template(TEMPLATE).render(d=ctx, t=strings(ctx["lang"]),
                                                       css=stylesheet())
    return printable(html)


def render_html(ctx: dict[str, Any]) -> bytes:
    """Return the comparison as HTML bytes."""
    return page(ctx).encode("utf-8")


def render_pdf(ctx: dict[str, Any]) -> bytes:
    """Return the comparison as PDF: its HTML page laid out by WeasyPrint."""
    from assessor.report.pdf import render_pdf as pdf

    return pdf(page(ctx), ctx["lang"])
