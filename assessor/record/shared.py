"""Answers to facts asked once: the controls that share a fact get its answer, marked ``via``.

A control that declares ``same_as`` (see :mod:`assessor.banks.facts`) is answered under the
other control while that one applies: the answer is copied to it with ``via`` naming where it
was given, so scoring, reports and checks count it in both instruments, and it is never written
back (the file carries the fact once). Where the other control does not apply, the control is
asked and answered in its own right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from assessor.banks.scope import applicability
from assessor.model import Answer, Catalog, Question


def followers(catalog: Catalog) -> list[Question]:
    """Return the controls that ask another control's fact, in catalog order."""
    return [q for q in catalog.questions if q.same_as]


def derive(catalog: Catalog, answers: Mapping[str, Answer],
           applies: Mapping[str, bool] | None = None) -> dict[str, Answer]:
    """Return the answers with each shared fact's answer given to every control that asks it.

    The answer under the control that applies wins over one given to the sharing control
    itself (an older file may hold both).
    """
    out = {qid: a for qid, a in answers.items() if a.via is None}
    sharing = followers(catalog)
    if not sharing:
        return out
    applies = applicability(catalog, out) if applies is None else applies
    for question in sharing:
        primary = question.same_as or ""
        given = out.get(primary)
        if given is not None and applies.get(primary):
            out[question.id] = replace(given, qid=question.id, via=primary)
    return out


def answered_under(catalog: Catalog, question: Question,
                   applies: Mapping[str, bool]) -> Question | None:
    """Return the control a question's fact is asked under, while that one applies."""
    if question.same_as and applies.get(question.same_as):
        return catalog.by_id.get(question.same_as)
    return None
