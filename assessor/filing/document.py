"""A filing document as plain blocks, so the DOCX and the review PDF say the same thing.

The form's own words (title, cover labels, headings, table columns) are kept apart from what
the product writes, so a test can compare them with the form and a renderer can style them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Run = tuple[str, bool]  # text, bold


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the form, reproduced exactly; ``level`` 1-3 (4: the form's (1)-(5) items)."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph the product writes: runs of text, some bold (a lead-in)."""

    runs: tuple[Run, ...]

    @staticmethod
    def of(text: str, lead: str = "") -> Para:
        """Return a paragraph of ``text``, with an optional bold ``lead`` before it."""
        return Para(((lead, True), (text, False)) if lead else ((text, False),))

    @property
    def text(self) -> str:
        """Return the paragraph's text."""
        return "".join(text for text, _ in self.runs)


@dataclass(frozen=True, slots=True)
class Table:
    """A table: the form's column names and the rows the product fills in."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Heading | Para | Table


@dataclass(frozen=True, slots=True)
class Cover:
    """The form's cover block: title lines, the processor's name (seal) and the date."""

    title: tuple[str, ...]
    name_label: str
    name: str
    seal: str
    date: str
    notes: tuple[str, ...] = ()  # the assessment period and the filing window


@dataclass(frozen=True, slots=True)
class Document:
    """A whole filing document in one language."""

    kind: str
    lang: str
    cover: Cover
    blocks: tuple[Block, ...]
    banner: str = ""  # the English copy's "translation for reference, not the filing"
    header: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)

    def headings(self) -> list[Heading]:
        """Return the headings in order."""
        return [b for b in self.blocks if isinstance(b, Heading)]
