"""The output formats, in one table: adding a format is one module plus one row of :data:`FORMATS`.

Every place that offers, names, checks or writes a format reads this table: the ``run`` and
``diff`` choices, the format a file name implies, the formats ``-o -`` may stream, the kind of
file a report may replace without ``--force``, batches and comparisons. A renderer is named
by its dotted path and imported only when a report of its format is written, so listing the
formats (``--help``) loads no rendering library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assessor.jsontext import dumps
from assessor.kinds import KINDS, Kind

if TYPE_CHECKING:
    from assessor.report.brand import Brand
    from assessor.report.view import Report

Renderer = Callable[["Report", "Brand | None"], bytes]  # (view model, brand) -> bytes
Comparer = Callable[[dict[str, Any], "Brand | None"], bytes]  # (comparison, brand) -> bytes


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: how it is named, recognised, written and rendered."""

    name: str  # what --format takes
    suffixes: tuple[str, ...]  # file name endings that imply it; the first names new files
    kind: Kind  # what its files read as, so a report may replace the last one unforced
    render: str  # "module:function", a Renderer, imported when used
    binary: bool = True  # bytes for a file, never text for a terminal
    streamable: bool = False  # ``-o -`` may write it to standard output
    batch: bool = True  # a batch (``run`` with several files) may write it
    compare: str | None = None  # "module:function", a Comparer: ``diff`` writes it too

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"format {self.name}: kind {self.kind!r} is not one of "
                             f"{', '.join(KINDS)}")
        if not self.suffixes or not all(s.startswith(".") for s in self.suffixes):
            raise ValueError(f"format {self.name}: suffixes start with a dot, one at least")
        if self.streamable and self.binary:
            raise ValueError(f"format {self.name}: a binary format cannot be streamed")

    @property
    def suffix(self) -> str:
        """Return the ending of a new file of this format."""
        return self.suffixes[0]

    def renderer(self) -> Renderer:
        """Return the function that renders a report (imported now)."""
        found: Renderer = load(self.render)
        return found

    def comparer(self) -> Comparer:
        """Return the function that renders a comparison (imported now).

        Raises:
            ValueError: comparisons are not written in this format.
        """
        if self.compare is None:
            raise ValueError(f"a comparison is not written as {self.name}")
        found: Comparer = load(self.compare)
        return found


def load(path: str) -> Any:
    """Return the function named ``module:function``, importing its module."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


FORMATS: dict[str, Format] = {
    "pdf": Format("pdf", (".pdf",), "pdf", "assessor.report.formats:render_pdf",
                  compare="assessor.report.comparison:render_pdf"),
    "html": Format("html", (".html",), "html", "assessor.report.formats:render_html",
                   binary=False, streamable=True,
                   compare="assessor.report.comparison:render_html"),
    "json": Format("json", (".json",), "json", "assessor.report.formats:render_json",
                   binary=False, streamable=True,
                   compare="assessor.report.comparison:render_json"),
    "xlsx": Format("xlsx", (".xlsx",), "xlsx", "assessor.report.xlsx:render_xlsx"),
    "docx": Format("docx", (".docx",), "docx", "assessor.report.docx:render_docx"),
}


def names(table: Mapping[str, Format] | None = None) -> tuple[str, ...]:
    """Return the report formats' names, in the table's order."""
    return tuple(table or FORMATS)


def compared() -> tuple[str, ...]:
    """Return the formats a comparison (``diff``) is written in."""
    return tuple(f.name for f in FORMATS.values() if f.compare is not None)


def streamed() -> tuple[str, ...]:
    """Return the formats ``-o -`` writes to standard output."""
    return tuple(f.name for f in FORMATS.values() if f.streamable)


def by_suffix(suffix: str, among: tuple[str, ...] | None = None) -> Format | None:
    """Return the format a file ending (``.pdf``) implies, or None; ``among``: only these."""
    wanted = suffix.lower()
    for fmt in FORMATS.values():
        if wanted in fmt.suffixes and (among is None or fmt.name in among):
            return fmt
    return None


def render(name: str, context: Report, brand: Brand | None = None) -> bytes:
    """Return the report ``context`` rendered as format ``name``."""
    return FORMATS[name].renderer()(context, brand)


def render_json(context: Report, brand: Brand | None = None) -> bytes:  # noqa: ARG001
    """Return the view model itself as JSON: it carries no branding."""
    return (dumps(context) + "\n").encode("utf-8")


def render_html(context: Report, brand: Brand | None = None) -> bytes:
    """Return the report as one self-contained HTML page."""
    from assessor.report.html import render_html as html

    return html(context, brand=brand).encode("utf-8")


def render_pdf(context: Report, brand: Brand | None = None) -> bytes:
    """Return the report as PDF: the HTML page laid out by WeasyPrint."""
    from assessor.report.html import render_html as html
    from assessor.report.pdf import render_pdf as pdf

    return pdf(html(context, brand=brand), context["lang"])
