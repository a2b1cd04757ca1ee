"""The day is read in one place (assessor.clock): pin it there and every dated write follows.

Ruff's DTZ rules (pyproject) refuse a clock read anywhere else; these tests prove the commands
that write a day ask the clock, by pinning it to a day no machine is on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assessor import clock
from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, write
from .test_many_hands import EXAMPLE, XB, respondent
from .test_signoff import CLEAN, OPTIONS

pytestmark = pytest.mark.usefixtures("in_tmp")


def pin(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date.fromisoformat(day))


def test_sign_off_without_a_date_is_dated_by_the_clock(run: Run,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    write(Path("a.yaml"), CLEAN)
    pin(monkeypatch, "2031-03-04")
    status, out, err = run("sign-off", "a.yaml", "--by", "P. Partner", "--role", "Partner",
                           *OPTIONS)
    assert (status, err) == (0, "")
    assert out == "a.yaml: final, signed off by P. Partner (Partner) on 2031-03-04\n"
    saved = yaml.safe_load(Path("a.yaml").read_text(encoding="utf-8"))
    assert saved["assessment"]["signed_off"]["date"] == "2031-03-04"


def test_merge_judges_after_today_by_the_clock(run: Run, catalog: Catalog,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    full = load(EXAMPLE, catalog)
    hr = respondent(full, "hr.yaml", "HR (Zhang Min)", "2026-12-15", catalog,
                    **{XB: "unknown"})
    it = respondent(full, "it.yaml", "IT (Li Wei)", "2031-01-01", catalog, **{XB: "none"})
    pin(monkeypatch, "2030-12-31")  # the IT answer is a day ahead: refused, named
    status, _, err = run("merge", hr, it, "-o", "m.yaml", "--prefer", "newest")
    assert status == 2 and not Path("m.yaml").exists()
    assert f"{XB}: answered 2031-01-01, after today (2030-12-31)" in err
    pin(monkeypatch, "2031-01-01")  # that day has come: the newest answer wins
    status, _, err = run("merge", hr, it, "-o", "m.yaml", "--prefer", "newest")
    assert status == 0, err
    assert load(Path("m.yaml"), catalog).answers[XB].value == "none"
