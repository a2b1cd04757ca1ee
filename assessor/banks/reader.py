"""Reader: typed access to a parsed file, recording every problem with its line, never stopping."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from typing import Any

from assessor.banks.terms import misused
from assessor.bilingual import LANGS, Text
from assessor.errors import Problem
from assessor.loader import LineDict, LineList

# A folded YAML block joins lines with a space, which Chinese text must not have.
CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


class Reader:
    """Collects problems for one file while its raw mappings are turned into values.

    ``strict`` problems (translations, wording) fail ``lint`` but do not stop a file from loading.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.strict: list[Problem] = []

    def add(self, message: str, line: int | None = None, qid: str | None = None,
            *, strict: bool = False) -> None:
        """Record a problem."""
        (self.strict if strict else self.problems).append(Problem(self.path, message, line, qid))

    @staticmethod
    def line(raw: Any, key: str | None = None) -> int | None:
        """Return the line of ``raw`` (or of its ``key``) when it carries one."""
        if isinstance(raw, LineDict):
            return raw.line_of(key) if key else raw.line
        return None

    def mapping(self, raw: Any, what: str, line: int | None = None,
                qid: str | None = None) -> LineDict | None:
        """Return ``raw`` if it is a mapping, else record a problem."""
        if isinstance(raw, LineDict):
            return raw
        self.add(f"{what} must be a mapping, not {kind_of(raw)}", line, qid)
        return None

    def items(self, raw: LineDict, key: str, qid: str | None = None,
              *, required: bool = True) -> list[tuple[Any, int | None]]:
        """Return ``raw[key]`` as a list of (item, line), recording a problem if it is not one."""
        if key not in raw:
            if required:
                self.add(f"'{key}' is missing", raw.line, qid)
            return []
        value = raw[key]
        if not isinstance(value, LineList):
            self.add(f"'{key}' must be a list, not {kind_of(value)}", raw.line_of(key), qid)
            return []
        return list(zip(value, value.item_lines, strict=True))

    def string(self, raw: LineDict, key: str, qid: str | None = None, *,
               required: bool = True, default: str | None = None) -> str | None:
        """Return ``raw[key]`` as text; numbers and dates are turned into text, as typed."""
        if key not in raw or raw[key] is None:
            if required:
                self.add(f"'{key}' is missing", raw.line, qid)
            return default
        value = raw[key]
        typed = raw.typed(key) if isinstance(raw, LineDict) else None
        if typed is not None:  # name: 007, note: 12:30:00, sector: yes: text, as typed
            return typed
        if isinstance(value, bool | LineDict | LineList):
            self.add(f"'{key}' must be text, not {kind_of(value)}", raw.line_of(key), qid)
            return default
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def number(self, raw: LineDict, key: str, qid: str | None = None, *,
               default: float | None = None) -> float | None:
        """Return ``raw[key]`` as a number, or ``default`` when absent."""
        if key not in raw:
            return default
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(f"'{key}' must be a number, not {kind_of(value)}", raw.line_of(key), qid)
            return default
        if not math.isfinite(value):
            self.add(f"'{key}' must be a finite number", raw.line_of(key), qid)
            return default
        return float(value)

    def flag(self, raw: LineDict, key: str, qid: str | None = None, *,
             default: bool = False) -> bool:
        """Return ``raw[key]`` as true or false."""
        if key not in raw:
            return default
        value = raw[key]
        if not isinstance(value, bool):
            self.add(f"'{key}' must be true or false", raw.line_of(key), qid)
            return default
        return value

    def text(self, raw: LineDict, key: str, qid: str | None = None, *,
             required: bool = True, also: frozenset[str] = frozenset()) -> Text | None:
        """Return a bilingual ``{en, zh}`` text; a missing translation is a strict problem.

        ``also`` names keys the mapping may hold beside the languages (a statement's
        ``partial``), read by the caller.
        """
        if key not in raw or raw[key] is None:
            if required:
                self.add(f"'{key}' is missing", raw.line, qid)
            return None
        value = raw[key]
        line = raw.line_of(key)
        if isinstance(value, str):
            self.add(f"'{key}' must give both en and zh, not one string", line, qid, strict=True)
            return Text(value, "")
        if not isinstance(value, LineDict):
            self.add(f"'{key}' must be a mapping of en and zh", line, qid)
            return None
        for extra in sorted(set(value) - set(LANGS) - also):
            self.add(f"'{key}' has unknown language '{extra}' (use en and zh)",
                     value.line_of(extra), qid)
        parts: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.add(f"'{key}' is not translated: '{lang}' is missing or empty", line, qid,
                         strict=lang != "en")
                parts[lang] = ""
            else:
                parts[lang] = item.strip()
        for word, term in misused(parts["zh"]):
            self.add(f"'{key}' (zh) says {word}, not the statutes' wording: write {term}", line,
                     qid, strict=True)
        return Text(parts["en"], CJK_GAP.sub("", parts["zh"]))

    def unknown_keys(self, raw: LineDict, allowed: frozenset[str], what: str,
                     qid: str | None = None) -> None:
        """Record every key not in ``allowed`` (a typo would otherwise be ignored silently).

        A misspelt key (``organization``, ``answer:`` for ``answers:``) is reported once, with
        "did you mean", and renamed in ``raw`` when the key it means is absent, so the block is
        still read and checked as meant rather than reported missing as well.
        """
        for key in list(raw):
            if key in allowed:
                continue
            typed = raw.spelled.get(key, key)
            meant = suggestion(typed, allowed)
            why = f"YAML reads an unquoted {typed} as {key}" if typed != key else ""
            hint = "; ".join(filter(None, [why, f"did you mean '{meant}'?" if meant else ""]))
            line = raw.line_of(key)
            self.add(f"unknown key '{typed}' in {what}" + (f" ({hint})" if hint else ""), line,
                     qid)
            if meant and meant not in raw and hasattr(raw, "key_lines"):
                raw[meant] = raw.pop(key)
                raw.key_lines[meant] = line or 0


# Keys people type for the ones meant, where spelling alone does not show it.
MEANT = {"org": "organisation", "company": "organisation", "client": "organisation",
         "comment": "note", "comments": "note", "language": "lang", "on": "date",
         "signoff": "signed_off", "sign_off": "signed_off", "signed": "signed_off",
         "respondent": "by", "value": "answer"}


def suggestion(key: str, allowed: frozenset[str]) -> str | None:
    """Return the allowed key ``key`` most likely means, or None."""
    lowered = key.strip().lower().replace("-", "_").replace(" ", "_")
    if lowered in allowed:
        return lowered
    if MEANT.get(lowered) in allowed:
        return MEANT[lowered]
    close = difflib.get_close_matches(lowered, sorted(allowed), n=1, cutoff=0.75)
    return close[0] if close else None


def kind_of(value: Any) -> str:
    """Name a parsed value's kind for a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, LineDict | dict):
        return "a mapping"
    if isinstance(value, LineList | list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "text"
