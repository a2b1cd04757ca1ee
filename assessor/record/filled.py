"""What a filled client workbook holds once read: details, each question's cells, problems.

The reader (:mod:`assessor.record.intake`) walks the sheets and the cell reader
(:mod:`assessor.record.answer_cells`) turns each cell into a value; both record what they find
and every problem here, so the importer sees the whole workbook at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessor.bilingual import LANGS
from assessor.errors import Problem
from assessor.registers import Inventory


@dataclass(frozen=True, slots=True)
class Cells:
    """One question's cells as read, and where they are (``Sheet!D14``).

    ``value`` is option ids, a number, text or a special answer, ready for the answers check.
    """

    qid: str
    value: Any
    note: str | None
    evidence: tuple[str, ...]
    answer_at: str
    note_at: str
    evidence_at: str
    typed: str | None = None  # the Answer cell as the client typed it (for a workbook sent back)


@dataclass(frozen=True, slots=True)
class Filled:
    """An answer the workbook was sent with (``template --from``), and who had given it."""

    value: Any
    by: str | None
    at: str | None


@dataclass
class Intake:
    """A client workbook's content: its details, the answers by question, and every problem."""

    shown: str
    meta: dict[str, str]
    details: dict[str, str | None] = field(default_factory=dict)
    detail_at: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Cells] = field(default_factory=dict)
    retired: set[str] = field(default_factory=set)  # rows of questions the banks no longer ask
    filled: dict[str, Filled] = field(default_factory=dict)  # the answers it was sent with
    problems: list[Problem] = field(default_factory=list)
    inventory: Inventory | None = None  # the register sheets, when the workbook has them

    def add(self, where: str | None, message: str, qid: str | None = None) -> None:
        """Record a problem at a cell (``Sheet!D14``), a sheet, or the file (None)."""
        self.problems.append(Problem(f"{self.shown}:{where}" if where else self.shown, message,
                                     None, qid))

    @property
    def lang(self) -> str:
        """Return the workbook's language."""
        return self.meta.get("lang", "en") if self.meta.get("lang") in LANGS else "en"

    @property
    def scope(self) -> tuple[str, ...]:
        """Return the banks the workbook was made for (empty: all)."""
        return tuple(self.meta.get("scope", "").split())
