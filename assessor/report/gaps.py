"""The gap register's rows, and what the report derives from them once.

One row per fact, at the severity that ranked it, led by its finding; then the
roadmap by workstream, the legal exposure by penalty article, the counts the summary
quotes and what capped the rating.
"""

from __future__ import annotations

from assessor.bilingual import Lang
from assessor.model.catalog import Catalog, Severity
from assessor.model.record import Answers
from assessor.model.result import Gap, Result
from assessor.model.said import in_lang
from assessor.report.controls import answer_dict, question_dict, reference_dict
from assessor.report.rows import Alternate, EvidenceRequest, GapView
from assessor.report.standing import action_dict
from assessor.report.view import Cap, Counts, Exposure, RoadmapStream

PRIORITY = {Severity.CRITICAL: "act_now", Severity.HIGH: "within_90_days",
            Severity.MEDIUM: "within_year", Severity.LOW: "within_year"}

PRIORITIES = ("act_now", "within_90_days", "within_year")


def gap_dict(catalog: Catalog, gap: Gap, answers: Answers, result: Result,
             lang: Lang) -> GapView:
    """Return one row of the gap register, at the severity that ranked it.

    ``severity`` is the assessor's where an answer overrides the bank's (kept as
    ``bank_severity``); ``severity_change`` says which way it moved: raised, lowered or kept.
    """
    row = question_dict(catalog, gap.question, lang)
    cited = {ref["cite"] for ref in row["references"]}
    for other in gap.also:  # one fact, every law that asks it
        for ref in other.references:
            found = reference_dict(catalog, ref, lang)
            if found["cite"] not in cited:
                cited.add(found["cite"])
                row["references"].append(found)
        row["principles"] = sorted({*row["principles"], *other.principles})
    said, source = statement(gap, lang)
    stream = next((q.workstream for q in gap.questions if q.workstream), None)
    found_stream = catalog.workstream(stream)
    return {"rank": gap.rank, **row,
            "statement": said, "statement_from": source,
            "unconfirmed": gap.answer is None or gap.answer.special == "unknown",
            "also": [{"id": q.id, "text": q.text.get(lang), "questionnaire": q.questionnaire}
                     for q in gap.also],
            "workstream": {"id": found_stream.id, "title": found_stream.title.get(lang)}
            if found_stream else None,
            "severity": str(gap.severity), "bank_severity": str(gap.bank_severity),
            "severity_change": severity_change(gap),
            "score": round(gap.score, 3), "priority": PRIORITY[gap.severity],
            "answer": answer_dict(gap.question, gap.answer, lang),
            "action": next((act for q in gap.questions  # tracked under any id of the fact
                            if (act := action_dict(answers, q.id, lang)) is not None), None),
            "scope_to_confirm": gap.question.id in result.unsettled}


def statement(gap: Gap, lang: Lang) -> tuple[str, str]:
    """Return the sentence a gap leads with, and where it comes from.

    The consultant's own finding wins (``finding``); else the bank's statement of the control
    (``bank``), in its partial variant for a partly met duty; a control the banks give no
    statement yet is named by its question (``question``).
    """
    answer = gap.answer
    if answer is not None and answer.finding:
        return in_lang(answer.finding, lang) or "", "finding"
    stated = next((q.statement for q in gap.questions if q.statement), None)
    if stated is not None:
        return stated.get(lang, partial=0.0 < gap.score < 1.0), "bank"
    return gap.question.text.get(lang), "question"


def severity_change(gap: Gap) -> str | None:
    """Return how the assessor moved a gap's severity: raised, lowered, kept, or None (no say)."""
    if gap.answer is None or gap.answer.severity is None:
        return None
    moved = gap.bank_severity.rank - gap.severity.rank
    return "raised" if moved > 0 else "lowered" if moved < 0 else "kept"


def cap_dict(result: Result) -> Cap | None:
    """Return what capped the rating: the severity and the gaps (ids, ranks), or None."""
    if result.capped_by is None:
        return None
    return {"severity": str(result.capped_by), "gaps": [g.question.id for g in result.capping],
            "ranks": [g.rank for g in result.capping]}


def counts(result: Result, evidence: list[EvidenceRequest],
           alternates: list[Alternate]) -> Counts:
    """Return the figures the summary quotes: gaps by severity and priority, open questions."""
    by_severity = {str(s): 0 for s in Severity}
    by_priority = dict.fromkeys(PRIORITIES, 0)
    for gap in result.gaps:
        by_severity[str(gap.severity)] += 1
        by_priority[PRIORITY[gap.severity]] += 1
    return {"gaps": len(result.gaps), "by_severity": by_severity, "by_priority": by_priority,
            "unknown": sum(1 for e in evidence if e["status"] == "unknown"),
            "unanswered": sum(1 for e in evidence if e["status"] == "unanswered"),
            "alternates": len(alternates)}


def roadmap(catalog: Catalog, gaps: list[GapView], lang: Lang) -> list[RoadmapStream]:
    """Group the gaps into workstreams a board can resource, in scales.yaml's order.

    Each workstream lists its gaps by rank (so by priority, then weight) with the count per
    priority; gaps of controls without a workstream come last, as ``id: null``.
    """
    groups: dict[str | None, list[GapView]] = {}
    for gap in gaps:
        stream = gap["workstream"]
        groups.setdefault(stream["id"] if stream else None, []).append(gap)
    out: list[RoadmapStream] = []
    for ws_id in [*(w.id for w in catalog.workstreams), None]:
        items = groups.get(ws_id)
        if not items:
            continue
        found = catalog.workstream(ws_id)
        by_priority = dict.fromkeys(PRIORITIES, 0)
        for gap in items:
            by_priority[gap["priority"]] += 1
        out.append({"id": ws_id, "title": found.title.get(lang) if found else None,
                    "ranks": [g["rank"] for g in items], "by_priority": by_priority,
                    "tracked": sum(1 for g in items if g.get("action"))})
    return out


def exposure(gaps: list[GapView]) -> list[Exposure]:
    """Group the penalty articles behind open gaps: what the organisation is exposed to.

    Each entry names the penalty article, its range, the articles breached and the gaps behind
    it; entries come in the order of their most severe gap (gaps arrive ranked).
    """
    found: dict[tuple[str, str], Exposure] = {}
    for gap in gaps:
        for ref in gap["references"]:
            penalty, cite = ref["penalty"], ref["penalty_cite"]
            if not penalty or cite is None:
                continue
            key = (ref["law"], ref["penalty_article"] or "")
            entry = found.setdefault(key, {"law": ref["law"], "instrument": ref["instrument"],
                                           "article": ref["penalty_article"],
                                           "cite": cite, "penalty": penalty,
                                           "severity": gap["severity"], "breached": [],
                                           "gaps": [], "ranks": []})
            if ref["cite"] not in entry["breached"]:
                entry["breached"].append(ref["cite"])
            if gap["id"] not in entry["gaps"]:
                entry["gaps"].append(gap["id"])
                entry["ranks"].append(gap["rank"])
    return list(found.values())
