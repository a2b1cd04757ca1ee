"""The engagement's standing in a report: review status, quality warnings, evidence, actions.

These parts of the view model come from the record's later life (evidence arriving, the
reviewer's sign-off, remediation tracked after delivery) rather than from scoring; the report's
context (:mod:`assessor.report.context`) gathers them, and ``diff`` reuses :func:`overdue`.
"""

from __future__ import annotations

from assessor.bilingual import Lang
from assessor.model.catalog import Catalog
from assessor.model.record import ACTION_STATUSES, Action, Answers, EvidenceItem, Status
from assessor.model.result import Result
from assessor.model.said import in_lang
from assessor.record.answers import changed_since_sign_off
from assessor.record.evidence import Piece
from assessor.record.quality import run_checks
from assessor.report.rows import ActionView, EvidenceItemView
from assessor.report.view import Dates, Quality, Review, Tracking


def overdue(action: Action, on: str | None) -> bool:
    """Return whether an open action was due before ``on`` (the assessment date, not the clock)."""
    return bool(on and action.due and action.status in ("open", "in_progress")
                and action.due < on)


def action_dict(answers: Answers, qid: str, lang: Lang = "en") -> ActionView | None:
    """Return the remediation tracked for one gap (owner, due, status, comment, overdue)."""
    action = answers.actions.get(qid)
    if action is None:
        return None
    return {"owner": action.owner, "due": action.due, "status": action.status,
            "comment": in_lang(action.comment, lang),
            "overdue": overdue(action, answers.assessment.date)}


def tracking(answers: Answers) -> Tracking:
    """Count the tracked actions by status, and those overdue on the assessment date."""
    by_status = dict.fromkeys(ACTION_STATUSES, 0)
    for action in answers.actions.values():
        by_status[action.status] += 1
    return {"actions": len(answers.actions), "by_status": by_status, "as_of":
            answers.assessment.date, "overdue": sorted(
                qid for qid, a in answers.actions.items()
                if overdue(a, answers.assessment.date))}


def review(answers: Answers) -> Review:
    """Return where the assessment stands: every report is marked DRAFT until it is final.

    A file is final only when its sign-off holds (the loader checks the seal, the banks and
    completeness of the report being rendered): a file without a status, a hand-written
    ``status: final`` or a changed record is a draft. ``seal`` says whether and why.
    """
    status = answers.assessment.status or Status.DRAFT
    sign = answers.assessment.signed_off
    verdict = answers.seal
    return {"status": str(status), "draft": status is not Status.FINAL,
            "signed_off": {"by": sign.by, "role": sign.role, "date": sign.on,
                           "covers": list(sign.covers), "digest": sign.digest,
                           "key_signed": bool(sign.signature)} if sign else None,
            "changed_since_sign_off": changed_since_sign_off(answers),
            "seal": {"holds": verdict.holds, "code": verdict.code, "reason": verdict.reason}
            if verdict else None}


def quality(catalog: Catalog, answers: Answers, result: Result) -> Quality:
    """Count the quality checks' warnings (``assessor check`` lists them), check by check."""
    found = run_checks(catalog, answers, result)
    return {"warnings": sum(len(v) for v in found.values()),
            "checks": [{"id": name, "count": len(problems)} for name, problems in found.items()]}


def item_dict(ref: str, item: EvidenceItem | None) -> EvidenceItemView:
    """Return one piece of evidence: a register item, or a plain document name (``document``)."""
    if item is None:
        return {"id": None, "title": ref, "status": Piece(ref, None).status, "file": None,
                "requested": None,
                "received": None, "note": None}
    return {"id": item.id, "title": item.title, "status": item.status, "file": item.file,
            "requested": item.requested, "received": item.received, "note": item.note}


def dates(catalog: Catalog, answers: Answers, lang: Lang) -> Dates:
    """Return the statutory dates this record implies, for the roadmap (``assessor calendar``).

    A duty whose article is not verified in the official text is left out altogether; one whose
    starting date is not on record is named, without a date.
    """
    from assessor.exports.calendar import build

    found = build(catalog, answers)
    return {"dated": [{"date": e.date.isoformat(), "duty": e.title.get(lang),
                       "detail": e.description.get(lang), "cite": e.citation.get(lang)}
                      for e in found.events],
            "undated": [{"duty": duty.get(lang), "cite": cite.get(lang)}
                        for duty, cite in found.missing]}
