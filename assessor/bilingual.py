"""A text in both of the product's languages: the leaf every other vocabulary module builds on.

Kept apart from :mod:`assessor.model` so the registers (:mod:`assessor.registers`), which the
model's answers hold, can use it without importing the model back.
"""

from __future__ import annotations

from dataclasses import dataclass

Lang = str  # "en" or "zh"
LANGS = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Text:
    """A bilingual string."""

    en: str
    zh: str

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``, falling back to English."""
        return self.zh if lang == "zh" and self.zh else self.en
