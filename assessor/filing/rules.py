"""The thresholds and time limits the filings rest on, each with the text it comes from.

Only what the texts in the project's law folder confirm is here: CBDF Art. 7 items (1) and (2)
(read in two copies); Art. 5's exemptions and Art. 8's band are not retrieved, so no rule below
rests on them. The 3-month window is the forms' own note (2), not an article of law.
"""

from __future__ import annotations

import calendar
import datetime as dt

# CBDF Art. 7(2): a processor other than a CII operator needs a security assessment when, since
# 1 January of the current year, it has provided abroad the personal information of 1,000,000 or
# more individuals (sensitive personal information not included) or the sensitive personal
# information of 10,000 or more.
ASSESSMENT_PI = 1_000_000
ASSESSMENT_SENSITIVE = 10_000
ART7_PI = "CBDF Art. 7(2)"
ART7_CIIO = "CBDF Art. 7(1)"  # a CII operator providing personal information or important data
ART7_IMPORTANT = "CBDF Art. 7(2)"  # important data, whoever provides it

# Note (2) of both forms (annex 4 of the security-assessment filing guide, annex 5 of the
# standard-contract filing guide): the assessment was completed within 3 months before filing.
WINDOW_MONTHS = 3
WINDOW_SOURCE = "note (2) of the filing form"


def months_after(day: dt.date, months: int) -> dt.date:
    """Return the same day ``months`` later, or the month's last day when it has fewer days."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def file_by(ended: str) -> dt.date:
    """Return the last day a filing may use an assessment that ended on ``ended``."""
    return months_after(dt.date.fromisoformat(ended), WINDOW_MONTHS)


def chinese_date(day: str) -> str:
    """Return 2026-12-15 as 2026年12月15日."""
    d = dt.date.fromisoformat(day)
    return f"{d.year}年{d.month}月{d.day}日"
