"""The report's view model: Result + Catalog + answers -> one typed, JSON-ready ``Report``.

Every output format renders from this model (its types: :mod:`assessor.report.view`), and
``--format json`` is this model, so it is stable and documented
(``assessor/schemas/report.schema.json``). The sentences the formats print from it live in
:mod:`assessor.report.words`. What a listing of a control shows (``controls``), the gap
register and what derives from it (``gaps``) and why a control applies (``applicability``) are
built in modules of their own; this one assembles the whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from assessor import __version__
from assessor.banks.scope import display_value
from assessor.banks.titles import initiative_in_scope, scope_subtitle
from assessor.bilingual import Lang
from assessor.model.catalog import Catalog, Question, Questionnaire, Severity
from assessor.model.record import Answer, Answers, Conflict
from assessor.model.result import FLOORS, Rating, Result
from assessor.model.said import in_lang
from assessor.record.evidence import per_control, totals, unlinked
from assessor.report.applicability import (
    Memo,
    applicability_statement,
    condition_values,
    explain,
    reason,
    scope_to_confirm,
)
from assessor.report.controls import answer_dict, question_dict, score_dict
from assessor.report.gaps import cap_dict, counts, exposure, gap_dict, roadmap
from assessor.report.rows import (
    Alternate,
    EvidenceControl,
    EvidenceRegister,
    EvidenceRequest,
    Excluded,
)
from assessor.report.standing import dates, item_dict, quality, review, tracking
from assessor.report.view import (
    AppendixBlock,
    AppendixRow,
    ConflictRow,
    ConsultantSummary,
    Document,
    Engagement,
    InstrumentView,
    Internal,
    InternalNote,
    KeptAnswer,
    Report,
    SourceInstrument,
    Strengths,
    StrongSection,
)
from assessor.text import unwrap

SCHEMA = "assessor-report/1"


def build_context(catalog: Catalog, answers: Answers, result: Result, lang: Lang, *,
                  internal: bool = False) -> Report:
    """Return the whole report as plain data.

    The client's report holds nothing of the firm's own: with ``internal`` (``run --internal``)
    it gains the ``internal`` appendix, the quality checks and the consultant's internal notes.
    """
    record = answers.answers
    values = condition_values(catalog, answers, result)
    memo = Memo()  # the excluded controls and the SoA explain the same conditions
    instruments: list[InstrumentView] = []
    excluded: list[Excluded] = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "bank":
            continue
        instruments.append(instrument_dict(catalog, questionnaire, answers, result, lang))
        excluded += [{**question_dict(catalog, q, lang),
                      "reason": reason(catalog, q, answers, lang, values, memo=memo)}
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
        "soa": applicability_statement(catalog, answers, result, lang, values, memo),
        "internal": internal_appendix(catalog, answers, result, lang) if internal else None,
        "review": review(answers),
        "tracking": tracking(answers),
        "dates": dates(catalog, answers, lang),
    }


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
