"""The client workbook's words: its fixed text, and what each question's row says.

The writer (:mod:`assessor.record.workbook`) lays the rows out; this module decides their text in
the workbook's language: how a question is answered, the drop-down's labels, the guidance a
client reads (without the help meant for the assessor), the legal basis and an answer as the
client sees it. The reader (:mod:`assessor.record.intake`) reads the same fixed text back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, assert_never

from assessor.banks.scope import scope_text
from assessor.bilingual import Lang
from assessor.files import load_data
from assessor.model.catalog import Catalog, Question, Questionnaire, QuestionType
from assessor.model.record import ALTERNATE, NA, UNKNOWN, Answer
from assessor.resources import templates_dir

SEPARATOR = "; "  # between the options of a multi-choice answer and between evidence items


@lru_cache(maxsize=1)
def all_strings() -> dict[str, dict[str, str]]:
    """Return the workbook's fixed text in both languages (report_templates/workbook.yaml)."""
    raw = load_data(templates_dir() / "workbook.yaml")
    return {str(key): {lang: str(value.get(lang) or value.get("en")) for lang in ("en", "zh")}
            for key, value in raw.items()}


@lru_cache(maxsize=2)
def strings(lang: Lang) -> Mapping[str, str]:
    """Return the workbook's fixed text in ``lang`` (made once: each question asks for it)."""
    return MappingProxyType({key: value[lang] for key, value in all_strings().items()})


def special_labels(lang: Lang) -> dict[str, str]:
    """Return the labels of the special answers (na, unknown, alternate) in ``lang``."""
    t = strings(lang)
    return {NA: t["na"], UNKNOWN: t["unknown"], ALTERNATE: t["alternate"]}


def sheet_title(questionnaire: Questionnaire, lang: Lang) -> str:
    """Return the sheet name of a questionnaire: its instrument's code (PIPL), or "Profile"."""
    if questionnaire.kind == "profile":
        return strings(lang)["profile_sheet"]
    name = questionnaire.instrument or questionnaire.id.upper()
    return re.sub(r"[\[\]:*?/\\']", "", name)[:31]


def choices(question: Question, lang: Lang) -> list[str]:
    """Return the drop-down of a question: its option labels, then the special answers."""
    specials = special_labels(lang)
    labels = [o.label.get(lang) for o in question.options]
    labels += [specials[NA], specials[UNKNOWN]]
    if question.alternate:
        labels.append(specials[ALTERNATE])
    return labels


def how_to_answer(question: Question, lang: Lang) -> str:
    """Say how a question is answered: choose one, choose several (listed), a number, text."""
    t = strings(lang)
    match question.type:
        case QuestionType.MULTI:
            lines = [t["choose_many"], *(f"• {o.label.get(lang)}" for o in question.options)]
            text = "\n".join(lines)
        case QuestionType.YESNO | QuestionType.SINGLE | QuestionType.SCALE:
            text = t["choose_one"]
        case QuestionType.NUMBER:
            text = (t["number_unit"].format(unit=question.unit.get(lang)) if question.unit
                    else t["number"])
            if question.minimum is not None and question.maximum is not None:
                text += " " + t["number_range"].format(min=f"{question.minimum:g}",
                                                       max=f"{question.maximum:g}")
        case QuestionType.TEXT:
            text = t["text"]
        case _:
            assert_never(question.type)
    return text + ("\n" + t["alternate_allowed"] if question.alternate else "")


# Sentences of a bank's help written for the assessor (the test plan, a reading of the law, a
# caveat about the toolkit's own sources): the client's workbook leaves them out.
FOR_ASSESSOR = {
    "en": re.compile(r"^(Ask|Look|Check|Confirm|Verify|Sample|Inspect|Test|Pick|Walk through|"
                     r"Evidence:|Judgement|We (assess|read|treat|score))\b|\b(ask for|look for|"
                     r"check (that|the|whether|it))\b|not (yet )?(been )?(confirmed|verified)|"
                     r"this toolkit|reported to be|(stricter|looser) reading|reading to the "
                     r"letter", re.IGNORECASE),
    "zh": re.compile(r"^(查阅|核对|核查|抽查|检查|判断|可选取)|"
                     r"请(查阅|核查|核对|抽查|调阅|索取|检查)|本工具|尚未(经原文|对照)|尚待核实|"
                     r"引用前请|引用时不标注|须逐案|从严|从宽|严格解读|宽松解读"),
}
SENTENCE = {"en": re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"])"), "zh": re.compile(r"(?<=[。！？])")}


def client_help(text: str, lang: Lang) -> str:
    """Return a bank's help without the sentences meant for the assessor (see FOR_ASSESSOR)."""
    kept = [s for s in SENTENCE[lang].split(text.strip()) if s.strip()
            and not FOR_ASSESSOR[lang].search(s.strip())]
    return ("" if lang == "zh" else " ").join(s.strip() for s in kept)


def guidance(catalog: Catalog, question: Question, lang: Lang) -> str:
    """Return what the client reads beside a question: who it is for, the help, what to have ready.

    It speaks to the client: the help's sentences meant for the assessor are left out, and the
    evidence the bank expects is named as what to have ready. The questionnaire's own scope is
    said once, above its sheet, not on every row.
    """
    t = strings(lang)
    parts = []
    bank = catalog.questionnaire(question.questionnaire)
    whole = bank.scope if bank is not None and bank.applies_if else None
    who = [text.get(lang) for text in scope_text(catalog, question) if text != whole]
    if who:
        parts.append(t["only_for"].format(who="; ".join(dict.fromkeys(who))))
    if question.help and (said := client_help(question.help.get(lang), lang)):
        parts.append(said)
    if question.evidence:
        parts.append(t["have_ready"].format(what=question.evidence.get(lang)))
    return "\n".join(parts)


def legal_basis(catalog: Catalog, question: Question, lang: Lang) -> str:
    """Return the question's citations, one a line, each with the article's title when known."""
    lines = []
    for ref in question.references:
        instrument = catalog.instruments.get(ref.law)
        article = instrument.article(ref.article) if instrument else None
        cite = ref.cite(lang)
        lines.append(f"{cite}: {article.title.get(lang)}" if article else cite)
    return "\n".join(lines)


def answer_cell(question: Question, answer: Answer | None, lang: Lang) -> Any:
    """Return an answer as the client reads it in the Answer column: labels, a number, text."""
    if answer is None:
        return None
    if answer.special:
        return special_labels(lang)[answer.special]
    value = answer.value
    if isinstance(value, tuple):
        return SEPARATOR.join(label_of(question, v, lang) for v in value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return label_of(question, value, lang) if question.options else value


def label_of(question: Question, option_id: str, lang: Lang) -> str:
    """Return the label of an option in ``lang`` (the id when the option is unknown)."""
    option = question.option(option_id)
    return option.label.get(lang) if option else option_id
