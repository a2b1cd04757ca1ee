"""`assessor filing KIND FILE -o OUT`: check the registers, then write the document.

The document is refused while the cross-checks find a problem: a filing that contradicts its
own profile, or declares a route the 2024 thresholds rule out, is worse than none. OUT's suffix
chooses DOCX (the document to seal) or PDF (for review before sealing). An existing OUT is
never replaced without ``--force``: the client may have edited the DOCX.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from assessor.errors import AssessorError, InvalidFile, display_path
from assessor.filing.forms import KINDS
from assessor.model.catalog import Catalog
from assessor.targets import atomic_write, refuse_existing

FORMATS = (".docx", ".pdf")


@dataclass(frozen=True, slots=True)
class FilingRequest:
    """What `assessor filing` was asked for."""

    kind: str
    answers: Path
    output: Path
    lang: str = "zh"
    force: bool = False
    allow_incomplete: bool = False


def check_output(request: FilingRequest) -> str:
    """Return the output format, or refuse the target.

    Raises:
        AssessorError: the suffix is neither .docx nor .pdf, or the file exists unforced.
    """
    suffix = request.output.suffix.lower()
    if suffix not in FORMATS:
        raise AssessorError(f"{display_path(request.output)}: a filing is written as .docx (to "
                            "seal and sign) or .pdf (to review); name the file so")
    refuse_existing(request.output, force=request.force)  # a device never, even with --force
    return suffix[1:]


def run_filing(request: FilingRequest, catalog: Catalog) -> Path:
    """Check the record, build the document and write it atomically; return the path written.

    Raises:
        AssessorError: a bad kind or target, a record that does not load, a cross-check that
            fails, or a record without the registers this document needs.
    """
    from assessor.filing.build import build
    from assessor.filing.checks import cross_check
    from assessor.record.answers import load

    if request.kind not in KINDS:
        raise AssessorError(f"no filing document '{request.kind}' (known: {', '.join(KINDS)})")
    fmt = check_output(request)
    answers = load(request.answers, catalog, allow_incomplete=request.allow_incomplete)
    problems = cross_check(answers)
    if problems:
        raise InvalidFile(problems)
    document = build(catalog, answers, request.kind, request.lang)
    if fmt == "docx":
        from assessor.filing.docx import render_docx

        stamp = answers.inventory.self_assessment if answers.inventory else None
        data = render_docx(document, filing_date(stamp.filing if stamp else None))
    else:
        from assessor.filing.pdf import render_pdf

        data = render_pdf(document)
    atomic_write(request.output, data)
    return request.output


def filing_date(day: str | None) -> dt.date | None:
    """Return the filing date as a date (the document's fixed timestamp), or None."""
    return dt.date.fromisoformat(day) if day else None
