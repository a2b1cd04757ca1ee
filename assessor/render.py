"""Rendering one answers file to the requested format and writing it atomically."""

from __future__ import annotations

import json
from pathlib import Path

from assessor.banks.scope import engaged
from assessor.errors import AssessorError, display_path
from assessor.files import atomic_write, check_target
from assessor.model import Answers, Catalog, Result
from assessor.report.brand import Brand
from assessor.report.context import build_context
from assessor.scoring import score

FORMATS = ("pdf", "html", "json", "xlsx", "docx")


STREAMED = ("json", "html")  # text formats ``-o -`` writes to standard output


def output_format(out: Path | None, fmt: str | None) -> str:
    """Decide the format: given, else from the output's suffix, else PDF (a name without one).

    Raises:
        AssessorError: the name's suffix is not a report format (``-o client.yaml`` would
            otherwise write PDF bytes into it).
    """
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    if suffix and suffix not in FORMATS and out is not None:
        raise AssessorError(f"-o {display_path(out)}: a report is written as "
                            f"{', '.join(FORMATS)}; name the file so, or give --format")
    return suffix or "pdf"


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
                result: Result | None = None, force: bool = False) -> Path:
    """Render ``answers`` (read from ``source``) to ``out`` and return the path written.

    Raises:
        AssessorError: ``out`` is the answers file, an answers file or a file of another kind
            (unless ``force``), not a regular file, or has a suffix no report has.
    """
    chosen = output_format(out, fmt)
    target = out if out is not None else source.with_suffix("." + chosen)
    if target.is_dir():
        target = target / source.with_suffix("." + chosen).name
    if same_file(target, source):
        raise AssessorError(f"refusing to overwrite the answers file {display_path(source)} "
                            "with the report")
    check_target(target, chosen, force)
    atomic_write(target, render_bytes(catalog, answers, chosen, lang or answers.assessment.lang,
                                      brand, result))
    return target


def same_file(one: Path, other: Path) -> bool:
    """Return whether two paths name one existing file (a symlink or another spelling too)."""
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def stream_format(fmt: str | None) -> str:
    """Return the format ``-o -`` writes to standard output: json unless html is asked.

    Raises:
        AssessorError: a binary format (PDF, XLSX, DOCX) was asked for standard output.
    """
    chosen = fmt or "json"
    if chosen not in STREAMED:
        raise AssessorError(f"-o - writes {' or '.join(STREAMED)} to standard output; "
                            f"{chosen} is binary: give a file name")
    return chosen
