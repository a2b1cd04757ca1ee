"""The evidence request list's formats: one row per file suffix, each its own module."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from assessor.report.evidencelist import RequestList

# suffix -> (module, function); a module is imported only when its format is asked for
FORMATS = {".xlsx": ("assessor.report.evidencexlsx", "render_evidence_list_xlsx"),
           ".pdf": ("assessor.report.evidencehtml", "render_evidence_list_pdf"),
           ".html": ("assessor.report.evidencehtml", "render_evidence_list_html"),
           ".docx": ("assessor.report.evidenceword", "render_evidence_list_docx")}
SUFFIXES = tuple(FORMATS)


def render_list(doc: RequestList, suffix: str) -> bytes:
    """Return the list in the format its file's suffix names (.xlsx, .pdf, .docx or .html).

    Raises:
        KeyError: a suffix the list is not written in (the command refuses it first).
    """
    module, name = FORMATS[suffix]
    render: Callable[[RequestList], bytes | str] = getattr(import_module(module), name)
    made = render(doc)
    return made.encode("utf-8") if isinstance(made, str) else made
