"""The report's view model: Result + Catalog + answers -> one typed, JSON-ready ``Report``.

Every output format renders from this model (its types: :mod:`assessor.report.view`), and
``--format json`` is this model, so it is stable and documented
(``assessor/schemas/report.schema.json``). The sentences the formats print from it live in
:mod:`assessor.report.words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from assessor import __version__
from assessor.banks import conditions
from assessor.banks.scope import condition_value, display_value, facts
from assessor.banks.titles import initiative_in_scope, scope_subtitle
from assessor.bilingual import Lang, Text
from assessor.citation import title_zh
from assessor.model.catalog import Catalog, Question, Questionnaire, Reference, Severity
from assessor.model.record import Answer, Answers, Conflict
from assessor.model.result import FLOORS, Gap, Rating, Result, Score
from assessor.model.said import in_lang
from assessor.record.evidence import per_control, totals, unlinked
from assessor.report.standing import action_dict, dates, item_dict, quality, review, tracking
from assessor.report.view import (
    Alternate,
    AnswerView,
    AppendixBlock,
    AppendixRow,
    Cap,
    ConflictRow,
    ConsultantSummary,
    Control,
    Counts,
    Document,
    Engagement,
    EvidenceControl,
    EvidenceRegister,
    EvidenceRequest,
    Excluded,
    Exposure,
    Fact,
    GapView,
    InstrumentView,
    Internal,
    InternalNote,
    KeptAnswer,
    ReferenceView,
    Report,
    RoadmapStream,
    ScoreView,
    SoaBlock,
    SoaRow,
    SourceInstrument,
    Strengths,
    StrongSection,
    ToConfirm,
    Value,
)
from assessor.text import unwrap

SCHEMA = "assessor-report/1"
PRIORITY = {Severity.CRITICAL: "act_now", Severity.HIGH: "within_90_days",
            Severity.MEDIUM: "within_year", Severity.LOW: "within_year"}
PRIORITIES = ("act_now", "within_90_days", "within_year")
OTHER_LAW = re.compile(r"([A-Z][A-Z0-9]*)\s+([0-9].*)")


def score_dict(score: Score | None) -> ScoreView:
    """Return a score with its coverage."""
    if score is None:
        return {"score": None, "coverage": 0.0, "applicable": 0, "answered": 0, "unknown": 0,
                "na": 0}
    return {"score": score.score, "coverage": round(score.coverage, 1),
            "applicable": score.applicable, "answered": score.answered,
            "unknown": score.unknown, "na": score.na}


def reference_dict(catalog: Catalog, ref: Reference, lang: Lang) -> ReferenceView:
    """Return a citation with the article's title and penalty, from instruments.yaml."""
    instrument = catalog.instruments.get(ref.law)
    article = instrument.article(ref.article) if instrument else None
    fined = article if ref.fined else None
    return {
        "law": ref.law, "article": ref.article, "former": ref.former, "cite": ref.cite(lang),
        "instrument": instrument.short.get(lang) if instrument else ref.law,
        "title": article.title.get(lang) if article else None,
        "verified": bool(article and article.verified and (instrument is None or
                                                             instrument.verified)),
        "penalty_article": fined.penalty_article if fined else None,
        "penalty": fined.penalty.get(lang) if fined and fined.penalty else None,
        "penalty_cite": penalty_cite(catalog, ref.law, fined.penalty_article, lang)
        if fined and fined.penalty else None,
    }


def question_dict(catalog: Catalog, question: Question, lang: Lang) -> Control:
    """Return what every listing of a control shows."""
    questionnaire = catalog.questionnaire(question.questionnaire)
    section = next((s for s in questionnaire.sections if s.id == question.section), None) \
        if questionnaire else None
    return {
        "id": question.id, "text": question.text.get(lang),
        "questionnaire": question.questionnaire,
        "instrument": questionnaire.instrument if questionnaire else None,
        "section": section.title.get(lang) if section else question.section,
        "severity": str(question.severity), "weight": question.weight,
        "verified": question.verified,
        "references": [reference_dict(catalog, r, lang) for r in question.references],
        "principles": list(question.principles),
        "remediation": question.remediation.get(lang) if question.remediation else None,
    }


def answer_dict(question: Question, answer: Answer | None, lang: Lang) -> AnswerView:
    """Return an answer as stored and as a person reads it."""
    value: Value = None
    if answer is not None:
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
    override = answer.severity if answer is not None else None
    return {"value": value, "display": display_value(question, answer, lang),
            "special": answer.special if answer else None,
            "note": in_lang(answer.note, lang) if answer else None,
            "evidence": list(answer.evidence) if answer else [],
            "finding": in_lang(answer.finding, lang) if answer else None,
            "flag": answer.flag if answer else None,
            "severity_override": {"level": str(override.level),
                                  "justification": in_lang(override.justification, lang) or ""}
            if override else None}


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


def consultant_summary(answers: Answers, lang: Lang) -> ConsultantSummary | None:
    """Return the consultant's executive summary as paragraphs, in ``lang`` or else the other.

    A summary written in one language only is printed as written in a report of the other, so
    the consultant's words are never dropped.
    """
    texts = answers.assessment.summary
    chosen = lang if texts.get(lang) else next((k for k in ("en", "zh") if texts.get(k)), None)
    if chosen is None:
        return None
    paragraphs = [unwrap(p) for p in re.split(r"\n\s*\n", texts[chosen].strip())]
    return {"lang": chosen, "paragraphs": [p for p in paragraphs if p]}


def condition_values(catalog: Catalog, answers: Answers, result: Result) -> dict[str, Any]:
    """Return what conditions saw: the values of applicable answers, as ``scope`` computes them."""
    values: dict[str, Any] = {}
    for qid, answer in answers.answers.items():
        question = catalog.question(qid)
        if question is not None and result.applicable.get(qid):
            value = condition_value(question, answer)
            if value is not conditions.MISSING:
                values[qid] = value
    return values


def levels(catalog: Catalog, question: Question) -> list[tuple[str, Text | None]]:
    """Return the conditions on ``question`` with their scope words: bank, section, question."""
    found: list[tuple[str, Text | None]] = []
    questionnaire = catalog.questionnaire(question.questionnaire)
    if questionnaire is not None:
        if questionnaire.applies_if:
            found.append((questionnaire.applies_if, questionnaire.scope))
        section = next((s for s in questionnaire.sections if s.id == question.section), None)
        if section is not None and section.applies_if:
            found.append((section.applies_if, section.scope))
    if question.applies_if:
        found.append((question.applies_if, question.scope))
    return found


def explain(catalog: Catalog, expression: str, scope: Text | None, answers: Answers,
            lang: Lang) -> str:
    """Say whom a condition selects and quote the profile answers it read."""
    words = scope.get(lang) if scope else expression
    quoted = list(dict.fromkeys(facts(catalog, expression, answers.answers, lang)))
    if not quoted:
        return words
    if lang == "zh":
        return f"{words}（概况：{'；'.join(quoted)}）"
    return f"{words} (profile: {'; '.join(quoted)})"


def reason(catalog: Catalog, question: Question, answers: Answers, lang: Lang,
           values: dict[str, Any] | None = None) -> str:
    """Say why a control does not apply: the first condition that fails, with its answers.

    ``values`` (from :func:`condition_values`) is given when many controls are explained, so the
    answers are gathered once; without it every condition on the control is explained.
    """
    found = levels(catalog, question)
    if values is not None:
        failing = [(e, s) for e, s in found if conditions.decide(e, values) is False]
        found = failing[:1] or found
    return "; ".join(explain(catalog, e, s, answers, lang) for e, s in found)


def instrument_dict(catalog: Catalog, questionnaire: Questionnaire, answers: Answers,
                    result: Result, lang: Lang) -> InstrumentView:
    """Return one assessed instrument: scope, reason, score, coverage and sections."""
    controls = [q for q in questionnaire.questions if q.scored]
    applicable = [q for q in controls if result.applicable.get(q.id)]
    code = questionnaire.instrument or ""
    instrument = catalog.instruments.get(code)
    bank_reason = ""
    if questionnaire.applies_if:
        bank_reason = explain(catalog, questionnaire.applies_if, questionnaire.scope, answers,
                              lang)
    gaps = [g for g in result.gaps if questionnaire.id in {q.questionnaire for q in g.questions}]
    return {
        "id": questionnaire.id, "code": code, "title": questionnaire.title.get(lang),
        "short": instrument.short.get(lang) if instrument else questionnaire.title.get(lang),
        "name": instrument.name.get(lang) if instrument else questionnaire.title.get(lang),
        "effective": instrument.effective if instrument else None,
        "amended": instrument.amended if instrument else None,
        "binding": instrument.binding if instrument else True,
        "version": questionnaire.version,
        "intro": questionnaire.intro.get(lang) if questionnaire.intro else None,
        "applies": bool(applicable), "reason": bank_reason,
        "controls": len(controls), "applicable_controls": len(applicable),
        "gaps": len(gaps),
        **score_dict(result.by_questionnaire.get(questionnaire.id)),
        "sections": [{"id": s.id, "title": s.title.get(lang),
                      **score_dict(result.by_section.get(s.id))}
                     for s in questionnaire.sections if s.id in result.by_section],
    }


def sources(catalog: Catalog, result: Result, lang: Lang) -> list[SourceInstrument]:
    """List every instrument the report relies on, with its dates and whether it binds.

    That is each bank's instrument and every one an applicable control cites, in catalogue order.
    An initiative (the GDSI) was proposed, not brought into force: it carries ``announced``.
    """
    codes = {q.instrument for q in catalog.questionnaires if q.kind == "bank" and q.instrument}
    for question in catalog.questions:
        if question.scored and result.applicable.get(question.id):
            codes.update(ref.law for ref in question.references)
    return [{"code": i.code, "name": book_title(i.name.get(lang), i.kind, lang), "kind": i.kind,
             "effective": i.effective if i.kind != "initiative" else None,
             "announced": i.effective if i.kind == "initiative" else None,
             "amended": i.amended, "binding": i.binding}
            for i in catalog.instruments.values() if i.code in codes]


def book_title(name: str, kind: str, lang: Lang) -> str:
    """Return a Chinese instrument title in 书名号 (a standard keeps its code and plain title)."""
    if lang != "zh" or kind == "standard" or name.startswith("《"):
        return name
    return f"《{name}》"


def strengths(instruments: list[InstrumentView], result: Result) -> Strengths:
    """Return what is strong: sections in the strong band, and the controls fully met."""
    strong = FLOORS[Rating.STRONG]
    sections: list[StrongSection] = [
        {"instrument": i["short"], "title": s["title"], "score": score,
         "applicable": s["applicable"]}
        for i in instruments for s in i["sections"]
        if (score := s["score"]) is not None and score >= strong and s["answered"]]
    sections.sort(key=lambda s: -s["score"])
    met = [qid for qid, value in result.question_scores.items() if value >= 1.0]
    return {"threshold": strong, "sections": sections, "controls_met": len(met)}


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


def build_context(catalog: Catalog, answers: Answers, result: Result, lang: Lang, *,
                  internal: bool = False) -> Report:
    """Return the whole report as plain data.

    The client's report holds nothing of the firm's own: with ``internal`` (``run --internal``)
    it gains the ``internal`` appendix, the quality checks and the consultant's internal notes.
    """
    record = answers.answers
    values = condition_values(catalog, answers, result)
    instruments: list[InstrumentView] = []
    excluded: list[Excluded] = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "bank":
            continue
        instruments.append(instrument_dict(catalog, questionnaire, answers, result, lang))
        excluded += [{**question_dict(catalog, q, lang),
                      "reason": reason(catalog, q, answers, lang, values)}
                     for q in questionnaire.questions
                     if q.scored and not result.applicable.get(q.id)]
    gaps = [gap_dict(catalog, g, answers, result, lang) for g in result.gaps]
    evidence = evidence_requests(catalog, result, record, lang)
    alternates: list[Alternate] = [
        {**question_dict(catalog, q, lang), "justification": in_lang(record[q.id].note, lang)}
        for q in catalog.questions if result.applicable.get(q.id)
        and q.id in record and record[q.id].special == "alternate"]
    return {
        "schema": SCHEMA,
        "tool": {"name": "assessor", "version": __version__},
        "lang": lang,
        "organisation": {"name": in_lang(answers.organisation.name, lang) or "",
                         "sector": sector_label(catalog, answers.organisation.sector, lang)},
        "assessment": {"consultant": answers.assessment.consultant,
                       "firm": in_lang(answers.assessment.firm, lang),
                       "date": answers.assessment.date},
        "document": document_control(answers),
        "engagement": engagement(catalog, lang),
        "subtitle": scope_subtitle(catalog, lang),
        "source": {"answers_file": PurePath(answers.path).name if answers.path else None,
                   "sha256": answers.sha256,
                   "questionnaires": {q.id: q.version for q in catalog.questionnaires}},
        "overall": {**score_dict(result.overall), "rating": result.rating,
                    "band": result.band or result.rating, "cap": cap_dict(result)},
        "rating_caps": [{"severity": str(s), "rating": catalog.caps[s]}
                        for s in Severity if s in catalog.caps],
        "consultant_summary": consultant_summary(answers, lang),
        "counts": counts(result, evidence, alternates),
        "instruments": instruments,
        "sources": sources(catalog, result, lang),
        "principles": [{"id": p.id, "short": p.short.get(lang), "text": p.text.get(lang),
                        **score_dict(result.by_principle.get(p.id))}
                       for p in catalog.principles] if initiative_in_scope(catalog) else [],
        "strengths": strengths(instruments, result),
        "gaps": gaps,
        "roadmap": roadmap(catalog, gaps, lang),
        "exposure": exposure(gaps),
        "excluded": excluded,
        "scope_to_confirm": scope_to_confirm(catalog, result, lang),
        "evidence_requests": evidence,
        "evidence": evidence_register(catalog, answers, lang),
        "alternates": alternates,
        "appendix": appendix(catalog, result, record, lang),
        "soa": applicability_statement(catalog, answers, result, lang, values),
        "internal": internal_appendix(catalog, answers, result, lang) if internal else None,
        "review": review(answers),
        "tracking": tracking(answers),
        "dates": dates(catalog, answers, lang),
    }


def internal_appendix(catalog: Catalog, answers: Answers, result: Result,
                      lang: Lang) -> Internal:
    """Return what only the firm reads: the quality checks, internal notes, answers not taken."""
    notes: list[InternalNote] = []
    conflicts: list[ConflictRow] = []
    for qid in sorted(answers.answers, key=lambda q: catalog.order.get(q, len(catalog.order))):
        answer = answers.answers[qid]
        question = catalog.question(qid)
        if answer.via is not None or question is None:
            continue
        if answer.internal:
            notes.append({"id": qid, "text": question.text.get(lang),
                          "internal": in_lang(answer.internal, lang), "by": answer.by,
                          "display": display_value(question, answer, lang)})
        if answer.conflict:
            conflicts.append({"id": qid, "text": question.text.get(lang),
                              "display": display_value(question, answer, lang),
                              "kept": kept_answers(question, answer.conflict, lang)})
    return {"quality": quality(catalog, answers, result), "notes": notes,
            "conflicts": conflicts}


def kept_answers(question: Question, conflict: Sequence[Conflict],
                 lang: Lang) -> list[KeptAnswer]:
    """Return the answers a record keeps beside the one it took: who, when, from where, why."""
    return [{"display": display_value(question, Answer(question.id, c.value), lang),
             "by": c.by, "at": c.at, "source": c.source, "note": in_lang(c.note, lang),
             "open": c.open} for c in conflict]


def sector_label(catalog: Catalog, sector: str | None, lang: Lang) -> str | None:
    """Return the sector in ``lang``: an option id of ``profile.sector`` as its label."""
    question = catalog.question("profile.sector")
    option = question.option(str(sector)) if question is not None and sector else None
    return option.label.get(lang) if option is not None else in_lang(sector, lang)


def document_control(answers: Answers) -> Document:
    """Return the report's document control: version, fieldwork, distribution and history."""
    assessment = answers.assessment
    return {"version": assessment.version,
            "fieldwork": {"from": assessment.fieldwork[0], "to": assessment.fieldwork[1]}
            if assessment.fieldwork else None,
            "distribution": list(assessment.distribution),
            "history": [{"version": r.version, "date": r.date, "by": r.by, "change": r.change}
                        for r in assessment.history]}


def engagement(catalog: Catalog, lang: Lang) -> Engagement:
    """Return the engagement's scope: the banks assessed, and those left out (none: all)."""
    banks = [q for q in catalog.questionnaires if q.kind == "bank"]
    return {"scope": [q.id for q in banks] if catalog.outside else [],
            "assessed": [q.title.get(lang) for q in banks] if catalog.outside else [],
            "outside": [{"id": q.id, "title": q.title.get(lang)} for q in catalog.outside]}


def scope_to_confirm(catalog: Catalog, result: Result, lang: Lang) -> list[ToConfirm]:
    """List the controls in scope only because a profile fact is unknown, with that fact.

    Scope errs on the safe side: such a control applies (it is scored and can be a gap), and the
    report names the facts whose answer would settle whether it really does.
    """
    out: list[ToConfirm] = []
    for qid, facts_read in result.unsettled.items():
        question = catalog.question(qid)
        if question is None or not question.scored:
            continue
        settle: list[Fact] = [{"id": name, "text": fact.text.get(lang)}
                  for name in facts_read if (fact := catalog.question(name)) is not None]
        out.append({**question_dict(catalog, question, lang), "settled_by": settle})
    return out


def penalty_cite(catalog: Catalog, law: str, article: str | None, lang: Lang) -> str:
    """Cite a penalty article; one in another instrument is written "CSL 66" in the data.

    Without an article (its number unconfirmed), the instrument is named alone.
    """
    if article:
        other = OTHER_LAW.fullmatch(article.strip())
        if other:
            law, article = other.group(1), other.group(2)
    instrument = catalog.instruments.get(law)
    if not article:
        if instrument is None:
            return law
        return title_zh(instrument.name.zh) if lang == "zh" else instrument.short.en
    return instrument.reference(article).cite(lang) if instrument \
        else Reference(law, article).cite(lang)


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


def evidence_requests(catalog: Catalog, result: Result, record: dict[str, Answer],
                      lang: Lang) -> list[EvidenceRequest]:
    """List applicable controls left unanswered or answered unknown: what to ask the client for."""
    out: list[EvidenceRequest] = []
    for question in catalog.questions:
        if not (question.scored and result.applicable.get(question.id)):
            continue
        answer = record.get(question.id)
        if answer is None or answer.special == "unknown":
            out.append({**question_dict(catalog, question, lang),
                        "status": "unknown" if answer else "unanswered",
                        "evidence_hint": question.evidence.get(lang) if question.evidence
                        else None})
    return out


def evidence_register(catalog: Catalog, answers: Answers, lang: Lang) -> EvidenceRegister:
    """Return the evidence register per control: requested vs received, and the items."""
    controls: list[EvidenceControl] = []
    for entry in per_control(catalog, answers):
        question = catalog.question(entry.qid)
        if question is None or not question.scored:
            continue
        controls.append({**question_dict(catalog, question, lang),
                         "requested": entry.requested, "received": entry.received,
                         "outstanding": entry.outstanding,
                         "registered": sum(1 for p in entry.pieces if p.item is not None),
                         "items": [item_dict(p.ref, p.item) for p in entry.pieces]})
    return {"totals": totals(answers), "controls": controls,
            "unlinked": [item_dict(i.id, i) for i in unlinked(answers)]}


def control_status(answer: Answer | None, applies: bool, value: float | None) -> str:
    """Return a control's status in the Statement of Applicability."""
    if not applies:
        return "excluded"
    if answer is None:
        return "unanswered"
    if answer.special is not None:
        return answer.special
    if value is None or value <= 0:
        return "not_met"
    return "met" if value >= 1.0 else "partial"


def applicability_statement(catalog: Catalog, answers: Answers, result: Result, lang: Lang,
                            values: dict[str, Any]) -> list[SoaBlock]:
    """Return the Statement of Applicability: every control, whether it applies, why, its status.

    The reason quotes the profile answers behind the conditions that decided it: for a control
    that applies, every condition on it (empty when it applies to every organisation); for one
    that does not, the first condition that failed. Explanations are memoised per condition,
    since whole sections share one.
    """
    said: dict[tuple[str, Text | None], str] = {}

    def why(question: Question, applies: bool) -> str:
        found = levels(catalog, question)
        if not applies:
            found = [(e, s) for e, s in found if conditions.decide(e, values) is False][:1] or found
        parts = []
        for expression, scope in found:
            key = (expression, scope)
            if key not in said:
                said[key] = explain(catalog, expression, scope, answers, lang)
            parts.append(said[key])
        return "; ".join(parts)

    out: list[SoaBlock] = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "bank":
            continue
        rows: list[SoaRow] = []
        for question in questionnaire.questions:
            if not question.scored:
                continue
            applies = bool(result.applicable.get(question.id))
            answer = answers.answers.get(question.id)
            value = result.question_scores.get(question.id)
            rows.append({"id": question.id, "text": question.text.get(lang),
                         "applies": applies, "reason": why(question, applies),
                         "status": control_status(answer, applies, value),
                         "to_confirm": question.id in result.unsettled,
                         "score": value if applies else None,
                         "note": in_lang(answer.note, lang)
                         if answer is not None and applies else None})
        out.append({"id": questionnaire.id, "title": questionnaire.title.get(lang),
                    "rows": rows})
    return out


def appendix(catalog: Catalog, result: Result, record: dict[str, Answer],
             lang: Lang) -> list[AppendixBlock]:
    """Every answer, questionnaire by questionnaire, with notes and evidence."""
    out: list[AppendixBlock] = []
    for questionnaire in catalog.questionnaires:
        rows: list[AppendixRow] = []
        for question in questionnaire.questions:
            answer = record.get(question.id)
            applies = result.applicable.get(question.id, False)
            if answer is None and not applies:
                continue
            rows.append({"id": question.id, "text": question.text.get(lang),
                         "applies": applies,
                         "score": result.question_scores.get(question.id),
                         "by": answer.by if answer else None,
                         "at": answer.at if answer else None,
                         **answer_dict(question, answer, lang)})
        if rows:
            out.append({"id": questionnaire.id, "title": questionnaire.title.get(lang),
                        "rows": rows})
    return out
