"""The DOCX being written, and the small pieces every part of the report is built from.

``report/docx.py`` assembles the report from its parts, grouped in modules of their own
(``wordframe``, ``wordsummary``, ``wordgaps``, ``wordannex``): each group is a mixin over
:class:`Writer`, so the parts share one document, fixed text, brand and view model without
one module holding them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.report import view
from assessor.report.brand import Brand
from assessor.report.rows import AnswerView, GapView
from assessor.report.wordkit import (
    Body,
    P,
    Run,
    Styles,
    east_asian_fonts,
    house_fonts,
    open_document,
    update_fields_on_open,
)
from assessor.report.words import strings
from assessor.report.wordstyles import define_styles


class Writer:
    """One DOCX being written: the body, the fixed text, the brand and the view model."""

    def __init__(self, context: view.Report, brand: Brand, template: bytes | None) -> None:
        self.r = context
        self.t = strings(context["lang"])
        self.zh = context["lang"] == "zh"
        self.brand = brand = brand.in_lang(context["lang"])
        self.firm = brand.firm or context["assessment"]["firm"]
        self.document = open_document(template)
        self.styles = Styles(self.document, brand.accent, own=template is None)
        define_styles(self.styles, brand)
        east_asian_fonts(self.document, context["lang"], own=template is None)
        house_fonts(self.document, brand.font_en, brand.font_zh)
        update_fields_on_open(self.document)
        self.body = Body(self.document, self.styles)
        self.figures = 0

    def colon(self) -> str:
        """Return the colon of the report's language."""
        return "：" if self.zh else ": "

    def heading(self, text: str, level: int = 1) -> None:
        """Add a part (level 1, on a new page) or a sub-heading."""
        self.body.para(text, f"heading {level}", page_break=level == 1)

    def text(self, runs: Run | Sequence[Run], style: str = "Normal") -> None:
        """Add a paragraph."""
        self.body.para(runs, style)

    def caption(self, text: str) -> None:
        """Number and add a figure's caption (Word's Caption style)."""
        self.figures += 1
        word = "图" if self.zh else "Figure"
        self.body.para(f"{word} {self.figures}{'　' if self.zh else '. '}{text}", "caption")

    def sev(self, severity: str) -> Run:
        """Return a severity as a run in its own character style."""
        return (self.t["severity_" + severity], "Severity " + severity.title())

    def label(self, name: str) -> Run:
        """Return a field label ("Current answer:") in the Label character style."""
        return (self.t[name] + self.colon(), "Label")

    def rating(self, key: str) -> str:
        """Return a rating band's name."""
        return self.t["rating_" + key]

    def stated(self, g: GapView) -> list[Run]:
        """Return the finding a gap states, marked when the answer is not yet confirmed."""
        return ([self.label("unconfirmed")] if g["unconfirmed"] else []) + \
            [(g["statement"], "Strong")]

    def voice(self, answer: AnswerView, *, led: bool = False) -> list[Sequence[Run] | P]:
        """Return the assessor's flag and finding (unless it leads the row) as cell paragraphs."""
        out: list[Sequence[Run] | P] = []
        if flag := answer["flag"]:
            out.append(P([self.label("to_be_confirmed"), flag], "Finding"))
        if (finding := answer["finding"]) and not led:
            out.append(P([self.label("finding"), finding], "Finding"))
        return out


def ids(gap: GapView) -> str:
    """Return a gap's control id, with those of the other laws asking the same fact."""
    return " · ".join([gap["id"], *(a["id"] for a in gap["also"])])
