"""Cells of a workbook a client returns: untrusted text, read the one way every reader shares.

A cell that holds a formula is refused (its value would be whatever the formula computed, and
its source would become the record's text); Excel's ``_xHHHH_`` escapes (a carriage return is
stored as ``_x000D_``) are decoded; text longer than a cell may hold (32,767 characters) was
cut or forged, so it is refused with its cell rather than taken short.
"""

from __future__ import annotations

import re
from typing import Any

EXCEL_CELL_LIMIT = 32_767
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes (``_x005F_`` is a literal underscore)."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def refusal(cell: Any, what: str) -> str | None:
    """Return why a cell cannot be read as ``what`` (a note, an owner), or None when it can."""
    if cell is None or cell.value is None:
        return None
    if cell.data_type == "f":
        return (f"a formula is not {what} ({str(cell.value)[:40]!r}): type the text itself")
    if isinstance(cell.value, str) and len(cell.value) > EXCEL_CELL_LIMIT:
        return (f"{len(cell.value):,} characters, more than an Excel cell holds "
                f"({EXCEL_CELL_LIMIT:,}): the text was cut or the file edited by hand")
    return None


def looks_like_formula(text: str) -> bool:
    """Return whether ``text`` is a formula typed as text (``'=HYPERLINK(...)``)."""
    return text.lstrip().startswith("=")


__all__ = ["EXCEL_CELL_LIMIT", "looks_like_formula", "refusal", "unescape"]
