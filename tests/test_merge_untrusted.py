"""Merge and import lose nothing (security review defects 9, 10, 23); each fails on the release
reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessor.model.catalog import Catalog
from assessor.record.answers import load

from .conftest import Run, write
from .test_signoff import CLEAN, OPTIONS

pytestmark = pytest.mark.usefixtures("in_tmp")


def variant(path: Path, text: str, **replacements: str) -> Path:
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return write(path, text)


def test_c07_a_differing_severity_override_is_a_conflict(run: Run, tmp_path: Path,
                                                        mini: Catalog) -> None:
    plan = "bank.ops.plan: {answer: partial, note: Only the data centre.}"
    variant(tmp_path / "a.yaml", CLEAN, **{plan: plan.replace(
        "}", ", severity: {level: low, justification: pilot only}}")})
    variant(tmp_path / "b.yaml", CLEAN, **{plan: plan.replace(
        "}", ", severity: {level: critical, justification: regulator inquiry open}}")})
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", *OPTIONS)
    assert status == 2
    assert "bank.ops.plan: severity override 'critical' differs from a.yaml:" in err
    assert not (tmp_path / "m.yaml").exists()
    assert run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", "--prefer", "b.yaml",
               *OPTIONS)[0] == 0
    severity = load(tmp_path / "m.yaml", mini).answers["bank.ops.plan"].severity
    assert severity is not None and str(severity.level) == "critical"


def test_c08_prefer_newest_takes_the_later_dated_items(run: Run, tmp_path: Path,
                                                       mini: Catalog) -> None:
    late = CLEAN.replace("date: 2026-11-20}", "date: 2026-12-01}").replace(
        "E-1: {title: Log policy, status: accepted}",
        "E-1: {title: Log policy, status: accepted, received: 2026-11-30}") + \
        "actions:\n  bank.ops.plan: {owner: DPO, status: done}\n"
    early = CLEAN.replace("date: 2026-11-20}", "date: 2026-01-01}").replace(
        "E-1: {title: Log policy, status: accepted}",
        "E-1: {title: Log policy, status: requested, requested: 2025-12-20}") + \
        "actions:\n  bank.ops.plan: {owner: DPO, status: open}\n"
    write(tmp_path / "a.yaml", late)
    write(tmp_path / "b.yaml", early)
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", "--prefer", "newest",
                         *OPTIONS)
    assert status == 0, err
    merged = load(tmp_path / "m.yaml", mini)
    assert merged.evidence["E-1"].status == "accepted"
    assert merged.actions["bank.ops.plan"].status == "done"


def test_c09_merge_import_and_sign_off_keep_the_versions_answered_against(
        run: Run, tmp_path: Path) -> None:
    old = CLEAN + "versions: {profile: '0.9', bank: '0.5'}\n"
    write(tmp_path / "a.yaml", old)
    write(tmp_path / "b.yaml", CLEAN.replace("Only the data centre.", "Only the data centre!"))
    assert run("merge", "a.yaml", "b.yaml", "-o", "m.yaml", "--prefer", "a.yaml",
               *OPTIONS)[0] == 0
    data = yaml.safe_load((tmp_path / "m.yaml").read_text(encoding="utf-8"))
    assert data["versions"] == {"profile": "0.9", "bank": "0.5"}
    status, _, err = run("sign-off", "a.yaml", "--by", "P", "--date", "2026-12-10", *OPTIONS)
    assert (status, err) == (2, "assessor: error: a.yaml: not signed off: answered against "
                                "profile 0.9 (now 1), bank 0.5 (now 1.0); carry it to the "
                                "current banks with `assessor migrate` first\n")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == old


def test_a_sign_off_dated_before_the_assessment_is_refused(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN)
    status, _, err = run("sign-off", "a.yaml", "--by", "P", "--date", "2026-11-19", *OPTIONS)
    assert (status, err) == (2, "assessor: error: a.yaml: not signed off: the sign-off date "
                                "2026-11-19 is before the assessment date 2026-11-20\n")
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == CLEAN


def test_a_bare_number_in_a_due_date_cell_is_refused(run: Run, tmp_path: Path) -> None:
    import datetime as dt

    from .test_register import ANSWERS as REGISTER_ANSWERS
    from .test_register import OPTIONS as MINI
    from .test_register import register

    write(tmp_path / "a.yaml", REGISTER_ANSWERS)
    path = register(run, tmp_path, {"S2": dt.datetime(1900, 1, 3)})  # what 3 becomes
    status, _, err = run("import", path, "--into", "a.yaml", *MINI)
    assert status == 2
    assert "Gap register!S2: bank.big.officer: due date '1900-01-03" in err
