"""What every listing of a control shows: the control, its citations, its answer.

A citation carries the article's title and the penalty the law sets for a breach
(from instruments.yaml); the register, the exposure, the SoA and the diff all list
controls this one way.
"""

from __future__ import annotations

import re

from assessor.banks.scope import display_value
from assessor.bilingual import Lang
from assessor.citation import title_zh
from assessor.model.catalog import Catalog, Question, Reference
from assessor.model.record import Answer
from assessor.model.result import Score
from assessor.model.said import in_lang
from assessor.report.rows import AnswerView, Control, ReferenceView, ScoreView, Value

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
    """Return a citation with the article's title and penalty, from instruments.yaml.

    A report cites the same articles many times over (its controls, gaps, exposure, SoA), and
    finding an article and its penalty's citation scans the instrument's list, so each view is
    kept per instruments table, citation and language; every caller gets its own copy.
    """
    key = (id(catalog.instruments), ref, lang)
    kept = VIEWS.get(key)
    if kept is None or kept[0] is not catalog.instruments:
        if len(VIEWS) >= VIEWS_KEPT:
            VIEWS.clear()
        kept = VIEWS[key] = (catalog.instruments, cited(catalog, ref, lang))
    view: ReferenceView = {**kept[1]}
    return view


VIEWS: dict[tuple[int, Reference, str], tuple[object, ReferenceView]] = {}
VIEWS_KEPT = 4096  # the banks cite about a thousand articles in each language


def cited(catalog: Catalog, ref: Reference, lang: Lang) -> ReferenceView:
    """Return a citation with the article's title and penalty (see :func:`reference_dict`)."""
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
