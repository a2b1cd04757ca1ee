"""A consultant's own words: one text, or one per language, that still reads as a string.

Notes, findings, names and summaries are typed by people in either language; a report picks
the version in its own language and ``check`` warns where one is missing.
"""

from __future__ import annotations

import re

from assessor.bilingual import Lang


class Said(str):
    """A consultant's own words: one text, or one text per language (``{en, zh}`` in a file).

    It *is* the text as first written (the English where given, else the Chinese), so code that
    stores, compares or shows a note as a string needs no change; a report in another language
    picks its version with :meth:`get`. A text given in one language only is printed as written
    in a report of the other: ``check`` warns before that happens (see :func:`untranslated`).
    """

    en: str | None
    zh: str | None

    def __new__(cls, en: str | None = None, zh: str | None = None) -> Said:
        """Return the text ``en`` (or ``zh`` when there is no English) carrying both versions."""
        said = super().__new__(cls, en or zh or "")
        said.en, said.zh = en or None, zh or None
        return said

    def get(self, lang: Lang) -> str:
        """Return the version in ``lang``, else the text as written."""
        return (self.zh if lang == "zh" else self.en) or str(self)

    def __getnewargs__(self) -> tuple[str | None, str | None]:  # type: ignore[override]
        """Keep both versions through copy and pickle."""
        return self.en, self.zh

    def __eq__(self, other: object) -> bool:
        """Compare both versions with another bilingual text, the text alone with a string."""
        if isinstance(other, Said):
            return (self.en, self.zh) == (other.en, other.zh)
        return str.__eq__(self, other)

    __hash__ = str.__hash__


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def said(text: str | None) -> Said | None:
    """Return ``text`` as a consultant's text: a plain string in Chinese is the Chinese version."""
    if text is None or isinstance(text, Said):
        return text
    text = text.strip()
    if not text:
        return None
    return Said(zh=text) if CJK.search(text) else Said(text)


def in_lang(text: str | None, lang: Lang) -> str | None:
    """Return a consultant's text in ``lang`` where it is given, else as written (None: none)."""
    return text.get(lang) if isinstance(text, Said) else text


def untranslated(text: str | None) -> bool:
    """Return whether a consultant's text has no Chinese version (a Chinese report prints it)."""
    if not text:
        return False
    if isinstance(text, Said):
        return not text.zh
    return not CJK.search(text)
