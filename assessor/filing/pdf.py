"""The review PDF of a filing document: the same blocks as the DOCX, laid out by WeasyPrint.

The HTML is built here with every text escaped; the look is the static filing.css beside the
report's templates (values never go into CSS). WeasyPrint itself is reached only through
:func:`assessor.report.pdf.render_pdf`, with its confined fetcher and its Chinese-glyph check.
"""

from __future__ import annotations

from html import escape

from assessor.filing.document import Cover, Document, Heading, Para, Table

COLS = ("n", "name", "desc", "need", "ex", "rem")


def cover_html(cover: Cover, banner: str) -> str:
    """The cover block."""
    parts = [f'<p class="banner">{escape(banner)}</p>' if banner else ""]
    parts += [f'<p class="title">{escape(line)}</p>' for line in cover.title]
    parts.append(f'<p class="name">{escape(cover.name_label + cover.name + cover.seal)}</p>')
    parts.append(f'<p class="date">{escape(cover.date)}</p>')
    notes = "".join(f"<p>{escape(n)}</p>" for n in cover.notes)
    parts.append(f'<div class="notes">{notes}</div>')
    return f'<section class="cover">{"".join(parts)}</section>'


def table_html(table: Table) -> str:
    """A table with its header row repeated on each page."""
    cols = "".join(f'<col class="{c}">' for c in COLS) if len(table.columns) == len(COLS) else ""
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
                   for row in table.rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>" \
           f"<tbody>{rows}</tbody></table>"


def block_html(block: Heading | Para | Table) -> str:
    """One block."""
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return "<p>" + "".join(f"<b>{escape(t)}</b>" if bold else escape(t)
                               for t, bold in block.runs) + "</p>"
    return table_html(block)


def document_html(doc: Document) -> str:
    """Return the whole document as HTML."""
    lang = "zh-CN" if doc.lang == "zh" else "en-GB"
    title = escape("".join(doc.cover.title))
    body = cover_html(doc.cover, doc.banner) + "".join(block_html(b) for b in doc.blocks)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta name="dcterms.created" content="2026-01-01">'
            f'<link rel="stylesheet" href="filing.css"></head><body>{body}</body></html>')


def render_pdf(doc: Document) -> bytes:
    """Return the review PDF of ``doc``."""
    from assessor.report.pdf import render_pdf as lay_out

    return lay_out(document_html(doc), doc.lang)
