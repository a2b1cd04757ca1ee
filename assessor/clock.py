"""Today's date and the time of day, read from the system in this one place.

The tool promises the same bytes from the same input, and the day is an input: a merge's
"after today" check, an import's or sign-off's date, an interview's answer date and a lock's
note all ask here. A test pins the day by replacing :func:`today` (``monkeypatch.setattr``),
and ruff's DTZ rules refuse a clock read anywhere else.
"""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """Return today's date on this machine's calendar (the day a consultant would write)."""
    return dt.date.today()  # noqa: DTZ011 - the one place the system's day is read


def now() -> dt.datetime:
    """Return the local time, aware of its zone (a lock's note says when it was taken)."""
    return dt.datetime.now().astimezone()
