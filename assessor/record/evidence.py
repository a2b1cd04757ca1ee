"""The evidence register seen per control: what was asked for, what came, what is outstanding.

Answers name evidence by register id (``E-12``) or by a plain document name. A register item may
serve many answers. A plain name is a document the client *named* (``claimed``): it is not
received until the consultant holds it and says so (``assessor evidence set``, which makes it a
register item). A register item the client says it sent (its reply on the request list, read by
``import --into``) is ``claimed`` too, for the same reason. An id the register does not hold is
``missing``, never received. Items are outstanding while ``requested``, ``rejected`` or
``claimed``, and so are claimed and missing pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assessor.model.catalog import Catalog
from assessor.model.record import EVIDENCE_STATUSES, Answers, EvidenceItem

OUTSTANDING = ("requested", "rejected", "claimed")
RECEIVED = ("received", "accepted")
CLAIMED = "claimed"  # a plain document name in an answer: named by the client, not held
MISSING = "missing"  # written like a register id, but the register has no such item
# An evidence reference written like a register id (E-12, EV-003, D7), not a document name.
EVIDENCE_ID = re.compile(r"[A-Za-z]{1,4}-?[0-9]{1,5}")


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of evidence as an answer cites it: a register item, or a plain document name."""

    ref: str
    item: EvidenceItem | None

    @property
    def status(self) -> str:
        """Return the register status; ``claimed`` for a plain name, ``missing`` for a bad id."""
        if self.item is not None:
            return self.item.status
        return MISSING if EVIDENCE_ID.fullmatch(self.ref) else CLAIMED

    @property
    def outstanding(self) -> bool:
        """Return whether the client still owes this piece (claimed and missing ones too)."""
        return self.status not in RECEIVED

    @property
    def received(self) -> bool:
        """Return whether it has come in: received or accepted in the register, nothing less."""
        return self.status in RECEIVED


@dataclass(frozen=True, slots=True)
class ControlEvidence:
    """The evidence one answered question cites."""

    qid: str
    pieces: tuple[Piece, ...]

    @property
    def requested(self) -> int:
        """Return how many pieces were asked for (every piece cited)."""
        return len(self.pieces)

    @property
    def received(self) -> int:
        """Return how many have come in."""
        return sum(1 for p in self.pieces if p.received)

    @property
    def outstanding(self) -> int:
        """Return how many the client still owes."""
        return sum(1 for p in self.pieces if p.outstanding)


def per_control(catalog: Catalog, answers: Answers) -> list[ControlEvidence]:
    """Return the evidence of every answer that cites some, in catalog order."""
    order = catalog.order
    found = []
    for qid in sorted(answers.answers, key=lambda q: (order.get(q, len(order)), q)):
        refs = answers.answers[qid].evidence
        if refs:
            found.append(ControlEvidence(qid, tuple(Piece(r, answers.evidence.get(r))
                                                    for r in refs)))
    return found


def unlinked(answers: Answers) -> list[EvidenceItem]:
    """Return the register items no answer cites (asked for in general, or not yet attached)."""
    cited = {ref for answer in answers.answers.values() for ref in answer.evidence}
    return [item for item in answers.evidence.values() if item.id not in cited]


def totals(answers: Answers) -> dict[str, int]:
    """Count the register's items by status, and how many are outstanding."""
    counts = dict.fromkeys(EVIDENCE_STATUSES, 0)
    for item in answers.evidence.values():
        counts[item.status] = counts.get(item.status, 0) + 1
    counts["items"] = len(answers.evidence)
    counts["outstanding"] = sum(counts[s] for s in OUTSTANDING)
    return counts
