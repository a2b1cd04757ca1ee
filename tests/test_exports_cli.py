"""``assessor export`` and ``assessor calendar`` as a user runs them: files, refusals, statuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Run, read_yaml

pytestmark = pytest.mark.usefixtures("in_tmp")
CROSSBORDER = EXAMPLES / "crossborder-ecommerce.yaml"


def test_libraries_are_written_into_the_folder(tmp_path: Path, run: Run) -> None:
    status, _, err = run("export", "ciso-assistant", "-q", "pipl", "-q", "csl", "-o", "libs",
                         "--date", "2026-12-06")
    assert status == 0, err
    names = sorted(p.name for p in (tmp_path / "libs").iterdir())
    assert "assessor-cn-pipl.yaml" in names and "assessor-cn-csl.yaml" in names
    assert "assessor-cn-dsl.yaml" not in names
    assert "mapping-cn-csl-and-cn-pipl.yaml" in names
    assert "assessor-gdsi-principles.yaml" in names
    pipl = read_yaml((tmp_path / "libs" / "assessor-cn-pipl.yaml").read_text("utf-8"))
    assert pipl["publication_date"] == "2026-12-06"
    assert "wrote libs/assessor-cn-pipl.yaml" in err


def test_nothing_is_replaced_without_force(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "libs"
    folder.mkdir()
    (folder / "assessor-cn-pipl.yaml").write_text("mine\n", encoding="utf-8")
    status, _, err = run("export", "ciso-assistant", "-o", "libs")
    assert status == 2
    assert "libs/assessor-cn-pipl.yaml exists; use --force" in err
    assert sorted(p.name for p in folder.iterdir()) == ["assessor-cn-pipl.yaml"]
    assert (folder / "assessor-cn-pipl.yaml").read_text(encoding="utf-8") == "mine\n"
    status, _, _ = run("export", "ciso-assistant", "-o", "libs", "--force")
    assert status == 0


@pytest.mark.parametrize(("argv", "message"), [
    (("export", "oscal", "-o", "out"), "export oscal needs the answers file"),
    (("export", "ciso-assistant", str(CROSSBORDER), "-o", "out"), "takes no answers file"),
    (("export", "ciso-assistant", "-o", "out", "--date", "6/12/2026"), "must be a date"),
    (("export", "ciso-assistant", "-o", "out", "-q", "nope"), "unknown questionnaire nope"),
    (("calendar", str(CROSSBORDER), "-o", "dates.txt"), "name it .ics"),
])
def test_usage_mistakes_exit_2(tmp_path: Path, run: Run, argv: tuple[str, ...],
                               message: str) -> None:
    status, _, err = run(*argv)
    assert status == 2 and message in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "dates.txt").exists()


def test_the_output_must_be_a_folder(tmp_path: Path, run: Run) -> None:
    (tmp_path / "out").write_text("a file\n", encoding="utf-8")
    status, _, err = run("export", "oscal", CROSSBORDER, "-o", "out")
    assert status == 2 and "out is not a folder" in err


def test_audits_and_oscal_for_an_assessment(tmp_path: Path, run: Run) -> None:
    status, _, err = run("export", "ciso-assistant-audit", CROSSBORDER, "-o", "audits")
    assert status == 0, err
    assert (tmp_path / "audits" / "audit-cn-pipl.xlsx").stat().st_size > 0
    status, _, err = run("export", "oscal", CROSSBORDER, "-o", "oscal")
    assert status == 0, err
    assert sorted(p.name for p in (tmp_path / "oscal").iterdir()) == [
        "assessment-plan.json", "assessment-results.json", "catalog.json"]


def test_calendar_of_the_shipped_examples(tmp_path: Path, run: Run) -> None:
    icalendar = pytest.importorskip("icalendar")
    status, out, err = run("calendar", CROSSBORDER, "-o", "dates.ics")
    assert status == 0, err
    assert "2028-03-03  Security assessment: the result expires  (CBDF Art. 9)" in out
    events = icalendar.Calendar.from_ical((tmp_path / "dates.ics").read_bytes()).walk("VEVENT")
    assert sorted(e.decoded("DTSTART") for e in events) == [
        dt.date(2027, 6, 30), dt.date(2027, 12, 10), dt.date(2028, 3, 3)]
    status, out, _ = run("calendar", EXAMPLES / "power-utility-ciio.yaml")
    assert status == 0
    assert "2027-01-15  重要数据：年度风险评估报告到期" in out
    assert "2027-09-20  数据出境安全评估：结果有效期届满" in out


def test_calendar_with_no_date_writes_nothing(tmp_path: Path, run: Run) -> None:
    status, out, err = run("calendar", EXAMPLES / "foreign-saas.yaml", "-o", "dates.ics")
    assert status == 2 and "dates.ics not written" in err
    assert "no statutory date" in out
    assert not (tmp_path / "dates.ics").exists()
