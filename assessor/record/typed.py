"""What clients type: dates, periods and Chinese numerals read as the values the record holds.

A client writes ``2026/12/15`` or ``2026年12月15日`` for a date, ``6 months``, ``3年`` or
``三年`` for a period, and separates choices with ``、`` or ``，``. The workbook and the
answers file read these alike (one function each), and a period's unit is checked against
the question's: ``2 years`` where months are asked is 24, ``3 days`` where months are asked
is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from assessor.bilingual import Text

DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
CHOICES = re.compile(r"\s*[,，、;；\n]\s*")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
POWERS = {"十": 10, "百": 100, "千": 1000}
# Each unit a period may be written in -> (the unit family, how many of the family's base).
UNITS: dict[str, tuple[str, float]] = {}
for names, family, size in (
        (("hour", "hours", "hr", "hrs", "h", "小时", "个小时", "小時", "個小時"), "time", 1),
        (("day", "days", "d", "天", "日", "个自然日", "自然日"), "time", 24),
        (("week", "weeks", "wk", "wks", "周", "个星期", "星期", "週"), "time", 24 * 7),
        (("working day", "working days", "business day", "business days", "工作日", "个工作日"),
         "working", 1),
        (("month", "months", "mo", "mos", "mth", "mths", "个月", "月", "個月"), "calendar", 1),
        (("year", "years", "yr", "yrs", "y", "年", "周年"), "calendar", 12)):
    for name in names:
        UNITS[name] = (family, size)
PERIOD = re.compile(r"(?P<number>[0-9.]+|[零〇一二两兩三四五六七八九十百千半]+)\s*"
                    r"(?P<unit>[^\d\s].*?)")


def parse_date(text: str) -> dt.date:
    """Return the date ``text`` gives: ``2026-12-15``, ``2026/12/15``, ``2026年12月15日``.

    Raises:
        ValueError: not a date in one of these forms, or no such day.
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    found = DATE.fullmatch(plain)
    if found is None:
        raise ValueError(f"'{text}' is not a date: write it 2026-12-15 (or 2026/12/15)")
    year, month, day = (int(found.group(i)) for i in (1, 2, 3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a day of the calendar") from None


def iso(text: str) -> str:
    """Return ``text`` as an ISO date (YYYY-MM-DD); see :func:`parse_date`.

    Raises:
        ValueError: not a date.
    """
    return parse_date(text).isoformat()


def chinese_number(text: str) -> float | None:
    """Return the number Chinese numerals write (``三`` 3, ``十八`` 18, ``两百`` 200), or None."""
    if text == "半":
        return 0.5
    if not text or any(c not in DIGITS and c not in POWERS for c in text):
        return None
    total = pending = 0
    for char in text:
        if char in DIGITS:
            pending = DIGITS[char]
        else:
            total += (pending or 1) * POWERS[char]
            pending = 0
    return float(total + pending)


def period(text: str, unit: Text | None) -> float | None:
    """Return a period written with its unit, in the question's ``unit``, or None.

    None means ``text`` names no unit of time (a plain number, ``2.5 million``): the caller
    reads it as a number.

    Raises:
        ValueError: a unit of time that cannot be turned into the question's.
    """
    plain = unicodedata.normalize("NFKC", text).strip().lower()
    found = PERIOD.fullmatch(plain)
    if found is None:
        return None
    given = UNITS.get(found.group("unit").strip().rstrip("."))
    if given is None:
        return None
    wanted = want(unit)
    number = chinese_number(found.group("number"))
    if number is None:
        try:
            number = float(found.group("number"))
        except ValueError:
            return None
    if wanted is None or wanted[0] != given[0]:
        asked = unit.get("en") if unit else "a plain number"
        raise ValueError(f"'{text}' is a period in {found.group('unit').strip()}; this question "
                         f"asks for {asked}: give the number of {asked}")
    return number * given[1] / wanted[1]


def want(unit: Text | None) -> tuple[str, float] | None:
    """Return the family and size of a question's unit, or None when it is not one of time."""
    if unit is None:
        return None
    return UNITS.get(unit.en.strip().lower()) or UNITS.get(unit.zh.strip())


def split_choices(text: str) -> list[str]:
    """Return the choices a text lists, separated by , ， 、 ; ； or new lines."""
    return [part for part in CHOICES.split(text.strip()) if part]


def split_labels(text: str, known: Callable[[str], bool]) -> list[str]:
    """Return the choices a text lists, keeping whole a label that holds a separator itself.

    ``Documented, approved and followed`` is one label though it holds a comma: runs of parts
    are joined back, longest first, wherever the joined text is a label ``known`` accepts.
    """
    pieces = CHOICES.split(text.strip())
    seps = CHOICES.findall(text.strip())
    out: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            joined = "".join(p + s for p, s in zip(pieces[start:end - 1], seps[start:end - 1],
                                                   strict=True)) + pieces[end - 1]
            if end == start + 1 or known(joined):
                if joined.strip():
                    out.append(joined.strip())
                start = end
                break
    return out
