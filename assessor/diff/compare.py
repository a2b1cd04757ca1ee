"""The comparison of two assessments: one plain, JSON-ready dict every output renders from.

Both answers files are scored against the same (current) catalog, so every difference comes
from the answers: score deltas per instrument and GDSI principle, gaps closed, opened and still
open (better or worse), every answer that changed, and the remediation actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessor import __version__
from assessor.banks.scope import display_value, engaged, expressions, reads
from assessor.bilingual import Lang
from assessor.model.catalog import Catalog, Question
from assessor.model.record import Action, Answer, Answers, Status
from assessor.model.result import Result, Score
from assessor.report.context import kept_answers as context_kept
from assessor.report.controls import question_dict, score_dict
from assessor.report.standing import overdue
from assessor.scoring import score

if TYPE_CHECKING:
    from assessor.report.view import KeptAnswer

SCHEMA = "assessor-diff/1"


def delta(old: float | None, new: float | None) -> float | None:
    """Return ``new - old`` rounded to one decimal, or None when either side has no score."""
    return None if old is None or new is None else round(new - old, 1)


def change(old: Score | None, new: Score | None) -> dict[str, Any]:
    """Return a score before and after, with the difference."""
    before, after = score_dict(old), score_dict(new)
    return {"old": before, "new": after, "delta": delta(before["score"], after["score"])}


def state(question: Question, answer: Answer | None, result: Result) -> str:
    """Return where a control stands: gap, met, na, unanswered or out_of_scope."""
    if not result.applicable.get(question.id):
        return "out_of_scope"
    if answer is None:
        return "unanswered"
    value = result.question_scores.get(question.id)
    if value is None:
        return "na"
    return "met" if value >= 1.0 else "gap"


def side(question: Question, answer: Answer | None, result: Result, lang: Lang,
         ranks: dict[str, int]) -> dict[str, Any]:
    """Return one assessment's view of a control: state, score, rank, answer and note."""
    return {"state": state(question, answer, result),
            "score": result.question_scores.get(question.id),
            "rank": ranks.get(question.id),
            "answer": display_value(question, answer, lang) if answer is not None else None,
            "note": answer.note if answer is not None else None}


def gap_changes(catalog: Catalog, old: Answers, new: Answers, results: tuple[Result, Result],
                lang: Lang) -> dict[str, list[dict[str, Any]]]:
    """Sort every control that is a gap on either side into closed, opened and still open."""
    old_result, new_result = results
    old_ranks: dict[str, int] = {g.question.id: g.rank for g in old_result.gaps}
    new_ranks: dict[str, int] = {g.question.id: g.rank for g in new_result.gaps}
    closed, opened, still = [], [], []
    for qid in sorted(old_ranks.keys() | new_ranks.keys(), key=catalog.order.__getitem__):
        question = catalog.by_id[qid]
        before = side(question, old.answers.get(qid), old_result, lang, old_ranks)
        after = side(question, new.answers.get(qid), new_result, lang, new_ranks)
        entry: dict[str, Any] = {**question_dict(catalog, question, lang), "old": before,
                                 "new": after}
        if qid not in new_ranks:
            closed.append({**entry, "why": after["state"],
                           "because": facts_changed(catalog, question, (old, new), lang)
                           if after["state"] == "out_of_scope" else []})
        elif qid not in old_ranks:
            opened.append({**entry, "why": {"met": "worse", "out_of_scope": "new_scope",
                                            "na": "was_na"}.get(before["state"],
                                                                "was_unanswered"),
                           "because": facts_changed(catalog, question, (old, new), lang)
                           if before["state"] == "out_of_scope" else []})
        else:
            moved = (after["score"] or 0.0) - (before["score"] or 0.0)
            still.append({**entry, "trend": "better" if moved > 1e-9 else
                          "worse" if moved < -1e-9 else "same"})
    closed.sort(key=lambda e: e["old"]["rank"])
    opened.sort(key=lambda e: e["new"]["rank"])
    still.sort(key=lambda e: e["new"]["rank"])
    return {"gaps_closed": closed, "gaps_opened": opened, "gaps_still_open": still}


def facts_changed(catalog: Catalog, question: Question, files: tuple[Answers, Answers],
                  lang: Lang) -> list[dict[str, Any]]:
    """Return the profile facts a control's scope reads that changed: why it left or entered scope.

    Each fact carries its question in ``lang``: a client reads the fact, not its id.
    """
    old, new = files
    names = dict.fromkeys(name for expression in expressions(catalog, question)
                          for name in reads(expression))
    out = []
    for name in names:
        before, after = old.answers.get(name), new.answers.get(name)
        fact = catalog.question(name)
        if fact is None or (before and before.value) == (after and after.value):
            continue
        out.append({"id": name, "text": fact.text.get(lang),
                    "old": display_value(fact, before, lang),
                    "new": display_value(fact, after, lang)})
    return out


def answer_changes(catalog: Catalog, old: Answers, new: Answers,
                   lang: Lang) -> list[dict[str, Any]]:
    """List every answer added, removed or changed (value, note or evidence, answers kept)."""
    out = []
    given = (old.answers.keys() | new.answers.keys()) & catalog.by_id.keys()  # the engagement's
    for qid in sorted(given, key=catalog.order.__getitem__):
        question = catalog.by_id[qid]
        before, after = old.answers.get(qid), new.answers.get(qid)
        if before is None:
            kind = "added"
        elif after is None:
            kind = "removed"
        elif before.value != after.value:
            kind = "changed"
        elif before.note != after.note or before.evidence != after.evidence:
            kind = "details"
        elif set(after.conflict) - set(before.conflict):  # another's answer now kept beside it
            kind = "kept"
        else:
            continue
        out.append({
            "id": qid, "text": question.text.get(lang), "questionnaire": question.questionnaire,
            "scored": question.scored, "kind": kind,
            "old": display_value(question, before, lang) if before else None,
            "new": display_value(question, after, lang) if after else None,
            "old_note": before.note if before else None,
            "new_note": after.note if after else None,
            "old_evidence": list(before.evidence) if before else [],
            "new_evidence": list(after.evidence) if after else [],
            "kept": kept_answers(question, before, after, lang),
        })
    return out


def kept_answers(question: Question, before: Answer | None, after: Answer | None,
                 lang: Lang) -> list[KeptAnswer]:
    """Return the answers NEW keeps under ``conflict`` that OLD did not: who said what, open."""
    was = set(before.conflict) if before is not None else set()
    return context_kept(question, [c for c in (after.conflict if after is not None else ())
                                   if c not in was], lang)


def assessment_dict(answers: Answers, result: Result) -> dict[str, Any]:
    """Return who assessed, when, from which file, and the overall result."""
    return {"organisation": answers.organisation.name, "date": answers.assessment.date,
            "consultant": answers.assessment.consultant, "firm": answers.assessment.firm,
            "status": str(answers.assessment.status or Status.DRAFT),
            "answers_file": answers.path, "sha256": answers.sha256,
            "versions": dict(answers.versions), "rating": result.rating,
            **score_dict(result.overall)}


def action_view(action: Action | None) -> dict[str, Any] | None:
    """Return one side's tracked action: owner, due date, status, comment."""
    if action is None:
        return None
    return {"owner": action.owner, "due": action.due, "status": action.status,
            "comment": action.comment}


def action_changes(catalog: Catalog, old: Answers, new: Answers, lang: Lang,
                   open_gaps: frozenset[str] = frozenset()) -> dict[str, list[dict[str, Any]]]:
    """Return the remediation actions completed and opened since OLD, and those overdue in NEW.

    Overdue means open or in progress and due before NEW's assessment date (never the clock).
    An action not done whose gap NEW no longer holds is reported as on a closed gap (to be
    closed), never as overdue: the gap it was for is gone.
    """
    def entry(qid: str) -> dict[str, Any]:
        question = catalog.question(qid)
        return {"id": qid, "text": question.text.get(lang) if question else qid,
                "old": action_view(old.actions.get(qid)),
                "new": action_view(new.actions.get(qid))}

    order = catalog.order
    ids = sorted(new.actions, key=lambda q: (order.get(q, len(order)), q))
    was = {qid: a.status for qid, a in old.actions.items()}
    closed = [q for q in ids if q not in open_gaps
              and new.actions[q].status not in ("done", "accepted")]
    return {
        "actions_completed": [entry(q) for q in ids
                              if new.actions[q].status == "done" and was.get(q) != "done"],
        "actions_opened": [entry(q) for q in ids if q not in was and q not in closed
                           and new.actions[q].status != "done"],
        "actions_overdue": [entry(q) for q in ids if q not in closed
                            and overdue(new.actions[q], new.assessment.date)],
        "actions_on_closed_gaps": [entry(q) for q in closed],
    }


def compare(catalog: Catalog, old: Answers, new: Answers, lang: Lang) -> dict[str, Any]:
    """Return the whole comparison as plain data (the JSON export and every view's source)."""
    scopes = (old.assessment.scope, new.assessment.scope)  # either covering all: all
    catalog = engaged(catalog, tuple(dict.fromkeys(b for s in scopes for b in s))
                      if all(scopes) else ())
    old_result, new_result = score(catalog, old.answers), score(catalog, new.answers)
    instruments = [
        {"id": q.id, "code": q.instrument or "", "title": q.title.get(lang),
         "short": catalog.instruments[q.instrument].short.get(lang)
         if q.instrument in catalog.instruments else q.title.get(lang),
         **change(old_result.by_questionnaire.get(q.id), new_result.by_questionnaire.get(q.id))}
        for q in catalog.questionnaires if q.kind == "bank"
        and (q.id in old_result.by_questionnaire or q.id in new_result.by_questionnaire)]
    principles = [{"id": p.id, "short": p.short.get(lang),
                   **change(old_result.by_principle.get(p.id), new_result.by_principle.get(p.id))}
                  for p in catalog.principles
                  if p.id in old_result.by_principle or p.id in new_result.by_principle]
    gaps = gap_changes(catalog, old, new, (old_result, new_result), lang)
    answers = answer_changes(catalog, old, new, lang)
    actions = action_changes(catalog, old, new, lang,
                             frozenset(q.id for g in new_result.gaps for q in g.questions))
    current = {q.id: q.version for q in catalog.questionnaires}
    return {
        "schema": SCHEMA, "tool": {"name": "assessor", "version": __version__}, "lang": lang,
        "organisation": {"name": new.organisation.name, "sector": new.organisation.sector,
                         "renamed_from": old.organisation.name
                         if old.organisation.name != new.organisation.name else None},
        "old": assessment_dict(old, old_result), "new": assessment_dict(new, new_result),
        # A comparison is as final as its least final side: a draft on either side (unsigned,
        # or a sign-off that does not hold) marks the whole report DRAFT (review defect 17).
        "draft": any(a.assessment.status is not Status.FINAL for a in (old, new)),
        "questionnaires": current,
        "versions_differ": sorted({qid for qid, version in current.items()
                                   for a in (old, new) if a.versions.get(qid, version) != version}),
        "overall": {**change(old_result.overall, new_result.overall),
                    "old_rating": old_result.rating, "new_rating": new_result.rating},
        "instruments": instruments, "principles": principles, **gaps,
        "answers_changed": answers, **actions,
        "counts": {"closed": len(gaps["gaps_closed"]), "opened": len(gaps["gaps_opened"]),
                   "still_open": len(gaps["gaps_still_open"]),
                   "better": sum(g["trend"] == "better" for g in gaps["gaps_still_open"]),
                   "worse": sum(g["trend"] == "worse" for g in gaps["gaps_still_open"]),
                   "answers_changed": len(answers),
                   **{name: len(found) for name, found in actions.items()},
                   "old_gaps": len(old_result.gaps), "new_gaps": len(new_result.gaps)},
    }
