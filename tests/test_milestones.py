"""The record's milestones (the dates the calendar counts from) survive every write path."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor.interview.start import open_session
from assessor.model.catalog import Catalog
from tests.conftest import EXAMPLES, Run, read_yaml, yaml_text


def example_with(tmp_path: Path, name: str, milestones: dict[str, str]) -> Path:
    """Write the crossborder example with ``milestones`` to ``tmp_path/name``."""
    data = read_yaml((EXAMPLES / "crossborder-ecommerce.yaml").read_text(encoding="utf-8"))
    data["milestones"] = milestones
    path = tmp_path / name
    path.write_text(yaml_text(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def milestones_of(path: Path) -> object:
    """Return the ``milestones`` block a saved file holds."""
    return read_yaml(path.read_text(encoding="utf-8")).get("milestones")


def test_a_bad_date_is_named_at_its_line(tmp_path: Path, run: Run) -> None:
    path = example_with(tmp_path, "a.yaml", {"security_assessment": "3 March 2025"})
    status, _, err = run("check", path)
    assert status == 2
    assert "a.yaml:" in err and "security_assessment '3 March 2025' must be a date" in err


@pytest.mark.usefixtures("in_tmp")
def test_merge_keeps_every_date_and_names_a_conflict(tmp_path: Path, run: Run) -> None:
    example_with(tmp_path, "a.yaml", {"security_assessment": "2025-03-03"})
    example_with(tmp_path, "b.yaml", {"pi_audit": "2025-06-30"})
    status, _, err = run("merge", "a.yaml", "b.yaml", "-o", "all.yaml")
    assert status == 0, err
    assert milestones_of(tmp_path / "all.yaml") == {"security_assessment": "2025-03-03",
                                                    "pi_audit": "2025-06-30"}
    example_with(tmp_path, "c.yaml", {"security_assessment": "2025-04-01"})
    status, _, err = run("merge", "a.yaml", "c.yaml", "-o", "two.yaml")
    assert status == 2
    assert "milestones.security_assessment differs" in err and not (tmp_path / "two.yaml").exists()


def test_the_interview_saves_them_back(catalog: Catalog, tmp_path: Path) -> None:
    path = example_with(tmp_path, "a.yaml", {"risk_report": "2026-01-15"})
    session = open_session(catalog, [], None, path)
    session.save()
    assert milestones_of(path) == {"risk_report": "2026-01-15"}
