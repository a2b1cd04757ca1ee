"""Rendering one answers file to the requested format and writing it atomically."""

from __future__ import annotations

import json
from pathlib import Path

from assessor.banks.scope import engaged
from assessor.errors import AssessorError
from assessor.files import atomic_write
from assessor.model import Answers, Catalog, Result
from assessor.report.brand import Brand
from assessor.report.context import build_context
from assessor.scoring import score

FORMATS = ("pdf", "html", "json", "xlsx", "docx")


def output_format(out: Path | None, fmt: str | None) -> str:
    """Decide the format: given, else from the output's suffix, else PDF."""
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return suffix if suffix in FORMATS else "pdf"


def render_bytes(catalog: Catalog, answers: Answers, fmt: str, lang: str,
                 brand: Brand | None = None, result: Result | None = None) -> bytes:
    """Score (unless ``result`` is given) and render ``answers`` to the bytes of one report.

    JSON is the view model itself and carries no branding; the other formats show the brand.
    """
    catalog = engaged(catalog, answers.assessment.scope)
    if result is None:
        result = score(catalog, answers.answers)
    context = build_context(catalog, answers, result, lang)
    if fmt == "json":
        return (json.dumps(context, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "xlsx":
        from assessor.report.xlsx import render_xlsx

        return render_xlsx(context, brand)
    if fmt == "docx":
        from assessor.report.docx import render_docx

        return render_docx(context, brand)
    from assessor.report.html import render_html

    html = render_html(context, brand=brand)
    if fmt == "html":
        return html.encode("utf-8")
    from assessor.report.pdf import render_pdf

    return render_pdf(html, lang)


def render_file(catalog: Catalog, answers: Answers, source: Path, out: Path | None,
                fmt: str | None, lang: str | None, brand: Brand | None = None,
                result: Result | None = None) -> Path:
    """Render ``answers`` (read from ``source``) to ``out`` and return the path written."""
    chosen = output_format(out, fmt)
    target = out if out is not None else source.with_suffix("." + chosen)
    if target.is_dir():
        target = target / source.with_suffix("." + chosen).name
    if target.resolve() == source.resolve():
        raise AssessorError(f"refusing to overwrite the answers file {source} with the report")
    atomic_write(target, render_bytes(catalog, answers, chosen, lang or answers.assessment.lang,
                                      brand, result))
    return target
