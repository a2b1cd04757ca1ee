"""The report's view model: Result + Catalog + answers -> one plain, JSON-ready dict.

Every output format renders from this dict, and ``--format json`` is this dict, so it is stable and
documented (``assessor/schemas/report.schema.json``).
"""

from __future__ import annotations

from typing import Any

from assessor import __version__
from assessor.model import (
    Answer,
    Answers,
    Catalog,
    Gap,
    Lang,
    Question,
    Reference,
    Result,
    Score,
    Severity,
)
from assessor.scope import display_value, expressions, facts, scope_text

SCHEMA = "assessor-report/1"
PRIORITY = {Severity.CRITICAL: "act_now", Severity.HIGH: "within_90_days",
            Severity.MEDIUM: "within_year", Severity.LOW: "within_year"}


def score_dict(score: Score | None) -> dict[str, Any]:
    """Return a score with its coverage."""
    if score is None:
        return {"score": None, "coverage": 0.0, "applicable": 0, "answered": 0, "unknown": 0,
                "na": 0}
    return {"score": score.score, "coverage": round(score.coverage, 1),
            "applicable": score.applicable, "answered": score.answered,
            "unknown": score.unknown, "na": score.na}


def reference_dict(catalog: Catalog, ref: Reference, lang: Lang) -> dict[str, Any]:
    """Return a citation with the article's title and penalty, from instruments.yaml."""
    instrument = catalog.instruments.get(ref.law)
    article = instrument.article(ref.article) if instrument else None
    return {
        "law": ref.law, "article": ref.article, "former": ref.former, "cite": ref.cite(lang),
        "instrument": instrument.short.get(lang) if instrument else ref.law,
        "title": article.title.get(lang) if article else None,
        "verified": bool(article and article.verified and (instrument is None or
                                                             instrument.verified)),
        "penalty_article": article.penalty_article if article else None,
        "penalty": article.penalty.get(lang) if article and article.penalty else None,
    }


def question_dict(catalog: Catalog, question: Question, lang: Lang) -> dict[str, Any]:
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


def answer_dict(question: Question, answer: Answer | None, lang: Lang) -> dict[str, Any]:
    """Return an answer as stored and as a person reads it."""
    value: Any = None
    if answer is not None:
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
    return {"value": value, "display": display_value(question, answer, lang),
            "special": answer.special if answer else None,
            "note": answer.note if answer else None,
            "evidence": list(answer.evidence) if answer else []}


def gap_dict(catalog: Catalog, gap: Gap, lang: Lang) -> dict[str, Any]:
    """Return one row of the gap register."""
    return {"rank": gap.rank, **question_dict(catalog, gap.question, lang),
            "score": round(gap.score, 3), "priority": PRIORITY[gap.question.severity],
            "answer": answer_dict(gap.question, gap.answer, lang)}


def reason(catalog: Catalog, question: Question, answers: Answers, lang: Lang) -> str:
    """Say why a control applies or not: the scope in words and the profile answers behind it."""
    words = "; ".join(t.get(lang) for t in scope_text(catalog, question))
    quoted = [fact for e in expressions(catalog, question)
              for fact in facts(catalog, e, answers.answers, lang)]
    joined = "；".join(quoted) if lang == "zh" else "; ".join(quoted)
    if not quoted:
        return words
    return f"{words}（{joined}）" if lang == "zh" else f"{words} (profile: {joined})"


def build_context(catalog: Catalog, answers: Answers, result: Result, lang: Lang) -> dict[str, Any]:
    """Return the whole report as plain data."""
    record = answers.answers
    instruments = []
    excluded = []
    for questionnaire in catalog.questionnaires:
        if questionnaire.kind != "bank":
            continue
        controls = [q for q in questionnaire.questions if q.scored]
        applicable = [q for q in controls if result.applicable.get(q.id)]
        code = questionnaire.instrument or ""
        instrument = catalog.instruments.get(code)
        first = controls[0] if controls else None
        bank_reason = ""
        if questionnaire.applies_if and first is not None:
            bank_reason = "; ".join(
                [questionnaire.scope.get(lang)] if questionnaire.scope else []) + (
                " — " + "; ".join(facts(catalog, questionnaire.applies_if, record, lang)))
        instruments.append({
            "id": questionnaire.id, "code": code, "title": questionnaire.title.get(lang),
            "short": instrument.short.get(lang) if instrument else questionnaire.title.get(lang),
            "binding": instrument.binding if instrument else True,
            "version": questionnaire.version,
            "intro": questionnaire.intro.get(lang) if questionnaire.intro else None,
            "applies": bool(applicable), "reason": bank_reason,
            "controls": len(controls), "applicable_controls": len(applicable),
            **score_dict(result.by_questionnaire.get(questionnaire.id)),
            "sections": [{"id": s.id, "title": s.title.get(lang),
                          **score_dict(result.by_section.get(s.id))}
                         for s in questionnaire.sections if s.id in result.by_section],
        })
        excluded += [{**question_dict(catalog, q, lang), "reason": reason(catalog, q, answers,
                                                                          lang)}
                     for q in controls if not result.applicable.get(q.id)]
    gaps = [gap_dict(catalog, g, lang) for g in result.gaps]
    return {
        "schema": SCHEMA,
        "tool": {"name": "assessor", "version": __version__},
        "lang": lang,
        "organisation": {"name": answers.organisation.name,
                         "sector": answers.organisation.sector},
        "assessment": {"consultant": answers.assessment.consultant,
                       "firm": answers.assessment.firm, "date": answers.assessment.date},
        "source": {"answers_file": answers.path, "sha256": answers.sha256,
                   "questionnaires": {q.id: q.version for q in catalog.questionnaires}},
        "overall": {**score_dict(result.overall), "rating": result.rating},
        "instruments": instruments,
        "principles": [{"id": p.id, "short": p.short.get(lang), "text": p.text.get(lang),
                        **score_dict(result.by_principle.get(p.id))}
                       for p in catalog.principles],
        "gaps": gaps,
        "exposure": exposure(gaps),
        "excluded": excluded,
        "evidence_requests": evidence_requests(catalog, result, record, lang),
        "alternates": [{**question_dict(catalog, q, lang), "justification": record[q.id].note}
                       for q in catalog.questions if result.applicable.get(q.id)
                       and q.id in record and record[q.id].special == "alternate"],
        "appendix": appendix(catalog, result, record, lang),
    }


def exposure(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group the penalty articles behind open gaps: what the organisation is exposed to."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for gap in gaps:
        for ref in gap["references"]:
            if not ref["penalty"]:
                continue
            key = (ref["law"], ref["penalty_article"] or "")
            entry = found.setdefault(key, {"law": ref["law"], "instrument": ref["instrument"],
                                           "article": ref["penalty_article"],
                                           "penalty": ref["penalty"], "gaps": []})
            if gap["id"] not in entry["gaps"]:
                entry["gaps"].append(gap["id"])
    return list(found.values())


def evidence_requests(catalog: Catalog, result: Result, record: dict[str, Answer],
                      lang: Lang) -> list[dict[str, Any]]:
    """List applicable controls left unanswered or answered unknown: what to ask the client for."""
    out = []
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


def appendix(catalog: Catalog, result: Result, record: dict[str, Answer],
             lang: Lang) -> list[dict[str, Any]]:
    """Every answer, questionnaire by questionnaire, with notes and evidence."""
    out = []
    for questionnaire in catalog.questionnaires:
        rows = []
        for question in questionnaire.questions:
            answer = record.get(question.id)
            applies = result.applicable.get(question.id, False)
            if answer is None and not applies:
                continue
            rows.append({"id": question.id, "text": question.text.get(lang),
                         "applies": applies,
                         "score": result.question_scores.get(question.id),
                         **answer_dict(question, answer, lang)})
        if rows:
            out.append({"id": questionnaire.id, "title": questionnaire.title.get(lang),
                        "rows": rows})
    return out
