"""DOCX: the gap report as an editable Word document, from the same view model as the PDF.

python-docx rather than docxtpl: docxtpl fills a Word file that holds Jinja2 tags, so every part
(the register's grouped rows, the contents, the SoA) would live as tags inside a .docx nobody can
review in a diff, and a firm's own template would have to carry those tags too. With python-docx
the parts are built here, in code that is tested like the rest, and a firm's template needs only
its styles: whatever it names "heading 1", "Table Text" or "Report Table" is used as it is.

Every part of the PDF is here in the same order, each part a Heading 1 (so the contents field
lists it), figures as PNG pictures with a caption, and tables in the "Report Table" style. The
same input gives the same bytes: the package's dates come from the answers file. The parts
are written by the mixins of ``wordframe``, ``wordsummary``, ``wordgaps`` and ``wordannex``.
"""

from __future__ import annotations

import datetime as dt

from assessor.errors import AssessorError
from assessor.report import view
from assessor.report.brand import Brand
from assessor.report.wordannex import AnnexParts
from assessor.report.wordframe import FrameParts
from assessor.report.wordgaps import GapParts
from assessor.report.wordkit import clean, document_bytes
from assessor.report.words import PARTS, marking
from assessor.report.wordsummary import SummaryParts


class Report(FrameParts, SummaryParts, GapParts, AnnexParts):
    """One DOCX report: every part, in the order of ``words.PARTS``, then the bytes."""

    def build(self) -> bytes:
        """Write every part and return the DOCX bytes."""
        self.page_setup()
        self.cover()
        self.contents()
        for part in PARTS:  # each part's builder is the method named by its anchor
            if part.anchor == "record":
                self.internal()  # the firm's appendix, only in its edition (run --internal)
            getattr(self, part.anchor)()
        stamp = assessment_time(self.r)
        props = self.document.core_properties
        props.title = clean(f"{self.t['report_title']} — {self.r['organisation']['name']}")
        props.subject = clean(self.r["subtitle"])
        props.author = clean(self.r["assessment"]["consultant"] or self.firm or "")
        props.last_modified_by = props.author
        props.comments = f"assessor {self.r['tool']['version']}"
        props.keywords = marking(self.r)  # DRAFT, INTERNAL (the firm's edition), or none
        props.category = self.t["report_kind"]
        props.revision = 1
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        return document_bytes(self.document)


def assessment_time(context: view.Report) -> dt.datetime:
    """Return the assessment date as the package's time (midnight UTC), or a fixed one."""
    date = context["assessment"]["date"]
    day = dt.date.fromisoformat(date) if date else dt.date(2000, 1, 1)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def render_docx(context: view.Report, brand: Brand | None = None,
                template: bytes | None = None) -> bytes:
    """Return the report as DOCX bytes; ``template``: a firm's .docx/.dotx whose styles win."""
    chosen = brand or Brand()
    given = template if template is not None else chosen.docx_template
    if given is None:
        return Report(context, chosen, None).build()
    from lxml import etree  # type: ignore[import-untyped]

    try:  # cleaned when loaded, a firm's template may still break python-docx's expectations
        return Report(context, chosen, given).build()
    except (KeyError, ValueError, IndexError, TypeError, AttributeError,
            etree.XMLSyntaxError) as exc:
        raise AssessorError(f"the docx template cannot be used: it is malformed "
                            f"({type(exc).__name__}: {exc}); save it again from Word") from None
