"""Answers to facts asked once: the controls that share a fact get its answer, marked ``via``.

A control that declares ``same_as`` (see :mod:`assessor.banks.facts`) is answered under the
other control while that one applies: the answer is copied to it with ``via`` naming where it
was given, so scoring, reports and checks count it in both instruments, and it is never written
back (the file carries the fact once). Where the other control does not apply, the control is
asked and answered in its own right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assessor.banks.scope import applicability
from assessor.model.catalog import Catalog, Question
from assessor.model.record import Answer


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


def carry(catalog: Catalog, answers: Mapping[str, Answer],
          scope: Sequence[str]) -> tuple[dict[str, Answer], list[str]]:
    """Return the answers with each fact answered under its sharing control moved to its own.

    A respondent asked only the PIPL answers ``pipl.governance.internal_rules``; once the
    record's ``scope`` (empty: every bank) holds the CSL, the fact is asked under
    ``csl.pi.protection_system``: the answer moves there (who gave it and when kept) instead of
    being asked again and reported unused. An answer the file already gives there stays.

    Returns:
        The answers (sharing controls derived again), and the ids whose answers moved.
    """
    out = {qid: a for qid, a in answers.items() if a.via is None}
    moved: list[str] = []
    applies = None
    for question in followers(catalog):
        primary = catalog.by_id.get(question.same_as or "")
        own = out.get(question.id)
        if own is None or primary is None or primary.id in out or \
                (scope and primary.questionnaire not in scope):
            continue
        applies = applicability(catalog, out) if applies is None else applies
        if applies.get(primary.id):
            out[primary.id] = replace(out.pop(question.id), qid=primary.id, line=None)
            moved.append(question.id)
            applies = None
    return derive(catalog, out), moved


def answered_under(catalog: Catalog, question: Question,
                   applies: Mapping[str, bool]) -> Question | None:
    """Return the control a question's fact is asked under, while that one applies."""
    if question.same_as and applies.get(question.same_as):
        return catalog.by_id.get(question.same_as)
    return None
