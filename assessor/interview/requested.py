"""Evidence typed in the interview: ids and names kept, ``+title`` turned into a request.

The consultant types evidence as a list; a part starting with ``+`` is a document the client is
asked for, which becomes an item of the evidence register. Apart from the session so the rule
(next free id, one item per title) reads and tests on its own.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from assessor.model.record import EvidenceItem


def evidence_refs(evidence: MutableMapping[str, EvidenceItem], parts: Sequence[str],
                  date: str | None) -> tuple[str, ...]:
    """Return the references typed, adding each ``+title`` part to ``evidence`` (the register).

    A part that starts with ``+`` is a document the client is asked for: it becomes a new
    register item (the next free ``E-N`` id, status requested, dated ``date``) and the answer
    refers to it (an item of the same title is attached instead); any other part (a register
    id, a file name) is kept as typed, so an item is attached by its id.
    """
    refs: list[str] = []
    for part in parts:
        title = part[1:].strip() if part.startswith("+") else ""
        if not title:
            refs.append(part.lstrip("+").strip() or part)
            continue
        same = next((i for i in evidence.values()
                     if i.title.casefold() == title.casefold()), None)
        if same is not None:  # requested already (by this answer or another): attach it
            refs.append(same.id)
            continue
        number = len(evidence) + 1
        while f"E-{number}" in evidence:
            number += 1
        item = EvidenceItem(f"E-{number}", title, "requested", requested=date)
        evidence[item.id] = item
        refs.append(item.id)
    return tuple(dict.fromkeys(refs))


__all__ = ["evidence_refs"]
