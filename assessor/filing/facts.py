"""What the filing writers read: the record, its scores and registers, in the form's language.

Every writer of :mod:`assessor.filing.sections` takes one :class:`Facts`, so the language's
words, punctuation and "the record does not give ..." are said one way in every section.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor.bilingual import Text
from assessor.filing.conclusion import say
from assessor.model.catalog import Catalog
from assessor.model.record import Answers
from assessor.model.result import Result
from assessor.registers import Inventory


@dataclass(frozen=True)
class Facts:
    """What the writers read: the record, its scores, the registers and the language."""

    catalog: Catalog
    answers: Answers
    result: Result
    inventory: Inventory
    lang: str
    kind: str

    def say(self, en: str, zh: str) -> str:
        """Return the words of the document's language."""
        return say(self.lang, en, zh)

    def t(self, text: Text | None, missing: str = "") -> str:
        """Return a register text in the document's language."""
        return text.get(self.lang) if text else missing

    def missing(self, what_en: str, what_zh: str) -> str:
        """Say that the record does not give a fact."""
        return self.say(f"The record does not give {what_en}.", f"评估记录未提供{what_zh}。")

    def answer(self, qid: str) -> str:
        """Return a profile or control answer in words, or an empty string."""
        answer = self.answers.answers.get(qid)
        question = self.catalog.question(qid)
        if answer is None or question is None:
            return ""
        values = answer.value if isinstance(answer.value, tuple) else (answer.value,)
        shown = []
        for value in values:
            option = question.option(str(value)) if isinstance(value, str) else None
            shown.append(option.label.get(self.lang) if option else
                         f"{value:,.0f}" if isinstance(value, float) else str(value))
        return self.say("; ", "；").join(shown)

    def join(self, parts: list[str]) -> str:
        """Join list parts as the language does."""
        return self.say("; ", "；").join(p for p in parts if p)

    def end(self, text: str) -> str:
        """End a sentence with the language's full stop."""
        text = text.rstrip()
        return text if not text or text[-1] in ".。;；!?！？" else text + self.say(".", "。")
