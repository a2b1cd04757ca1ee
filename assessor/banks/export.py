"""Export: the question banks as one documented JSON document, for integrators.

``assessor questions --json`` prints it and ``assessor schema questions`` prints its JSON Schema
(``assessor/schemas/questions.schema.json``). It carries everything a bank says, in both
languages: texts, help, options with scores, conditions (each level, and the effective whole),
scope words, weights, severities, remediation, evidence hints, the finding a gap states and its
workstream, and references with their titles, citations and penalties, plus the instruments and
GDSI principles they cite and the workstreams a roadmap groups gaps into.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assessor.banks.scope import expressions, scope_text
from assessor.bilingual import Text
from assessor.model.catalog import Article, Catalog, Instrument, Question, Questionnaire, Reference

SCHEMA = "assessor-questions/1"


def text(value: Text | None) -> dict[str, str] | None:
    """Return a bilingual text as ``{en, zh}``, or None."""
    return {"en": value.en, "zh": value.zh} if value is not None else None


def reference_data(catalog: Catalog, ref: Reference) -> dict[str, Any]:
    """Return a citation with its printed forms, the article's title and its penalty."""
    instrument = catalog.instruments.get(ref.law)
    article = instrument.article(ref.article) if instrument else None
    fined = article if ref.fined else None
    return {"law": ref.law, "article": ref.article, "former": ref.former,
            "verified": ref.verified and (instrument is None or instrument.verified),
            "cite": {"en": ref.cite("en"), "zh": ref.cite("zh")},
            "title": text(article.title) if article else None,
            "penalty_article": fined.penalty_article if fined else None,
            "penalty": text(fined.penalty) if fined else None}


def question_data(catalog: Catalog, question: Question) -> dict[str, Any]:
    """Return one question with everything the bank says about it."""
    return {
        "id": question.id, "questionnaire": question.questionnaire,
        "section": question.section, "type": str(question.type),
        "text": text(question.text), "help": text(question.help),
        "options": [{"id": o.id, "label": text(o.label), "score": o.score}
                    for o in question.options],
        "unit": text(question.unit), "min": question.minimum, "max": question.maximum,
        "limit": {"kind": question.limit.kind, "value": question.limit.value}
        if question.limit else None,
        "scored": question.scored,
        "severity": str(question.severity) if question.scored else None,
        "weight": question.weight if question.scored else None,
        "alternate": question.alternate, "verified": question.verified,
        "applies_if": question.applies_if,
        "conditions": list(expressions(catalog, question)),
        "scope": [text(t) for t in scope_text(catalog, question)],
        "references": [reference_data(catalog, r) for r in question.references],
        "principles": list(question.principles),
        "remediation": text(question.remediation), "evidence": text(question.evidence),
        "statement": statement_data(question), "workstream": question.workstream,
        "same_as": question.same_as,
    }


def statement_data(question: Question) -> dict[str, Any] | None:
    """Return the finding a gap of the control states, with its partial variant, or None."""
    if question.statement is None:
        return None
    return {**(text(question.statement.text) or {}),
            "partial": text(question.statement.partial)}


def questionnaire_data(questionnaire: Questionnaire) -> dict[str, Any]:
    """Return a questionnaire's own fields and its sections (questions are listed apart)."""
    return {
        "id": questionnaire.id, "kind": questionnaire.kind,
        "instrument": questionnaire.instrument, "version": questionnaire.version,
        "title": text(questionnaire.title), "intro": text(questionnaire.intro),
        "applies_if": questionnaire.applies_if, "scope": text(questionnaire.scope),
        "sections": [{"id": s.id, "title": text(s.title), "applies_if": s.applies_if,
                      "scope": text(s.scope), "questions": [q.id for q in s.questions]}
                     for s in questionnaire.sections],
    }


def article_data(instrument: Instrument, article: Article) -> dict[str, Any]:
    """Return one listed article with both citation forms."""
    cite = instrument.reference(article.article)
    return {"article": article.article, "former": article.former,
            "title": text(article.title), "verified": article.verified,
            "cite": {"en": cite.cite("en"), "zh": cite.cite("zh")},
            "penalty_article": article.penalty_article, "penalty": text(article.penalty)}


def instrument_data(instrument: Instrument) -> dict[str, Any]:
    """Return an instrument and every article the banks may cite."""
    return {"code": instrument.code, "name": text(instrument.name),
            "short": text(instrument.short), "issuer": text(instrument.issuer),
            "kind": instrument.kind, "effective": instrument.effective,
            "amended": instrument.amended, "binding": instrument.binding,
            "verified": instrument.verified, "note": text(instrument.note),
            "articles": [article_data(instrument, a) for a in instrument.articles]}


def export(catalog: Catalog, wanted: Iterable[str] = ()) -> dict[str, Any]:
    """Return the banks (all, or the questionnaires in ``wanted``) as one JSON-ready document.

    The instruments listed are those the exported questions cite.
    """
    chosen = set(wanted)
    questionnaires = [q for q in catalog.questionnaires if not chosen or q.id in chosen]
    questions = [question for qn in questionnaires for question in qn.questions]
    cited = {r.law for q in questions for r in q.references}
    return {
        "schema": SCHEMA,
        "questionnaires": [questionnaire_data(q) for q in questionnaires],
        "questions": [question_data(catalog, q) for q in questions],
        "instruments": [instrument_data(i) for code, i in catalog.instruments.items()
                        if code in cited],
        "principles": [{"id": p.id, "short": text(p.short), "text": text(p.text)}
                       for p in catalog.principles],
        "workstreams": [{"id": w.id, "title": text(w.title)} for w in catalog.workstreams],
    }
