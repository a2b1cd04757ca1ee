"""`check` compares the registers with the profile, the 2024 thresholds and the filing window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessor.filing.rules import file_by, months_after
from tests.conftest import EXAMPLES, Run, write

CROSSBORDER = (EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8")
pytestmark = pytest.mark.usefixtures("in_tmp")


def check(run: Run, text: str) -> tuple[int, str]:
    """Run `check` on ``text``; return the status and the error lines."""
    write(Path("x.yaml"), text)
    status, _, err = run("check", "--allow-incomplete", "x.yaml")
    return status, err


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based line of the first line holding ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_crossborder_example_passes_every_cross_check(run: Run) -> None:
    assert check(run, CROSSBORDER)[0] == 0


def test_a_cbdf_article_7_case_declared_as_standard_contract_is_an_error(run: Run) -> None:
    text = CROSSBORDER.replace("retention: {en: \"3 years (Japanese customs record rule)\", "
                               "zh: 3年（日本海关记录保存要求）}, route: security_assessment",
                               "retention: {en: \"3 years (Japanese customs record rule)\", "
                               "zh: 3年（日本海关记录保存要求）}, route: standard_contract")
    text = text.replace("answer: [security_assessment, exemption]",
                        "answer: [security_assessment, standard_contract, exemption]")
    assert text.count("route: standard_contract") == 1
    status, err = check(run, text)
    assert status == 2
    line = line_of(text, "route: standard_contract")
    assert (f"x.yaml:{line}: T-2: route 'standard_contract' does not fit: CBDF Art. 7(2): "
            "2,400,000 individuals' personal information (not sensitive) and 180,000 "
            "individuals' sensitive personal information went abroad this year (the profile's "
            "answers); from 1,000,000 or 10,000 respectively a security assessment is needed"
            ) in err


def test_a_route_the_profile_does_not_declare_is_an_error(run: Run) -> None:
    text = CROSSBORDER.replace("answer: [security_assessment, exemption]", "answer: [exemption]")
    status, err = check(run, text)
    assert status == 2
    assert "T-1: route 'security_assessment' is not among the routes the profile declares" in err


def test_below_the_thresholds_a_standard_contract_is_accepted(run: Run) -> None:
    text = (CROSSBORDER.replace("route: security_assessment", "route: standard_contract")
            .replace("answer: [security_assessment, exemption]", "answer: [standard_contract]")
            .replace("answer: 2400000", "answer: 240000").replace("answer: 180000", "answer: 1800")
            .replace("individuals: 2450000, sensitive: 180000", "individuals: 245000, "
                                                                "sensitive: 1800"))
    status, err = check(run, text)
    assert "does not fit" not in err
    text = text.replace("category: personal, name: {en: Consignee name",
                        "category: important, name: {en: Consignee name")
    status, err = check(run, text)
    assert status == 2 and ("T-1: route 'standard_contract' does not fit: CBDF Art. 7(2): it "
                            "carries important data") in err


def test_a_ciio_needs_the_assessment_for_any_personal_information(run: Run) -> None:
    text = (CROSSBORDER.replace("route: security_assessment", "route: certification")
            .replace("answer: [security_assessment, exemption]", "answer: [certification]")
            .replace("  profile.ciio:\n    answer: no", "  profile.ciio:\n    answer: yes"))
    status, err = check(run, text)
    assert status == 2
    assert "T-3: route 'certification' does not fit: CBDF Art. 7(1): a critical" in err


def test_counts_below_the_profile_are_an_error(run: Run) -> None:
    text = CROSSBORDER.replace("individuals: 2450000, sensitive: 180000",
                               "individuals: 2300000, sensitive: 9000")
    status, err = check(run, text)
    line = line_of(text, "counts: {year: 2026")
    assert status == 2
    assert (f"x.yaml:{line}: counts: counts.individuals (2,300,000) is below the profile's "
            "2,400,000 (profile.xb_pi_nonsensitive_ytd") in err
    assert "counts.sensitive (9,000) is below the profile's 180,000" in err


def test_an_assessment_older_than_3_months_is_an_error(run: Run) -> None:
    text = CROSSBORDER.replace("filing: 2026-12-15", "filing: 2027-02-07")
    status, err = check(run, text)
    line = line_of(text, "filing: 2027-02-07")
    assert status == 2
    assert (f"x.yaml:{line}: self_assessment: the self-assessment ended on 2026-11-06, more than "
            "3 months before the filing date 2027-02-07: a filing must be made by 2027-02-06 "
            "(note (2) of the filing form)") in err
    assert check(run, CROSSBORDER.replace("filing: 2026-12-15", "filing: 2027-02-06"))[0] == 0


def test_three_months_after_a_month_end_is_the_last_day_of_the_month() -> None:
    assert months_after(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert months_after(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert file_by("2026-10-15") == dt.date(2027, 1, 15)
