"""Text as it is laid out in columns: how wide it is, and where it may break.

One home for the rule every output that lines text up by hand shares (the terminal, the
template's comments, the workbook's row heights, the charts' labels): a Chinese (wide)
character takes two columns, a combining mark none, and a line may break between any two
wide characters but only between Latin words (and lines broken so are joined back the same way).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Wide characters: Hangul, CJK (radicals to ideographs, with its punctuation), Yi, full-width forms.
WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf" \
       "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
# One wide character, or a Latin word with the spaces after it, or spaces.
TOKEN = re.compile(rf"[{WIDE}]|[^\s{WIDE}]+\s*|\s+")
WIDE_CHAR = re.compile(rf"[{WIDE}]")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Return the columns one character takes: two for wide (Chinese), none for combining."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Return the columns ``text`` takes (Chinese characters take two)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def fit(text: str, columns: int) -> str:
    """Return ``text`` on one line, cut with an ellipsis to at most ``columns`` columns."""
    text = re.sub(r"\s*\n\s*", " ", text.rstrip())
    if width(text) <= columns:
        return text
    out, used = "", 0
    for char in text:
        if used + char_width(char) > columns - 1:
            break
        out += char
        used += char_width(char)
    return out.rstrip() + "…"


def pad(text: str, columns: int) -> str:
    """Return ``text`` fitted and padded with spaces to exactly ``columns`` columns."""
    text = fit(text, columns)
    return text + " " * (columns - width(text))


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Break ``text`` into lines of at most ``columns`` columns, between words or characters.

    Unlike :mod:`textwrap`, counts a Chinese character as two columns and may break between
    any two of them, as Chinese text is set. Each line of ``text`` starts a new paragraph.
    """
    lines: list[str] = []
    room = max(columns - width(indent), 10)
    for paragraph in text.strip().splitlines() or [""]:
        line = ""
        for token in TOKEN.findall(paragraph.strip()):
            if line.strip() and width(line + token.rstrip()) > room:
                lines.append(indent + line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(indent + line.rstrip())
    return lines


def unwrap(paragraph: str) -> str:
    """Join a paragraph's lines: with a space between Latin words, with nothing beside Chinese."""
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("" if WIDE_CHAR.match(out[-1]) or WIDE_CHAR.match(line[0]) else " ") + line
    return out
